"""The HTTP app end to end (in process): redirects record clicks; signed webhooks book; forgeries write nothing.

Booking is asynchronous (the inbox worker runs after the response), so assertions on the ledger poll.
"""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from frontdoor import wait_until
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient
from webhooks.shop_payloads import (
    CONVERSION_KEY,
    body_of,
    shopify_headers,
    shopify_order,
    shopify_refund,
    stripe_charge,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)

from store.db import transaction
from store.ledger import balances
from store.models import Attribution, Click, InboxEvent, Program
from workflows.booking.clicks import hash_ip

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


def count(engine: Engine, model: type[Click] | type[InboxEvent]) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def pending_cents(engine: Engine, partner_id: str) -> int:
    with transaction(engine) as session:
        return sum(balance.pending for balance in balances(session=session, partner_id=partner_id))


def test_redirect_answers_302_with_click_id_and_cookie_and_stores_the_click(
    client: TestClient, seeded: Engine, link_code: str
) -> None:
    response = client.get(
        f"/r/{link_code}?afflow_uid=u-42",
        headers={"user-agent": IPHONE, "referer": "https://blog.example.com/review"},
    )
    assert response.status_code == 302
    location = urlsplit(response.headers["location"])
    click_id = parse_qs(location.query)["afflow_cid"][0]
    assert f"{location.netloc}{location.path}" == "shop.example.com/products/S1"
    assert parse_qs(location.query)["utm_content"] == ["p1"]
    assert response.cookies["afflow_cid"] == click_id
    assert "max-age=2592000" in response.headers["set-cookie"].lower()
    assert "httponly" in response.headers["set-cookie"].lower()
    wait_until(lambda: count(seeded, Click) == 1, what="the click to be stored")
    with transaction(seeded) as session:
        click = session.scalars(select(Click)).one()
    assert (click.id, click.partner_id, click.link_code, click.sku) == (click_id, "p1", link_code, "S1")
    assert (click.device_type, click.referrer, click.customer_ref) == (
        "mobile",
        "https://blog.example.com/review",
        "unverified:u-42",  # unsigned: a weak hint (tests/http/test_identity.py)
    )
    with transaction(seeded) as session:
        salt = session.scalars(select(Program.ip_salt)).one()
    assert (click.ip_hash, click.ip_prefix) == hash_ip("203.0.113.9", salt) != ("", "")
    assert "203.0.113.9" not in repr([getattr(click, column.key) for column in Click.__table__.columns])


def test_unknown_or_malformed_code_is_404_and_records_nothing(client: TestClient, seeded: Engine) -> None:
    assert client.get("/r/NoSuchCode1").status_code == 404
    assert client.get("/r/bad-code!").status_code == 404
    time.sleep(0.2)
    assert count(seeded, Click) == 0


def test_shopify_order_books_once_and_its_refund_reverses(client: TestClient, seeded: Engine, link_code: str) -> None:
    click_id = parse_qs(urlsplit(client.get(f"/r/{link_code}").headers["location"]).query)["afflow_cid"][0]
    # no waiting for the click writer: the inbox worker flushes answered clicks before it books
    body = body_of(shopify_order(click_id=click_id, landing_site=None))
    first = client.post("/webhooks/shopify", content=body, headers=shopify_headers(body, "orders/paid"))
    again = client.post("/webhooks/shopify", content=body, headers=shopify_headers(body, "orders/create"))
    assert first.status_code == again.status_code == 200
    assert (first.json()["new"], again.json()["duplicates"]) == (1, 1)
    wait_until(lambda: pending_cents(seeded, "p1") == 500, what="10% of 50.00 pending for p1")
    with transaction(seeded) as session:
        attribution = session.scalars(select(Attribution)).one()
    assert (attribution.method, attribution.click_id) == ("click", click_id)
    refund = body_of(shopify_refund(subtotal="20.00"))
    assert (
        client.post("/webhooks/shopify", content=refund, headers=shopify_headers(refund, "refunds/create")).json()[
            "new"
        ]
        == 1
    )
    wait_until(lambda: pending_cents(seeded, "p1") == 300, what="the refunded shirt's 2.00 reversed")


@pytest.mark.parametrize("platform", ["shopify", "woocommerce", "stripe"])
def test_forged_or_unsigned_webhooks_get_401_and_write_nothing(
    client: TestClient, seeded: Engine, platform: str
) -> None:
    if platform == "shopify":
        body = body_of(shopify_order())
        forged = shopify_headers(body, "orders/paid", secret="guess")
    elif platform == "woocommerce":
        body = body_of(woo_order())
        forged = woo_headers(body, "order.updated", secret="guess")
    else:
        body = body_of(stripe_event("checkout.session.completed", stripe_session()))
        forged = stripe_headers(body, secret="whsec_guess")
    assert client.post(f"/webhooks/{platform}", content=body, headers=forged).status_code == 401
    unsigned = client.post(f"/webhooks/{platform}", content=body, headers={"content-type": "application/json"})
    assert unsigned.status_code == 401
    assert unsigned.json()["error"]["code"] == "bad_signature"
    assert count(seeded, InboxEvent) == 0


