"""WooCommerce order webhooks -> inbox events.

Signature: ``X-WC-Webhook-Signature`` is the base64 HMAC-SHA256 of the raw body with the webhook's secret.
Topics (``X-WC-Webhook-Topic``): ``order.created``, ``order.updated`` and ``order.restored`` all carry the
whole order (REST API v3 shape). When a webhook is saved WooCommerce sends an unsigned ping whose body is
just ``webhook_id=N``; it is answered 200 and writes nothing.

Mapping: an order counts once money is taken (``status`` processing / completed, or refunded with a
``date_paid_gmt``) and maps to ``order:{id}``, so the many ``order.updated`` deliveries book once. The time
is ``date_paid_gmt`` (else ``date_created_gmt``), UTC. Lines: ``sku`` × ``quantity`` for ``total`` (after
coupons, without tax; sent unrounded when prices include tax, so rounded half-even to the currency's unit).
Click id and ref code: ``meta_data`` keys ``afflow_cid`` / ``afflow_ref`` (written at checkout from the
afflow cookie), else the parameters of WooCommerce's own order-attribution landing page
(``_wc_order_attribution_session_entry``). Coupon: the first of ``coupon_lines``. Customer: ``customer_id``,
or a hash of ``billing.email`` for a guest (WooCommerce sends no order count). Each entry of ``refunds``
(``id``, negative ``total``) becomes a refund spread over the order; a ``refunded`` order without refund
entries is refunded in full.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from workflows.booking.events import InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.webhooks.common import (
    CLICK_ID_KEYS,
    REF_KEYS,
    SignatureError,
    build,
    customer_key,
    field,
    first_of,
    in_bounds,
    objects,
    parse_json_object,
    query_params,
    rounded_cents,
    split_line,
    text,
    timestamp,
)

SIGNATURE_HEADER = "x-wc-webhook-signature"
TOPIC_HEADER = "x-wc-webhook-topic"
ORDER_TOPICS = frozenset({"order.created", "order.updated", "order.restored"})
PAID_STATUSES = frozenset({"processing", "completed"})
ATTRIBUTION_ENTRY = "_wc_order_attribution_session_entry"
_PING = re.compile(rb"webhook_id=\d+")


def sign(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def is_ping(body: bytes, headers: Mapping[str, str]) -> bool:
    """WooCommerce's unsigned delivery test when a webhook is saved: carries no data, changes nothing."""
    return SIGNATURE_HEADER not in headers and _PING.fullmatch(body.strip()) is not None


def verify(*, body: bytes, headers: Mapping[str, str], secret: str) -> None:
    given = headers.get(SIGNATURE_HEADER)
    if not given:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    if not hmac.compare_digest(sign(body, secret).encode(), given.strip().encode()):
        raise SignatureError("signature does not match the body")


def map_webhook(*, body: bytes, headers: Mapping[str, str], currency: str) -> list[InboxPayload]:
    if headers.get(TOPIC_HEADER, "") not in ORDER_TOPICS:
        return []
    return map_order(parse_json_object(body))


def checkout_signal(order: Mapping[str, Any]) -> tuple[str, str]:
    """(buyer IP, user agent) WooCommerce recorded at checkout: ``customer_ip_address``, ``customer_user_agent``."""
    return text(order.get("customer_ip_address")), text(order.get("customer_user_agent"))


def map_order(order: Mapping[str, Any]) -> list[InboxPayload]:
    order_id = str(field(order, "id", (int, str), where="order"))
    status = field(order, "status", str, where="order")
    paid_at = order.get("date_paid_gmt")
    if status not in PAID_STATUSES and not (status == "refunded" and paid_at):
        return []
    currency = field(order, "currency", str, where="order")
    meta = {
        str(item.get("key")): item.get("value") for item in objects(order.get("meta_data"), where="order.meta_data")
    }
    landing = query_params(meta.get(ATTRIBUTION_ENTRY))
    billing = order.get("billing")
    billing = billing if isinstance(billing, dict) else {}
    lines = _order_lines(order, currency=currency)
    if not lines:
        return []
    ts = timestamp(paid_at or order.get("date_created_gmt"), where="order.date_paid_gmt")
    events: list[InboxPayload] = [
        build(
            OrderEvent,
            order_id=order_id,
            ts=ts,
            customer_id=customer_key(
                customer_id=order.get("customer_id"), email=billing.get("email"), order_id=order_id
            ),
            click_id=first_of([meta, landing], CLICK_ID_KEYS),
            ref_code=first_of([meta, landing], REF_KEYS),
            coupon_code=first_of(objects(order.get("coupon_lines"), where="order.coupon_lines")[:1], ["code"]),
            currency=currency,
            lines=tuple(lines),
        )
    ]
    events += _refunds(order, order_id=order_id, status=status, lines=lines, currency=currency)
    return events


def _order_lines(order: Mapping[str, Any], *, currency: str) -> list[OrderLineIn]:
    lines: list[OrderLineIn] = []
    for index, item in enumerate(objects(order.get("line_items"), where="order.line_items")):
        where = f"order.line_items[{index}]"
        quantity = field(item, "quantity", int, where=where)
        net = in_bounds(
            rounded_cents(field(item, "total", (str, int, Decimal), where=where), currency, where=f"{where}.total"),
            where=f"{where}.total",
        )
        sku = item.get("sku")
        if not (isinstance(sku, str) and sku.strip()):
            sku = f"woocommerce:{item.get('variation_id') or item.get('product_id') or item.get('id')}"
        lines += split_line(sku=sku.strip(), quantity=quantity, net_cents=net)
    return lines


def _refunds(
    order: Mapping[str, Any], *, order_id: str, status: str, lines: list[OrderLineIn], currency: str
) -> list[RefundEvent]:
    ts = timestamp(order.get("date_modified_gmt") or order.get("date_created_gmt"), where="order.date_modified_gmt")
    refunds: list[RefundEvent] = []
    for index, refund in enumerate(objects(order.get("refunds"), where="order.refunds")):
        where = f"order.refunds[{index}]"
        amount = abs(
            rounded_cents(field(refund, "total", (str, int, Decimal), where=where), currency, where=f"{where}.total")
        )
        if amount > 0:
            refund_id = str(field(refund, "id", (int, str), where=where))
            refunds.append(
                build(
                    RefundEvent, refund_id=refund_id, order_id=order_id, ts=ts, amount_cents=amount, currency=currency
                )
            )
    if not refunds and status == "refunded":
        whole = sum(line.quantity * line.unit_price_cents for line in lines)
        if whole > 0:
            refunds.append(
                build(
                    RefundEvent,
                    refund_id=f"{order_id}:refunded",
                    order_id=order_id,
                    ts=ts,
                    amount_cents=whole,
                    currency=currency,
                )
            )
    return refunds
