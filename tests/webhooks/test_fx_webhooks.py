"""Orders in other currencies through the real webhook intake (signed deliveries to ``afflow serve``'s app,
booked by its inbox worker), on SQLite and PostgreSQL, in a USD program.

- Shopify (shop in USD, the customer paying in EUR): the shop's own amounts are booked as they are and the
  customer's presentment amounts recorded as the original; a line refund in shop money and a transaction
  refund in EUR together reverse exactly the whole commission.
- WooCommerce in EUR: converted at the imported rate; a refund of half reverses half the commission.
- Stripe in GBP with no rate: parked with the reason until ``afflow import fx_rates`` (the importer) brings it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from afflow.settings import Settings
from afflow.wiring import http_app, http_config
from store.db import transaction
from store.ledger import balances, unbalanced_transactions
from store.models import InboxEvent, Order
from webhooks.shop_payloads import (
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    body_of,
    shopify_headers,
    shopify_order,
    shopify_refund,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)
from workflows.importing.importer import ImportReport, import_csv

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
)


def load(engine: Engine, directory: Path, kind: str, text: str) -> ImportReport:
    path = directory / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    with transaction(engine) as session:
        return import_csv(session=session, kind=kind, path=path)


@pytest.fixture
def client(engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    load(engine, tmp_path, "partners", PARTNERS)
    settings = Settings(
        public_url="https://go.example",
        spool_dir=str(tmp_path / "spool"),
        shopify_secret=SecretStr(SHOPIFY_SECRET),
        woocommerce_secret=SecretStr(WOO_SECRET),
        stripe_secret=SecretStr(STRIPE_SECRET),
    )
    config = replace(http_config(settings), click_flush_interval=0.05, inbox_poll_interval=0.1)
    with TestClient(http_app(engine=engine, settings=settings, config=config), base_url="https://go.example") as c:
        yield c


def settled(engine: Engine, predicate: Callable[[Any], bool], what: str) -> None:
    """Wait for the app's inbox worker: nothing pending and ``predicate(session)`` true."""
    deadline = datetime.now(UTC) + timedelta(seconds=15)
    while True:
        with transaction(engine) as session:
            pending = session.scalar(select(InboxEvent.id).where(InboxEvent.status == "pending").limit(1))
            if pending is None and predicate(session):
                return
        if datetime.now(UTC) > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def pending_cents(engine: Engine) -> int:
    with transaction(engine) as session:
        assert unbalanced_transactions(session=session) == []
        found = balances(session=session, partner_id="p1")
    return found[0].pending if found else 0


def post(client: TestClient, platform: str, body: bytes, headers: dict[str, str]) -> None:
    response = client.post(f"/webhooks/{platform}", content=body, headers=headers)
    assert response.status_code == 200, response.text


def test_shopify_books_shop_money_and_keeps_the_customers_eur(client: TestClient, engine: Engine) -> None:
    payload = shopify_order(order_id=7001)
    payload["presentment_currency"] = "EUR"
    shirt, hat = payload["line_items"]
    shirt["price_set"] = {
        "shop_money": {"amount": "20.00", "currency_code": "USD"},
        "presentment_money": {"amount": "18.50", "currency_code": "EUR"},
    }
    hat["price_set"] = {
        "shop_money": {"amount": "10.00", "currency_code": "USD"},
        "presentment_money": {"amount": "9.25", "currency_code": "EUR"},
    }
    body = body_of(payload)
    post(client, "shopify", body, shopify_headers(body, "orders/paid"))
    settled(engine, lambda session: session.get(Order, "7001") is not None, "the Shopify order")
    with transaction(engine) as session:
        order = session.get(Order, "7001")
        assert order is not None
        recorded = (order.currency, order.total_cents, order.original_currency, order.original_total_cents)
        assert recorded == ("USD", 5000, "EUR", 4625)
        assert (order.fx_source, order.fx_rate) == ("shopify", "1.081081081081")  # 50.00 / 46.25
    assert pending_cents(engine) == 500  # 10% of the shop's 50.00, no rate needed

    line_refund = shopify_refund(refund_id=1, order_id=7001, sku="S2", subtotal="10.00")  # shop money
    body = body_of(line_refund)
    post(client, "shopify", body, shopify_headers(body, "refunds/create"))
    settled(engine, lambda session: pending_cents(engine) == 400, "the hat's refund")
    eur_refund = shopify_refund(refund_id=2, order_id=7001)
    eur_refund["refund_line_items"] = []
    eur_refund["transactions"] = [{"kind": "refund", "status": "success", "amount": "37.00", "currency": "EUR"}]
    body = body_of(eur_refund)  # the shirts' 2 x 18.50 EUR, as the customer was paid back
    post(client, "shopify", body, shopify_headers(body, "refunds/create"))
    settled(engine, lambda session: pending_cents(engine) == 0, "the EUR refund reversing the rest exactly")


