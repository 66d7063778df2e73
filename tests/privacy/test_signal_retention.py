"""The signal retention on a real store (SQLite and PostgreSQL): clicks and checkouts older than
``AFFLOW_SIGNAL_RETENTION_DAYS`` lose their device signals, what attribution and the ledger need stays, and
probabilistic matching inside the window still credits the right partner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from afflow.settings import Settings
from afflow.wiring import scheduler_jobs
from store.audit import entries
from store.db import ensure_program, transaction
from store.ledger import balances
from store.models import Attribution, Click, OrderSignal
from tests.tools.scenario import load
from workflows.booking.order_signals import OrderSignalIn, record_order_signals
from workflows.matching.probabilistic import match_unattributed, set_matching
from workflows.privacy.retention import purge_expired_signals

T = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
OLD = T - timedelta(days=200)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"
DESKTOPS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
]


def _program(engine: Engine, directory: Path) -> None:
    """p2's old click with its attributed order and checkout, p1's recent iPhone click, 40 background clicks, and
    a recent order nothing identifies whose checkout came from p1's network on an iPhone."""
    clicks = [f"c-old,{OLD.isoformat()},p2,198.51.100.9,{DESKTOPS[0]},,,SKU-1,ann",
              f"c1,{(T - timedelta(hours=3)).isoformat()},p1,203.0.113.10,{IPHONE},,,SKU-1,"]  # fmt: skip
    for i in range(40):
        clicks.append(
            f"bg{i},{(T - timedelta(hours=i * 5)).isoformat()},p{2 + i % 2},198.51.{i}.7,{DESKTOPS[i % 2]},,,SKU-{10 + i},"
        )
    load(
        engine,
        directory,
        partners=[f"p{i},P{i},p{i}@example.com,blog,100,0.1,REF{i},,direct" for i in (1, 2, 3)],
        clicks=clicks,
        orders=[
            f"o-old,{OLD.isoformat()},ann,c-old,,,USD,SKU-1,1,80.00",
            f"o1,{T.isoformat()},bob,,,,USD,SKU-1,1,50.00",
        ],
    )
    with transaction(engine) as session:
        record_order_signals(session=session, salt=ensure_program(session).ip_salt, signals=[
            OrderSignalIn(order_id="o-old", ip="198.51.100.20", user_agent=DESKTOPS[0]),
            OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE),
        ])  # fmt: skip
        set_matching(session=session, enabled=True)


def _click(engine: Engine, click_id: str) -> tuple[str, datetime, str, str, str, str | None]:
    with transaction(engine) as session:
        c = session.get_one(Click, click_id)
        return c.partner_id, c.ts, c.ip_hash, c.ip_prefix, c.user_agent, c.customer_ref


def test_purge_blanks_old_signals_keeps_credit_and_matching_still_works_inside_the_window(
    engine: Engine, tmp_path: Path
) -> None:
    _program(engine, tmp_path)
    recent_before = _click(engine, "c1")
    with transaction(engine) as session:
        balances_before = [(b.partner_id, b.pending) for b in balances(session=session)]
        report = purge_expired_signals(session=session, retention_days=180, now=T)

    assert (report.clicks, report.order_signals, report.cutoff) == (1, 1, T - timedelta(days=180))
    assert _click(engine, "c-old") == ("p2", OLD, "", "", "", None)
    assert _click(engine, "c1") == recent_before and recent_before[2] != ""
    with transaction(engine) as session:
        assert list(session.scalars(select(OrderSignal.order_id))) == ["o1"]
        old = session.get_one(Attribution, "o-old")
        assert (old.partner_id, old.method, old.click_id) == ("p2", "click", "c-old")
        assert [(b.partner_id, b.pending) for b in balances(session=session)] == balances_before == [("p2", 800)]
        [row] = [e for e in entries(session=session) if e.action == "signals_purged"]
        assert (row.actor, row.details) == (
            "scheduler:purge_signals",
            {"retention_days": 180, "clicks": 1, "order_signals": 1},
        )
        matched = match_unattributed(session=session, as_of=T + timedelta(hours=1))
        assert matched.matched == 1 and session.get_one(Attribution, "o1").partner_id == "p1"
        again = purge_expired_signals(session=session, retention_days=180, now=T)
    assert (again.clicks, again.order_signals) == (0, 0)


def test_scheduled_purge_job_uses_the_retention_setting(engine: Engine, db_url: str, tmp_path: Path) -> None:
    _program(engine, tmp_path)
    settings = Settings(database_url=db_url, signal_retention_days=1, output_dir=str(tmp_path / "out"))
    [job] = [spec for spec in scheduler_jobs(engine=engine, settings=settings) if spec.name == "purge_signals"]

    job.target(T)

    # a day's retention leaves only the clicks of the last 24 hours (c1 and bg0..bg4) their signals
    with transaction(engine) as session:
        kept = set(session.scalars(select(Click.id).where(Click.ip_hash != "")))
        assert list(session.scalars(select(OrderSignal.order_id))) == ["o1"]
    assert kept == {"c1", "bg0", "bg1", "bg2", "bg3", "bg4"}
