"""Probabilistic matching on a real store: off by default, books confident matches once, leaves the rest."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fakes.cli import afflow_json
from sqlalchemy import Engine, select

from store.db import ensure_program, transaction
from store.ledger import balances
from store.models import Attribution, Commission, OrderSignal
from workflows.booking.lifecycle import reconcile
from workflows.booking.order_signals import OrderSignalIn, record_order_signals
from workflows.importing.importer import import_csv
from workflows.matching.probabilistic import match_unattributed, probabilistic_costs, set_matching

T = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"
DESKTOPS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
]
ORDER_HEADER = ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price"]  # fmt: skip
CLICK_HEADER = ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"]


def _load(engine: Engine, path: Path, kind: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


def _signals(engine: Engine, *signals: OrderSignalIn) -> None:
    with transaction(engine) as session:
        record_order_signals(session=session, signals=signals, salt=ensure_program(session).ip_salt)


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    """p1's click from 203.0.113.0/24 on an iPhone, 40 background desktop clicks elsewhere, p2 and p3 too."""
    partners = [[f"p{i}", f"P{i}", f"p{i}@example.com", "blog", 100, "0.1", f"REF{i}", ""] for i in (1, 2, 3)]
    _load(engine, tmp_path / "partners.csv", "partners",
          ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"],
          partners)  # fmt: skip
    clicks = [["c1", (T - timedelta(hours=3)).isoformat(), "p1", "203.0.113.10", IPHONE, "", "", "SKU-1", ""]]
    for i in range(40):
        ts = (T - timedelta(hours=i * 5)).isoformat()
        clicks.append([f"bg{i}", ts, f"p{2 + i % 2}", f"198.51.{i}.7", DESKTOPS[i % 2], "", "", f"SKU-{10 + i}", ""])
    _load(engine, tmp_path / "clicks.csv", "clicks", CLICK_HEADER, clicks)
    return engine


def _order(
    engine: Engine, tmp_path: Path, order_id: str, *, ts: datetime = T, coupon: str = "", price: str = "50.00"
) -> None:
    row = [order_id, ts.isoformat(), f"cust-{order_id}", "", "", coupon, "USD", "SKU-1", 1, price]
    _load(engine, tmp_path / f"{order_id}.csv", "orders", ORDER_HEADER, [row])


def _enable(engine: Engine) -> None:
    with transaction(engine) as session:
        set_matching(session=session, enabled=True)


def _run(engine: Engine) -> tuple[int, int, int, int]:
    with transaction(engine) as session:
        report = match_unattributed(session=session, as_of=T + timedelta(days=1))
    return report.considered, report.matched, report.below_threshold, report.commission_cents


def _attributions(engine: Engine) -> list[Attribution]:
    with transaction(engine) as session:
        return list(session.scalars(select(Attribution).order_by(Attribution.order_id)))


