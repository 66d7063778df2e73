"""The job lock (claim / release on ``job_locks``) and the runner around it, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.models import JobLock, SchedulerJob
from workflows.schedule.scheduler import JobRunner, JobSpec, claim, ensure_lock_rows, release

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def lock(engine: Engine, name: str) -> JobLock:
    with transaction(engine) as session:
        return session.get_one(JobLock, name)


def test_only_one_of_many_racing_claimants_wins(engine: Engine) -> None:
    ensure_lock_rows(engine=engine, names=["weekly_cycle"])
    wins: list[bool] = []
    racers = [
        threading.Thread(
            target=lambda n=n: wins.append(
                claim(engine=engine, name="weekly_cycle", owner=f"r{n}", now=NOW, max_run=HOUR)
            )
        )
        for n in range(6)
    ]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert sorted(wins) == [False] * 5 + [True]
    assert lock(engine, "weekly_cycle").runs == 1


def test_a_finished_run_keeps_its_occurrence_taken_for_min_gap(engine: Engine) -> None:
    ensure_lock_rows(engine=engine, names=["reconcile"])
    assert claim(engine=engine, name="reconcile", owner="a", now=NOW, max_run=HOUR)
    release(
        engine=engine,
        name="reconcile",
        owner="a",
        started=NOW,
        finished=NOW + timedelta(minutes=2),
        min_gap=timedelta(minutes=30),
        error=None,
    )

    late_duplicate = claim(engine=engine, name="reconcile", owner="b", now=NOW + timedelta(minutes=20), max_run=HOUR)
    next_occurrence = claim(engine=engine, name="reconcile", owner="b", now=NOW + HOUR, max_run=HOUR)

    assert (late_duplicate, next_occurrence) == (False, True)
    assert lock(engine, "reconcile").locked_by == "b"


def test_the_lock_of_a_replica_that_died_mid_run_expires_after_max_run(engine: Engine) -> None:
    ensure_lock_rows(engine=engine, names=["fraud_scan"])
    assert claim(engine=engine, name="fraud_scan", owner="dead", now=NOW, max_run=timedelta(minutes=10))

    assert not claim(engine=engine, name="fraud_scan", owner="b", now=NOW + timedelta(minutes=5), max_run=HOUR)
    assert claim(engine=engine, name="fraud_scan", owner="b", now=NOW + timedelta(minutes=11), max_run=HOUR)


def test_the_runner_persists_jobs_in_the_store_runs_them_and_records_failures(engine: Engine) -> None:
    ran: list[datetime] = []

    def broken(now: datetime) -> None:
        ran.append(now)
        raise RuntimeError("upstream down")

    spec = JobSpec(
        name="probe",
        trigger=IntervalTrigger(hours=1),
        target=broken,
        min_gap=timedelta(minutes=30),
        max_run=HOUR,
        misfire_grace=timedelta(seconds=30),
        run_at_start=True,
    )
    runner = JobRunner(engine=engine, specs=[spec], timezone="Europe/Berlin")
    runner.start()
    try:
        deadline = time.monotonic() + 20
        while lock(engine, "probe").last_finished_at is None and time.monotonic() < deadline:
            time.sleep(0.05)
        with transaction(engine) as session:
            stored = session.scalar(select(func.count()).select_from(SchedulerJob).where(SchedulerJob.id == "probe"))
    finally:
        runner.shutdown()

    assert len(ran) == 1 and stored == 1
    probe = lock(engine, "probe")
    assert probe.runs == 1 and probe.last_error == "RuntimeError: upstream down"
    assert probe.locked_until >= probe.locked_at + timedelta(minutes=30)  # type: ignore[operator]
    assert not runner.scheduler.running


def _probe(name: str, ran: list[datetime], grace: timedelta) -> JobSpec:
    return JobSpec(
        name=name,
        trigger=IntervalTrigger(hours=1),
        target=ran.append,
        min_gap=timedelta(minutes=30),
        max_run=HOUR,
        misfire_grace=grace,
    )


def test_a_run_missed_while_no_replica_was_up_runs_at_start_within_its_grace(engine: Engine) -> None:
    ran: list[datetime] = []
    spec = _probe("hourly", ran, grace=timedelta(minutes=10))
    first = JobRunner(engine=engine, specs=[spec])
    first.start()
    first.scheduler.pause()  # the replica goes down before its next run...
    first.scheduler.modify_job("hourly", next_run_time=datetime.now(UTC) - timedelta(minutes=3))  # ...now past
    first.shutdown()
    assert ran == []

    second = JobRunner(engine=engine, specs=[spec])
    second.start()
    try:
        deadline = time.monotonic() + 20
        while not ran and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        second.shutdown()
    assert len(ran) == 1


def test_a_run_missed_beyond_its_grace_is_skipped(engine: Engine) -> None:
    ran: list[datetime] = []
    spec = _probe("hourly", ran, grace=timedelta(minutes=1))
    first = JobRunner(engine=engine, specs=[spec])
    first.start()
    first.scheduler.pause()  # the replica goes down before its next run...
    first.scheduler.modify_job("hourly", next_run_time=datetime.now(UTC) - timedelta(minutes=5))  # ...now past
    first.shutdown()

    second = JobRunner(engine=engine, specs=[spec])
    second.start()
    time.sleep(1.5)
    second.shutdown()
    assert ran == []
    with transaction(engine) as session:
        stored = session.get_one(SchedulerJob, "hourly")
    assert stored.next_run_time is not None and stored.next_run_time > time.time()
