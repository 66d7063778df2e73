"""Shopify order webhooks -> inbox events.

Signature: ``X-Shopify-Hmac-Sha256`` is the base64 HMAC-SHA256 of the raw body with the app's secret.
Topics (``X-Shopify-Topic``):

- ``orders/paid`` and ``orders/create`` (the latter only once ``financial_status`` shows money taken, so an
  unpaid order waits for ``orders/paid``; both map to the same ``order:{id}`` key and book once);
- ``refunds/create``: one refund event per refunded line (``refund_line_items[].subtotal``, net of
  discounts, without tax), or, for an amount-only refund, the refunded transactions minus shipping refunds
  spread over the order.

Mapping of an order: ``id`` is the order id; ``processed_at`` (else ``created_at``) the time; the click id
comes from ``note_attributes`` (``afflow_cid``, written by the storefront from the afflow cookie) or the
``afflow_cid`` parameter of ``landing_site``; the ref code from ``landing_site_ref`` or a ``ref`` /
``afflow_ref`` landing parameter; the coupon is the first of ``discount_codes``; each line is
``sku`` × ``quantity`` at ``price`` minus its ``discount_allocations`` (gift cards are not products and are
skipped); ``customer.id`` and ``customer.orders_count`` identify new vs returning customers. Refunds already
listed in the order's ``refunds`` are mapped as well, so a late delivery still reverses them.
The buyer's checkout signals (``checkout_signal``) are ``browser_ip`` (else ``client_details.browser_ip``)
and ``client_details.user_agent``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from workflows.booking.events import InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.webhooks.common import (
    CLICK_ID_KEYS,
    REF_KEYS,
    SignatureError,
    build,
    cents,
    customer_key,
    field,
    first_of,
    objects,
    optional,
    parse_json_object,
    price,
    query_params,
    split_line,
    text,
    timestamp,
)

SIGNATURE_HEADER = "x-shopify-hmac-sha256"
TOPIC_HEADER = "x-shopify-topic"
PAID_STATUSES = frozenset({"paid", "partially_refunded", "refunded"})


def sign(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def verify(*, body: bytes, headers: Mapping[str, str], secret: str) -> None:
    given = headers.get(SIGNATURE_HEADER)
    if not given:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    if not hmac.compare_digest(sign(body, secret).encode(), given.strip().encode()):
        raise SignatureError("signature does not match the body")


def map_webhook(*, body: bytes, headers: Mapping[str, str], currency: str) -> list[InboxPayload]:
    """Events for a verified delivery; an unsubscribed topic maps to nothing (answered 200, ignored)."""
    topic = headers.get(TOPIC_HEADER, "")
    if topic not in ("orders/create", "orders/paid", "refunds/create"):
        return []
    payload = parse_json_object(body)
    if topic == "refunds/create":
        return list(map_refund(payload, currency=currency))
    status = payload.get("financial_status")
    if topic == "orders/create" and status not in PAID_STATUSES:
        return []
    return map_order(payload)


def map_order(order: Mapping[str, Any]) -> list[InboxPayload]:
    order_id = str(field(order, "id", (int, str), where="order"))
    currency = field(order, "currency", str, where="order")
    landing = query_params(order.get("landing_site"))
    notes = {
        str(note.get("name")): note.get("value")
        for note in objects(order.get("note_attributes"), where="order.note_attributes")
    }
    codes = objects(order.get("discount_codes"), where="order.discount_codes")
    customer = optional(order, "customer", dict, where="order") or {}
    orders_count = customer.get("orders_count")
    lines = _order_lines(order, currency=currency)
    if not lines:
        return []
    events: list[InboxPayload] = [
        build(
            OrderEvent,
            order_id=order_id,
            ts=timestamp(order.get("processed_at") or order.get("created_at"), where="order.processed_at"),
            customer_id=customer_key(customer_id=customer.get("id"), email=order.get("email"), order_id=order_id),
            click_id=first_of([notes, landing], CLICK_ID_KEYS),
            ref_code=first_of([{"ref": order.get("landing_site_ref")}, landing], REF_KEYS),
            coupon_code=first_of(codes[:1], ["code"]),
            currency=currency,
            lines=tuple(lines),
            customer_order_count=orders_count if isinstance(orders_count, int) and orders_count > 0 else None,
        )
    ]
    for refund in objects(order.get("refunds"), where="order.refunds"):
        events.extend(map_refund({"order_id": order_id, **refund}, currency=currency))
    return events


def checkout_signal(order: Mapping[str, Any]) -> tuple[str, str]:
    """(buyer IP, user agent) of an order payload; '' for what the order does not carry (an API order)."""
    details = order.get("client_details")
    details = details if isinstance(details, dict) else {}
    return text(order.get("browser_ip")) or text(details.get("browser_ip")), text(details.get("user_agent"))


def _order_lines(order: Mapping[str, Any], *, currency: str) -> list[OrderLineIn]:
    lines: list[OrderLineIn] = []
    for index, item in enumerate(objects(order.get("line_items"), where="order.line_items")):
        where = f"order.line_items[{index}]"
        if item.get("gift_card") is True:
            continue
        quantity = field(item, "quantity", int, where=where)
        gross = (
            price(field(item, "price", (str, int, Decimal), where=where), currency, where=f"{where}.price") * quantity
        )
        discounts = sum(
            price(allocation.get("amount"), currency, where=f"{where}.discount_allocations.amount")
            for allocation in objects(item.get("discount_allocations"), where=f"{where}.discount_allocations")
        )
        lines += split_line(sku=_sku(item), quantity=quantity, net_cents=gross - discounts)
    return lines


def _sku(item: Mapping[str, Any]) -> str:
    sku = item.get("sku")
    if isinstance(sku, str) and sku.strip():
        return sku.strip()
    fallback = item.get("variant_id") or item.get("product_id") or item.get("id")
    return f"shopify:{fallback}"


def map_refund(refund: Mapping[str, Any], *, currency: str) -> list[RefundEvent]:
    refund_id = str(field(refund, "id", (int, str), where="refund"))
    order_id = str(field(refund, "order_id", (int, str), where="refund"))
    ts = timestamp(refund.get("processed_at") or refund.get("created_at"), where="refund.created_at")
    line_items = objects(refund.get("refund_line_items"), where="refund.refund_line_items")
    events: list[RefundEvent] = []
    for index, item in enumerate(line_items):
        where = f"refund.refund_line_items[{index}]"
        amount = cents(field(item, "subtotal", (str, int, Decimal), where=where), currency, where=f"{where}.subtotal")
        line = optional(item, "line_item", dict, where=where) or {}
        if amount > 0:
            events.append(
                build(
                    RefundEvent,
                    refund_id=f"{refund_id}:{item.get('id', index)}",
                    order_id=order_id,
                    ts=ts,
                    sku=_sku(line) if line else None,
                    amount_cents=amount,
                )
            )
    if line_items:
        return events
    amount = _transactions_total(refund, currency=currency)
    if amount <= 0:
        return []
    return [build(RefundEvent, refund_id=refund_id, order_id=order_id, ts=ts, sku=None, amount_cents=amount)]


def _transactions_total(refund: Mapping[str, Any], *, currency: str) -> int:
    """Money actually refunded, less shipping refunds (commission is never paid on shipping)."""
    total = sum(
        cents(tx.get("amount"), currency, where="refund.transactions.amount")
        for tx in objects(refund.get("transactions"), where="refund.transactions")
        if tx.get("kind") == "refund" and tx.get("status") == "success"
    )
    shipping = sum(
        abs(cents(adj.get("amount"), currency, where="refund.order_adjustments.amount"))
        for adj in objects(refund.get("order_adjustments"), where="refund.order_adjustments")
        if adj.get("kind") == "shipping_refund"
    )
    return total - shipping
