"""Hostile amounts, quantities and times are refused at the door with a reason, never clamped or queued.

The probe's inputs (issue 17), mapper by mapper: each raises ``MalformedPayload`` (the HTTP layer's 400)
naming the field and the bound, and the same payload inside the bounds still maps.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from webhooks.shop_payloads import body_of, shopify_order, stripe_event, stripe_session, woo_order
from workflows.booking.bounds import MAX_AMOUNT_MINOR, MAX_QUANTITY
from workflows.http.intake import conversion_event
from workflows.webhooks import MalformedPayload, shopify, stripe, woocommerce

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def shop_line(**overrides: Any) -> dict[str, Any]:
    line = {"id": 1, "sku": "S1", "quantity": 1, "price": "20.00", "gift_card": False, "discount_allocations": []}
    return line | overrides


def shop(payload: dict[str, Any]) -> object:
    return shopify.map_webhook(body=body_of(payload), headers={"x-shopify-topic": "orders/paid"}, currency="USD")


def refused(call: Any, *fragments: str) -> str:
    with pytest.raises(MalformedPayload) as caught:
        call()
    reason = str(caught.value)
    for fragment in fragments:
        assert fragment in reason, reason
    return reason


@pytest.mark.parametrize(
    ("line", "fragments"),
    [
        (shop_line(price="99999999999999999.99"), ("line_items[0].price", "exceeds the limit")),
        (shop_line(price="-5.00"), ("line_items[0].price", "negative")),
        (shop_line(discount_allocations=[{"amount": "-990.00"}]), ("discount_allocations", "negative")),
        (shop_line(discount_allocations=[{"amount": "25.00"}]), ("discounts exceed its price",)),
        (shop_line(quantity=MAX_QUANTITY + 1), ("quantity", "exceeds the limit")),
        (shop_line(quantity=0), ("quantity 0",)),
        (shop_line(price="1e999999999"), ("far too large",)),
        (shop_line(price="9000000000.00", quantity=2), ("order total", "exceeds the limit")),
    ],
)
def test_shopify_line_out_of_bounds_is_refused(line: dict[str, Any], fragments: tuple[str, ...]) -> None:
    refused(lambda: shop(shopify_order(line_items=[line])), *fragments)


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "1999-12-31T23:59:59Z"])
def test_shopify_time_outside_2000_to_2100_is_refused(when: str) -> None:
    refused(lambda: shop(shopify_order(processed_at=when)), "order.processed_at", "outside 2000..2099")


def test_shopify_line_at_the_bounds_maps_exactly() -> None:
    price = f"{MAX_AMOUNT_MINOR // 100}.00"
    [event] = shop(shopify_order(line_items=[shop_line(price=price)], processed_at="2099-12-31T23:59:59Z"))  # type: ignore[misc]
    assert event.lines[0].unit_price_cents == MAX_AMOUNT_MINOR


def test_woocommerce_total_1e20_and_negative_total_are_refused() -> None:
    def woo(total: object) -> object:
        payload = woo_order()
        payload["line_items"][0]["total"] = total
        body = json.dumps(payload, default=str).encode()
        return woocommerce.map_webhook(body=body, headers={"x-wc-webhook-topic": "order.updated"}, currency="USD")

    refused(lambda: woo(Decimal("1e20")), "line_items[0].total", "exceeds the limit")
    refused(lambda: woo("-10.00"), "line_items[0].total", "negative")


def test_stripe_created_far_out_of_range_and_negative_unit_amount_are_refused() -> None:
    def mapped(event: dict[str, Any]) -> object:
        return stripe.map_webhook(body=body_of(event), headers={}, currency="USD")

    far = stripe_event("checkout.session.completed", stripe_session()) | {"created": 10**15}
    refused(lambda: mapped(far), "event.created", "outside 2000..2099")
    lines = json.dumps([{"sku": "S1", "quantity": 1, "unit_amount": -500}])
    negative = stripe_event("checkout.session.completed", stripe_session(metadata={"afflow_lines": lines}))
    refused(lambda: mapped(negative), "unit_amount", "negative")
    assert mapped(stripe_event("checkout.session.completed", stripe_session())) != []


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"lines": [{"sku": "S1", "quantity": 1, "unit_price": "-1.00"}]}, ("lines[0].unit_price", "negative")),
        ({"lines": [{"sku": "S1", "quantity": 1, "unit_price": "99999999999999999.99"}]}, ("exceeds the limit",)),
        ({"lines": [{"sku": "S1", "quantity": 10**7, "unit_price": "1.00"}]}, ("quantity",)),
        ({"ts": "9999-12-31T00:00:00Z"}, ("ts",)),
        ({"coupon_code": "C" * 65}, ("coupon_code",)),
    ],
)
def test_conversion_postback_out_of_bounds_is_refused(change: dict[str, Any], fragments: tuple[str, ...]) -> None:
    body = {
        "order_id": "x1",
        "customer_id": "c1",
        "currency": "USD",
        "lines": [{"sku": "S1", "quantity": 1, "unit_price": "5.00"}],
    }
    refused(lambda: conversion_event(json.dumps(body | change).encode(), now=NOW, program_currency="USD"), *fragments)


def test_conversion_refund_of_a_negative_amount_is_refused() -> None:
    body = {"kind": "refund", "refund_id": "r1", "order_id": "x1", "amount": "-3.00"}
    refused(lambda: conversion_event(json.dumps(body).encode(), now=NOW, program_currency="USD"), "amount", "negative")
