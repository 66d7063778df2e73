"""Webhooks record the buyer's checkout signals, hashed, and probabilistic matching uses them.

Through the real app with signed deliveries: Shopify's ``browser_ip`` / ``client_details.user_agent``,
WooCommerce's ``customer_ip_address`` / ``customer_user_agent`` and Stripe's session ``metadata.afflow_ip`` /
``afflow_user_agent``. A shopper clicks a partner's link, then buys on the same network and browser with
nothing that names the partner; once matching is on, the order is credited to the partner as ``probabilistic``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from frontdoor import wait_until
from sqlalchemy import Engine, String, Text, cast, func, or_, select
from starlette.testclient import TestClient
from webhooks.shop_payloads import (
    body_of,
    shopify_headers,
    shopify_order,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)

from store.db import ensure_program, transaction
from store.models import Attribution, Base, Click, Order, OrderSignal
from workflows.booking.clicks import hash_ip
from workflows.importing.importer import import_csv
from workflows.matching.probabilistic import match_unattributed, set_matching

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
BUYER_IP = "203.0.113.77"  # the test client clicks from 203.0.113.9: same /24, another address

Delivery = tuple[str, str, bytes, dict[str, str]]  # (platform, order id, body, signed headers)


def shopify_delivery(ip: str | None, agent: str | None) -> Delivery:
    body = body_of(shopify_order(order_id=5001, landing_site=None, browser_ip=ip, user_agent=agent))
    return "shopify", "5001", body, shopify_headers(body, "orders/paid")


def woo_delivery(ip: str | None, agent: str | None) -> Delivery:
    paid = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S")
    order = woo_order(order_id=5002, paid_at=paid, customer_ip_address=ip or "", customer_user_agent=agent or "")
    body = body_of(order)
    return "woocommerce", "5002", body, woo_headers(body, "order.updated")


def stripe_delivery(ip: str | None, agent: str | None) -> Delivery:
    metadata = (
        {"afflow_sku": "S1"} | ({"afflow_ip": ip} if ip else {}) | ({"afflow_user_agent": agent} if agent else {})
    )
    event = stripe_event("checkout.session.completed", stripe_session(payment_intent="pi_5003", metadata=metadata))
    event["created"] += 1  # whole seconds: the order must not precede the click made earlier in this second
    body = body_of(event)
    return "stripe", "pi_5003", body, stripe_headers(body)


DELIVERIES: dict[str, Callable[[str | None, str | None], Delivery]] = {
    "shopify": shopify_delivery,
    "woocommerce": woo_delivery,
    "stripe": stripe_delivery,
}


def background_clicks(engine: Engine, directory: Path) -> None:
    """Other shoppers' clicks (other networks, a desktop browser, another product): what a click log holds."""
    now = datetime.now(UTC)
    rows = [
        f"bg-{i},{(now - timedelta(hours=i + 1)).isoformat()},p2,198.51.{i}.20,{DESKTOP},,https://shop.example/products/S2,S2,"
        for i in range(30)
    ]
    path = directory / "background_clicks.csv"
    path.write_text(
        "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    with transaction(engine) as session:
        import_csv(session=session, kind="clicks", path=path)


def orders_booked(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Order)) or 0)


@pytest.mark.parametrize("platform", list(DELIVERIES))
def test_webhook_signals_are_hashed_and_let_matching_credit_the_clicking_partner(
    platform: str, client: TestClient, seeded: Engine, link_code: str, tmp_path: Path
) -> None:
    background_clicks(seeded, tmp_path)
    assert client.get(f"/r/{link_code}", headers={"user-agent": IPHONE}).status_code == 302
    name, order_id, body, headers = DELIVERIES[platform](BUYER_IP, IPHONE)
    response = client.post(f"/webhooks/{name}", content=body, headers=headers)
    assert response.status_code == 200 and response.json()["new"] == 1
    wait_until(lambda: orders_booked(seeded) == 1, what="the order booked")

    with transaction(seeded) as session:
        salt = ensure_program(session).ip_salt
        signal = session.get(OrderSignal, order_id)
        assert signal is not None
        assert (signal.ip_hash, signal.ip_prefix) == hash_ip(BUYER_IP, salt) == (signal.ip_hash, "203.0.113.0/24")
        assert (signal.user_agent_family, signal.device_type) == ("safari/ios", "mobile")
        assert session.scalar(select(func.count()).select_from(Attribution)) == 0  # nothing names the partner
        for table in Base.metadata.sorted_tables:  # the raw address is nowhere, not even in the event inbox
            texts = [column for column in table.columns if isinstance(column.type, String | Text)]
            if texts:
                found = or_(*(cast(column, Text).like(f"%{BUYER_IP}%") for column in texts))
                assert session.scalar(select(func.count()).select_from(table).where(found)) == 0, table.name
        set_matching(session=session, enabled=True)
    wait_until(lambda: _clicks_flushed(seeded), what="the redirect's click written")
    with transaction(seeded) as session:
        report = match_unattributed(session=session, as_of=datetime.now(UTC) + timedelta(minutes=1))
        credit = session.get(Attribution, order_id)
    assert report.matched == 1 and credit is not None
    assert (credit.partner_id, credit.method) == ("p1", "probabilistic") and credit.confidence is not None
    assert credit.confidence >= Decimal("0.9")  # the default threshold


@pytest.mark.parametrize("platform", list(DELIVERIES))
def test_webhook_without_signals_records_none(platform: str, client: TestClient, seeded: Engine) -> None:
    name, order_id, body, headers = DELIVERIES[platform](None, None)
    assert client.post(f"/webhooks/{name}", content=body, headers=headers).json()["new"] == 1
    wait_until(lambda: orders_booked(seeded) == 1, what="the order booked")
    with transaction(seeded) as session:
        assert session.get(OrderSignal, order_id) is None


def test_a_redelivery_keeps_the_first_signals(client: TestClient, seeded: Engine) -> None:
    for ip, topic in ((BUYER_IP, "orders/paid"), ("198.51.100.7", "orders/create")):
        body = body_of(shopify_order(order_id=5001, landing_site=None, browser_ip=ip, user_agent=IPHONE))
        assert client.post("/webhooks/shopify", content=body, headers=shopify_headers(body, topic)).status_code == 200
    with transaction(seeded) as session:
        signal = session.get(OrderSignal, "5001")
        assert signal is not None and signal.ip_prefix == "203.0.113.0/24"


def _clicks_flushed(engine: Engine) -> bool:
    with transaction(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(Click).where(Click.partner_id == "p1")))
