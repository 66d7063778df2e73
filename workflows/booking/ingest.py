"""The event inbox: idempotent intake of orders and refunds, then booking them.

CONTRACT (other modules rely on these signatures):

- ``enqueue(*, session, source, events) -> IngestReport``: insert each event into ``inbox_events`` as
  ``pending`` keyed by (source, event.external_id); an existing key is a duplicate and changes nothing.
  Fast: used inside webhook requests.
- ``process_pending(*, session, limit=10_000) -> IngestReport``: book pending events in arrival order:
  orders -> order + lines, attribution, commission per line, accrual postings; refunds -> reversal
  (pending/locked) or clawback (paid); a refund whose order is unknown is ``parked``; an event that can
  never be booked is ``failed`` with ``error`` set. Orders and refunds are keyed by their store,
  (source, id) (``workflows.booking.store_keys``): the same order id from two stores books twice, a refund
  only reaches its own store's order, and a CSV import names its store (``--source``) so that a file and a
  webhook of the same store book once.
  Each batch is booked in a savepoint; if it raises, every event is booked again in its own savepoint and
  one that still raises is ``failed`` with the exception as its reason, so one poison event can never
  hold up the queue behind it (a lost connection or a lock timeout is re-raised instead: the batch is
  retried whole on the next drain).
- ``ingest(*, session, source, events) -> IngestReport``: enqueue + book exactly these events inside the
  caller's transaction (the CSV importer). Raises ``EventRejected(index, reason)`` for an event that can
  never be booked (e.g. a refund beyond what its order holds), so the caller can name the CSV line and
  roll back the whole file. An order in another currency with no rate for its date is not an error: it
  is ``parked`` with that reason (``workflows.booking.fx``), like a webhook's, and nothing of it is stored.

Booking works in chunks (orders of a chunk before its refunds, so a refund that arrives just before its
order in the same batch books at once). Refunds parked earlier are replayed as soon as their order is
booked, and by ``workflows.booking.lifecycle.reconcile``; orders parked for a missing exchange rate are
replayed by ``replay_parked()`` without ``order_ids`` (reconcile, and ``afflow import fx_rates``). Idempotency is layered: the inbox key, then the business
id (order id, refund id), then the ledger ref — so any replay books nothing twice.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, TypeAdapter, ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from store.bulk import chunks, existing_keys, rows_where_in
from store.db import ensure_program, savepoint
from store.models import InboxEvent, Order
from store.rules import rule_sets_in_force
from workflows.booking.corrections import changed_orders
from workflows.booking.events import InboxPayload, OrderEvent, RefundEvent
from workflows.booking.inbox import insert_pending, insert_processed, new_event_indexes, record_outcomes
from workflows.booking.orders import Outcome, book_orders
from workflows.booking.refunds import PARKED, book_refunds
from workflows.booking.store_keys import OrderItem, RefundItem, keyed_orders, keyed_refunds

_BOOK_CHUNK = 5_000
_PAYLOAD: TypeAdapter[InboxPayload] = TypeAdapter(Annotated[InboxPayload, Field(discriminator="kind")])
Item = tuple[int, str, InboxPayload]
# the database or the connection failing, not the event: retry the batch later rather than blame an event
_TRANSIENT = (OperationalError, InterfaceError)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    """Counts for one call. ``duplicates`` covers both a repeated inbox key and a business id already
    booked from another source; ``replayed`` counts earlier parked refunds booked by this call."""

    received: int = 0
    new: int = 0
    duplicates: int = 0
    booked: int = 0
    parked: int = 0
    failed: int = 0
    replayed: int = 0
    attributed: int = 0  # booked orders credited to a partner
    unattributed: int = 0  # booked orders nobody earns
    waiting: int = 0  # booked orders, unattributed, whose click id is not known yet (also in ``booked``)


class EventRejected(ValueError):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"event {index}: {reason}")
        self.index = index
        self.reason = reason


def enqueue(*, session: Session, source: str, events: Sequence[InboxPayload]) -> IngestReport:
    ids = insert_pending(session=session, source=source, events=events)
    new = sum(1 for inbox_id in ids if inbox_id is not None)
    return IngestReport(received=len(events), new=new, duplicates=len(events) - new)


def process_pending(*, session: Session, limit: int = 10_000) -> IngestReport:
    query = (
        select(InboxEvent.id, InboxEvent.source, InboxEvent.payload)
        .where(InboxEvent.status == "pending")
        .order_by(InboxEvent.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # several replicas may drain the inbox at once
    )
    items: list[Item] = []
    outcomes: dict[int, Outcome] = {}
    for inbox_id, source, payload in session.execute(query):
        try:
            items.append((inbox_id, source, _PAYLOAD.validate_python(payload)))
        except ValidationError as exc:
            outcomes[inbox_id] = _unreadable(exc)
    outcomes |= book_isolated(session=session, items=items)
    record_outcomes(session=session, outcomes=outcomes)
    replayed = replay_parked(session=session, order_ids=_booked_orders(items, outcomes))
    return _report(outcomes, received=len(outcomes), new=len(outcomes), replayed=replayed)


def book_isolated(*, session: Session, items: Sequence[Item]) -> dict[int, Outcome]:
    """``book_events`` for a queue: an event whose booking raises is ``failed`` alone, the others book.

    The whole batch is tried in one savepoint first (the common case costs one savepoint); if it raises,
    it is rolled back and each event is booked in its own savepoint, in arrival order.
    """
    if not items:
        return {}
    try:
        with savepoint(session):
            return book_events(session=session, items=items)
    except _TRANSIENT:
        raise
    except Exception:
        log.warning("booking a batch of %d inbox events raised; booking them one by one", len(items), exc_info=True)
    outcomes: dict[int, Outcome] = {}
    for item in items:
        try:
            with savepoint(session):
                outcomes |= book_events(session=session, items=[item])
        except _TRANSIENT:
            raise
        except Exception as exc:  # any error of this one event's booking: it is the event's, record it
            log.warning("inbox event %d cannot be booked", item[0], exc_info=True)
            outcomes[item[0]] = Outcome("failed", f"booking raised {type(exc).__name__}: {str(exc)[:300]}")
    return outcomes


def ingest(*, session: Session, source: str, events: Sequence[InboxPayload]) -> IngestReport:
    # Bulk path: book first, then write each new inbox row once with its final status (no RETURNING, no
    # status UPDATE). Items are keyed by their index in ``events`` until they have inbox rows.
    fresh = new_event_indexes(session=session, source=source, events=events)
    items = [(index, source, events[index]) for index in fresh]
    outcomes = book_events(session=session, items=items)
    failures = sorted((i, o.error or "cannot be booked") for i, o in outcomes.items() if o.status == "failed")
    if failures:
        raise EventRejected(*failures[0])
    insert_processed(session=session, source=source, events=events, outcomes=outcomes)
    replayed = replay_parked(session=session, order_ids=_booked_orders(items, outcomes))
    return _report(outcomes, received=len(events), new=len(items), replayed=replayed, seen=len(events) - len(items))


def book_events(*, session: Session, items: Sequence[Item]) -> dict[int, Outcome]:
    """Book ``(inbox id, source, event)`` items in chunks; statuses are returned, not written."""
    program = ensure_program(session)
    rules = rule_sets_in_force(session=session)
    outcomes: dict[int, Outcome] = {}
    for chunk in chunks(items, _BOOK_CHUNK):
        orders = [(i, s, e) for i, s, e in chunk if isinstance(e, OrderEvent)]
        refunds = [(i, s, e) for i, s, e in chunk if isinstance(e, RefundEvent)]
        if orders:
            outcomes |= book_orders(
                session=session, orders=_keyed_orders(session, orders), program=program, rules=rules
            )
        if refunds:
            outcomes |= _book_refunds_of_their_store(session, refunds)
    # a refund parked by an earlier chunk of this very call may have met its order in a later chunk
    parked = [(i, s, e) for i, s, e in items if isinstance(e, RefundEvent) and outcomes[i].status == "parked"]
    if parked and len(items) > _BOOK_CHUNK:
        outcomes |= _book_refunds_of_their_store(session, parked)
    return outcomes


def _keyed_orders(session: Session, orders: Sequence[OrderItem]) -> list[OrderItem]:
    """``store_keys.keyed_orders``, asked only about the orders whose id can be keyed to something else.

    An order whose store id is free as an internal id, appears once in the call and holds no colon keeps
    its id: the first store to use an id gets it bare (orders are never deleted), and every other internal
    id ``store_keys`` assigns holds a colon, so it cannot take this order's. A chunk of new orders (a CSV
    file's) thus costs one look-up instead of three candidate ids and a hash per order.
    """
    counts = Counter(order.order_id for _, _, order in orders)
    taken = existing_keys(session, Order.id, counts)

    def may_clash(order: OrderEvent) -> bool:
        return order.order_id in taken or counts[order.order_id] > 1 or ":" in order.order_id

    clashing = [item for item in orders if may_clash(item[2])]
    if not clashing:
        return list(orders)
    keyed = iter(keyed_orders(session, clashing))
    return [next(keyed) if may_clash(item[2]) else item for item in orders]


def changed_booked_orders(*, session: Session, source: str, orders: Sequence[OrderEvent]) -> list[int]:
    """``corrections.changed_orders`` (indexes of the orders this store booked with other content), asked only
    about the orders whose id is taken: an id free as an internal id was never booked by any store (see
    ``_keyed_orders``), so a file of new orders is checked with one look-up."""
    taken = existing_keys(session, Order.id, [order.order_id for order in orders])
    known = [index for index, order in enumerate(orders) if order.order_id in taken]
    if not known:
        return []
    return [known[i] for i in changed_orders(session=session, source=source, events=[orders[i] for i in known])]


def _book_refunds_of_their_store(session: Session, refunds: Sequence[RefundItem]) -> dict[int, Outcome]:
    keyed, parked = keyed_refunds(session, refunds)
    outcomes = dict.fromkeys(parked, PARKED)
    if keyed:
        outcomes |= book_refunds(session=session, refunds=keyed)
    return outcomes


def replay_parked(*, session: Session, order_ids: Iterable[str] | None = None) -> int:
    """Book parked refunds whose order now exists (only those about ``order_ids``, if given); return how many.

    Without ``order_ids``, orders parked for a missing exchange rate are tried first (those whose rate has
    arrived book, the rest stay parked with their reason), so their own parked refunds book in the same call.
    """
    booked_orders = 0 if order_ids is not None else _replay_parked_orders(session)
    query = (
        select(InboxEvent.id, InboxEvent.source, InboxEvent.payload)
        .join(Order, Order.id == InboxEvent.order_id)
        .where(InboxEvent.status == "parked")
        .order_by(InboxEvent.id)
    )
    rows = (
        session.execute(query) if order_ids is None else rows_where_in(session, query, InboxEvent.order_id, order_ids)
    )
    items: list[Item] = []
    outcomes: dict[int, Outcome] = {}
    for inbox_id, source, payload in rows:
        try:
            items.append((inbox_id, source, _PAYLOAD.validate_python(payload)))
        except ValidationError as exc:
            outcomes[inbox_id] = _unreadable(exc)
    if not items and not outcomes:
        return booked_orders
    outcomes |= book_isolated(session=session, items=items)
    record_outcomes(session=session, outcomes=outcomes)
    return booked_orders + sum(1 for outcome in outcomes.values() if outcome.status == "booked")


def _replay_parked_orders(session: Session) -> int:
    """Book the parked orders (waiting for an exchange rate) that can be booked now; return how many booked."""
    query = (
        select(InboxEvent.id, InboxEvent.source, InboxEvent.payload)
        .where(InboxEvent.status == "parked", InboxEvent.kind == "order")
        .order_by(InboxEvent.id)
    )
    items: list[Item] = []
    outcomes: dict[int, Outcome] = {}
    for inbox_id, source, payload in session.execute(query):
        try:
            items.append((inbox_id, source, _PAYLOAD.validate_python(payload)))
        except ValidationError as exc:
            outcomes[inbox_id] = _unreadable(exc)
    if not items and not outcomes:
        return 0
    outcomes |= book_isolated(session=session, items=items)
    record_outcomes(session=session, outcomes=outcomes)
    booked = [inbox_id for inbox_id, outcome in outcomes.items() if outcome.status in ("booked", "waiting")]
    for chunk in chunks(booked):  # the reason it waited no longer holds
        session.execute(update(InboxEvent).where(InboxEvent.id.in_(chunk)).values(error=None))
    return len(booked)


def _unreadable(exc: ValidationError) -> Outcome:
    first = exc.errors()[0]
    return Outcome("failed", f"unreadable payload: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}")


def _booked_orders(items: Sequence[Item], outcomes: dict[int, Outcome]) -> list[str]:
    booked = ("booked", "waiting")  # a waiting order is stored: its parked refunds book
    return [e.order_id for i, _, e in items if isinstance(e, OrderEvent) and outcomes[i].status in booked]


def _report(outcomes: dict[int, Outcome], *, received: int, new: int, replayed: int, seen: int = 0) -> IngestReport:
    counts = Counter(outcome.status for outcome in outcomes.values())
    attribution = Counter(outcome.attribution for outcome in outcomes.values())
    return IngestReport(
        received=received,
        new=new,
        duplicates=seen + counts["duplicate"],
        booked=counts["booked"] + counts["waiting"],
        attributed=attribution["attributed"],
        unattributed=attribution["unattributed"],
        waiting=attribution["waiting"],
        parked=counts["parked"],
        failed=counts["failed"],
        replayed=replayed,
    )
