"""Store-platform webhook payloads in their documented shapes, and signing with a secret the test sets.

Shapes follow the platforms' published webhook bodies: Shopify's REST ``Order`` / ``Refund`` resources
(orders/create, orders/paid, refunds/create), WooCommerce's REST v3 order (order.created / order.updated)
and Stripe's ``Event`` envelope around a Checkout ``Session`` or a ``Charge``. Only the secrets are made up.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from workflows.webhooks import shopify, stripe, woocommerce

SHOPIFY_SECRET = "test-shopify-secret"
WOO_SECRET = "test-woo-secret"
STRIPE_SECRET = "whsec_test_secret"
CONVERSION_KEY = "test-conversion-key"


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


def shopify_headers(body: bytes, topic: str, secret: str = SHOPIFY_SECRET) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": shopify.sign(body, secret),
        "X-Shopify-Shop-Domain": "brand.myshopify.com",
        "X-Shopify-Webhook-Id": f"wh-{hash(body) & 0xFFFF}",
        "X-Shopify-API-Version": "2024-07",
    }


def woo_headers(body: bytes, topic: str, secret: str = WOO_SECRET) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-WC-Webhook-Topic": topic,
        "X-WC-Webhook-Resource": "order",
        "X-WC-Webhook-Event": topic.split(".")[1],
        "X-WC-Webhook-Signature": woocommerce.sign(body, secret),
        "X-WC-Webhook-Source": "https://brand.example/",
        "X-WC-Webhook-ID": "7",
        "X-WC-Webhook-Delivery-ID": "42",
    }


def stripe_headers(body: bytes, secret: str = STRIPE_SECRET, at: int | None = None) -> dict[str, str]:
    stamp = int(time.time()) if at is None else at
    return {"Content-Type": "application/json", "Stripe-Signature": f"t={stamp},v1={stripe.sign(body, secret, stamp)}"}


def shopify_order(
    *,
    order_id: int = 820982911946154508,
    financial_status: str = "paid",
    landing_site: str | None = "/products/S1?utm_source=afflow&ref=PATREF",
    click_id: str | None = None,
    discount_codes: list[dict[str, str]] | None = None,
    line_items: list[dict[str, Any]] | None = None,
    customer: dict[str, Any] | None = None,
    refunds: list[dict[str, Any]] | None = None,
    processed_at: str | None = None,
    browser_ip: str | None = None,
    user_agent: str | None = None,
) -> dict[str, Any]:
    """A paid order; ``processed_at`` defaults to just after now (Shopify times have whole seconds, and an
    order must follow the click it is credited to). ``browser_ip`` / ``user_agent`` are null by default, as in
    an order created through the Admin API."""
    processed_at = processed_at or (datetime.now(UTC) + timedelta(seconds=1)).isoformat(timespec="seconds")
    return {
        "id": order_id,
        "admin_graphql_api_id": f"gid://shopify/Order/{order_id}",
        "name": "#1001",
        "email": "jon@example.com",
        "created_at": processed_at,
        "processed_at": processed_at,
        "currency": "USD",
        "presentment_currency": "USD",
        "financial_status": financial_status,
        "total_price": "49.00",
        "subtotal_price": "45.00",
        "total_discounts": "5.00",
        "landing_site": landing_site,
        "landing_site_ref": None,
        "referring_site": "https://blog.example.com/review",
        "browser_ip": browser_ip,
        "client_details": {
            "browser_ip": browser_ip,
            "accept_language": "en-US,en;q=0.9",
            "user_agent": user_agent,
            "session_hash": None,
            "browser_width": 390,
            "browser_height": 844,
        },
        "note_attributes": [{"name": "afflow_cid", "value": click_id}] if click_id else [],
        "discount_codes": discount_codes or [],
        "line_items": line_items
        if line_items is not None
        else [
            {
                "id": 466157049,
                "variant_id": 39072856,
                "product_id": 632910392,
                "title": "Shirt",
                "sku": "S1",
                "quantity": 2,
                "price": "20.00",
                "gift_card": False,
                "discount_allocations": [],
            },
            {
                "id": 518995019,
                "variant_id": 49148385,
                "product_id": 632910393,
                "title": "Hat",
                "sku": "S2",
                "quantity": 1,
                "price": "10.00",
                "gift_card": False,
                "discount_allocations": [],
            },
        ],
        "customer": customer if customer is not None else {"id": 115310627314723954, "orders_count": 1},
        "refunds": refunds or [],
    }


def shopify_refund(
    *, refund_id: int = 509562969, order_id: int = 820982911946154508, sku: str = "S1", subtotal: str = "20.00"
) -> dict[str, Any]:
    return {
        "id": refund_id,
        "order_id": order_id,
        "created_at": "2026-11-22T09:00:00-05:00",
        "processed_at": "2026-11-22T09:00:00-05:00",
        "note": "customer returned it",
        "refund_line_items": [
            {
                "id": 104689539,
                "line_item_id": 466157049,
                "quantity": 1,
                "restock_type": "return",
                "subtotal": subtotal,
                "total_tax": "0.00",
                "subtotal_set": {"shop_money": {"amount": subtotal, "currency_code": "USD"}},
                "line_item": {"id": 466157049, "sku": sku, "quantity": 2, "price": "20.00"},
            }
        ],
        "transactions": [
            {"id": 179259969, "kind": "refund", "status": "success", "amount": subtotal, "currency": "USD"}
        ],
        "order_adjustments": [],
    }


def woo_order(
    *,
    order_id: int = 727,
    status: str = "processing",
    meta_data: list[dict[str, Any]] | None = None,
    coupon_lines: list[dict[str, Any]] | None = None,
    refunds: list[dict[str, Any]] | None = None,
    customer_id: int = 26,
    paid_at: str | None = None,
    customer_ip_address: str = "",
    customer_user_agent: str = "",
) -> dict[str, Any]:
    """An order; ``paid_at`` (``date_paid_gmt``, UTC without offset) defaults to 2026-11-20T15:11:00."""
    paid_at = paid_at or "2026-11-20T15:11:00"
    return {
        "id": order_id,
        "parent_id": 0,
        "number": str(order_id),
        "status": status,
        "currency": "USD",
        "date_created": "2026-11-20T10:10:00",
        "date_created_gmt": "2026-11-20T15:10:00",
        "date_modified_gmt": "2026-11-21T08:00:00",
        "date_paid_gmt": None if status in ("pending", "on-hold") else paid_at,
        "discount_total": "0.00",
        "total": "50.00",
        "customer_id": customer_id,
        "billing": {"first_name": "John", "email": "john.doe@example.com"},
        "customer_ip_address": customer_ip_address,
        "customer_user_agent": customer_user_agent,
        "meta_data": meta_data if meta_data is not None else [],
        "line_items": [
            {
                "id": 315,
                "name": "Shirt",
                "product_id": 93,
                "variation_id": 0,
                "quantity": 2,
                "subtotal": "40.00",
                "total": "40.00",
                "sku": "S1",
                "price": 20,
            },
            {
                "id": 316,
                "name": "Hat",
                "product_id": 94,
                "variation_id": 0,
                "quantity": 1,
                "subtotal": "10.00",
                "total": "10.00",
                "sku": "S2",
                "price": 10,
            },
        ],
        "coupon_lines": coupon_lines or [],
        "refunds": refunds or [],
    }


def stripe_event(event_type: str, obj: dict[str, Any], *, event_id: str = "evt_1", **data: Any) -> dict[str, Any]:
    return {
        "id": event_id,
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "type": event_type,
        "livemode": False,
        "pending_webhooks": 1,
        "data": {"object": obj, **data},
    }


def stripe_session(
    *,
    session_id: str = "cs_test_a1",
    payment_intent: str = "pi_3Test",
    client_reference_id: str | None = None,
    metadata: dict[str, str] | None = None,
    payment_status: str = "paid",
) -> dict[str, Any]:
    return {
        "id": session_id,
        "object": "checkout.session",
        "mode": "payment",
        "amount_subtotal": 5000,
        "amount_total": 5400,
        "currency": "usd",
        "client_reference_id": client_reference_id,
        "customer": "cus_Test1",
        "customer_details": {"email": "jenny@example.com"},
        "metadata": metadata or {},
        "payment_intent": payment_intent,
        "payment_status": payment_status,
        "status": "complete",
        "total_details": {"amount_discount": 0, "amount_shipping": 400, "amount_tax": 0},
    }


def stripe_charge(
    *, charge_id: str = "ch_3Test", payment_intent: str = "pi_3Test", refunds: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    amount_refunded = sum(refund["amount"] for refund in refunds or [])
    return {
        "id": charge_id,
        "object": "charge",
        "amount": 5400,
        "amount_captured": 5400,
        "amount_refunded": amount_refunded,
        "currency": "usd",
        "payment_intent": payment_intent,
        "refunded": amount_refunded >= 5400,
        "refunds": {"object": "list", "data": refunds or [], "has_more": False},
    }
