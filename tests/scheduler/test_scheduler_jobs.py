"""The standard schedule: what runs when, in ``AFFLOW_TIMEZONE``, and the jobs that do not need agents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from afflow.settings import Settings
from afflow.wiring import scheduler_jobs
from store.db import make_engine, transaction
from store.models import AuditLog
from workflows.schedule.scheduler import JobSpec


def jobs(timezone: str) -> dict[str, JobSpec]:
    settings = Settings(timezone=timezone, slack_bot_token=None, smtp_url=None)
    specs = scheduler_jobs(engine=make_engine("sqlite://"), settings=settings)
    return {spec.name: spec for spec in specs}


def next_fire(spec: JobSpec, after: datetime) -> datetime:
    fire: datetime = spec.trigger.get_next_fire_time(None, after)
    return fire.astimezone(UTC)


def test_the_weekly_cycle_runs_monday_0800_in_the_program_timezone_across_dst() -> None:
    weekly = jobs("Europe/Berlin")["weekly_cycle"]

    assert next_fire(weekly, datetime(2026, 3, 4, 12, tzinfo=UTC)) == datetime(2026, 3, 9, 7, tzinfo=UTC)  # CET
    assert next_fire(weekly, datetime(2026, 7, 1, 12, tzinfo=UTC)) == datetime(2026, 7, 6, 6, tzinfo=UTC)  # CEST
    assert weekly.misfire_grace == timedelta(hours=12) and weekly.min_gap >= timedelta(days=1)


def test_reconcile_hourly_fraud_daily_and_delivery_every_minute_from_start() -> None:
    specs = jobs("America/New_York")
    after = datetime(2026, 3, 4, 12, 10, tzinfo=UTC)

    assert set(specs) == {"weekly_cycle", "reconcile", "fraud_scan", "purge_signals", "deliver_outbox", "deliver_webhooks"}
    assert next_fire(specs["reconcile"], after) == datetime(2026, 3, 4, 13, 0, tzinfo=UTC)
    assert next_fire(specs["fraud_scan"], after) == datetime(2026, 3, 5, 8, 30, tzinfo=UTC)  # 03:30 EST
    assert next_fire(specs["purge_signals"], after) == datetime(2026, 3, 5, 9, 15, tzinfo=UTC)  # 04:15 EST
    delivery = specs["deliver_outbox"]
    assert delivery.run_at_start and delivery.trigger.interval == timedelta(minutes=1)
    periods = {"weekly_cycle": timedelta(days=7), "reconcile": timedelta(hours=1), "fraud_scan": timedelta(days=1),
               "purge_signals": timedelta(days=1)}  # fmt: skip
    for name, period in (periods | {"deliver_outbox": timedelta(minutes=1)}).items():
        assert specs[name].min_gap < period, f"{name}: a finished run must not block the next occurrence"


def test_reconcile_and_fraud_scan_jobs_run_against_a_store(engine: Engine, tmp_path: Path) -> None:
    settings = Settings(slack_bot_token=None, smtp_url=None, output_dir=str(tmp_path))
    specs = {spec.name: spec for spec in scheduler_jobs(engine=engine, settings=settings)}
    now = datetime(2026, 3, 3, 3, 30, tzinfo=UTC)

    specs["reconcile"].target(now)
    specs["fraud_scan"].target(now)

    with transaction(engine) as session:
        scans = list(session.scalars(select(AuditLog).where(AuditLog.action == "fraud_scan")))
    assert [(scan.subject, scan.details) for scan in scans] == [("2026-03-03", {"findings": 0, "high": 0})]