def test_matching_is_off_by_default(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1")
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    with transaction(program) as session:
        report = match_unattributed(session=session, as_of=T + timedelta(days=1))
    assert not report.enabled and report.threshold == Decimal("0.9")
    assert _attributions(program) == []


def test_confident_match_is_booked_as_probabilistic_commission(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1")
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    assert _run(program) == (1, 1, 0, 500)  # 10% default rule on 50.00
    [attribution] = _attributions(program)
    assert (attribution.partner_id, attribution.method, attribution.click_id) == ("p1", "probabilistic", "c1")
    assert attribution.confidence is not None and attribution.confidence >= Decimal("0.9")
    assert attribution.seconds_to_conversion == 3 * 3600
    with transaction(program) as session:
        [commission] = session.scalars(select(Commission))
        assert (commission.amount_cents, commission.state, commission.rule_version) == (500, "pending", 1)
        assert "probabilistic match" in commission.explanation
        assert [(b.partner_id, b.pending) for b in balances(session=session)] == [("p1", 500)]
        [cost] = probabilistic_costs(session=session, start=T - timedelta(days=1), end=T + timedelta(days=1))
    assert (cost.partner_id, cost.orders, cost.revenue_cents, cost.commission_cents) == ("p1", 1, 5000, 500)


def test_second_run_books_nothing_new(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1")
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    _run(program)
    assert _run(program) == (0, 0, 0, 0)
    with transaction(program) as session:
        assert [(b.partner_id, b.pending) for b in balances(session=session)] == [("p1", 500)]


def test_two_equally_likely_partners_book_nothing(program: Engine, tmp_path: Path) -> None:
    rival = [["c2", (T - timedelta(hours=3)).isoformat(), "p2", "203.0.113.11", IPHONE, "", "", "SKU-1", ""]]
    _load(program, tmp_path / "rival.csv", "clicks", CLICK_HEADER, rival)
    _order(program, tmp_path, "o1")
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    assert _run(program) == (1, 0, 1, 0)
    assert _attributions(program) == []


def test_weak_evidence_stays_below_the_threshold(program: Engine, tmp_path: Path) -> None:
    _order(
        program, tmp_path, "o1", ts=T + timedelta(days=20)
    )  # same prefix, but another device, SKU-less match, 20 days
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=DESKTOPS[0]))
    _enable(program)
    with transaction(program) as session:
        report = match_unattributed(session=session, as_of=T + timedelta(days=30))
    assert (report.matched, report.below_threshold) == (0, 1)


def test_orders_carrying_an_identifier_are_not_guessed(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1", coupon="UNKNOWN-CODE")  # unattributed, but it names a coupon: not ours to guess
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    assert _run(program) == (0, 0, 0, 0)


def test_refund_before_the_match_reduces_the_booked_commission(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1")
    _load(program, tmp_path / "refunds.csv", "refunds", ["refund_id", "order_id", "ts", "sku", "amount"],
          [["r1", "o1", (T + timedelta(hours=1)).isoformat(), "SKU-1", "20.00"]])  # fmt: skip
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    assert _run(program)[3] == 300  # 10% of 50.00, less 10% of the 20.00 already refunded
    with transaction(program) as session:
        [commission] = session.scalars(select(Commission))
        assert (commission.amount_cents, commission.reversed_cents) == (500, 200)
        assert [(b.partner_id, b.pending) for b in balances(session=session)] == [("p1", 300)]


def test_cli_enables_matching_books_and_reports_costs(
    program: Engine, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _order(program, tmp_path, "o1")
    env = {"AFFLOW_DATABASE_URL": db_url}

    def afflow(*args: str) -> dict[str, Any]:
        return dict(afflow_json(monkeypatch, env, *args)[1])

    bad_file = tmp_path / "bad-signals.csv"
    bad_file.write_text("order_id,ip,user_agent\n,1.2.3.4,x\n")
    bad = afflow("match", "signals", str(bad_file))
    assert bad["error"]["code"] == "bad_csv" and bad["error"]["details"]["lines"][0].startswith(
        "bad-signals.csv line 2"
    )
    signals_file = tmp_path / "signals.csv"
    signals_file.write_text(f"order_id,ip,user_agent\no1,203.0.113.77,{IPHONE}\n")
    assert afflow("match", "signals", str(signals_file))["recorded"] == 1
    off = afflow("match", "run")
    assert off["enabled"] is False and off["matched"] == 0 and "hint" in off
    bad = afflow("program", "set", "--probabilistic-threshold", "0.2")
    assert bad["error"] == {"code": "bad_option", "message": "--probabilistic-threshold: 0.2 is not between 0.5 and 1", "details": {}}  # fmt: skip
    shown = afflow("program", "set", "--probabilistic-matching", "--probabilistic-threshold", "0.95")
    assert shown["probabilistic_matching"] is True and Decimal(str(shown["probabilistic_threshold"])) == Decimal("0.95")
    assert afflow("match", "run", "--as-of", (T + timedelta(days=1)).isoformat())["matched"] == 1
    costs = afflow("match", "costs", "--days", "3650")
    assert costs["commission"] == "5.00"
    assert costs["partners"] == [{"partner_id": "p1", "orders": 1, "revenue": "50.00", "commission": "5.00", "mean_confidence": costs["partners"][0]["mean_confidence"]}]  # type: ignore[index]  # fmt: skip


def test_reconcile_runs_the_matching_pass(program: Engine, tmp_path: Path) -> None:
    _order(program, tmp_path, "o1")
    _signals(program, OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE))
    _enable(program)
    with transaction(program) as session:
        report = reconcile(session=session, as_of=T + timedelta(days=40))
    assert report.probabilistic_matches == 1 and report.locked_cents == 500  # matched, then locked after 30 days


def test_an_orders_csv_may_carry_the_checkout_signals(program: Engine, tmp_path: Path) -> None:
    header = [*ORDER_HEADER, "ip", "user_agent"]
    rows = [["o1", T.isoformat(), "cust-o1", "", "", "", "USD", "SKU-1", 1, "50.00", "203.0.113.77", IPHONE],
            ["o1", T.isoformat(), "cust-o1", "", "", "", "USD", "SKU-2", 1, "10.00", "", ""]]  # fmt: skip
    _load(program, tmp_path / "orders-with-signals.csv", "orders", header, rows)
    _enable(program)
    assert _run(program) == (1, 1, 0, 600)
    with transaction(program) as session:
        [signal] = session.scalars(select(OrderSignal))
    assert (signal.order_id, signal.ip_prefix, signal.user_agent_family, signal.device_type) == (
        "o1", "203.0.113.0/24", "safari/ios", "mobile"
    )  # fmt: skip
    assert "203.0.113.77" not in (signal.ip_hash, signal.ip_prefix)  # the raw address is never stored
