"""Orders in other currencies: the rate an order converts at, and the order as the program-currency ledger books it.

The ledger has one currency, the program's. An order in another currency is converted line by line before
anything is stored, and the order keeps what the customer paid in (``orders.original_currency``,
``original_total_cents``, each line's ``original_amount_cents``), the rate and its date. The rules:

- **Rates** are ``fx_rates`` rows (``afflow import fx_rates``): program-currency units per unit of the other
  currency, per calendar day. An order uses the **latest rate on or before its date** (the order's time in the
  program's timezone), at most ``RATE_MAX_AGE_DAYS`` days older (weekends and bank holidays have no
  reference rate). With none, the order is not booked at a guess: it is ``parked`` with the reason
  ``no EUR rate for 2026-05-03; import fx_rates`` and booked when the rate arrives (``afflow import fx_rates``
  and ``afflow ledger reconcile`` replay parked orders).
- **Rounding**: each line's amount is converted once, half-even, to the program's minor units:
  ``round_half_even(original minor units × rate × 10^(program digits − order digits))``; the order total is
  the sum of its converted lines, so lines and total always agree. A converted line whose units no longer
  share one unit price becomes two lines of the same SKU (``rest`` units one minor unit dearer, as
  ``workflows.webhooks.common.split_line`` does for discounts), so quantity × unit price stays exact.
- **The platform's own conversion** wins when it sends one: a Shopify order is reported in the shop's
  currency (``shop_money``) with the customer's amounts beside it (``presentment_money``). When the shop's
  currency is the program's, the shop's amounts are booked as they are and the customer's are kept as the
  original; the recorded rate is their ratio (source ``shopify``), on the order's date.
- **Refunds** of a converted order convert at that order's rate: a refund in the order's currency moves the
  line's refunded amount to ``prorate(line amount, original refunded, original amount)``, so a full refund
  reverses exactly what was booked and half a refund half of it (``workflows.booking.refunds``).

Pure functions plus two reads (``load_rates``, ``stored_rates``); this module never writes rows and never
reads settings.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import rows_where_in
from store.models import FxRate, Order
from store.money import minor_digits, prorate, round_half_even
from workflows.booking.bounds import total_problem
from workflows.booking.events import OrderEvent, OrderLineIn

RATE_MAX_AGE_DAYS = 7
"""How much older than the order's date its rate may be: a week covers weekends and holiday runs of the
reference rates, and is short enough that a rate file that stopped being imported parks orders instead of
booking a month-old rate."""
RATE_DECIMALS = 12  # the recorded ratio of a platform's own conversion (informational: amounts are booked as sent)


@dataclass(frozen=True, slots=True)
class Conversion:
    """How a booked order relates to what the customer paid: recorded on the order and its lines."""

    original_currency: str
    original_total_cents: int
    line_originals: tuple[int, ...]  # per booked line, in the original currency
    rate: Decimal | None  # program units per unit; None when the original total is zero
    rate_date: date
    source: str  # fx_rates | shopify


@dataclass(frozen=True, slots=True)
class Converted:
    order: OrderEvent  # in the program currency, as booked
    conversion: Conversion | None  # None: the order was in the program currency


@dataclass(frozen=True, slots=True)
class NotBooked:
    """Why an order cannot be booked yet (``parked``: no rate for its date) or at all (``failed``)."""

    status: str
    reason: str


class RateBook:
    """Rates by currency, sorted by day, for the look-up rule above."""

    def __init__(self, rates: Mapping[str, Sequence[tuple[date, Decimal]]]) -> None:
        self._days = {currency: [day for day, _ in rows] for currency, rows in rates.items()}
        self._rates = {currency: [rate for _, rate in rows] for currency, rows in rates.items()}

    def rate_for(self, currency: str, day: date) -> tuple[Decimal, date] | None:
        """The latest rate on or before ``day``, no older than ``RATE_MAX_AGE_DAYS``; None if there is none."""
        days = self._days.get(currency.upper(), [])
        index = bisect.bisect_right(days, day) - 1
        if index < 0 or (day - days[index]).days > RATE_MAX_AGE_DAYS:
            return None
        return self._rates[currency.upper()][index], days[index]


def order_day(ts: datetime, timezone: str) -> date:
    """The calendar day an order belongs to: its time in the program's timezone."""
    try:
        zone = ZoneInfo(timezone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return ts.astimezone(zone).date()


def missing_rate(currency: str, day: date) -> str:
    """The reason a parked order waits (shown by the inbox and the import)."""
    return f"no {currency.upper()} rate for {day:%Y-%m-%d}; import fx_rates"


def needs_rate(order: OrderEvent, program_currency: str) -> bool:
    return order.currency.upper() != program_currency.upper()


def load_rates(*, session: Session, orders: Iterable[OrderEvent], program_currency: str, timezone: str) -> RateBook:
    """The rates the look-up rule may pick for these orders (one query per currency)."""
    wanted: dict[str, list[date]] = {}
    for order in orders:
        if needs_rate(order, program_currency):
            wanted.setdefault(order.currency.upper(), []).append(order_day(order.ts, timezone))
    found: dict[str, list[tuple[date, Decimal]]] = {}
    for currency, days in wanted.items():
        earliest, latest = min(days) - timedelta(days=RATE_MAX_AGE_DAYS), max(days)
        rows = session.execute(
            select(FxRate.day, FxRate.rate)
            .where(FxRate.currency == currency, FxRate.day >= earliest, FxRate.day <= latest)
            .order_by(FxRate.day)
        )
        found[currency] = [(day, Decimal(rate)) for day, rate in rows]
    return RateBook(found)


def to_program_currency(
    *, order: OrderEvent, program_currency: str, rates: RateBook, timezone: str
) -> Converted | NotBooked:
    """The order as booked (converted, or with the platform's conversion recorded), or why it cannot be yet."""
    day = order_day(order.ts, timezone)
    if not needs_rate(order, program_currency):
        return Converted(order, _platform_conversion(order, day))
    found = rates.rate_for(order.currency, day)
    if found is None:
        return NotBooked("parked", missing_rate(order.currency, day))
    rate, rate_date = found
    return convert(order=order, program_currency=program_currency, rate=rate, rate_date=rate_date)


def convert(*, order: OrderEvent, program_currency: str, rate: Decimal, rate_date: date) -> Converted | NotBooked:
    """Convert each line half-even at ``rate``; a reason instead when the result cannot be booked (too large)."""
    factor = rate * Decimal(10) ** (minor_digits(program_currency) - minor_digits(order.currency))
    parts: list[tuple[str, int, int, int]] = []  # (sku, quantity, unit price as booked, original share)
    for line in order.lines:
        original = line.quantity * line.unit_price_cents
        with localcontext() as exact:  # 10^12 minor units x a 21-digit rate: beyond the default 28 digits
            exact.prec = 60
            booked = round_half_even(original * factor)
        unit, rest = divmod(booked, line.quantity)
        if rest == 0:
            parts.append((line.sku, line.quantity, unit, original))
            continue
        # the original amount follows the booked split (the second part takes the remainder)
        share = prorate(original, rest * (unit + 1), booked)
        parts += [(line.sku, rest, unit + 1, share), (line.sku, line.quantity - rest, unit, original - share)]
    problem = total_problem(quantity * unit for _, quantity, unit, _ in parts)
    if problem is not None:
        return NotBooked(
            "failed", f"order {order.order_id} converted at {rate} {program_currency}/{order.currency}: {problem}"
        )
    # every part is within bounds: quantities no larger than the line's, amounts no larger than the checked total
    lines = tuple(OrderLineIn.model_construct(sku=sku, quantity=q, unit_price_cents=u) for sku, q, u, _ in parts)
    converted = order.model_copy(
        update={"currency": program_currency.upper(), "presentment_currency": None, "lines": lines}
    )
    originals = [share for _, _, _, share in parts]
    conversion = Conversion(
        original_currency=order.currency.upper(),
        original_total_cents=sum(originals),
        line_originals=tuple(originals),
        rate=rate,
        rate_date=rate_date,
        source="fx_rates",
    )
    return Converted(converted, conversion)


def _platform_conversion(order: OrderEvent, day: date) -> Conversion | None:
    """A Shopify-style order in the program currency with the customer's own amounts beside it."""
    presented = order.presentment_currency
    if presented is None or presented.upper() == order.currency.upper():
        return None
    originals = tuple(line.presentment_cents or 0 for line in order.lines)
    booked = sum(line.quantity * line.unit_price_cents for line in order.lines)
    total = sum(originals)
    scale = minor_digits(presented) - minor_digits(order.currency)
    rate = (
        (Decimal(booked) / Decimal(total) * Decimal(10) ** scale).quantize(Decimal(1).scaleb(-RATE_DECIMALS))
        if total
        else None
    )
    return Conversion(
        original_currency=presented.upper(),
        original_total_cents=total,
        line_originals=originals,
        rate=rate,
        rate_date=day,
        source="shopify",
    )


def stored_rates(*, session: Session, order_ids: Iterable[str]) -> dict[str, tuple[Decimal, date]]:
    """The rate and rate date each converted order (of these) was booked at, for re-deriving its lines."""
    query = select(Order.id, Order.fx_rate, Order.fx_rate_date).where(Order.fx_source == "fx_rates")
    return {
        order_id: (Decimal(rate), rate_date)
        for order_id, rate, rate_date in rows_where_in(session, query, Order.id, list(order_ids))
        if rate is not None and rate_date is not None
    }


def as_booked(*, session: Session, orders: Sequence[OrderEvent], program_currency: str) -> list[OrderEvent]:
    """Events as their stored orders were booked: one in another currency is converted again at its stored rate
    (the same arithmetic gives the same lines), so a late credit prices what was booked."""
    foreign = [order.order_id for order in orders if needs_rate(order, program_currency)]
    if not foreign:
        return list(orders)
    rates = stored_rates(session=session, order_ids=foreign)
    booked: list[OrderEvent] = []
    for order in orders:
        if not needs_rate(order, program_currency):
            booked.append(order)
            continue
        if order.order_id not in rates:
            raise ValueError(f"order {order.order_id} in {order.currency} has no stored rate")
        rate, rate_date = rates[order.order_id]
        result = convert(order=order, program_currency=program_currency, rate=rate, rate_date=rate_date)
        if isinstance(result, NotBooked):
            raise ValueError(result.reason)
        booked.append(result.order)
    return booked


def rate_text(rate: Decimal | None) -> str | None:
    """A rate as stored: plain decimal text, exact (``1.0850``, never ``1.085E+0``)."""
    return None if rate is None else format(rate, "f")
