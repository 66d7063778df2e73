"""Booking orders: store order + lines, attribute, price each attributed line, accrue the commission.

Works a chunk of orders at a time with batched look-ups and Core bulk inserts (no per-row ORM objects,
no per-row queries; rows go in as value tuples through ``store.bulk.insert_tuples``). Per attributed order: one ``attributions`` row, one ``commissions`` row per line
(state ``pending``, ``lock_due_at`` = order time + the program's return window, the rule version in force
at order time and a readable explanation), and one accrual posting ``accrual:{order_id}``
(Dr ``program:commission_expense``, Cr ``partner:{id}:pending``) for the order's total commission.
The order id is the business key: an order id already stored books nothing (``duplicate``).
An order in another currency is booked converted (``workflows.booking.fx``: lines, total and commissions in
the program currency, the original currency, amounts, rate and rate date recorded); with no rate for its
date it is ``parked`` with that reason and nothing is stored.
A corrected order (``workflows.booking.corrections``) is credited again through ``credit_orders``: only its
current lines (none ``replaced_by`` a correction) get commissions, and revision ``n > 1`` accrues under
``accrual:{order_id}:r{n}`` (``accrual_ref``), so a replacement's accrual is a new posting.

An order carrying a click id that is not stored yet, and that nothing else credits, is booked
unattributed with the outcome ``waiting``: its click may still arrive (a clicks file imported after the
orders file). ``workflows.booking.late_clicks`` credits it through ``credit_orders`` when it does, so the
result does not depend on which file came first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import existing_keys, insert_tuples, rows_where_in
from store.ledger import EXPENSE, Posting, book, partner_account, transfer
from store.models import Attribution, Commission, Order, OrderLine, Program
from store.rules import RuleBook
from workflows.booking import fx
from workflows.booking.attribution import Credit, attribute, earliest_order_times, load_context
from workflows.booking.events import OrderEvent
from workflows.booking.pricing import Pricer


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one inbox event: booked | waiting | duplicate | parked | failed (with a reason).

    ``waiting`` is a booked order waiting for its click; ``attribution`` says, for a booked order, whether
    it was ``attributed``, ``unattributed`` or is ``waiting``.
    """

    status: str
    error: str | None = None
    attribution: str | None = None


BOOKED = Outcome("booked")
DUPLICATE = Outcome("duplicate")
_OUTCOME_OF = {
    "attributed": Outcome("booked", attribution="attributed"),
    "unattributed": Outcome("booked", attribution="unattributed"),
    "waiting": Outcome("waiting", attribution="waiting"),
}


def book_orders(
    *, session: Session, orders: Sequence[tuple[int, str, OrderEvent]], program: Program, rules: RuleBook
) -> dict[int, Outcome]:
    """Book ``(inbox id, source, order)`` items; return each item's outcome keyed by inbox id."""
    outcomes: dict[int, Outcome] = {}
    known = existing_keys(session, Order.id, [order.order_id for _, _, order in orders])
    rates = fx.load_rates(
        session=session,
        orders=[order for _, _, order in orders if order.order_id not in known],
        program_currency=program.currency,
        timezone=program.timezone,
    )
    fresh: list[tuple[int, str, OrderEvent]] = []
    conversions: dict[str, fx.Conversion] = {}
    for inbox_id, source, order in orders:
        if order.order_id in known:
            outcomes[inbox_id] = DUPLICATE
            continue
        booked = fx.to_program_currency(
            order=order, program_currency=program.currency, rates=rates, timezone=program.timezone
        )
        if isinstance(booked, fx.NotBooked):  # no rate for its date: parked until one is imported, never guessed
            outcomes[inbox_id] = Outcome(booked.status, booked.reason)
            continue
        known.add(order.order_id)
        fresh.append((inbox_id, source, booked.order))
        if booked.conversion is not None:
            conversions[order.order_id] = booked.conversion
    if fresh:
        attribution = _book_fresh(session, fresh, program, rules, conversions)
        for inbox_id, _, order in fresh:
            outcomes[inbox_id] = _OUTCOME_OF[attribution[order.order_id]]
    return outcomes


