"""Bulk inserts (``store.bulk``) store values as the ORM does, so queries treat both kinds of rows alike."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from store.bulk import insert_rows
from store.db import transaction
from store.models import Order

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _order(order_id: str) -> dict[str, object]:
    return {
        "id": order_id,
        "ts": T0,
        "customer_id": "c",
        "currency": "USD",
        "source": "csv",
        "total_cents": 100,
        "is_new_customer": True,
    }


def test_a_bulk_inserted_time_on_a_whole_second_meets_an_inclusive_bound(engine: Engine) -> None:
    with transaction(engine) as session:
        insert_rows(session, Order, [_order("bulk")])
        session.add(Order(**_order("orm")))
    with transaction(engine) as session:
        found = session.scalars(select(Order.id).where(Order.ts >= T0, Order.ts <= T0).order_by(Order.id)).all()
        stored = session.scalars(select(Order.ts).order_by(Order.id)).all()
    assert found == ["bulk", "orm"]
    assert stored == [T0, T0]
