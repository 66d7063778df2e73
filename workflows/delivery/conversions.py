"""Server-side conversions: every attributed order, and each of its refunds, queued for GA4 and Meta.

Queueing is set-based and idempotent: one ``conversion_outbox`` row per (destination, event id), found
with an anti-join, so running it after every ingest or on a schedule queues each event exactly once.
The payload is frozen at queue time in the destination's documented shape (GA4 Measurement Protocol,
Meta Conversions API) and resent unchanged on retry; both receivers deduplicate by its event id
(GA4: ``transaction_id``; Meta: ``event_name`` + ``event_id``). Delivery lives in
``workflows.delivery.conversion_senders``.

Voided orders (``afflow orders void``) sold nothing: their purchase is never queued, and a purchase (or a
refund whose purchase was not sent) still waiting in the outbox when the order is voided is ``cancelled`` at
delivery (``cancel_voided``), never sent. Neither platform lets a server delete an event it received, so a
purchase already sent is retracted the way both document for taking a sale back: a ``void-{order}`` event,
GA4 ``refund`` of the whole transaction and Meta ``Refund``, for what the platform was told was sold less
the refunds it was told of, dated when the order was voided. A replaced order's superseded lines are never
part of a purchase (``afflow import orders --replace``).

Privacy: identifiers leave only as SHA-256 of the normalised value (what both platforms match on);
raw IPs are never stored, so none can be sent. Money is stored here as decimal strings and written to
the wire as exact JSON numbers (see ``encode_payload``) — never through floats.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, literal, or_, select, update
from sqlalchemy.orm import Session, aliased

from store.bulk import chunks, insert_ignoring_duplicates, rows_where_in
from store.models import Attribution, ConversionOutbox, Order, OrderLine, Refund
from store.money import format_money

DESTINATIONS = ("ga4", "meta")
MONEY_KEYS = frozenset({"value", "price", "item_price"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_GA4_BACKDATE_LIMIT = timedelta(hours=72)


@dataclass(frozen=True)
class QueueReport:
    purchases: int = 0
    refunds: int = 0
    voids: int = 0  # retractions of purchases sent before their order was voided


def sha256_normalised(value: str) -> str:
    """SHA-256 hex of the trimmed, lower-cased value: the normalisation GA4 and Meta both document."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def hashed_identity(customer_id: str) -> dict[str, str]:
    """The customer's hashed ids: always ``external_id``; ``email`` too when the id is an email address."""
    identity = {"external_id": sha256_normalised(customer_id)}
    if _EMAIL.match(customer_id.strip()):
        identity["email"] = sha256_normalised(customer_id)
    return identity


def ga4_client_id(customer_id: str) -> str:
    """A stable pseudonymous GA4 client id ("<int>.<int>", the gtag shape) derived from the hashed customer."""
    digest = hashlib.sha256(f"afflow-ga4:{customer_id.strip().lower()}".encode()).hexdigest()
    return f"{int(digest[:8], 16)}.{int(digest[8:16], 16)}"


def encode_payload(payload: dict[str, Any]) -> str:
    """JSON text with every money field (decimal string under a ``MONEY_KEYS`` key) as an exact number."""
    marked = _mark_money(payload)
    text = json.dumps(marked, separators=(",", ":"), sort_keys=True)
    return re.sub(r'"\\u0000(-?\d+(?:\.\d+)?)\\u0000"', r"\1", text)


