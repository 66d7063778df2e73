"""Orders and refunds are keyed by their store: (source, the store's own id) -> our internal id.

Two stores may use the same id (WooCommerce order 5001 and Shopify order 5001). The internal id
(``orders.id``, ``refunds.id``) is the store's bare id for the first store that used it, so existing ids,
reports and ledger refs (``accrual:{id}``) never change; a later store's clashing id is stored as
``{source}:{id}`` (``{source}:{sha256 prefix}`` when that would not fit the 64-character column, or when a
store's own bare id already reads like it). The row's ``source`` says whose it is, so (source, store id)
finds exactly one row and a refund only ever finds its own store's order. No schema change: the primary key
on the internal id keeps the pair unique. This module only reads keys; booking writes the rows.

One assumption: a store never uses ids that start with its own source name and a colon.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.bulk import rows_where_in
from store.models import Order, Refund
from workflows.booking.events import OrderEvent, RefundEvent

StoreKey = tuple[str, str]  # (source, the store's own id)
OrderItem = tuple[int, str, OrderEvent]  # (inbox id or index, source, event), as workflows.booking.ingest books them
RefundItem = tuple[int, str, RefundEvent]
_ID_LENGTH = 64


def resolve(
    session: Session,
    *,
    internal: InstrumentedAttribute[str],
    source: InstrumentedAttribute[str],
    keys: Iterable[StoreKey],
    assign: bool,
) -> tuple[dict[StoreKey, str], set[StoreKey]]:
    """(internal id per key, the keys already stored). With ``assign``, keys not stored get a new internal id
    (in order of ``keys``; two keys of one call never share one); without it they are left out."""
    ordered = list(dict.fromkeys(keys))
    candidates = {key: _candidates(key) for key in ordered}
    wanted = {candidate for options in candidates.values() for candidate in options}
    owner: dict[str, str] = dict(rows_where_in(session, select(internal, source), internal, wanted))
    ids: dict[StoreKey, str] = {}
    stored: set[StoreKey] = set()
    for key in ordered:
        found = next((option for option in candidates[key] if owner.get(option) == key[0]), None)
        if found is not None:
            ids[key] = found
            stored.add(key)
        elif assign:
            free = next((option for option in candidates[key] if option not in owner), None)
            if free is None:
                raise ValueError(f"no free internal id for {key[0]} id {key[1]!r}")
            owner[free] = key[0]
            ids[key] = free
    return ids, stored


def _candidates(key: StoreKey) -> tuple[str, ...]:
    source, store_id = key
    qualified = f"{source}:{store_id}"
    hashed = f"{source}:{hashlib.sha256(store_id.encode()).hexdigest()[:32]}"
    return (store_id, qualified, hashed) if len(qualified) <= _ID_LENGTH else (store_id, hashed)


def keyed_orders(session: Session, orders: Sequence[OrderItem]) -> list[OrderItem]:
    """The orders with ``order_id`` replaced by their internal id (a stored one's, so it books as a duplicate)."""
    ids, _ = resolve(
        session, internal=Order.id, source=Order.source, keys=[(s, o.order_id) for _, s, o in orders], assign=True
    )
    # an unchanged id keeps its (frozen) event: a model_copy per order cost more than the look-up
    return [(i, s, o if (n := ids[(s, o.order_id)]) == o.order_id else o.model_copy(update={"order_id": n}))
            for i, s, o in orders]  # fmt: skip


def keyed_refunds(session: Session, refunds: Sequence[RefundItem]) -> tuple[list[RefundItem], list[int]]:
    """(refunds keyed to their own store's stored order, inbox ids of those whose order that store never sent).

    A refund is never matched to another store's order of the same id: until its own arrives, it is parked.
    """
    order_ids, _ = resolve(
        session, internal=Order.id, source=Order.source, keys=[(s, r.order_id) for _, s, r in refunds], assign=False
    )
    refund_ids, _ = resolve(
        session, internal=Refund.id, source=Refund.source, keys=[(s, r.refund_id) for _, s, r in refunds], assign=True
    )
    keyed: list[RefundItem] = []
    parked: list[int] = []
    for inbox_id, source, refund in refunds:
        order_id = order_ids.get((source, refund.order_id))
        if order_id is None:
            parked.append(inbox_id)
            continue
        update = {"order_id": order_id, "refund_id": refund_ids[(source, refund.refund_id)]}
        keyed.append((inbox_id, source, refund.model_copy(update=update)))
    return keyed, parked
