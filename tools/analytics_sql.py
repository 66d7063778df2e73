"""Shared pieces of the set-based analytics: the reporting window, exact ratios and robust statistics.

The heavy lifting is SQL that runs inside the database (GROUP BY per partner); Python only combines the
per-partner aggregate rows. Ratios are exact ``Decimal`` quotients of integer counts, never floats, so
SQLite and PostgreSQL give identical answers. Nothing here writes.

Window convention: a window of N days *ending* at ``end`` holds the events with ``start < ts <= end``
where ``start = end - N days``. ``end`` is an explicit ``as_of`` or else the latest click or order in the
store, so a report on an imported history describes that history rather than an empty "last 30 days".
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict
from sqlalchemy import ColumnElement, String, and_, func, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from store.models import Click, Order, Program

RATE_PLACES = Decimal("0.0001")
MAD_TO_SIGMA = Decimal("1.4826")


class Window(BaseModel):
    """``start < ts <= end``, both timezone-aware UTC."""

    model_config = ConfigDict(frozen=True)
    start: AwareDatetime
    end: AwareDatetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def previous(self) -> Window:
        """The window of the same length that ends where this one starts."""
        return Window(start=self.start - self.length, end=self.start)


def latest_event_ts(*, session: Session) -> datetime | None:
    latest_click = session.scalar(select(func.max(Click.ts)))
    latest_order = session.scalar(select(func.max(Order.ts)))
    candidates = [ts for ts in (latest_click, latest_order) if ts is not None]
    return max(candidates) if candidates else None


def resolve_window(*, session: Session, days: int, as_of: datetime | None = None) -> Window:
    """The ``days``-long window ending at ``as_of``, else at the latest event, else now."""
    if days < 1:
        raise ValueError("a window needs at least one day")
    end = as_of or latest_event_ts(session=session) or datetime.now(UTC)
    end = end.astimezone(UTC)
    return Window(start=end - timedelta(days=days), end=end)


def in_window(column: ColumnElement[datetime] | InstrumentedAttribute[datetime], window: Window) -> ColumnElement[bool]:
    return and_(column > window.start, column <= window.end)


@contextmanager
def without_jit(*, session: Session) -> Iterator[None]:
    """PostgreSQL compiles no statement inside to machine code (JIT); the setting is restored after.

    For many small look-ups whose IN lists push their estimated cost past ``jit_above_cost``: each spent more
    compiling than running (0.37 of 0.62 s at 10,000 partners). SQLite has no JIT: nothing to do.
    """
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    previous = session.scalar(text("SELECT current_setting('jit')"))
    session.execute(text("SELECT set_config('jit', 'off', true)"))
    try:
        yield
    finally:
        session.execute(text("SELECT set_config('jit', :previous, true)"), {"previous": previous})


def program_currency(*, session: Session) -> str:
    return session.scalar(select(Program.currency).where(Program.id == 1)) or "USD"


def ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """``numerator / denominator`` to four places (half-even); ``None`` when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN)


def decimal_text(value: Decimal) -> str:
    """A baseline statistic or floor for evidence: four places, like every rate ("0.0834", not "0.08335")."""
    return str(value.quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN))


def percent_text(value: Decimal | None) -> str:
    """A rate for people: ``0.0834`` -> ``"8.3%"``, ``"n/a"`` when there is none."""
    return "n/a" if value is None else f"{(value * 100).quantize(Decimal('0.1'))}%"


def per_unit_cents(cents: int, units: int) -> int | None:
    """Money per unit (AOV, EPC) rounded half-even to whole minor units."""
    if not units:
        return None
    return int((Decimal(cents) / Decimal(units)).to_integral_value(rounding=ROUND_HALF_EVEN))


def relative_change(current: int, previous: int) -> Decimal | None:
    """(current - previous) / previous; ``None`` when the previous window had nothing."""
    return ratio(current - previous, previous)


def median(values: Sequence[Decimal]) -> Decimal:
    if not values:
        return Decimal(0)
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def quantile(values: Sequence[Decimal], q: Decimal) -> Decimal:
    """The q-quantile by linear interpolation between order statistics (q in [0, 1])."""
    if not values:
        return Decimal(0)
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Baseline(BaseModel):
    """Median and scaled MAD of one per-partner measure across the program (the robust "normal")."""

    model_config = ConfigDict(frozen=True)
    median: Decimal
    spread: Decimal
    partners: int

    def z(self, value: Decimal) -> Decimal:
        """Robust z-score: how many (MAD-based) standard deviations ``value`` lies above the median."""
        return ((value - self.median) / self.spread).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def baseline(values: Sequence[Decimal], *, floor: Decimal) -> Baseline:
    """Median and 1.4826 × MAD; ``floor`` keeps the spread from collapsing when most partners are identical."""
    center = median(values)
    spread = median([abs(value - center) for value in values]) * MAD_TO_SIGMA
    return Baseline(median=center, spread=max(spread, floor), partners=len(values))


class utc_day(FunctionElement[str]):
    """The UTC calendar day of a timestamp as ``YYYY-MM-DD`` (SQLite stores naive UTC; PostgreSQL converts)."""

    type = String()
    inherit_cache = True
    name = "utc_day"


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


class unindexed(FunctionElement[str]):
    """A text column as it is, that SQLite's planner may not satisfy from an index (``+column``; elsewhere the
    column itself).

    For a GROUP BY over most of a table: without statistics SQLite walks an index in group order and fetches
    every row from the table by its rowid; a scan of the table in its own order and a sort of the groups is a
    quarter cheaper (the attributions' order features at 430,000 orders: 3.95 -> 2.87 s of CPU).
    """

    type = String()
    inherit_cache = True
    name = "unindexed"


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


def binomial_upper_tail(successes: int, trials: int, rate: Decimal) -> float:
    """P(X >= successes) for X ~ Binomial(trials, rate): how surprising a count is for a partner's volume.

    Small partners have noisy shares; this asks whether the count is unlikely under the program's rate
    rather than whether the share looks large. A float: it is evidence, never money.
    """
    p = float(rate)
    if successes <= 0:
        return 1.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    return _binomial_mass(range(successes, trials + 1), trials, p)


def binomial_lower_tail(successes: int, trials: int, rate: Decimal) -> float:
    """P(X <= successes) for X ~ Binomial(trials, rate): how surprising a *shortfall* is (e.g. clicks that
    hardly ever convert). A float: it is evidence, never money."""
    p = float(rate)
    if successes >= trials or p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    return _binomial_mass(range(0, successes + 1), trials, p)


def _binomial_mass(ks: range, trials: int, p: float) -> float:
    """Sum of Binomial(trials, p) probabilities over ``ks``, in log space (no underflow for large trials)."""
    if len(ks) == 0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1) + k * log_p + (trials - k) * log_q
        for k in ks
    ]
    peak = max(terms)
    return min(1.0, math.exp(peak) * sum(math.exp(term - peak) for term in terms))