def _mark_money(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _mark_money(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark_money(v, key) for v in value]
    if key in MONEY_KEYS and isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        return f"\u0000{value}\u0000"
    return value


def queue_conversions(
    *, session: Session, destinations: Sequence[str], now: datetime, since: datetime | None = None
) -> QueueReport:
    """Queue a purchase per attributed order and a refund per refund of one, for each destination, once; and a
    retraction per voided order whose purchase the destination was sent."""
    purchases = refunds = voids = 0
    for destination in destinations:
        if destination not in DESTINATIONS:
            raise ValueError(f"unknown conversion destination {destination!r}")
        purchases += _queue_purchases(session, destination, now, since)
        refunds += _queue_refunds(session, destination, now, since)
        voids += _queue_voids(session, destination, now, since)
    return QueueReport(purchases=purchases, refunds=refunds, voids=voids)


VOIDED = select(Order.id).where(Order.voided_at.is_not(None))


def _purchase_sent(destination: Any, order_id: Any) -> ColumnElement[bool]:
    """The destination was sent the order's purchase (so it must hear of the order's refunds and its void)."""
    sent = aliased(ConversionOutbox)
    return exists().where(
        sent.order_id == order_id, sent.destination == destination, sent.event_name == "purchase",
        sent.status == "sent",
    )  # fmt: skip


def cancel_voided(*, session: Session, ids: Sequence[int], now: datetime) -> int:
    """Cancel those of the queued rows ``ids`` a void made pointless: a voided order's purchase, and its refunds
    when their destination never got the purchase. Returns how many were cancelled."""
    if not ids:
        return 0
    outbox = ConversionOutbox
    result = session.execute(
        update(outbox)
        .where(outbox.id.in_(list(ids)), outbox.status == "queued", outbox.order_id.in_(VOIDED))
        .where(
            or_(
                outbox.event_name == "purchase",
                and_(outbox.event_name == "refund", ~_purchase_sent(outbox.destination, outbox.order_id)),
            )
        )
        .values(status="cancelled", next_attempt_at=None, last_error=f"the order was voided: not sent ({now:%Y-%m-%d})")
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _not_queued(destination: str, event_id: Any) -> Any:
    key = literal(f"{destination}:") + event_id
    return ~exists().where(ConversionOutbox.dedupe_key == key)


@dataclass(frozen=True, slots=True)
class _Event:
    """One conversion as both destinations describe it; money as decimal strings (``format_money``)."""

    name: str  # purchase | refund | void (the retraction of a voided order's purchase)
    event_id: str
    order_id: str
    partner_id: str
    ts: datetime
    customer_id: str
    currency: str
    value: str
    items: tuple[tuple[str, int, str], ...] = ()  # a purchase's lines: (SKU, quantity, unit price)
    sku: str | None = None  # a refund's SKU, when the refund names one


def _queue_purchases(session: Session, destination: str, now: datetime, since: datetime | None) -> int:
    query = (
        select(Attribution.order_id, Attribution.partner_id, Order.ts, Order.customer_id, Order.currency)
        .join(Order, Order.id == Attribution.order_id)
        .where(_not_queued(destination, literal("purchase-") + Attribution.order_id))
        .where(Order.voided_at.is_(None))  # a voided order sold nothing
        .order_by(Order.ts, Order.id)
    )
    if since is not None:
        query = query.where(Order.ts >= since)
    orders = session.execute(query).all()
    rows: list[dict[str, Any]] = []
    for chunk in chunks(orders):
        lines = _lines(session, [row.order_id for row in chunk])
        for order_id, partner_id, ts, customer_id, currency in chunk:
            order_lines = lines.get(order_id, [])
            total = format_money(sum(qty * price for _, qty, price in order_lines), currency)
            items = tuple((sku, qty, format_money(price, currency)) for sku, qty, price in order_lines)
            event = _Event(
                "purchase", f"purchase-{order_id}", order_id, partner_id, ts, customer_id, currency, total, items
            )
            rows.append(_row(destination, event, now))
    return _insert(session, rows)


def _lines(session: Session, order_ids: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    query = (
        select(OrderLine.order_id, OrderLine.sku, OrderLine.quantity, OrderLine.unit_price_cents)
        .where(OrderLine.replaced_by.is_(None))  # a replaced order's superseded lines were not sold
        .order_by(OrderLine.order_id, OrderLine.line_no)
    )
    found: dict[str, list[tuple[str, int, int]]] = {}
    for order_id, sku, quantity, price in rows_where_in(session, query, OrderLine.order_id, order_ids):
        found.setdefault(order_id, []).append((sku, quantity, price))
    return found


def _queue_refunds(session: Session, destination: str, now: datetime, since: datetime | None) -> int:
    query = (
        select(Refund.id, Refund.order_id, Refund.ts, Refund.sku, Refund.amount_cents, Attribution.partner_id)
        .add_columns(Order.customer_id, Order.currency)
        .join(Attribution, Attribution.order_id == Refund.order_id)
        .join(Order, Order.id == Refund.order_id)
        .where(_not_queued(destination, literal("refund-") + Refund.id))
        .where(or_(Order.voided_at.is_(None), _purchase_sent(literal(destination), Order.id)))
        .order_by(Refund.ts, Refund.id)
    )
    if since is not None:
        query = query.where(Refund.ts >= since)
    rows: list[dict[str, Any]] = []
    for refund_id, order_id, ts, sku, amount, partner_id, customer_id, currency in session.execute(query):
        value = format_money(amount, currency)
        event = _Event("refund", f"refund-{refund_id}", order_id, partner_id, ts, customer_id, currency, value, sku=sku)
        rows.append(_row(destination, event, now))
    return _insert(session, rows)


def _queue_voids(session: Session, destination: str, now: datetime, since: datetime | None) -> int:
    purchase = aliased(ConversionOutbox)
    query: Select[Any] = (
        select(Order.id, Order.voided_at, Order.customer_id, Order.currency, purchase.partner_id, purchase.payload)
        .join(purchase, purchase.order_id == Order.id)
        .where(purchase.destination == destination, purchase.event_name == "purchase", purchase.status == "sent")
        .where(Order.voided_at.is_not(None), _not_queued(destination, literal("void-") + Order.id))
        .order_by(Order.voided_at, Order.id)
    )
    if since is not None:
        query = query.where(Order.voided_at >= since)
    rows: list[dict[str, Any]] = []
    for order_id, voided_at, customer_id, currency, partner_id, payload in session.execute(query).all():
        told = session.scalars(
            select(ConversionOutbox.payload).where(
                ConversionOutbox.order_id == order_id, ConversionOutbox.destination == destination,
                ConversionOutbox.event_name == "refund", ConversionOutbox.status != "cancelled",
            )
        )  # fmt: skip
        rest = sold_value(destination, payload) - sum((sold_value(destination, p) for p in told), Decimal(0))
        if rest > 0:  # refunds already took back the whole sale: nothing left to retract
            event = _Event(
                "void", f"void-{order_id}", order_id, partner_id, voided_at, customer_id, currency, str(rest)
            )
            rows.append(_row(destination, event, now))
    return _insert(session, rows)


def sold_value(destination: str, payload: dict[str, Any]) -> Decimal:
    """The ``value`` a frozen payload of ``destination`` carries (a decimal string)."""
    if destination == "ga4":
        return Decimal(payload["events"][0]["params"]["value"])
    return Decimal(payload["data"][0]["custom_data"]["value"])


def _row(destination: str, event: _Event, now: datetime) -> dict[str, Any]:
    """The outbox row of ``event`` for ``destination``, its payload frozen in that destination's shape."""
    payload = _ga4_payload(event, now) if destination == "ga4" else _meta_payload(event)
    return {
        "dedupe_key": f"{destination}:{event.event_id}",
        "destination": destination,
        "event_name": event.name,
        "event_id": event.event_id,
        "order_id": event.order_id,
        "partner_id": event.partner_id,
        "event_ts": event.ts,
        "payload": payload,
        "status": "queued",
        "attempts": 0,
    }


def _insert(session: Session, rows: list[dict[str, Any]]) -> int:
    insert_ignoring_duplicates(session, ConversionOutbox, rows, key=["dedupe_key"])
    return len(rows)


def _ga4_envelope(customer_id: str, ts: datetime, now: datetime, event: dict[str, Any]) -> dict[str, Any]:
    identity = hashed_identity(customer_id)
    body: dict[str, Any] = {"client_id": ga4_client_id(customer_id), "user_id": identity["external_id"]}
    if "email" in identity:
        body["user_data"] = {"sha256_email_address": [identity["email"]]}
    if now - ts <= _GA4_BACKDATE_LIMIT:  # GA4 refuses older timestamps; without one it uses receipt time
        body["timestamp_micros"] = int(ts.timestamp()) * 1_000_000 + ts.microsecond
    body["events"] = [event]
    return body


def _ga4_payload(event: _Event, now: datetime) -> dict[str, Any]:
    params: dict[str, Any] = {"transaction_id": event.order_id, "currency": event.currency, "value": event.value}
    if event.name == "purchase":
        params["affiliation"] = event.partner_id
        params["items"] = [{"item_id": sku, "quantity": qty, "price": price} for sku, qty, price in event.items]
    elif event.sku:
        params["items"] = [{"item_id": event.sku}]
    name = "purchase" if event.name == "purchase" else "refund"  # GA4 takes a whole sale back with a refund
    return _ga4_envelope(event.customer_id, event.ts, now, {"name": name, "params": params})


def _meta_event(name: str, event_id: str, ts: datetime, customer_id: str, custom: dict[str, Any]) -> dict[str, Any]:
    identity = hashed_identity(customer_id)
    user_data = {"external_id": [identity["external_id"]]}
    if "email" in identity:
        user_data["em"] = [identity["email"]]
    event = {
        "event_name": name,
        "event_time": int(ts.timestamp()),
        "event_id": event_id,
        "action_source": "website",
        "user_data": user_data,
        "custom_data": custom,
    }
    return {"data": [event]}


def _meta_payload(event: _Event) -> dict[str, Any]:
    custom: dict[str, Any] = {"currency": event.currency, "value": event.value, "order_id": event.order_id}
    if event.name == "purchase":
        custom["content_type"] = "product"
        custom["contents"] = [{"id": sku, "quantity": qty, "item_price": price} for sku, qty, price in event.items]
        return _meta_event("Purchase", event.event_id, event.ts, event.customer_id, custom)
    if event.sku:
        custom["content_ids"] = [event.sku]
    return _meta_event("Refund", event.event_id, event.ts, event.customer_id, custom)
