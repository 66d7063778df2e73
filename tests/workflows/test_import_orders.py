"""CSV import of orders and refunds through the event inbox: grouping lines into orders, rejecting
inconsistent files whole, idempotent re-import, and refunds that arrive before their orders."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.ledger import balances, unbalanced_transactions
from store.models import Attribution, Base, Commission, InboxEvent, Order, OrderLine, Refund
from workflows.booking.lifecycle import reconcile
from workflows.importing.importer import ImportFailed, ImportReport, import_csv

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Trail Tales,anna@example.com,blog,12000,0.043,TRAIL,TRAIL10
"""
CLICKS = """click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref
c1,2026-03-01T09:00:00Z,p1,203.0.113.7,Mozilla/5.0,https://trail.example,,,
"""
ORDER_HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
ORDERS = ORDER_HEADER + (
    "o1,2026-03-01T10:00:00Z,cust-1,c1,,,USD,SKU-1,1,100.00\n"
    "o1,2026-03-01T10:00:00Z,cust-1,c1,,,USD,SKU-2,2,25.00\n"
    "o2,2026-03-02T12:00:00+01:00,cust-2,,,TRAIL10,USD,SKU-1,1,80.00\n"
    "o3,2026-03-03T08:00:00,cust-3,,,,USD,SKU-2,1,25.00\n"
)
REFUNDS = "refund_id,order_id,ts,sku,amount\nr1,o1,2026-03-05T10:00:00Z,SKU-2,25.00\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(engine: Engine, kind: str, path: Path) -> ImportReport:
    with transaction(engine) as session:
        return import_csv(session=session, kind=kind, path=path)


def count(engine: Engine, model: type[Base]) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, "partners", write(tmp_path, "partners.csv", PARTNERS))
    load(engine, "clicks", write(tmp_path, "clicks.csv", CLICKS))
    return engine


def test_order_lines_group_into_orders_and_book_commissions(program: Engine, tmp_path: Path) -> None:
    report = load(program, "orders", write(tmp_path, "orders.csv", ORDERS))
    assert (report.rows, report.records, report.booked) == (4, 3, 3)
    with transaction(program) as session:
        o1 = session.get(Order, "o1")
        assert o1 is not None and o1.total_cents == 150_00
        methods = dict(session.execute(select(Attribution.order_id, Attribution.method)).all())
        assert methods == {"o1": "click", "o2": "coupon"}
        o2 = session.get(Order, "o2")
        assert o2 is not None and o2.ts == datetime(2026, 3, 2, 11, tzinfo=UTC)
        (balance,) = balances(session=session, partner_id="p1")
        assert balance.pending > 0
    assert count(program, OrderLine) == 4
    assert count(program, Commission) == 3


def test_reimporting_the_order_file_books_nothing_new(program: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "orders.csv", ORDERS)
    load(program, "orders", path)
    with transaction(program) as session:
        before = balances(session=session)
    report = load(program, "orders", path)
    assert (report.records, report.booked, report.duplicates) == (3, 0, 3)
    with transaction(program) as session:
        assert balances(session=session) == before
    assert count(program, OrderLine) == 4


def test_order_rows_that_disagree_name_the_line_and_column_and_write_nothing(program: Engine, tmp_path: Path) -> None:
    text = ORDERS + "o2,2026-03-02T12:00:00+01:00,cust-9,,,TRAIL10,USD,SKU-3,1,5.00\n"
    with pytest.raises(ImportFailed) as caught:
        load(program, "orders", write(tmp_path, "orders.csv", text))
    (error,) = caught.value.errors
    assert (error.file, error.line, error.column) == ("orders.csv", 6, "customer_id")
    assert "line 4" in error.reason
    assert (count(program, Order), count(program, InboxEvent)) == (0, 0)


def test_bad_timestamp_money_and_currency_are_reported_together(program: Engine, tmp_path: Path) -> None:
    text = ORDERS + (
        "o4,03/04/2026,cust-4,,,,USD,SKU-1,1,10.00\n"
        "o5,2026-03-04T10:00:00Z,cust-5,,,,EURO,SKU-1,1,10.00\n"  # not a code (EUR itself books: fx)
        "o6,2026-03-04T10:00:00Z,cust-6,,,,USD,SKU-1,0,10.001\n"
    )
    with pytest.raises(ImportFailed) as caught:
        load(program, "orders", write(tmp_path, "orders.csv", text))
    assert {(e.line, e.column) for e in caught.value.errors} == {
        (6, "ts"),
        (7, "currency"),
        (8, "quantity"),
        (8, "unit_price"),
    }
    assert count(program, Order) == 0


def test_refund_imported_before_its_order_parks_and_books_after_reconcile(program: Engine, tmp_path: Path) -> None:
    parked = load(program, "refunds", write(tmp_path, "refunds.csv", REFUNDS))
    assert (parked.records, parked.booked, parked.parked) == (1, 0, 1)
    assert count(program, Refund) == 0
    load(program, "orders", write(tmp_path, "orders.csv", ORDERS))
    with transaction(program) as session:
        reconcile(session=session, as_of=datetime(2026, 3, 6, tzinfo=UTC))
    with transaction(program) as session:
        refund = session.get(Refund, "r1")
        assert refund is not None and refund.amount_cents == 25_00
        line = session.scalars(select(OrderLine).where(OrderLine.order_id == "o1", OrderLine.sku == "SKU-2")).one()
        assert line.refunded_cents == 25_00
        commission = session.scalars(select(Commission).where(Commission.order_line_id == line.id)).one()
        assert commission.reversed_cents > 0
        assert unbalanced_transactions(session=session) == []


def test_refund_with_zero_amount_or_duplicate_id_is_rejected(program: Engine, tmp_path: Path) -> None:
    text = REFUNDS + "r2,o1,2026-03-05T10:00:00Z,,0.00\nr1,o2,2026-03-05T10:00:00Z,,1.00\n"
    with pytest.raises(ImportFailed) as caught:
        load(program, "refunds", write(tmp_path, "refunds.csv", text))
    assert [(e.line, e.column) for e in caught.value.errors] == [(3, "amount"), (4, "refund_id")]
    assert count(program, InboxEvent) == 0
