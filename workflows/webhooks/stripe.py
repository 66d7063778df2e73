"""Stripe Checkout webhooks -> inbox events.

Signature: ``Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]``; each ``v1`` is the hex HMAC-SHA256 of
``"{t}.{raw body}"`` with the endpoint secret. A timestamp more than 5 minutes from now is refused, so a
captured delivery cannot be replayed later (a replay inside the window is a duplicate and books nothing).

Events:
- ``checkout.session.completed`` (when ``payment_status`` is ``paid``) and
  ``checkout.session.async_payment_succeeded``: the order id is the session's ``payment_intent`` (the key
  refunds refer to; the session id when there is none). The click id is ``client_reference_id`` (set it from
  the afflow cookie when creating the session) or ``metadata.afflow_cid``; ``metadata.afflow_ref`` and
  ``metadata.afflow_coupon`` carry a ref code and coupon. The event does not embed line items, so the lines
  come from ``metadata.afflow_lines``, a JSON list of ``{"sku", "quantity", "unit_amount"}`` (minor units,
  like every Stripe amount); without it the order is one line, SKU ``metadata.afflow_sku`` (else
  ``checkout``), for ``amount_subtotal`` less ``total_details.amount_discount`` (no tax, no shipping).
  Customer: ``customer``, else a hash of ``customer_details.email``. A session carries no buyer IP or user
  agent of its own: ``checkout_signal`` reads ``metadata.afflow_ip`` / ``metadata.afflow_user_agent``, which
  the storefront sets from the shopper's request when it creates the session (as it does the click id).
- ``charge.refunded``: each refund in ``refunds.data`` (by its ``re_`` id) when the charge embeds them;
  otherwise the increase of ``amount_refunded`` over ``data.previous_attributes.amount_refunded``, keyed by
  the charge and the new cumulative amount. Refunds are spread over the order of ``payment_intent``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from workflows.booking.events import InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.webhooks.common import (
    CLICK_ID_KEYS,
    COUPON_KEYS,
    MalformedPayload,
    SignatureError,
    build,
    customer_key,
    field,
    first_of,
    in_bounds,
    objects,
    optional,
    parse_json_object,
    split_line,
    text,
    unix_time,
)

SIGNATURE_HEADER = "stripe-signature"
TOLERANCE_SECONDS = 300
ORDER_EVENTS = frozenset({"checkout.session.completed", "checkout.session.async_payment_succeeded"})


def sign(body: bytes, secret: str, timestamp: int) -> str:
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def verify(*, body: bytes, headers: Mapping[str, str], secret: str, now: datetime) -> None:
    header = headers.get(SIGNATURE_HEADER)
    if not header:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    parts = [part.split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [value.strip() for key, value in parts if key.strip() == "t"]
    signatures = [value.strip() for key, value in parts if key.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].isdigit() or not signatures:
        raise SignatureError("Stripe-Signature needs one t= and at least one v1=")
    stamp = int(stamps[0])
    if abs(now.timestamp() - stamp) > TOLERANCE_SECONDS:
        raise SignatureError("signature timestamp is outside the 5-minute tolerance")
    expected = sign(body, secret, stamp).encode()
    if not any(hmac.compare_digest(expected, candidate.encode()) for candidate in signatures):
        raise SignatureError("no v1 signature matches the body")


def map_webhook(*, body: bytes, headers: Mapping[str, str], currency: str) -> list[InboxPayload]:
    event = parse_json_object(body)
    kind = event.get("type")
    if kind not in ORDER_EVENTS and kind != "charge.refunded":
        return []
    data = field(event, "data", dict, where="event")
    obj = field(data, "object", dict, where="event.data")
    created = unix_time(event.get("created"), where="event.created")
    if kind == "charge.refunded":
        previous = optional(data, "previous_attributes", dict, where="event.data") or {}
        return list(map_charge_refunded(obj, previous=previous, ts=created))
    if kind == "checkout.session.completed" and obj.get("payment_status") != "paid":
        return []
    return [map_session(obj, ts=created)]


def checkout_signal(event: Mapping[str, Any]) -> tuple[str, str]:
    """(buyer IP, user agent) from a checkout session event's metadata; '' when the storefront set none."""
    data = event.get("data")
    session = data.get("object") if isinstance(data, dict) else None
    metadata = session.get("metadata") if isinstance(session, dict) else None
    if not isinstance(metadata, dict):
        return "", ""
    return text(metadata.get("afflow_ip")), text(metadata.get("afflow_user_agent"))


