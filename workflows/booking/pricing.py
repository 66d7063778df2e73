"""Pricing attributed orders: the one path from an order to its commission quotes.

Order booking (``workflows.booking.orders``), probabilistic matching (``workflows.matching.probabilistic``) and
the rules-editor preview (``workflows.portal.rules_preview``) all price through ``Pricer``, so an order is
worth the same commission whichever of them prices it. For an order placed at ``t`` credited to a partner:

- the rule version is the one in force at ``t`` (``RuleBook.at``);
- the trailing revenue a volume tier looks at is the gross total of the partner's attributed orders whose
  *order time* lies in ``[t - 30 days, t)``: the order time, not when an order was booked, clicked, locked or
  refunded, and never the order itself or one placed at the same instant. Stored orders are read by
  ``attributions.order_ts`` (the order's time, indexed with the partner); orders credited in the same run
  but not stored yet are added with ``Pricer.credit``.

This module reads and computes; it never writes rows (callers book what it quotes through ``store.ledger``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import rows_where_in
from store.models import Attribution, Order
from store.rules import TRAILING_REVENUE_DAYS, CommissionQuote, LineTerms, RuleBook, line_terms, line_terms_key

TRAILING_WINDOW = timedelta(days=TRAILING_REVENUE_DAYS)


@dataclass
class TrailingRevenue:
    """Each partner's attributed order totals by order time, to sum the trailing window before an order."""

    _points: dict[str, list[tuple[datetime, int]]] = field(default_factory=dict)
    _sums: dict[str, tuple[list[datetime], list[int]]] = field(default_factory=dict)

    @classmethod
    def load(cls, *, session: Session, partner_ids: Iterable[str], start: datetime, end: datetime) -> TrailingRevenue:
        """The stored attributed orders of ``partner_ids`` placed in ``[start, end)``."""
        revenue = cls()
        query = (
            select(Attribution.partner_id, Attribution.order_ts, Order.total_cents)
            .join(Order, Order.id == Attribution.order_id)
            .where(Attribution.order_ts >= start, Attribution.order_ts < end)
            .where(Order.voided_at.is_(None))  # a voided order earns nothing, nor a tier for later orders
        )
        for partner_id, order_ts, total_cents in rows_where_in(session, query, Attribution.partner_id, partner_ids):
            revenue.add(partner_id=partner_id, order_ts=order_ts, total_cents=int(total_cents))
        return revenue

    def add(self, *, partner_id: str, order_ts: datetime, total_cents: int) -> None:
        self._points.setdefault(partner_id, []).append((order_ts, total_cents))
        self._sums.pop(partner_id, None)

    def before(self, partner_id: str, order_ts: datetime) -> int:
        """Revenue attributed to the partner from orders placed in ``[order_ts - 30 days, order_ts)``."""
        sums = self._sums.get(partner_id)
        if sums is None:
            points = sorted(self._points.get(partner_id, []))
            running = [0]
            for _, cents in points:
                running.append(running[-1] + cents)
            sums = self._sums[partner_id] = ([ts for ts, _ in points], running)
        times, prefix = sums
        return prefix[bisect_left(times, order_ts)] - prefix[bisect_left(times, order_ts - TRAILING_WINDOW)]


@dataclass
class Pricer:
    """Quotes the lines of attributed orders with the rules in force at each order's time (module docstring)."""

    rules: RuleBook
    currency: str
    trailing: TrailingRevenue | None
    # the terms already worked out, by version and ``line_terms_key``: most lines of a chunk share a few
    _terms: dict[tuple[object, ...], LineTerms] = field(default_factory=dict)

    @classmethod
    def load(
        cls, *, session: Session, rules: RuleBook, currency: str, credited: Iterable[tuple[str, datetime]]
    ) -> Pricer:
        """A pricer for orders ``credited`` as (partner id, order time): reads the stored revenue their volume
        tiers need (none when no rule version has tiers)."""
        pairs = list(credited)
        if not rules.needs_trailing_revenue or not pairs:
            return cls(rules, currency, None)
        times = [order_ts for _, order_ts in pairs]
        trailing = TrailingRevenue.load(
            session=session,
            partner_ids=(partner_id for partner_id, _ in pairs),
            start=min(times) - TRAILING_WINDOW,
            end=max(times),
        )
        return cls(rules, currency, trailing)

    def credit(self, *, partner_id: str, order_ts: datetime, total_cents: int) -> None:
        """Count an order credited in this run but not stored yet towards later orders' volume tiers."""
        if self.trailing is not None:
            self.trailing.add(partner_id=partner_id, order_ts=order_ts, total_cents=total_cents)

    def quote_lines(
        self, *, partner_id: str, order_ts: datetime, is_new_customer: bool, lines: Sequence[tuple[str, int]]
    ) -> list[CommissionQuote]:
        """One quote per ``(sku, base cents)`` line of an order placed at ``order_ts`` credited to ``partner_id``."""
        version = self.rules.at(order_ts)
        body = version.body
        trailing = self.trailing.before(partner_id, order_ts) if self.trailing is not None else 0
        quotes: list[CommissionQuote] = []
        for sku, base_cents in lines:
            key = (version.version, *line_terms_key(rules=body, sku=sku, partner_id=partner_id,
                   is_new_customer=is_new_customer, trailing_revenue_cents=trailing, order_ts=order_ts))  # fmt: skip
            terms = self._terms.get(key)
            if terms is None:
                terms = self._terms[key] = line_terms(
                    rules=body, currency=self.currency, sku=sku, partner_id=partner_id,
                    is_new_customer=is_new_customer, trailing_revenue_cents=trailing, order_ts=order_ts,
                )  # fmt: skip
            quotes.append(terms.quote(base_cents=base_cents, version=version.version, currency=self.currency))
        return quotes