def _book_fresh(
    session: Session,
    fresh: list[tuple[int, str, OrderEvent]],
    program: Program,
    rules: RuleBook,
    conversions: Mapping[str, fx.Conversion],
) -> dict[str, str]:
    """Store the orders and credit them; return each order's attributed | unattributed | waiting."""
    events = [order for _, _, order in fresh]
    context = load_context(session=session, orders=events, cookie_days=program.cookie_days)
    first_seen = earliest_order_times(session=session, customer_ids={o.customer_id for o in events})
    for order in events:
        if order.customer_id not in first_seen or order.ts < first_seen[order.customer_id]:
            first_seen[order.customer_id] = order.ts
    credits = {order.order_id: attribute(order, context) for order in events}
    # returning: an earlier order by the same customer is stored (or in this chunk), or the platform says so
    is_new = {o.order_id: first_seen[o.customer_id] >= o.ts and (o.customer_order_count or 1) <= 1 for o in events}
    order_rows: list[tuple[Any, ...]] = []
    line_rows: list[tuple[Any, ...]] = []
    for _, source, order in fresh:
        total = 0
        conversion = conversions.get(order.order_id)
        for line_no, line in enumerate(order.lines, start=1):
            amount = line.quantity * line.unit_price_cents
            total += amount
            original = (None, None) if conversion is None else (conversion.line_originals[line_no - 1], 0)
            line_rows.append(
                (order.order_id, line_no, line.sku, line.quantity, line.unit_price_cents, amount, 0, *original)
            )
        order_rows.append(_order_row(order, source, total, is_new[order.order_id]) + _fx_columns(conversion))
    insert_tuples(session, Order, _ORDER_COLUMNS, order_rows)
    insert_tuples(session, OrderLine, _LINE_COLUMNS, line_rows)
    credit_orders(session=session, orders=events, credits=credits, is_new=is_new, program=program, rules=rules)
    return {
        order.order_id: (
            "attributed"
            if credits[order.order_id] is not None
            else "waiting"
            if order.click_id and order.click_id not in context.clicks_by_id
            else "unattributed"
        )
        for order in events
    }


def credit_orders(
    *,
    session: Session,
    orders: Sequence[OrderEvent],
    credits: Mapping[str, Credit | None],
    is_new: Mapping[str, bool],
    program: Program,
    rules: RuleBook,
) -> None:
    """Credit stored, not yet attributed orders: attribution row, priced commission per line, accrual posting.

    The one path for orders credited when booked and for orders whose click arrived later.
    """
    credited = [order for order in orders if credits[order.order_id] is not None]
    if not credited:
        return
    # an order stored converted is priced as stored (a late credit reads the original event from the inbox)
    credited = fx.as_booked(session=session, orders=credited, program_currency=program.currency)
    pricer = _pricer(session, credited, credits, program, rules)
    attribution_rows = [
        _attribution_row(order, credit, is_new[order.order_id])
        for order in credited
        if (credit := credits[order.order_id]) is not None
    ]
    insert_tuples(session, Attribution, _ATTRIBUTION_COLUMNS, attribution_rows)
    line_ids, revisions = _line_ids(session, [order.order_id for order in credited])
    commission_rows, postings = _commissions(credited, credits, line_ids, revisions, program, pricer, is_new)
    insert_tuples(session, Commission, _COMMISSION_COLUMNS, commission_rows)
    book(session=session, postings=postings)


# the columns of the value tuples the booking writes (``store.bulk.insert_tuples``: no dict per row)
_ORDER_COLUMNS = (
    "id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "source", "total_cents",
    "is_new_customer", "original_currency", "original_total_cents", "fx_rate", "fx_rate_date", "fx_source",
)  # fmt: skip
_LINE_COLUMNS = (
    "order_id", "line_no", "sku", "quantity", "unit_price_cents", "amount_cents", "refunded_cents",
    "original_amount_cents", "original_refunded_cents",
)  # fmt: skip
_COMMISSION_COLUMNS = (
    "order_line_id", "order_id", "partner_id", "rule_version", "base_cents", "amount_cents", "reversed_cents",
    "state", "explanation", "order_ts", "lock_due_at",
)  # fmt: skip
_ATTRIBUTION_COLUMNS = (
    "order_id", "partner_id", "method", "click_id", "click_ts", "seconds_to_conversion", "is_new_customer", "order_ts",
)  # fmt: skip
_PROGRAM_CURRENCY_FX = (None, None, None, None, None)


def _order_row(order: OrderEvent, source: str, total: int, is_new: bool) -> tuple[Any, ...]:
    """The first ten of ``_ORDER_COLUMNS``."""
    return (order.order_id, order.ts, order.customer_id, order.click_id, order.ref_code, order.coupon_code,
            order.currency.upper(), source, total, is_new)  # fmt: skip