def map_session(session: Mapping[str, Any], *, ts: datetime) -> OrderEvent:
    session_id = field(session, "id", str, where="session")
    order_id = optional(session, "payment_intent", str, where="session") or session_id
    currency = field(session, "currency", str, where="session").upper()
    metadata = optional(session, "metadata", dict, where="session") or {}
    details = optional(session, "customer_details", dict, where="session") or {}
    return build(
        OrderEvent,
        order_id=order_id,
        ts=ts,
        customer_id=customer_key(customer_id=session.get("customer"), email=details.get("email"), order_id=order_id),
        click_id=first_of([{"afflow_cid": session.get("client_reference_id")}, metadata], CLICK_ID_KEYS),
        ref_code=first_of([metadata], ["afflow_ref"]),
        coupon_code=first_of([metadata], COUPON_KEYS),
        currency=currency,
        lines=tuple(_session_lines(session, metadata=metadata)),
    )


def _session_lines(session: Mapping[str, Any], *, metadata: Mapping[str, Any]) -> list[OrderLineIn]:
    raw = metadata.get("afflow_lines")
    if raw is not None:
        try:
            items = json.loads(raw) if isinstance(raw, str) else None
        except ValueError as exc:
            raise MalformedPayload(f"session.metadata.afflow_lines is not JSON: {exc}") from exc
        lines: list[OrderLineIn] = []
        for index, item in enumerate(objects(items, where="session.metadata.afflow_lines")):
            where = f"session.metadata.afflow_lines[{index}]"
            quantity = field(item, "quantity", int, where=where)
            unit = in_bounds(field(item, "unit_amount", int, where=where), where=f"{where}.unit_amount")
            lines += split_line(
                sku=str(field(item, "sku", str, where=where)), quantity=quantity, net_cents=unit * quantity
            )
        if not lines:
            raise MalformedPayload("session.metadata.afflow_lines is empty")
        return lines
    subtotal = optional(session, "amount_subtotal", int, where="session")
    if subtotal is None:
        subtotal = field(session, "amount_total", int, where="session")
    totals = optional(session, "total_details", dict, where="session") or {}
    raw_discount = totals.get("amount_discount")
    discount = raw_discount if isinstance(raw_discount, int) else 0
    net = in_bounds(subtotal, where="session.amount_subtotal") - in_bounds(
        discount, where="session.total_details.amount_discount"
    )
    sku = first_of([metadata], ["afflow_sku"]) or "checkout"
    return split_line(sku=sku, quantity=1, net_cents=net)


def map_charge_refunded(charge: Mapping[str, Any], *, previous: Mapping[str, Any], ts: datetime) -> list[RefundEvent]:
    charge_id = field(charge, "id", str, where="charge")
    order_id = optional(charge, "payment_intent", str, where="charge") or charge_id
    currency = (optional(charge, "currency", str, where="charge") or "").upper() or None  # the order's, as charged
    listed = optional(charge, "refunds", dict, where="charge") or {}
    refunds = [
        refund
        for refund in objects(listed.get("data"), where="charge.refunds.data")
        if refund.get("status") in (None, "succeeded", "pending")
    ]
    if refunds:
        return [
            build(
                RefundEvent,
                refund_id=field(refund, "id", str, where="charge.refunds.data[]"),
                order_id=order_id,
                ts=unix_time(refund["created"], where="refund.created")
                if isinstance(refund.get("created"), int)
                else ts,
                amount_cents=field(refund, "amount", int, where="charge.refunds.data[]"),
                currency=(optional(refund, "currency", str, where="charge.refunds.data[]") or "").upper() or currency,
            )
            for refund in refunds
            if isinstance(refund.get("amount"), int) and refund["amount"] > 0
        ]
    total = field(charge, "amount_refunded", int, where="charge")
    before = previous.get("amount_refunded") if isinstance(previous.get("amount_refunded"), int) else 0
    if total - before <= 0:
        return []
    amount = total - before
    return [
        build(
            RefundEvent,
            refund_id=f"{charge_id}:{total}",
            order_id=order_id,
            ts=ts,
            amount_cents=amount,
            currency=currency,
        )
    ]
