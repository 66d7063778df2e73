"""A big orders file into small tables builds the commissions' and ledger entries' secondary indexes once at its
end (SQLite): afterwards, and after a failed file, the schema is exactly as it was, and the booking the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.ledger import unbalanced_transactions
from store.models import Commission, LedgerEntry
from workflows.importing.importer import ImportFailed, ImportReport, import_csv

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Trail Tales,anna@example.com,blog,12000,0.043,TRAIL,TRAIL10
"""
HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
TABLES = ("commissions", "ledger_entries")


def orders(count: int, first: int = 0) -> str:
    return HEADER + "".join(
        f"o{n},2026-03-01T10:{n % 60:02d}:00Z,cust-{n},,TRAIL,,USD,SKU-{n % 3},{n % 2 + 1},{n % 90 + 10}.50\n"
        for n in range(first, first + count)
    )


def load(engine: Engine, path: Path) -> ImportReport:
    with transaction(engine) as session:
        return import_csv(session=session, kind="orders", path=path)


def schema(engine: Engine) -> list[tuple[str, str]]:
    names = ", ".join(f"'{table}'" for table in TABLES)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            query = f"SELECT name, sql FROM sqlite_master WHERE tbl_name IN ({names}) ORDER BY name"
        else:
            query = (
                "SELECT indexname, indexdef FROM pg_indexes "  # this test's schema only: others come and go
                f"WHERE schemaname = current_schema() AND tablename IN ({names}) ORDER BY indexname"
            )
        return [(name, sql) for name, sql in connection.exec_driver_sql(query)]


def counted(engine: Engine) -> tuple[int, int, int]:
    with transaction(engine) as session:
        commissions = session.scalar(select(func.count()).select_from(Commission)) or 0
        total = session.scalar(select(func.coalesce(func.sum(Commission.amount_cents), 0))) or 0
        entries = session.scalar(select(func.count()).select_from(LedgerEntry)) or 0
        assert unbalanced_transactions(session=session) == []
    return commissions, int(total), entries


def test_a_big_orders_file_leaves_the_booking_tables_indexes_as_they_were(engine: Engine, tmp_path: Path) -> None:
    partners = tmp_path / "partners.csv"
    partners.write_text(PARTNERS, encoding="utf-8")
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=partners)
    before = schema(engine)
    assert len(before) >= 5  # keys, the commissions' three indexes, the entries' two
    good = tmp_path / "orders.csv"
    good.write_text(orders(150), encoding="utf-8")
    report = load(engine, good)
    assert (report.records, report.booked, report.attributed) == (150, 150, 150)
    assert schema(engine) == before
    booked = counted(engine)
    assert booked[0] == 150 and booked[2] == 300  # a commission per line, two legs per accrual
    bad = tmp_path / "bad.csv"
    bad.write_text(orders(200, first=1000) + "o9999,yesterday,cust-x,,TRAIL,,USD,SKU-1,1,1.00\n", encoding="utf-8")
    with pytest.raises(ImportFailed):
        load(engine, bad)
    assert schema(engine) == before
    assert counted(engine) == booked  # the failed file booked nothing
    assert load(engine, good).duplicates == 150  # and a re-import books nothing twice
    assert counted(engine) == booked