def _fx_columns(conversion: fx.Conversion | None) -> tuple[Any, ...]:
    """The order's original currency, amount, rate, rate date and source (all None for a program-currency order)."""
    if conversion is None:
        return _PROGRAM_CURRENCY_FX
    return (conversion.original_currency, conversion.original_total_cents, fx.rate_text(conversion.rate),
            conversion.rate_date, conversion.source)  # fmt: skip


def _attribution_row(order: OrderEvent, credit: Credit, is_new: bool) -> tuple[Any, ...]:
    return (order.order_id, credit.partner_id, credit.method, credit.click_id, credit.click_ts,
            credit.seconds_to_conversion(order.ts), is_new, order.ts)  # fmt: skip


def accrual_ref(order_id: str, revision: int) -> str:
    """The ledger ref of an order's accrual: ``accrual:{id}`` as first booked, ``accrual:{id}:r{n}`` once replaced."""
    return f"accrual:{order_id}" if revision <= 1 else f"accrual:{order_id}:r{revision}"


def _line_ids(session: Session, order_ids: list[str]) -> tuple[dict[tuple[str, int], int], dict[str, int]]:
    """Each order's current lines by position (1, 2, ... in line order, as the event lists them) and its revision."""
    query = (
        select(OrderLine.id, OrderLine.order_id, Order.revision)
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.replaced_by.is_(None))
        .order_by(OrderLine.order_id, OrderLine.line_no)
    )
    line_ids: dict[tuple[str, int], int] = {}
    revisions: dict[str, int] = {}
    positions: dict[str, int] = {}
    for line_id, order_id, revision in rows_where_in(session, query, OrderLine.order_id, order_ids):
        revisions[order_id] = revision
        positions[order_id] = positions.get(order_id, 0) + 1
        line_ids[(order_id, positions[order_id])] = line_id
    return line_ids, revisions


def _commissions(
    events: Sequence[OrderEvent],
    credits: Mapping[str, Credit | None],
    line_ids: dict[tuple[str, int], int],
    revisions: Mapping[str, int],
    program: Program,
    pricer: Pricer,
    is_new: Mapping[str, bool],
) -> tuple[list[tuple[Any, ...]], list[Posting]]:
    rows: list[tuple[Any, ...]] = []
    postings: list[Posting] = []
    return_window = timedelta(days=program.return_days)
    for order in events:
        credit = credits[order.order_id]
        if credit is None:
            continue
        order_total = 0
        lock_due_at = order.ts + return_window
        bases = [(line.sku, line.quantity * line.unit_price_cents) for line in order.lines]
        quotes = pricer.quote_lines(
            partner_id=credit.partner_id, order_ts=order.ts, is_new_customer=is_new[order.order_id], lines=bases
        )
        for line_no, ((_, base), quote) in enumerate(zip(bases, quotes, strict=True), start=1):
            order_total += quote.cents
            rows.append(
                (line_ids[(order.order_id, line_no)], order.order_id, credit.partner_id, quote.rule_version, base,
                 quote.cents, 0, "pending", quote.explanation, order.ts, lock_due_at)
            )  # fmt: skip
        if order_total:
            postings.append(
                transfer(
                    ref=accrual_ref(order.order_id, revisions.get(order.order_id, 1)),
                    kind="accrual",
                    ts=order.ts,
                    debit=EXPENSE,
                    credit=partner_account(credit.partner_id, "pending"),
                    amount=order_total,
                    memo=f"commission on order {order.order_id}",
                )
            )
    return rows, postings


def _pricer(
    session: Session,
    events: Sequence[OrderEvent],
    credits: Mapping[str, Credit | None],
    program: Program,
    rules: RuleBook,
) -> Pricer:
    """The chunk's pricer: stored revenue before the chunk, plus the chunk's own credited orders."""
    credited = [(order, credit) for order in events if (credit := credits[order.order_id]) is not None]
    pricer = Pricer.load(
        session=session,
        rules=rules,
        currency=program.currency,
        credited=[(credit.partner_id, order.ts) for order, credit in credited],
    )
    for order, credit in credited:
        total = sum(line.quantity * line.unit_price_cents for line in order.lines)
        pricer.credit(partner_id=credit.partner_id, order_ts=order.ts, total_cents=total)
    return pricer
