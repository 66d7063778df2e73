"""Order corrections: void a booked order, or replace it with a corrected version, as new ledger entries.

Nothing booked is updated or deleted: a correction reverses what remains of the order's commissions with
``refunds.reverse_in_full`` (from pending or locked, or once paid as a clawback netted from the partner's
next payout: the refund engine's accounts) and, for a replacement, books the corrected lines through
``orders.credit_orders`` (attribution, pricing with the rule version in force at order time, a new
pending accrual ``accrual:{id}:r{revision}`` that locks and pays like any other). Ledger refs:
``void:{id}`` and ``replace:{id}:r{revision}``. Each correction writes one ``order_corrections`` row (the
order as it was, without the customer's id) and one audit row with its actor and reason.

- ``void_order``: idempotent (a voided order stays voided; voiding it again writes nothing). A voided order's
  later refunds fail with a reason (``refunds.book_refunds``) and it cannot be replaced; a voided order
  waiting for its click is no longer credited when the click arrives.
- ``changed_orders`` / ``replace_orders``: the import's ``--replace``. An order is changed when its content
  (time, customer, click id, ref code, coupon, currency, lines) differs from the event it was booked from.
  Refused, naming the order: a voided order, an order with refunds booked (they would have to be re-applied
  to lines that no longer exist), an order in another currency than the program's.

This module never writes ledger rows itself (``store.ledger.book`` does, through the engine's functions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.bulk import insert_rows, rows_where_in
from store.db import ensure_program
from store.models import Attribution, Commission, InboxEvent, Order, OrderCorrection, OrderLine, Program
from store.rules import RuleBook, rule_sets_in_force
from workflows.booking.attribution import attribute, earliest_order_times, load_context
from workflows.booking.events import OrderEvent
from workflows.booking.orders import credit_orders
from workflows.booking.refunds import Reversal, reverse_in_full
from workflows.booking.store_keys import resolve

REASON_MAX = 500


class CorrectionRefused(ValueError):
    """A correction that cannot be applied (``code``, a message saying why and what to do); nothing is written."""

    def __init__(self, code: str, message: str, *, index: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.index = index  # the event's position in ``replace_orders``' input, when it is about one


@dataclass(frozen=True, slots=True)
class VoidResult:
    order_id: str  # the store's id
    source: str
    already_void: bool
    voided_at: datetime
    reason: str
    reversed_cents: int  # commission taken back (0 when already void)
    clawback_cents: int  # of it, booked as a clawback (already paid)
    ref: str | None  # the reversal's ledger ref, None when nothing was left to reverse


@dataclass(frozen=True, slots=True)
class Replacement:
    order_id: str  # the store's id
    revision: int
    reversed_cents: int
    clawback_cents: int
    attribution: str  # attributed | unattributed | waiting


def find_order(*, session: Session, order_id: str, source: str | None) -> Order:
    """The stored order the store ``source`` calls ``order_id`` (any store, when only one has that id)."""
    sources = [source] if source is not None else list(session.scalars(select(Order.source).distinct()))
    ids, _ = resolve(
        session, internal=Order.id, source=Order.source, keys=[(s, order_id) for s in sources], assign=False
    )
    if not ids:
        where = f" from store {source!r}" if source is not None else ""
        raise CorrectionRefused("unknown_order", f"order {order_id!r}{where} is not booked")
    if len(ids) > 1:
        stores = ", ".join(sorted(s for s, _ in ids))
        raise CorrectionRefused(
            "ambiguous_order", f"order {order_id!r} exists in several stores ({stores}): name one with --source"
        )
    (internal,) = ids.values()
    order = session.get(Order, internal, with_for_update=True)  # one correction of an order at a time
    assert order is not None
    return order


def void_order(
    *, session: Session, order_id: str, source: str | None, reason: str, actor: Actor, now: datetime
) -> VoidResult:
    """Void the order: reverse what remains of its commissions, mark it voided, audit it. Idempotent."""
    reason = _checked_reason(reason)
    order = find_order(session=session, order_id=order_id, source=source)
    store_id = order_id
    if order.voided_at is not None:
        earlier = session.scalar(
            select(OrderCorrection.reason).where(OrderCorrection.order_id == order.id, OrderCorrection.kind == "void")
        )
        return VoidResult(store_id, order.source, True, order.voided_at, earlier or "", 0, 0, None)
    previous = _snapshot(session, order)
    ref = f"void:{order.id}"
    reversal = _reverse(session, order.id, ref, f"void of order {store_id}: {reason[:120]}", now)
    session.add(
        OrderCorrection(
            order_id=order.id, kind="void", revision=order.revision, ts=now, actor=str(actor), reason=reason,
            previous=previous, replacement=None,
        )
    )  # fmt: skip
    order.voided_at = now
    # a voided order waiting for its click must not be credited when the click arrives: it is booked, and void
    session.execute(
        update(InboxEvent)
        .where(InboxEvent.kind == "order", InboxEvent.status == "waiting", InboxEvent.order_id == store_id)
        .where(InboxEvent.source == order.source)
        .values(status="booked", processed_at=now)
    )
    record(
        session=session, actor=actor, action="order_voided", subject=f"order:{order.id}", now=now,
        details={"source": order.source, "order_id": store_id, "reason": reason, "reversed_cents": reversal.reversed_cents,
                 "clawback_cents": reversal.clawback_cents, "ref": ref if reversal.reversed_cents else None},
    )  # fmt: skip
    session.flush()
    return VoidResult(
        store_id, order.source, False, now, reason, reversal.reversed_cents, reversal.clawback_cents,
        ref if reversal.reversed_cents else None,
    )  # fmt: skip


def changed_orders(*, session: Session, source: str, events: Sequence[OrderEvent]) -> list[int]:
    """Indexes of the events of orders this store already booked whose content differs from what was booked."""
    ids, _ = resolve(
        session, internal=Order.id, source=Order.source, keys=[(source, e.order_id) for e in events], assign=False
    )
    if not ids:
        return []
    booked = _booked_events(session, source, [e.order_id for e in events if (source, e.order_id) in ids])
    return [
        index
        for index, event in enumerate(events)
        if (source, event.order_id) in ids
        and (before := booked.get(event.order_id)) is not None
        and _content(before) != _content(event)
    ]


def replace_orders(
    *, session: Session, source: str, events: Sequence[OrderEvent], reason: str, actor: Actor, now: datetime
) -> list[Replacement]:
    """Re-book each (changed, already booked) order: reverse its booking, book the event's lines as new entries.

    Raises ``CorrectionRefused`` (with the event's ``index``) for an order that cannot be replaced; the
    caller's transaction must then roll back (what was replaced before it in the same call included).
    """
    reason = _checked_reason(reason)
    program = ensure_program(session)
    rules = rule_sets_in_force(session=session)
    results: list[Replacement] = []
    for index, event in enumerate(events):
        order = find_order(session=session, order_id=event.order_id, source=source)
        problem = _replace_problem(session, order, event, program.currency)
        if problem is not None:
            raise CorrectionRefused("cannot_replace", f"order {event.order_id}: {problem}", index=index)
        revision = order.revision + 1
        previous = _snapshot(session, order)
        ref = f"replace:{order.id}:r{revision}"
        reversal = _reverse(session, order.id, ref, f"order {event.order_id} replaced (revision {revision})", now)
        correction = OrderCorrection(
            order_id=order.id, kind="replace", revision=revision, ts=now, actor=str(actor), reason=reason,
            previous=previous, replacement=_without_customer(event),
        )  # fmt: skip
        session.add(correction)
        session.flush()
        keyed = event.model_copy(update={"order_id": order.id})
        _store_revision(session, order, keyed, revision, correction.id)
        attribution = _credit(session, keyed, program, rules)
        _replace_inbox_payload(session, order.source, event, waiting=attribution == "waiting", now=now)
        record(
            session=session, actor=actor, action="order_replaced", subject=f"order:{order.id}", now=now,
            details={"source": source, "order_id": event.order_id, "reason": reason, "revision": revision,
                     "reversed_cents": reversal.reversed_cents, "clawback_cents": reversal.clawback_cents,
                     "total_cents": order.total_cents, "attribution": attribution},
        )  # fmt: skip
        results.append(
            Replacement(event.order_id, revision, reversal.reversed_cents, reversal.clawback_cents, attribution)
        )
    session.flush()
    return results


def _checked_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX or not reason.isprintable():
        raise CorrectionRefused("bad_reason", f"a reason of 1 to {REASON_MAX} printable characters is required")
    return reason


def _reverse(session: Session, order_id: str, ref: str, memo: str, now: datetime) -> Reversal:
    return reverse_in_full(session=session, orders={order_id: (ref, memo)}, ts=now).get(order_id, Reversal(0, 0))


def _replace_problem(session: Session, order: Order, event: OrderEvent, currency: str) -> str | None:
    if order.voided_at is not None:
        return f"it was voided on {order.voided_at:%Y-%m-%d}; a voided order cannot be replaced"
    if event.currency.upper() != currency.upper() or order.currency.upper() != currency.upper():
        return f"replacing an order in another currency than the program's ({currency}) is not supported"
    refunded = session.scalar(
        select(func.coalesce(func.sum(OrderLine.refunded_cents), 0)).where(
            OrderLine.order_id == order.id, OrderLine.replaced_by.is_(None)
        )
    )
    if refunded:
        return (
            "refunds are booked on it and would have to be re-applied to the corrected lines; void it "
            "(afflow orders void) and book the corrected order under a new id instead"
        )
    return None


def _snapshot(session: Session, order: Order) -> dict[str, Any]:
    """The order as booked now: its content (not the customer's id), lines, credit and commissions."""
    lines = session.execute(
        select(OrderLine.id, OrderLine.line_no, OrderLine.sku, OrderLine.quantity, OrderLine.unit_price_cents,
               OrderLine.amount_cents, OrderLine.refunded_cents)
        .where(OrderLine.order_id == order.id, OrderLine.replaced_by.is_(None))
        .order_by(OrderLine.line_no)
    ).all()  # fmt: skip
    commissions = {
        line_id: {"partner_id": partner, "amount_cents": amount, "reversed_cents": reversed_cents, "state": state}
        for line_id, partner, amount, reversed_cents, state in session.execute(
            select(Commission.order_line_id, Commission.partner_id, Commission.amount_cents,
                   Commission.reversed_cents, Commission.state)
            .where(Commission.order_id == order.id)
        )
    }  # fmt: skip
    credit = session.execute(
        select(Attribution.partner_id, Attribution.method).where(Attribution.order_id == order.id)
    ).first()
    return {
        "revision": order.revision,
        "ts": order.ts.isoformat(),
        "click_id": order.click_id,
        "ref_code": order.ref_code,
        "coupon_code": order.coupon_code,
        "currency": order.currency,
        "total_cents": order.total_cents,
        "credit": None if credit is None else {"partner_id": credit[0], "method": credit[1]},
        "lines": [
            {"line_no": no, "sku": sku, "quantity": qty, "unit_price_cents": price, "amount_cents": amount,
             "refunded_cents": refunded, "commission": commissions.get(line_id)}
            for line_id, no, sku, qty, price, amount, refunded in lines
        ],
    }  # fmt: skip


def _without_customer(event: OrderEvent) -> dict[str, Any]:
    return event.model_dump(mode="json", exclude={"customer_id"})


def _store_revision(session: Session, order: Order, event: OrderEvent, revision: int, correction_id: int) -> None:
    """Supersede the current lines, store the event's as the order's lines, and its content on the order."""
    last_line = session.scalar(select(func.max(OrderLine.line_no)).where(OrderLine.order_id == order.id)) or 0
    session.execute(
        update(OrderLine)
        .where(OrderLine.order_id == order.id, OrderLine.replaced_by.is_(None))
        .values(replaced_by=correction_id)
    )
    rows = [
        {"order_id": order.id, "line_no": last_line + n, "sku": line.sku, "quantity": line.quantity,
         "unit_price_cents": line.unit_price_cents, "amount_cents": line.quantity * line.unit_price_cents,
         "refunded_cents": 0}
        for n, line in enumerate(event.lines, start=1)
    ]  # fmt: skip
    insert_rows(session, OrderLine, rows)
    # who gets credit is decided again from the corrected content (the old credit is in the correction's row)
    session.execute(delete(Attribution).where(Attribution.order_id == order.id))
    order.ts, order.customer_id = event.ts, event.customer_id
    order.click_id, order.ref_code, order.coupon_code = event.click_id, event.ref_code, event.coupon_code
    order.total_cents = sum(line.quantity * line.unit_price_cents for line in event.lines)
    order.revision = revision
    session.flush()
    first_seen = earliest_order_times(session=session, customer_ids={event.customer_id})
    order.is_new_customer = first_seen[event.customer_id] >= event.ts and (event.customer_order_count or 1) <= 1
    session.flush()


def _credit(session: Session, event: OrderEvent, program: Program, rules: RuleBook) -> str:
    """Attribute and price the corrected order through the booking engine; attributed | unattributed | waiting."""
    context = load_context(session=session, orders=[event], cookie_days=program.cookie_days)
    credit = attribute(event, context)
    is_new = {event.order_id: bool(session.scalar(select(Order.is_new_customer).where(Order.id == event.order_id)))}
    credit_orders(
        session=session, orders=[event], credits={event.order_id: credit}, is_new=is_new, program=program, rules=rules
    )
    if credit is not None:
        return "attributed"
    return "waiting" if event.click_id and event.click_id not in context.clicks_by_id else "unattributed"


def _booked_events(session: Session, source: str, store_ids: list[str]) -> dict[str, OrderEvent]:
    """The events the store's orders were (last) booked from, by the store's order id."""
    query = select(InboxEvent.order_id, InboxEvent.payload).where(
        InboxEvent.source == source, InboxEvent.kind == "order"
    )
    found: dict[str, OrderEvent] = {}
    for order_id, payload in rows_where_in(session, query, InboxEvent.order_id, store_ids):
        event = (
            OrderEvent.model_validate_json(payload) if isinstance(payload, str) else OrderEvent.model_validate(payload)
        )
        found[str(order_id)] = event
    return found


def _content(event: OrderEvent) -> tuple[object, ...]:
    """What a correction changes: everything the booking depends on (not the platform's order count)."""
    lines = tuple((line.sku, line.quantity, line.unit_price_cents) for line in event.lines)
    return (
        event.ts,
        event.customer_id,
        event.click_id,
        event.ref_code,
        event.coupon_code,
        event.currency.upper(),
        lines,
    )


def _replace_inbox_payload(session: Session, source: str, event: OrderEvent, *, waiting: bool, now: datetime) -> None:
    """The inbox row keeps the event the order is booked from now (a late click credits these lines)."""
    session.execute(
        update(InboxEvent)
        .where(InboxEvent.source == source, InboxEvent.external_id == event.external_id)
        .values(payload=event.model_dump(mode="json"), status="waiting" if waiting else "booked", processed_at=now)
    )
