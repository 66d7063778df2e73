"""One event the database refuses never holds up the queue: it is ``failed`` with its reason, the rest book.

The poison is real: a trigger in the database itself refuses one order's row (SQLite ``RAISE(ABORT)``,
PostgreSQL ``RAISE EXCEPTION``), the way a constraint no check at the door foresaw would. Nothing of ours
is patched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text

from store.db import transaction
from store.models import InboxEvent, Order
from tests.workflows.booking import T0, balance, click, day, order, partners
from workflows.booking.ingest import enqueue, process_pending

POISON = "o-poison"


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1")
    click(engine, tmp_path, "c1", "p1", day(-1))
    return engine


def refuse_order_in_database(engine: Engine, order_id: str) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(
                text(
                    f"CREATE TRIGGER refuse_poison BEFORE INSERT ON orders WHEN NEW.id = '{order_id}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the database'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.id = '{order_id}' THEN RAISE EXCEPTION 'refused by the database'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_poison BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION refuse_poison()"
                )
            )


def statuses(engine: Engine) -> dict[str, tuple[str, str | None]]:
    with transaction(engine) as session:
        rows = session.execute(select(InboxEvent.order_id, InboxEvent.status, InboxEvent.error))
        return {order_id: (status, error) for order_id, status, error in rows}


def test_a_poison_order_between_two_good_ones_fails_alone_and_both_good_ones_book(program: Engine) -> None:
    refuse_order_in_database(program, POISON)
    events = [
        order("o-1", T0, click_id="c1"),
        order(POISON, T0, click_id="c1", customer="cust-2"),
        order("o-3", T0, click_id="c1", customer="cust-3"),
    ]
    with transaction(program) as session:
        enqueue(session=session, source="shopify", events=events)
    with transaction(program) as session:
        report = process_pending(session=session)
    assert (report.received, report.booked, report.failed) == (3, 2, 1)
    found = statuses(program)
    assert found["o-1"] == ("booked", None) and found["o-3"] == ("booked", None)
    status, error = found[POISON]
    assert status == "failed" and error is not None and "refused by the database" in error
    with transaction(program) as session:
        assert sorted(session.scalars(select(Order.id))) == ["o-1", "o-3"]
    assert balance(program, "p1").pending == 2 * 450  # the poison's commission is nowhere in the ledger


def test_the_queue_moves_on_after_a_failed_event(program: Engine) -> None:
    refuse_order_in_database(program, POISON)
    with transaction(program) as session:
        enqueue(session=session, source="shopify", events=[order(POISON, T0, click_id="c1")])
    with transaction(program) as session:
        assert process_pending(session=session).failed == 1
    with transaction(program) as session:
        enqueue(session=session, source="shopify", events=[order("o-later", T0, click_id="c1", customer="c9")])
    with transaction(program) as session:
        report = process_pending(session=session)
    assert (report.received, report.booked) == (1, 1)  # the failed one is not drained again
    assert statuses(program)["o-later"] == ("booked", None)


def test_a_stored_payload_outside_the_bounds_fails_as_unreadable_and_the_next_books(program: Engine) -> None:
    # an order queued before the door checked its year: booking it would overflow the return window
    stored = order("o-9999", T0, click_id="c1").model_dump(mode="json") | {"ts": "9999-12-31T00:00:00Z"}
    with transaction(program) as session:
        session.execute(
            insert(InboxEvent).values(
                source="shopify", external_id="order:o-9999", kind="order", payload=stored, status="pending",
                order_id="o-9999",
            )
        )  # fmt: skip
        enqueue(session=session, source="shopify", events=[order("o-good", T0, click_id="c1", customer="c2")])
    with transaction(program) as session:
        report = process_pending(session=session)
    assert (report.booked, report.failed) == (1, 1)
    status, error = statuses(program)["o-9999"]
    assert status == "failed" and error is not None and "ts" in error and "2100" in error
