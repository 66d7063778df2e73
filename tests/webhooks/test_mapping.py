"""Platform payloads -> inbox events: click ids, ref codes, coupons, exact line amounts, customers, refunds."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from webhooks.shop_payloads import (
    body_of,
    shopify_order,
    shopify_refund,
    stripe_charge,
    stripe_event,
    stripe_session,
    woo_order,
)
from workflows.booking.events import OrderEvent, OrderLineIn, RefundEvent
from workflows.webhooks import MalformedPayload, shopify, stripe, woocommerce


def shop(topic: str, payload: dict[str, object]) -> list[OrderEvent | RefundEvent]:
    return shopify.map_webhook(body=body_of(payload), headers={"x-shopify-topic": topic}, currency="USD")


def woo(topic: str, payload: dict[str, object]) -> list[OrderEvent | RefundEvent]:
    return woocommerce.map_webhook(body=body_of(payload), headers={"x-wc-webhook-topic": topic}, currency="USD")


def stripe_map(payload: dict[str, object]) -> list[OrderEvent | RefundEvent]:
    return stripe.map_webhook(body=body_of(payload), headers={}, currency="USD")


def test_shopify_paid_order_carries_click_ref_coupon_lines_and_customer() -> None:
    [order] = shop(
        "orders/paid",
        shopify_order(
            click_id="cid-123",
            discount_codes=[{"code": "PAT10", "amount": "0.00", "type": "fixed_amount"}],
            processed_at="2026-11-20T10:15:00-05:00",
        ),
    )
    assert isinstance(order, OrderEvent)
    assert order.order_id == "820982911946154508"
    assert order.external_id == "order:820982911946154508"
    assert order.ts == datetime(2026, 11, 20, 15, 15, tzinfo=UTC)
    assert (order.click_id, order.ref_code, order.coupon_code) == ("cid-123", "PATREF", "PAT10")
    assert order.lines == (
        OrderLineIn(sku="S1", quantity=2, unit_price_cents=2000),
        OrderLineIn(sku="S2", quantity=1, unit_price_cents=1000),
    )
    assert (order.customer_id, order.customer_order_count, order.currency) == ("115310627314723954", 1, "USD")


def test_shopify_click_id_falls_back_to_the_landing_site_parameter() -> None:
    [order] = shop("orders/paid", shopify_order(landing_site="/products/S1?afflow_cid=from-landing&ref=R9"))
    assert (order.click_id, order.ref_code) == ("from-landing", "R9")


def test_shopify_discount_that_does_not_divide_evenly_keeps_the_exact_total() -> None:
    item = {"sku": "S1", "quantity": 3, "price": "10.00", "discount_allocations": [{"amount": "1.00"}]}
    [order] = shop("orders/paid", shopify_order(line_items=[item]))
    assert order.lines == (
        OrderLineIn(sku="S1", quantity=2, unit_price_cents=967),
        OrderLineIn(sku="S1", quantity=1, unit_price_cents=966),
    )
    assert sum(line.quantity * line.unit_price_cents for line in order.lines) == 2900


def test_shopify_gift_cards_are_not_commissionable_and_guests_are_hashed() -> None:
    items = [
        {"sku": "GIFT", "quantity": 1, "price": "50.00", "gift_card": True},
        {"sku": None, "variant_id": 77, "quantity": 1, "price": "5.00"},
    ]
    payload = shopify_order(line_items=items, customer={})
    [order] = shop("orders/paid", payload)
    assert order.lines == (OrderLineIn(sku="shopify:77", quantity=1, unit_price_cents=500),)
    assert order.customer_id.startswith("email:") and "jon" not in order.customer_id
    assert order.customer_order_count is None


def test_shopify_unpaid_order_waits_for_orders_paid() -> None:
    assert shop("orders/create", shopify_order(financial_status="pending")) == []
    assert len(shop("orders/create", shopify_order(financial_status="paid"))) == 1


def test_shopify_unsubscribed_topic_maps_to_nothing() -> None:
    assert shop("products/update", {"id": 1}) == []


def test_shopify_refund_per_line_and_refunds_embedded_in_the_order() -> None:
    [refund] = shop("refunds/create", shopify_refund(subtotal="19.99"))
    assert refund == RefundEvent(
        refund_id="509562969:104689539",
        order_id="820982911946154508",
        ts=datetime(2026, 11, 22, 14, 0, tzinfo=UTC),
        sku="S1",
        amount_cents=1999,
        currency="USD",  # the refund's own currency (subtotal_set.shop_money)
    )
    events = shop("orders/paid", shopify_order(financial_status="partially_refunded", refunds=[shopify_refund()]))
    assert [type(event).__name__ for event in events] == ["OrderEvent", "RefundEvent"]
    assert events[1].external_id == "refund:509562969:104689539"


def test_shopify_amount_only_refund_excludes_shipping() -> None:
    refund = shopify_refund()
    refund["refund_line_items"] = []
    refund["transactions"] = [{"kind": "refund", "status": "success", "amount": "15.00"}]
    refund["order_adjustments"] = [{"kind": "shipping_refund", "amount": "-5.00"}]
    [event] = shop("refunds/create", refund)
    assert (event.sku, event.amount_cents, event.refund_id) == (None, 1000, "509562969")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"id": None}, "order.id"),
        ({"currency": 5}, "order.currency"),
        ({"line_items": [{"sku": "S1", "quantity": 1, "price": "1.001"}]}, "price"),
        ({"line_items": "nope"}, "line_items"),
        ({"processed_at": "yesterday", "created_at": None}, "processed_at"),
    ],
)
def test_shopify_malformed_orders_name_the_field(change: dict[str, object], reason: str) -> None:
    with pytest.raises(MalformedPayload, match=reason):
        shop("orders/paid", {**shopify_order(), **change})


def test_non_json_body_is_malformed() -> None:
    with pytest.raises(MalformedPayload, match="not JSON"):
        shopify.map_webhook(body=b"{oops", headers={"x-shopify-topic": "orders/paid"}, currency="USD")
    with pytest.raises(MalformedPayload, match="object"):
        shopify.map_webhook(body=b"[1]", headers={"x-shopify-topic": "orders/paid"}, currency="USD")


def test_woocommerce_order_meta_coupon_and_gmt_time() -> None:
    meta = [{"id": 1, "key": "afflow_cid", "value": "cid-w"}, {"id": 2, "key": "afflow_ref", "value": "PATREF"}]
    [order] = woo(
        "order.updated", woo_order(meta_data=meta, coupon_lines=[{"id": 3, "code": "pat10", "discount": "0"}])
    )
    assert isinstance(order, OrderEvent)
    assert (order.order_id, order.click_id, order.ref_code, order.coupon_code) == ("727", "cid-w", "PATREF", "pat10")
    assert order.ts == datetime(2026, 11, 20, 15, 11, tzinfo=UTC)
    assert order.customer_id == "26"
    assert sum(line.quantity * line.unit_price_cents for line in order.lines) == 5000


def test_woocommerce_order_attribution_landing_page_carries_the_click() -> None:
    meta = [{"id": 9, "key": "_wc_order_attribution_session_entry", "value": "https://b.example/p/?afflow_cid=cid-e"}]
    [order] = woo("order.created", woo_order(meta_data=meta, customer_id=0))
    assert order.click_id == "cid-e"
    assert order.customer_id.startswith("email:")


def test_woocommerce_pending_order_books_nothing_and_refunds_follow_the_order() -> None:
    assert woo("order.created", woo_order(status="pending")) == []
    events = woo("order.updated", woo_order(status="refunded", refunds=[{"id": 730, "reason": "", "total": "-10.00"}]))
    assert [event.external_id for event in events] == ["order:727", "refund:730"]
    assert isinstance(events[1], RefundEvent) and events[1].amount_cents == 1000 and events[1].sku is None


def test_woocommerce_refunded_without_refund_entries_is_a_full_refund() -> None:
    events = woo("order.updated", woo_order(status="refunded"))
    assert isinstance(events[1], RefundEvent)
    assert (events[1].refund_id, events[1].amount_cents) == ("727:refunded", 5000)


def test_stripe_session_lines_from_metadata_and_click_from_client_reference() -> None:
    lines = json.dumps(
        [{"sku": "S1", "quantity": 2, "unit_amount": 2000}, {"sku": "S2", "quantity": 1, "unit_amount": 1000}]
    )
    session = stripe_session(client_reference_id="cid-s", metadata={"afflow_lines": lines, "afflow_coupon": "PAT10"})
    [order] = stripe_map(stripe_event("checkout.session.completed", session))
    assert isinstance(order, OrderEvent)
    assert (order.order_id, order.click_id, order.coupon_code, order.currency) == ("pi_3Test", "cid-s", "PAT10", "USD")
    assert order.lines == (
        OrderLineIn(sku="S1", quantity=2, unit_price_cents=2000),
        OrderLineIn(sku="S2", quantity=1, unit_price_cents=1000),
    )
    assert order.customer_id == "cus_Test1"


def test_stripe_session_without_lines_is_one_line_of_the_subtotal_less_discount() -> None:
    session = stripe_session(metadata={"afflow_cid": "cid-m", "afflow_sku": "BUNDLE"})
    session["total_details"]["amount_discount"] = 500
    [order] = stripe_map(stripe_event("checkout.session.completed", session))
    assert order.click_id == "cid-m"
    assert order.lines == (OrderLineIn(sku="BUNDLE", quantity=1, unit_price_cents=4500),)


def test_stripe_unpaid_session_waits_for_async_payment() -> None:
    session = stripe_session(payment_status="unpaid")
    assert stripe_map(stripe_event("checkout.session.completed", session)) == []
    assert len(stripe_map(stripe_event("checkout.session.async_payment_succeeded", session))) == 1


def test_stripe_charge_refunded_maps_each_refund_or_the_increase() -> None:
    charge = stripe_charge(refunds=[{"id": "re_1", "amount": 1000, "status": "succeeded", "created": 1_790_000_000}])
    [refund] = stripe_map(stripe_event("charge.refunded", charge))
    assert (refund.refund_id, refund.order_id, refund.amount_cents) == ("re_1", "pi_3Test", 1000)
    bare = stripe_charge()
    bare["amount_refunded"] = 2500
    del bare["refunds"]
    [delta] = stripe_map(stripe_event("charge.refunded", bare, previous_attributes={"amount_refunded": 1000}))
    assert (delta.refund_id, delta.amount_cents) == ("ch_3Test:2500", 1500)


def test_stripe_bad_metadata_lines_are_malformed() -> None:
    session = stripe_session(metadata={"afflow_lines": "[{"})
    with pytest.raises(MalformedPayload, match="afflow_lines"):
        stripe_map(stripe_event("checkout.session.completed", session))


def test_woocommerce_unrounded_tax_inclusive_totals_round_half_even_once() -> None:
    order = woo_order()
    order["line_items"] = [{"id": 1, "sku": "S1", "quantity": 3, "total": "8.335", "product_id": 9}]
    order["refunds"] = [{"id": 5, "total": "-2.125"}]
    order["status"] = "refunded"
    events = woo("order.updated", order)
    assert isinstance(events[0], OrderEvent)
    assert sum(line.quantity * line.unit_price_cents for line in events[0].lines) == 834
    assert isinstance(events[1], RefundEvent) and events[1].amount_cents == 212
