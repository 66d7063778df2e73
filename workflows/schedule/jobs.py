"""What ``afflow serve`` runs on a schedule (times in ``AFFLOW_TIMEZONE``):

- ``reconcile`` hourly at :00 — lock commissions past their return window, replay parked events, expire
  proposals waiting over 7 days;
- ``fraud_scan`` daily at 03:30 — scan the fraud look-back the tiers judge by; high-severity findings are announced once a
  day through the outbox (the approval channel in Slack) and kept as ``fraud_findings`` that hold payouts until decided;
- ``weekly_cycle`` Mondays at 08:00 — the agents' weekly cycle, then an immediate delivery pass so its
  proposals and messages go out at once;
- ``deliver_outbox`` every minute (and at start-up) — new proposals to Slack, then the outbox;
- ``send_conversions`` every minute, only when GA4 or Meta is configured — server-side conversions.
- ``purge_signals`` daily at 04:15 — blank the device signals of clicks and checkouts older than
  ``AFFLOW_SIGNAL_RETENTION_DAYS`` (``workflows.privacy.retention``).

Each is a ``workflows.schedule.scheduler.JobSpec``; the scheduler guarantees one run per occurrence across replicas.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from agents.context import AgentConfig
from store.audit import Actor, record
from store.db import transaction
from tools.analytics_sql import resolve_window
from tools.fraud import scan
from tools.outbox import queue_message
from workflows.approvals.decide import expire_stale
from workflows.booking.fraud_holds import record_findings
from workflows.booking.lifecycle import reconcile
from workflows.delivery.conversion_senders import ConversionSettingsSource, destinations_from, send_conversions
from workflows.delivery.outbox import DeliveryConfig, DeliverySettingsSource, run_delivery
from workflows.privacy.retention import purge_expired_signals
from workflows.schedule.scheduler import JobRunner, JobSpec
from workflows.schedule.weekly import run_weekly_cycle

log = logging.getLogger(__name__)


class JobSettingsSource(DeliverySettingsSource, ConversionSettingsSource, Protocol):
    timezone: str
    signal_retention_days: int


def standard_jobs(*, engine: Engine, settings: JobSettingsSource, agents: AgentConfig) -> list[JobSpec]:
    """The jobs below; the weekly cycle runs with ``agents`` and the daily fraud scan judges by its thresholds,
    so the scan announces what the tiers will act on. ``afflow.wiring.scheduler_jobs`` builds both arguments."""
    delivery = DeliveryConfig.from_settings(settings)
    tz = settings.timezone

    def reconcile_ledger(now: datetime) -> None:
        with transaction(engine) as session:
            report = reconcile(session=session, as_of=now)
        expired = expire_stale(engine=engine, now=now)
        log.info(
            "reconcile: %d commissions locked, %d events replayed, %d proposals expired",
            report.locked_commissions,
            report.replayed,
            len(expired),
        )

    def scan_for_fraud(now: datetime) -> None:
        with transaction(engine) as session:
            window = resolve_window(session=session, days=agents.score_thresholds.fraud_window_days, as_of=now)
            report = scan(session=session, start=window.start, end=window.end, thresholds=agents.fraud_thresholds)
            high = [finding for finding in report.findings if finding.severity == "high"]
            # kept until a human clears or confirms them: while open they hold the partner's payouts
            record_findings(session=session, findings=high, now=now, quiet_days=agents.score_thresholds.fraud_window_days)
            record(session=session, actor=Actor("scheduler", "scan_for_fraud"), action="fraud_scan",
                   subject=now.date().isoformat(), details={"findings": len(report.findings), "high": len(high)})
            if high:
                lines = [f"- {f.partner_id}: {f.signal.replace('_', ' ')}" for f in high]
                queue_message(
                    session=session,
                    dedupe_key=f"fraud-alert:{now.date().isoformat()}",
                    channel="slack",
                    recipient="",
                    kind="fraud_alert",  # "": the approval channel
                    subject=f"Fraud scan: {len(high)} high-severity finding(s)",
                    body_text="\n".join([*lines, "", "Details: `afflow fraud scan`."]),
                )
        log.info("fraud scan: %d finding(s), %d high", len(report.findings), len(high))

    def deliver(now: datetime) -> None:
        report = run_delivery(engine=engine, config=delivery, now=now)
        if report.sent or report.failed or report.proposals_posted:
            log.info(
                "delivery: %d sent, %d retrying, %d failed, %d proposals posted",
                report.sent,
                report.retrying,
                report.failed,
                report.proposals_posted,
            )

    def run_weekly(now: datetime) -> None:
        report = run_weekly_cycle(engine=engine, config=agents, as_of=now, output_dir=settings.output_dir)
        log.info("weekly cycle done: %s (report %s)", report.headline, report.html_path)
        deliver(now)

    def purge_signals(now: datetime) -> None:
        with transaction(engine) as session:
            purged = purge_expired_signals(session=session, retention_days=settings.signal_retention_days, now=now)
        log.info("signal retention: %d clicks and %d checkouts purged before %s", purged.clicks, purged.order_signals,
                 purged.cutoff.isoformat())  # fmt: skip

    conversion_destinations = destinations_from(settings)

    def send_conversion_events(now: datetime) -> None:
        queued, sent = send_conversions(engine=engine, destinations=conversion_destinations, now=now)
        if queued.purchases or queued.refunds or sent.sent or sent.failed:
            log.info("conversions: %d queued, %d sent, %d retrying, %d failed", queued.purchases + queued.refunds,
                     sent.sent, sent.retrying, sent.failed)  # fmt: skip

    conversion_jobs = [
        JobSpec(
            name="send_conversions",
            trigger=IntervalTrigger(minutes=1, timezone=tz),
            target=send_conversion_events,
            min_gap=timedelta(seconds=30),
            max_run=timedelta(minutes=10),
            misfire_grace=timedelta(seconds=50),
        )
    ]
    return [
        *(conversion_jobs if conversion_destinations else []),
        JobSpec(
            name="weekly_cycle",
            trigger=CronTrigger(day_of_week="mon", hour=8, minute=0, timezone=tz),
            target=run_weekly,
            min_gap=timedelta(days=3),
            max_run=timedelta(hours=6),
            misfire_grace=timedelta(hours=12),
        ),
        JobSpec(
            name="reconcile",
            trigger=CronTrigger(minute=0, timezone=tz),
            target=reconcile_ledger,
            min_gap=timedelta(minutes=30),
            max_run=timedelta(minutes=50),
            misfire_grace=timedelta(minutes=30),
        ),
        JobSpec(
            name="fraud_scan",
            trigger=CronTrigger(hour=3, minute=30, timezone=tz),
            target=scan_for_fraud,
            min_gap=timedelta(hours=12),
            max_run=timedelta(hours=2),
            misfire_grace=timedelta(hours=6),
        ),
        JobSpec(
            name="purge_signals",
            trigger=CronTrigger(hour=4, minute=15, timezone=tz),
            target=purge_signals,
            min_gap=timedelta(hours=12),
            max_run=timedelta(hours=2),
            misfire_grace=timedelta(hours=6),
        ),
        JobSpec(
            name="deliver_outbox",
            trigger=IntervalTrigger(minutes=1, timezone=tz),
            target=deliver,
            min_gap=timedelta(seconds=30),
            max_run=timedelta(minutes=10),
            misfire_grace=timedelta(seconds=50),
            run_at_start=True,
        ),
    ]


def start_scheduler(*, engine: Engine, settings: JobSettingsSource, specs: list[JobSpec]) -> JobRunner:
    """Start ``specs`` (the standard jobs, for ``afflow serve``); says once where proposals and messages will go."""
    log.info(DeliveryConfig.from_settings(settings).describe())
    runner = JobRunner(engine=engine, specs=specs, timezone=settings.timezone)
    runner.start()
    return runner
