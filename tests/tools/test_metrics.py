"""Metrics over a hand-computed program: every number below is worked out in the comments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import transaction
from tests.tools.scenario import load
from tools.analytics_sql import Window, resolve_window
from tools.metrics import MetricsReport, partner_metrics, window_totals, windows_totals

AS_OF = datetime(2026, 3, 31, tzinfo=UTC)

PROGRAM = {
    "partners": [
        "p1,Alice,alice@example.com,blog,1000,0.05,ALICE,ALICE10,direct",
        "p2,Bob,bob@example.com,youtube,1000,0.05,BOB,,direct",
    ],
    "products": ["SKU-A,Widget,50.00,20.00,100,100,home", "SKU-B,Gadget,10.00,4.00,100,100,home"],
    "clicks": [
        "k0,2026-02-10T10:00:00Z,p1,10.0.0.1,Mozilla,https://blog.example/a,,,",
        "k1,2026-03-05T10:00:00Z,p1,10.0.0.2,Mozilla,https://blog.example/a,,,",
        "k2,2026-03-06T10:00:00Z,p1,10.0.0.3,Mozilla,https://blog.example/a,,,",
        "k3,2026-03-10T10:00:00Z,p1,10.0.0.4,Mozilla,https://blog.example/a,,,",
        "k4,2026-03-12T10:00:00Z,p1,10.0.0.5,Mozilla,https://blog.example/a,,,",
        "k5,2026-03-07T10:00:00Z,p2,10.0.1.1,Mozilla,https://youtube.example/v,,,",
        "k6,2026-03-08T10:00:00Z,p2,10.0.1.2,Mozilla,https://youtube.example/v,,,",
    ],
    "orders": [
        "o0,2026-02-10T11:00:00Z,c9,k0,,,USD,SKU-A,1,50.00",  # previous window, p1
        "o1,2026-03-05T10:30:00Z,c1,k1,,,USD,SKU-A,1,50.00",  # p1, new customer
        "o2,2026-03-06T11:00:00Z,c2,k2,,,USD,SKU-B,2,10.00",  # p1, new, half refunded below
        "o3,2026-03-10T12:00:00Z,c1,k3,,,USD,SKU-B,1,10.00",  # p1, returning: c1 again
        "o4,2026-03-15T09:00:00Z,c3,,,,USD,SKU-A,1,50.00",  # nobody's
        "o5,2026-03-20T09:00:00Z,c1,,,,USD,SKU-B,1,10.00",  # nobody's, but c1 buys again
        "o6,2026-03-07T12:00:00Z,c4,k5,,,USD,SKU-A,2,50.00",  # p2, new
    ],
    "refunds": ["r1,o2,2026-03-08T09:00:00Z,SKU-B,10.00"],
}


@pytest.fixture
def report(engine: Engine, tmp_path: Path) -> MetricsReport:
    load(engine, tmp_path, **PROGRAM)
    with transaction(engine) as session:
        window = resolve_window(session=session, days=30, as_of=AS_OF)
        return partner_metrics(session=session, start=window.start, end=window.end)


def test_partner_totals_and_rates_match_hand_computation(report: MetricsReport) -> None:
    alice = next(p for p in report.partners if p.partner_id == "p1")
    now = alice.current
    assert (now.clicks, now.orders, now.new_customer_orders, now.refunded_orders) == (4, 3, 2, 1)
    assert (now.revenue_cents, now.refunded_cents) == (8000, 1000)
    # cost: o1 2000 + o2 800 scaled by the kept half = 400 + o3 400
    assert now.cost_of_goods_cents == 2800
    # 10% default rule: 500 + (200 - 100 reversed) + 100
    assert now.commission_cents == 700
    rates = alice.rates
    assert rates.margin_contribution_cents == 8000 - 1000 - 2800 - 700
    assert rates.conversion_rate == Decimal("0.7500")
    assert rates.aov_cents == 2667
    assert rates.epc_cents == 175
    assert rates.refund_rate == Decimal("0.3333")
    assert rates.new_customer_share == Decimal("0.6667")
    assert rates.repeat_purchase_rate == Decimal("0.5000")  # c1 bought again, c2 did not


def test_change_is_against_the_previous_window(report: MetricsReport) -> None:
    alice = next(p for p in report.partners if p.partner_id == "p1")
    assert (alice.previous.clicks, alice.previous.orders, alice.previous.revenue_cents) == (1, 1, 5000)
    assert alice.change.clicks == Decimal("3.0000")
    assert alice.change.orders == Decimal("2.0000")
    assert alice.change.revenue == Decimal("0.6000")
    bob = next(p for p in report.partners if p.partner_id == "p2")
    assert bob.change.revenue is None  # nothing to compare with


def test_program_sums_partners_and_counts_unattributed_orders(report: MetricsReport) -> None:
    program = report.program
    assert (program.current.clicks, program.current.orders, program.current.revenue_cents) == (6, 4, 18000)
    assert (program.all_orders, program.all_revenue_cents) == (6, 24000)
    assert report.window.end == AS_OF


def test_one_partner_filter(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    with transaction(engine) as session:
        window = resolve_window(session=session, days=30, as_of=AS_OF)
        only_bob = partner_metrics(session=session, start=window.start, end=window.end, partner_id="p2")
    assert [p.partner_id for p in only_bob.partners] == ["p2"]
    assert only_bob.partners[0].rates.margin_contribution_cents == 10000 - 4000 - 1000


def test_window_defaults_to_the_latest_event(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    with transaction(engine) as session:
        window = resolve_window(session=session, days=7)
    assert window.end == datetime(2026, 3, 20, 9, tzinfo=UTC)


def test_several_windows_in_one_pass_equal_each_window_queried_alone(engine: Engine, tmp_path: Path) -> None:
    """One pass sums after each window boundary and subtracts: overlapping, nested, disjoint and edge-touching
    windows (an order at 2026-03-05T10:30 sits on an edge) must come out as if each were queried alone."""
    load(engine, tmp_path, **PROGRAM)
    day = timedelta(days=1)
    edge = datetime(2026, 3, 5, 10, 30, tzinfo=UTC)
    windows = [
        Window(start=AS_OF - 30 * day, end=AS_OF),
        Window(start=AS_OF - 60 * day, end=AS_OF - 30 * day),
        Window(start=edge, end=edge + 3 * day),  # o1 at the start is outside, o2 inside
        Window(start=edge - 2 * day, end=edge),  # o1 at the end is inside
        Window(start=datetime(2026, 2, 11, tzinfo=UTC), end=datetime(2026, 2, 20, tzinfo=UTC)),  # nothing
    ]
    with transaction(engine) as session:
        together = windows_totals(session=session, windows=windows)
        alone = [window_totals(session=session, window=window) for window in windows]
    assert together == alone
    assert alone[2]["p1"].orders == 1 and alone[3]["p1"].orders == 1 and alone[4] == {}
