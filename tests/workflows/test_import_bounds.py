"""CSV orders and refunds outside ``workflows.booking.bounds`` name file, line and column; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.models import Order
from workflows.importing.importer import ImportFailed, import_csv

HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
GOOD = "o1,2026-03-01T10:00:00Z,cust-1,,,,USD,SKU-1,1,10.00\n"


def import_orders(engine: Engine, tmp_path: Path, rows: str) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + GOOD + rows, encoding="utf-8")
    with transaction(engine) as session:
        import_csv(session=session, kind="orders", path=path)


def test_out_of_range_order_cells_are_refused_by_line_and_column(engine: Engine, tmp_path: Path) -> None:
    rows = (
        "o2,2026-03-01T10:00:00Z,c2,,,,USD,SKU-1,1,999999999999999.99\n"  # 10^17 minor units
        "o3,0001-01-01T00:00:00+05:00,c3,,,,USD,SKU-1,1,10.00\n"  # used to be an OverflowError traceback
        "o4,9999-12-31T23:59:59Z,c4,,,,USD,SKU-1,1,10.00\n"
        "o5,2026-03-01T10:00:00Z,c5,,,,USD,SKU-1,1,-10.00\n"
        "o6,2026-03-01T10:00:00Z,c6,,,,USD,SKU-1,1000001,1.00\n"
        "o7,2026-03-01T10:00:00Z,c7,,,,USD,SKU-1,1000,9000000000.00\n"  # each in range, the line is not
    )
    with pytest.raises(ImportFailed) as caught:
        import_orders(engine, tmp_path, rows)
    found = {(error.line, error.column): error.reason for error in caught.value.errors}
    assert set(found) == {
        (3, "unit_price"),
        (4, "ts"),
        (5, "ts"),
        (6, "unit_price"),
        (7, "quantity"),
        (8, "unit_price"),
    }
    assert "exceeds the limit" in found[(3, "unit_price")]
    assert "outside 2000..2099" in found[(4, "ts")]
    assert "negative" in found[(6, "unit_price")]
    assert str(caught.value.errors[0]).startswith("orders.csv:3 column unit_price: ")
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 0


def test_an_order_whose_total_exceeds_the_bound_is_refused_at_its_first_line(engine: Engine, tmp_path: Path) -> None:
    rows = "o2,2026-03-01T10:00:00Z,c2,,,,USD,SKU-1,1,6000000000.00\no2,2026-03-01T10:00:00Z,c2,,,,USD,SKU-2,1,6000000000.00\n"
    with pytest.raises(ImportFailed) as caught:
        import_orders(engine, tmp_path, rows)
    [error] = caught.value.errors
    assert error.line == 3 and "order total" in error.reason and "exceeds the limit" in error.reason
