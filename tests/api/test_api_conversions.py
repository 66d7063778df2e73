"""``POST /api/v1/conversions``: a ``conversions`` key queues a custom checkout's order or refund into the same inbox
as ``POST /events/conversion``; the worker books it; a repeat books nothing; a bound is a 422 that writes nothing;
each accepted request is audited with the key as actor. SQLite and PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient

from store.db import transaction
from store.models import AuditLog, Commission, InboxEvent, Order
from tests.api.conftest import MakeKey, bearer

ORDER = {
    "order_id": "api-9001", "ts": "2026-03-10T10:00:00Z", "customer_id": "c9", "ref_code": "samref",
    "currency": "USD", "lines": [{"sku": "S1", "quantity": 2, "unit_price": "20.00"}],
}  # fmt: skip


def booked(engine: Engine, order_id: str, timeout: float = 15.0) -> Order:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with transaction(engine) as session:
            order = session.get(Order, order_id)
            if order is not None:
                session.expunge(order)
                return order
        time.sleep(0.05)
    raise AssertionError(f"order {order_id} was not booked within {timeout} s")


def test_a_conversions_key_queues_an_order_that_books_once_and_is_audited(
    client: TestClient, seeded: Engine, make_key: MakeKey
) -> None:
    key = make_key("conversions", name="checkout")
    first = client.post("/api/v1/conversions", json=ORDER, headers=bearer(key))
    assert first.status_code == 202, first.text
    assert first.json() == {"status": "queued", "events": 1, "new": 1, "duplicates": 0}
    order = booked(seeded, "api-9001")
    again = client.post("/api/v1/conversions", json=ORDER, headers=bearer(key))
    assert again.status_code == 202 and again.json()["new"] == 0 and again.json()["duplicates"] == 1
    with transaction(seeded) as session:
        commissions = session.scalars(select(Commission).where(Commission.order_id == order.id)).all()
        [event] = session.scalars(select(InboxEvent).where(InboxEvent.order_id == "api-9001")).all()
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "conversions_received")).all()
    assert event.source == "conversion"  # the same source as /events/conversion: one booking across both doors
    assert len(commissions) == 1 and commissions[0].partner_id == "p2"  # "samref": codes match in any case
    assert [row.actor.split(":")[-1] for row in audit] == ["checkout", "checkout"]
    assert audit[0].details["new"] == 1 and audit[1].details["duplicates"] == 1


def test_a_refund_through_the_api_reverses_its_order(client: TestClient, seeded: Engine, make_key: MakeKey) -> None:
    key = make_key("conversions")
    assert client.post("/api/v1/conversions", json=ORDER, headers=bearer(key)).status_code == 202
    order = booked(seeded, "api-9001")
    refund = {"kind": "refund", "refund_id": "api-r1", "order_id": "api-9001", "ts": "2026-03-11T10:00:00Z",
              "sku": "S1", "amount": "40.00"}  # fmt: skip
    assert client.post("/api/v1/conversions", json=refund, headers=bearer(key)).status_code == 202
    deadline = time.monotonic() + 15
    while True:
        with transaction(seeded) as session:
            [commission] = session.scalars(select(Commission).where(Commission.order_id == order.id)).all()
            if commission.reversed_cents == commission.amount_cents or time.monotonic() > deadline:
                break
        time.sleep(0.05)
    assert commission.amount_cents > 0 and commission.reversed_cents == commission.amount_cents


def test_scope_bounds_and_shape_are_refused_and_write_nothing(
    client: TestClient, seeded: Engine, make_key: MakeKey
) -> None:
    read_only = client.post("/api/v1/conversions", json=ORDER, headers=bearer(make_key("read")))
    assert read_only.status_code == 403 and read_only.json()["error"]["details"]["required_scope"] == "conversions"
    assert client.post("/api/v1/conversions", json=ORDER).status_code == 401
    key = make_key("conversions")
    huge = {**ORDER, "order_id": "api-huge", "lines": [{"sku": "S1", "quantity": 1, "unit_price": "99999999999999999.99"}]}
    refused = client.post("/api/v1/conversions", json=huge, headers=bearer(key))
    assert refused.status_code == 422 and "unit_price" in refused.json()["error"]["message"]
    unknown = client.post("/api/v1/conversions", json={**ORDER, "order_id": "api-x", "surprise": 1}, headers=bearer(key))
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "invalid_input"
    bad_kind = client.post("/api/v1/conversions", json={**ORDER, "kind": "payout"}, headers=bearer(key))
    assert bad_kind.status_code == 422
    with transaction(seeded) as session:
        assert session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.source == "conversion")) == 0
        assert session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.action == "conversions_received")) == 0  # fmt: skip


def test_the_route_is_in_the_openapi_document(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/conversions"]["post"]
    assert "202" in operation["responses"] and "422" in operation["responses"]
