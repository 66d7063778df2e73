"""A customer's data on request: ``export_customer`` gathers what afflow holds about one customer id and
``erase_customer`` replaces it with a tombstone.

Erasure rewrites the customer id of the customer's orders to one random ``erased:<hex>`` (so the orders still
count as one customer's), deletes their checkout signals, blanks the device signals and customer reference of
the clicks that carried the id, and scrubs the id and its hashed forms from stored event payloads (the inbox,
queued or sent conversions). Orders, lines, refunds, attributions, commissions and ledger entries keep every
amount and credit. The audit log names the customer only by a keyed digest, never by the id, because the log
itself can never be erased.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.db import ensure_program
from store.models import Attribution, Click, ConversionOutbox, InboxEvent, Order, OrderLine, OrderSignal, Refund
from store.money import format_money
from workflows.booking.events import UNVERIFIED
from workflows.delivery.conversions import ga4_client_id, hashed_identity

ERASED = "[erased]"


class UnknownSubject(LookupError):
    """Nothing is stored under the customer or partner id given."""


class NotErasable(ValueError):
    """The subject may not be erased yet (a partner that is not offboarded)."""


@dataclass(frozen=True, slots=True)
class CustomerErasure:
    tombstone: str
    orders: int
    clicks: int
    order_signals: int
    payloads: int  # stored event payloads scrubbed


def customer_digest(*, session: Session, customer_id: str) -> str:
    """How the audit log names a customer: keyed with the program's salt, so the log never holds the id."""
    salt = ensure_program(session).ip_salt
    return hashlib.sha256(f"customer:{salt}:{customer_id}".encode()).hexdigest()[:16]


def _click_refs(customer_id: str) -> tuple[str, str]:
    return customer_id, UNVERIFIED + customer_id


def export_customer(*, session: Session, customer_id: str, actor: Actor) -> dict[str, Any]:
    """Everything stored about ``customer_id`` (orders with lines, refunds and credit; checkout signals; clicks),
    amounts as decimal strings in each order's currency. Recorded in the audit log. Raises ``UnknownSubject``."""
    orders = list(session.scalars(select(Order).where(Order.customer_id == customer_id).order_by(Order.ts, Order.id)))
    clicks = list(
        session.scalars(select(Click).where(Click.customer_ref.in_(_click_refs(customer_id))).order_by(Click.ts))
    )
    if not orders and not clicks:
        raise UnknownSubject(f"no orders or clicks of customer {customer_id!r}")
    ids = [order.id for order in orders]
    lines = session.scalars(select(OrderLine).where(OrderLine.order_id.in_(ids)).order_by(OrderLine.line_no)).all()
    refunds = session.scalars(select(Refund).where(Refund.order_id.in_(ids)).order_by(Refund.ts)).all()
    credit = {a.order_id: a for a in session.scalars(select(Attribution).where(Attribution.order_id.in_(ids)))}
    signals = session.scalars(select(OrderSignal).where(OrderSignal.order_id.in_(ids))).all()
    currency = {order.id: order.currency for order in orders}
    document = {
        "customer_id": customer_id,
        "orders": [
            {"order_id": o.id, "ts": o.ts.isoformat(), "currency": o.currency, "total": format_money(o.total_cents, o.currency),
             "source": o.source, "is_new_customer": o.is_new_customer, "click_id": o.click_id, "ref_code": o.ref_code,
             "coupon_code": o.coupon_code, "original": _original(o),
             "credited_to": ({"partner_id": credit[o.id].partner_id, "method": credit[o.id].method} if o.id in credit else None),
             "lines": [{"sku": line.sku, "quantity": line.quantity, "amount": format_money(line.amount_cents, o.currency)}
                       for line in lines if line.order_id == o.id]}
            for o in orders
        ],
        "refunds": [{"refund_id": r.id, "order_id": r.order_id, "ts": r.ts.isoformat(), "sku": r.sku,
                     "amount": format_money(r.amount_cents, currency[r.order_id])} for r in refunds],
        "order_signals": [{"order_id": s.order_id, "ip_hash": s.ip_hash, "ip_prefix": s.ip_prefix,
                           "user_agent_family": s.user_agent_family, "device_type": s.device_type,
                           "email_key_stored": bool(s.mailbox_key)} for s in signals],
        "clicks": [{"click_id": c.id, "ts": c.ts.isoformat(), "partner_id": c.partner_id, "ip_hash": c.ip_hash,
                    "ip_prefix": c.ip_prefix, "user_agent": c.user_agent, "device_type": c.device_type,
                    "referrer": c.referrer, "landing_url": c.landing_url} for c in clicks],
    }  # fmt: skip
    record(session=session, actor=actor, action="customer_data_exported",
           subject=f"customer:{customer_digest(session=session, customer_id=customer_id)}",
           details={"orders": len(orders), "clicks": len(clicks), "order_signals": len(signals)})  # fmt: skip
    return document


