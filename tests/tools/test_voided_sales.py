"""Sales the agents read leave out what a correction took back, on SQLite and PostgreSQL: a voided order
(``afflow orders void``) and a replaced order's superseded lines (``afflow import orders --replace``) sold
nothing, so best sellers, a partner's SKU sales, inventory velocity and the first order time ignore them.

The program is built and corrected through the real CLI (in-process, ``afflow ... --json``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fakes.cli import afflow_json
from sqlalchemy import Engine

from store.db import transaction
from tools.inventory import inventory_status
from tools.ledger_view import best_selling_skus, first_event_ts, partner_sku_sales

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Trail Tales,anna@example.com,blog,12000,0.043,TRAIL,
"""
PRODUCTS = """sku,title,price,unit_cost,stock,stock_target,category
TENT,Tent,1299.00,600.00,28,20,camping
MUG,Mug,25.00,5.00,280,200,kitchen
"""
HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
ORDERS = HEADER + (
    "test-0,2026-02-20T09:00:00Z,cust-0,,TRAIL,,USD,MUG,40,25.00\n"  # a test order, voided below
    "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,TENT,1,1.00\n"  # booked at 1.00 and 7 mugs by mistake
    "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,MUG,7,25.00\n"
    "mug-2,2026-03-02T11:00:00Z,cust-2,,TRAIL,,USD,MUG,2,25.00\n"
)
FIXED = HEADER + "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,TENT,1,1299.00\n"
SINCE, UNTIL = datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 10, tzinfo=UTC)


@pytest.fixture
def corrected(engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}

    def afflow(*args: str) -> None:
        code, answer = afflow_json(monkeypatch, env, *args)
        assert code == 0, answer

    for kind, text in {"partners": PARTNERS, "products": PRODUCTS, "orders": ORDERS}.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow("import", kind, str(tmp_path / f"{kind}.csv"))
    afflow("orders", "void", "test-0", "--reason", "a test order")
    (tmp_path / "fixed.csv").write_text(FIXED, encoding="utf-8")
    afflow("import", "orders", str(tmp_path / "fixed.csv"), "--replace")
    return engine


def test_best_sellers_leave_out_voided_orders_and_superseded_lines(corrected: Engine) -> None:
    with transaction(corrected) as session:
        sellers = best_selling_skus(session=session, since=SINCE, until=UNTIL, limit=10)
    # mugs: only mug-2's 2 (not the voided 40, not tent-1's 7 superseded); the tent at its corrected price
    assert [(s.sku, s.units, s.revenue_cents) for s in sellers] == [("MUG", 2, 5000), ("TENT", 1, 129900)]


def test_a_partners_sku_sales_leave_out_voided_orders_and_superseded_lines(corrected: Engine) -> None:
    with transaction(corrected) as session:
        sales = partner_sku_sales(session=session, since=SINCE, until=UNTIL)
        only_p1 = partner_sku_sales(session=session, since=SINCE, until=UNTIL, partner_ids=["p1"])
    expected = [("MUG", 2, 5000), ("TENT", 1, 129900)]
    assert {pid: [(s.sku, s.units, s.revenue_cents) for s in rows] for pid, rows in sales.items()} == {"p1": expected}
    assert [(s.sku, s.units, s.revenue_cents) for s in only_p1["p1"]] == expected


def test_inventory_velocity_counts_only_units_that_were_sold(corrected: Engine) -> None:
    with transaction(corrected) as session:
        stock = {row.sku: row for row in inventory_status(session=session, as_of=UNTIL, window_days=28)}
    assert (stock["MUG"].units_sold, stock["TENT"].units_sold) == (2, 1)
    assert stock["MUG"].daily_velocity == Decimal("0.071")  # 2 / 28


def test_the_first_order_time_ignores_a_voided_order(corrected: Engine) -> None:
    with transaction(corrected) as session:
        first = first_event_ts(session=session)
    assert first is not None and first.replace(tzinfo=UTC) == datetime(2026, 3, 1, 10, tzinfo=UTC)