def test_stripe_replay_outside_five_minutes_is_refused(client: TestClient, seeded: Engine) -> None:
    body = body_of(stripe_event("checkout.session.completed", stripe_session()))
    stale = stripe_headers(body, at=int(time.time()) - 600)
    response = client.post("/webhooks/stripe", content=body, headers=stale)
    assert response.status_code == 401 and "tolerance" in response.json()["error"]["message"]
    assert count(seeded, InboxEvent) == 0


def test_malformed_signed_body_gets_400_with_the_reason(client: TestClient, seeded: Engine) -> None:
    body = body_of({**shopify_order(), "line_items": [{"sku": "S1", "quantity": "two", "price": "1.00"}]})
    response = client.post("/webhooks/shopify", content=body, headers=shopify_headers(body, "orders/paid"))
    assert response.status_code == 400
    assert "quantity" in response.json()["error"]["message"]
    junk = b"not json"
    response = client.post("/webhooks/woocommerce", content=junk, headers=woo_headers(junk, "order.created"))
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]
    assert count(seeded, InboxEvent) == 0


def test_woocommerce_paid_then_refunded_order_is_reversed(client: TestClient, seeded: Engine) -> None:
    meta = [{"id": 1, "key": "afflow_ref", "value": "PATREF"}]
    for status, topic in (
        ("pending", "order.created"),
        ("processing", "order.updated"),
        ("completed", "order.updated"),
    ):
        body = body_of(woo_order(status=status, meta_data=meta))
        assert client.post("/webhooks/woocommerce", content=body, headers=woo_headers(body, topic)).status_code == 200
    wait_until(lambda: pending_cents(seeded, "p1") == 500, what="the Woo order's commission")
    refunded = body_of(woo_order(status="refunded", meta_data=meta, refunds=[{"id": 801, "total": "-50.00"}]))
    client.post("/webhooks/woocommerce", content=refunded, headers=woo_headers(refunded, "order.updated"))
    wait_until(lambda: pending_cents(seeded, "p1") == 0, what="the full refund's reversal")
    assert client.post("/webhooks/woocommerce", content=b"webhook_id=7").json() == {"status": "ping"}


def test_stripe_checkout_then_charge_refunded(client: TestClient, seeded: Engine) -> None:
    lines = json.dumps(
        [{"sku": "S1", "quantity": 2, "unit_amount": 2000}, {"sku": "S2", "quantity": 1, "unit_amount": 1000}]
    )
    session = stripe_session(metadata={"afflow_lines": lines, "afflow_coupon": "PAT10"})
    body = body_of(stripe_event("checkout.session.completed", session, event_id="evt_a"))
    assert client.post("/webhooks/stripe", content=body, headers=stripe_headers(body)).json()["new"] == 1
    wait_until(lambda: pending_cents(seeded, "p1") == 500, what="the Stripe order's commission (coupon PAT10)")
    charge = stripe_charge(refunds=[{"id": "re_9", "amount": 1000, "status": "succeeded"}])
    refund = body_of(stripe_event("charge.refunded", charge, event_id="evt_b"))
    assert client.post("/webhooks/stripe", content=refund, headers=stripe_headers(refund)).json()["new"] == 1
    wait_until(lambda: pending_cents(seeded, "p1") == 400, what="10.00 of 50.00 refunded: 1.00 reversed")


def test_conversion_postback_needs_the_api_key_and_books(client: TestClient, seeded: Engine) -> None:
    order = {
        "order_id": "web-1",
        "ts": "2026-11-20T12:00:00+00:00",
        "customer_id": "c-1",
        "ref_code": "SAMREF",
        "currency": "USD",
        "lines": [{"sku": "S2", "quantity": 3, "unit_price": "10.00"}],
    }
    assert client.post("/events/conversion", json=order).status_code == 401
    assert client.post("/events/conversion", json=order, headers={"authorization": "Bearer nope"}).status_code == 401
    assert count(seeded, InboxEvent) == 0
    bad = client.post("/events/conversion", json={**order, "lines": []}, headers={"x-afflow-key": CONVERSION_KEY})
    assert bad.status_code == 400 and "lines" in bad.json()["error"]["message"]
    ok = client.post("/events/conversion", json=order, headers={"authorization": f"Bearer {CONVERSION_KEY}"})
    assert ok.status_code == 200 and ok.json()["new"] == 1
    wait_until(lambda: pending_cents(seeded, "p2") == 300, what="10% of 30.00 for p2")
    refund = {"kind": "refund", "refund_id": "r-1", "order_id": "web-1", "amount": "10.00"}
    client.post("/events/conversion", json=refund, headers={"x-afflow-key": CONVERSION_KEY})
    wait_until(lambda: pending_cents(seeded, "p2") == 200, what="the postback refund's reversal")


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_oversized_body_is_refused_before_any_work(client: TestClient, seeded: Engine) -> None:
    huge = b"{" + b" " * (5 * 1024 * 1024) + b"}"
    response = client.post("/webhooks/shopify", content=huge, headers=shopify_headers(huge, "orders/paid"))
    assert response.status_code == 413
    assert count(seeded, InboxEvent) == 0