def erase_customer(*, session: Session, customer_id: str, actor: Actor) -> CustomerErasure:
    """Replace ``customer_id`` everywhere it is stored by one tombstone (see the module docstring), in the
    caller's transaction, recorded in the audit log. Raises ``UnknownSubject`` when nothing is stored under it."""
    ids = list(session.scalars(select(Order.id).where(Order.customer_id == customer_id)))
    click_refs = _click_refs(customer_id)
    click_count = len(list(session.scalars(select(Click.id).where(Click.customer_ref.in_(click_refs)))))
    if not ids and not click_count:
        raise UnknownSubject(f"no orders or clicks of customer {customer_id!r}")
    digest = customer_digest(session=session, customer_id=customer_id)
    tombstone = f"erased:{secrets.token_hex(8)}"
    session.execute(update(Order).where(Order.id.in_(ids)).values(customer_id=tombstone)
                    .execution_options(synchronize_session=False))  # fmt: skip
    removed = session.execute(
        delete(OrderSignal).where(OrderSignal.order_id.in_(ids)).execution_options(synchronize_session=False)
    )
    signals: int = removed.rowcount  # type: ignore[attr-defined]
    session.execute(
        update(Click).where(Click.customer_ref.in_(click_refs))
        .values(customer_ref=None, ip_hash="", ip_prefix="", user_agent="")
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    secrets_of = _identifying_strings(customer_id)
    scrubbed = 0
    inbox = _inbox_events_of(session, ids)
    conversions = session.scalars(select(ConversionOutbox).where(ConversionOutbox.order_id.in_(ids))).all()
    rows: list[InboxEvent | ConversionOutbox] = [*inbox, *conversions]
    for row in rows:
        cleaned = _scrub(row.payload, secrets_of, tombstone)
        if cleaned != row.payload:
            row.payload = cleaned
            scrubbed += 1
    session.flush()
    record(session=session, actor=actor, action="customer_data_erased", subject=f"customer:{digest}",
           details={"tombstone": tombstone, "orders": len(ids), "clicks": click_count, "order_signals": signals,
                    "payloads": scrubbed})  # fmt: skip
    return CustomerErasure(tombstone=tombstone, orders=len(ids), clicks=click_count, order_signals=signals,
                           payloads=scrubbed)  # fmt: skip


def _inbox_events_of(session: Session, order_ids: list[str]) -> list[InboxEvent]:
    """The inbox events about these orders. An event names its store's own order id, which is the order's id
    unless another store used it first (``workflows.booking.store_keys``: then the order is ``{source}:{id}``),
    so events are matched on (source, the store's id), never on the id alone. (An id stored as
    ``{source}:{hash}``, one too long to qualify, cannot be turned back into the store's id: its events are
    not found here.)"""
    wanted = {(source, internal.removeprefix(f"{source}:"))
              for internal, source in session.execute(select(Order.id, Order.source).where(Order.id.in_(order_ids)))}
    events = session.scalars(select(InboxEvent).where(InboxEvent.order_id.in_({store_id for _, store_id in wanted})))
    return [event for event in events if (event.source, event.order_id) in wanted]  # fmt: skip


def _identifying_strings(customer_id: str) -> frozenset[str]:
    """The id as stored and as the conversion payloads carry it (hashed external id / e-mail, GA4 client id)."""
    return frozenset({customer_id, customer_id.strip().lower(), ga4_client_id(customer_id),
                      *hashed_identity(customer_id).values()})  # fmt: skip


def _scrub(value: Any, identifying: frozenset[str], tombstone: str) -> Any:
    """``value`` with every string equal to one of ``identifying`` (case and surrounding space aside) replaced by
    ``tombstone``; equality, not containment, so a short id never blanks unrelated text."""
    if isinstance(value, dict):
        return {key: _scrub(item, identifying, tombstone) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, identifying, tombstone) for item in value]
    if isinstance(value, str) and (value in identifying or value.strip().lower() in identifying):
        return tombstone
    return value


def _original(order: Order) -> dict[str, Any] | None:
    """What the customer paid, for an order booked from another currency (``workflows.booking.fx``)."""
    if order.original_currency is None or order.original_total_cents is None:
        return None
    return {
        "currency": order.original_currency,
        "total": format_money(order.original_total_cents, order.original_currency),
        "fx_rate": order.fx_rate,
        "fx_rate_date": order.fx_rate_date.isoformat() if order.fx_rate_date else None,
    }
