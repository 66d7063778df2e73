"""``store.bulk``: chunked IN look-ups, inserts that skip duplicates, and bulk inserts that store values as the
ORM does, so queries treat both kinds of rows alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select, text

from store.bulk import (
    existing_keys,
    insert_ignoring_duplicates,
    insert_new_returning,
    insert_rows,
    insert_tuples,
    rows_where_in,
    scalars_where_in,
)
from store.db import transaction
from store.models import Click, Order
from workflows.booking.clicks import STORED_COLUMNS

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


@pytest.mark.parametrize(
    "ts",
    [
        T0,
        datetime(2026, 7, 1, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 3, 8, 2, 30, 0, 1, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York")),
    ],
)
def test_bulk_rows_store_the_very_text_the_orm_stores(engine: Engine, ts: datetime) -> None:
    with transaction(engine) as session:
        insert_rows(session, Order, [_order("bulk") | {"ts": ts}])
        session.add(Order(**(_order("orm") | {"ts": ts})))
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT id, CAST(ts AS TEXT) FROM orders ORDER BY id")).all()
    assert stored[0][1] == stored[1][1]
    with transaction(engine) as session:
        assert session.scalars(select(Order.ts)).all() == [ts.astimezone(UTC)] * 2


def test_a_look_up_of_more_keys_than_one_in_list_holds_finds_each_stored_key_once(engine: Engine) -> None:
    with transaction(engine) as session:
        insert_rows(session, Order, [_order(f"o{i:04d}") for i in range(0, 1200, 2)])
    wanted = [f"o{i:04d}" for i in range(1201)] * 2  # past two IN_CHUNK boundaries, every key asked twice
    with transaction(engine) as session:
        found = list(scalars_where_in(session, select(Order.id), Order.id, wanted))
        rows = list(rows_where_in(session, select(Order.id, Order.total_cents), Order.id, wanted))
        stored = existing_keys(session, Order.id, wanted)
    assert sorted(found) == sorted(stored) == [f"o{i:04d}" for i in range(0, 1200, 2)]
    assert len(rows) == 600 and {total for _, total in rows} == {100}


def test_inserting_a_stored_key_again_skips_it_and_returns_only_the_new_row(engine: Engine) -> None:
    with transaction(engine) as session:
        insert_ignoring_duplicates(session, Order, [_order("a")], key=["id"])
    with transaction(engine) as session:
        again = [_order("a") | {"total_cents": 999}, _order("b")]
        assert insert_new_returning(session, Order, again, key=["id"], returning=["id"]) == [("b",)]
        insert_rows(session, Order, [_order("b"), _order("c")], skip_duplicates_of=["id"])
        totals = {order_id: total for order_id, total in session.execute(select(Order.id, Order.total_cents))}
    assert totals == {"a": 100, "b": 100, "c": 100}


def _click(click_id: str, referrer: str) -> tuple[object, ...]:
    return (click_id, T0, "p", None, "", "", "", "unknown", referrer, "", None, None)


@pytest.mark.parametrize("size", [10, 150])  # an executemany, and a COPY's worth on PostgreSQL
@pytest.mark.parametrize("stored", [0, 1])
def test_a_keyed_batch_naming_a_key_twice_stores_it_once_and_counts_what_it_stored(
    engine: Engine, stored: int, size: int
) -> None:
    with transaction(engine) as session:
        if stored:
            assert insert_tuples(session, Click, STORED_COLUMNS, [_click("c7", "old")], skip_duplicates_of=["id"]) == 1
    batch = [_click(f"c{n}", "new") for n in range(size)] + [_click("c3", "again")]  # c3 twice
    with transaction(engine) as session:
        assert insert_tuples(session, Click, STORED_COLUMNS, batch, skip_duplicates_of=["id"]) == size - stored
        referrers = {click_id: referrer for click_id, referrer in session.execute(select(Click.id, Click.referrer))}
    assert len(referrers) == size and referrers["c3"] in ("new", "again")
    assert referrers["c7"] == ("old" if stored else "new")
