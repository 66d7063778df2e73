"""Issue 17's reproductions against a real ``afflow serve``: hostile orders are refused at the door (400
with the reason), a poison already in the inbox fails alone, and the next good order still books.

SQLite and PostgreSQL (the ``engine`` fixture's database, shared with the subprocess by URL).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
from frontdoor import seed_program, wait_until
from serve_process import ServeProcess
from sqlalchemy import Engine, insert, select
from webhooks.shop_payloads import (
    CONVERSION_KEY,
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    body_of,
    shopify_headers,
    shopify_order,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)

from store.db import transaction
from store.models import InboxEvent, Order


def hostile_requests() -> list[tuple[str, bytes, dict[str, str], str]]:
    """(path, body, headers, a fragment the 400's reason must contain) for each probe input."""
    line = {"id": 1, "sku": "S1", "quantity": 1, "price": "99999999999999999.99", "discount_allocations": []}
    huge_price = body_of(shopify_order(order_id=7001, line_items=[line]))
    negative_discount = body_of(
        shopify_order(
            order_id=7002, line_items=[line | {"price": "10.00", "discount_allocations": [{"amount": "-990.00"}]}]
        )
    )
    year_one = body_of(shopify_order(order_id=7003, processed_at="0001-01-01T00:00:00+05:00"))
    woo = woo_order(order_id=7004)
    woo["line_items"][0]["total"] = Decimal("1e20")
    woo_body = json.dumps(woo, default=str).encode()
    stripe_body = body_of(stripe_event("checkout.session.completed", stripe_session()) | {"created": 253402300799})
    conversion = {"Authorization": f"Bearer {CONVERSION_KEY}", "Content-Type": "application/json"}

    def postback(**change: object) -> bytes:
        base = {
            "order_id": "x1",
            "customer_id": "c1",
            "currency": "USD",
            "lines": [{"sku": "S1", "quantity": 1, "unit_price": "5.00"}],
        }
        return json.dumps(base | change).encode()

    return [
        ("/webhooks/shopify", huge_price, shopify_headers(huge_price, "orders/paid"), "exceeds the limit"),
        ("/webhooks/shopify", negative_discount, shopify_headers(negative_discount, "orders/paid"), "negative"),
        ("/webhooks/shopify", year_one, shopify_headers(year_one, "orders/paid"), "outside 2000..2099"),
        ("/webhooks/woocommerce", woo_body, woo_headers(woo_body, "order.updated"), "exceeds the limit"),
        ("/webhooks/stripe", stripe_body, stripe_headers(stripe_body), "outside 2000..2099"),
        ("/events/conversion", postback(ts="9999-12-31T00:00:00Z"), conversion, "ts"),
        (
            "/events/conversion",
            postback(lines=[{"sku": "S1", "quantity": 1, "unit_price": "-1.00"}]),
            conversion,
            "negative",
        ),
    ]


def test_hostile_orders_get_400_a_stored_poison_fails_alone_and_good_orders_book(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed_program(engine, tmp_path)
    # a poison queued by an older version (year 9999): the worker must fail it and keep booking
    poison = {"kind": "order", "order_id": "old-9999", "ts": "9999-12-31T00:00:00Z", "customer_id": "c0",
              "currency": "USD", "lines": [{"sku": "S1", "quantity": 1, "unit_price_cents": 100}]}  # fmt: skip
    with transaction(engine) as session:
        session.execute(
            insert(InboxEvent).values(source="shopify", external_id="order:old-9999", kind="order", payload=poison,
                                      status="pending", order_id="old-9999")
        )  # fmt: skip
    env = {
        "AFFLOW_DATABASE_URL": db_url,
        "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
        "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET,
        "AFFLOW_WOOCOMMERCE_SECRET": WOO_SECRET,
        "AFFLOW_STRIPE_SECRET": STRIPE_SECRET,
        "AFFLOW_CONVERSION_API_KEY": CONVERSION_KEY,
    }
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        refused = 0
        for path, body, headers, fragment in hostile_requests():
            response = httpx.post(f"{server.base_url}{path}", content=body, headers=headers, timeout=60)
            assert response.status_code == 400, (path, response.text)
            assert fragment in response.json()["error"]["message"], (path, response.text)
            refused += 1
        good = body_of(shopify_order(order_id=7100, click_id=None))
        response = httpx.post(
            f"{server.base_url}/webhooks/shopify",
            content=good,
            headers=shopify_headers(good, "orders/paid"),
            timeout=60,
        )
        assert response.status_code == 200 and response.json()["new"] == 1, response.text

        def booked() -> bool:
            with transaction(engine) as session:
                return session.scalar(select(Order.id).where(Order.id == "7100")) is not None

        wait_until(booked, timeout=60, what="the good order to book behind the poison")
        with transaction(engine) as session:
            status, error = session.execute(
                select(InboxEvent.status, InboxEvent.error).where(InboxEvent.order_id == "old-9999")
            ).one()
            queued = session.scalar(
                select(InboxEvent.id).where(InboxEvent.order_id.in_(["7001", "7002", "7003", "7004"]))
            )
        assert status == "failed" and "2100" in (error or "")
        assert queued is None, "a refused order was queued"
        assert refused == len(hostile_requests())
    finally:
        server.kill_if_running()
