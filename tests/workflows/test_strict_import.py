"""Strict CSV rows: a row whose field count differs from the header, an unknown SKU or a refund above what
is left fails the whole file naming its line; ref and coupon codes match whatever their case."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.db import ensure_program, transaction
from store.models import Attribution, Base, InboxEvent, Order, Refund
from tests.workflows.booking import balance
from workflows.importing.importer import ImportFailed, ImportReport, import_csv

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Mara Hikes,mara@example.com,blog,12000,0.043,MARA,MARA10
p2,Trail Tales,anna@example.com,blog,9000,0.05,TRAIL,TRAIL10
"""
PRODUCTS = """sku,title,price,unit_cost,stock,stock_target,category
TENT,Tent,1299.00,600.00,10,10,tents
MUG,Mug,12.00,3.00,100,100,cookware
"""
ORDER_HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(engine: Engine, tmp_path: Path, kind: str, text: str) -> ImportReport:
    with transaction(engine) as session:
        return import_csv(session=session, kind=kind, path=write(tmp_path, f"{kind}.csv", text))


def rejected(engine: Engine, tmp_path: Path, kind: str, text: str) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        load(engine, tmp_path, kind, text)
    return [str(error) for error in failed.value.errors]


def count(engine: Engine, model: type[Base]) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path, "partners", PARTNERS)
    load(engine, tmp_path, "products", PRODUCTS)
    return engine


def test_unquoted_thousands_separator_fails_the_file_naming_line_and_field_count(
    program: Engine, tmp_path: Path
) -> None:
    text = ORDER_HEADER + (
        "o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,MUG,1,12.00\n"
        "o2,2026-03-01T11:00:00Z,cust-2,,MARA,,USD,TENT,1,1,299.00\n"
    )
    assert rejected(program, tmp_path, "orders", text) == [
        "orders.csv:3: 11 fields, but the header has 10 (quote values containing commas)"
    ]
    assert count(program, Order) == 0  # o1 on the good line is not kept either


def test_a_row_with_too_few_fields_is_an_error(program: Engine, tmp_path: Path) -> None:
    text = ORDER_HEADER + "o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,MUG,1\n"
    assert rejected(program, tmp_path, "orders", text) == [
        "orders.csv:2: 9 fields, but the header has 10 (quote values containing commas)"
    ]


def test_quoted_price_and_declared_extra_columns_import(program: Engine, tmp_path: Path) -> None:
    text = ORDER_HEADER.rstrip("\n") + ",note\n" + 'o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,TENT,1,"1299.00",gift\n'
    report = load(program, tmp_path, "orders", text)
    assert (report.booked, report.attributed) == (1, 1)
    assert balance(program, "p1").pending == 12990  # 10% of 1,299.00, not of 1.00


def test_unknown_sku_fails_the_file_unless_the_program_allows_it(program: Engine, tmp_path: Path) -> None:
    text = ORDER_HEADER + (
        "o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,MUG,1,12.00\n"
        "o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,TENT-XL,1,99.00\n"
    )
    errors = rejected(program, tmp_path, "orders", text)
    assert len(errors) == 1
    assert errors[0].startswith("orders.csv:3 column sku: unknown SKU 'TENT-XL': not in the product catalog")
    assert "--allow-unknown-skus" in errors[0]
    assert count(program, Order) == 0
    with transaction(program) as session:
        ensure_program(session).allow_unknown_skus = True
    report = load(program, tmp_path, "orders", text)
    assert (report.booked, report.unknown_skus) == (1, ("TENT-XL",))


def test_refund_above_what_remains_fails_the_file_and_books_nothing(program: Engine, tmp_path: Path) -> None:
    load(program, tmp_path, "orders", ORDER_HEADER + "o1,2026-03-01T10:00:00Z,cust-1,,MARA,,USD,MUG,2,12.00\n")
    refunds = "refund_id,order_id,ts,sku,amount\n" + (
        "r1,o1,2026-03-02T10:00:00Z,MUG,20.00\nr2,o1,2026-03-02T11:00:00Z,MUG,4.01\n"
    )
    assert rejected(program, tmp_path, "refunds", refunds) == [
        "refunds.csv:3: refund r2 of 4.01 USD exceeds the 4.00 USD still refundable on order o1 (SKU MUG)"
    ]
    assert count(program, Refund) == 0
    assert count(program, InboxEvent) == 1  # the order's event only
    assert balance(program, "p1").pending == 240


@pytest.mark.parametrize(("ref", "coupon"), [("mara", ""), ("", "mara10"), ("Mara", "")])
def test_ref_and_coupon_codes_match_whatever_their_case(program: Engine, tmp_path: Path, ref: str, coupon: str) -> None:
    report = load(
        program, tmp_path, "orders", ORDER_HEADER + f"o1,2026-03-01T10:00:00Z,cust-1,,{ref},{coupon},USD,MUG,1,12.00\n"
    )
    assert (report.attributed, report.unattributed) == (1, 0)
    with transaction(program) as session:
        assert session.scalar(select(Attribution.partner_id)) == "p1"