def test_woocommerce_eur_order_converts_and_half_a_refund_reverses_half(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    load(engine, tmp_path, "fx_rates", "date,currency,rate\n2026-11-20,EUR,1.1000\n")
    order = woo_order(order_id=7002, meta_data=[{"key": "_afflow_ref", "value": "PATREF"}])
    order["currency"] = "EUR"  # 2 x 20.00 + 10.00 = 50.00 EUR = 55.00 USD
    body = body_of(order)
    post(client, "woocommerce", body, woo_headers(body, "order.created"))
    settled(engine, lambda session: session.get(Order, "7002") is not None, "the WooCommerce order")
    with transaction(engine) as session:
        stored = session.get(Order, "7002")
        assert stored is not None
        assert (stored.total_cents, stored.original_currency, stored.fx_rate) == (5500, "EUR", "1.1000")
    assert pending_cents(engine) == 550

    order["status"] = "processing"
    order["refunds"] = [{"id": 901, "reason": "", "total": "-25.00"}]  # half, in the order's EUR
    body = body_of(order)
    post(client, "woocommerce", body, woo_headers(body, "order.updated"))
    settled(engine, lambda session: pending_cents(engine) != 550, "the refund")
    assert pending_cents(engine) == 275  # half of 5.50, to the cent


def test_stripe_gbp_order_waits_for_its_rate(client: TestClient, engine: Engine, tmp_path: Path) -> None:
    session_object = stripe_session(payment_intent="pi_7003", metadata={"afflow_ref": "PATREF", "afflow_sku": "S1"})
    session_object["currency"] = "gbp"  # 50.00 GBP
    body = body_of(stripe_event("checkout.session.completed", session_object))
    post(client, "stripe", body, stripe_headers(body))
    today = datetime.now(UTC).date()
    settled(engine, lambda session: True, "the Stripe order")
    with transaction(engine) as session:
        status, error = session.execute(select(InboxEvent.status, InboxEvent.error)).one()
        assert session.get(Order, "pi_7003") is None
    assert (status, error) == ("parked", f"no GBP rate for {today:%Y-%m-%d}; import fx_rates")
    assert pending_cents(engine) == 0

    report = load(engine, tmp_path, "fx_rates", f"date,currency,rate\n{today:%Y-%m-%d},GBP,1.2734\n")
    assert (report.booked, report.parked) == (1, 0)
    with transaction(engine) as session:
        stored = session.get(Order, "pi_7003")
        assert stored is not None and (stored.total_cents, stored.original_currency) == (6367, "GBP")
        assert session.execute(select(InboxEvent.status, InboxEvent.error)).one() == ("booked", None)
    assert pending_cents(engine) == 637  # 10% of 63.67


def test_shopify_shop_in_eur_is_converted_with_the_imported_rates(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    payload = shopify_order(order_id=7004)
    processed = datetime.fromisoformat(payload["processed_at"]).astimezone(UTC).date()
    load(engine, tmp_path, "fx_rates", f"date,currency,rate\n{processed:%Y-%m-%d},EUR,1.2000\n")
    payload["currency"] = "EUR"  # the shop's own currency is not the program's: its amounts are converted
    payload["presentment_currency"] = "GBP"
    body = body_of(payload)  # no price_set: the GBP amounts are not sent, the shop's EUR are the original
    post(client, "shopify", body, shopify_headers(body, "orders/paid"))
    settled(engine, lambda session: session.get(Order, "7004") is not None, "the Shopify order")
    with transaction(engine) as session:
        order = session.get(Order, "7004")
        assert order is not None
        recorded = (order.total_cents, order.original_currency, order.original_total_cents, order.fx_source)
        assert recorded == (6000, "EUR", 5000, "fx_rates")
    assert pending_cents(engine) == 600
