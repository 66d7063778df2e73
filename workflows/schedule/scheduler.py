"""Scheduled jobs that run once across every ``afflow serve`` replica.

APScheduler 3's ``BackgroundScheduler`` keeps its jobs in the store (``SQLAlchemyJobStore``, table
``scheduler_jobs``), so schedules and missed runs survive restarts; misfires within a job's grace time run
late (coalesced to one run) instead of being dropped.

APScheduler does not coordinate schedulers that share a job store, so every run first claims the job's
``job_locks`` row with one conditional UPDATE (``locked_until <= now``), which SQLite and PostgreSQL both
execute atomically: exactly one replica wins an occurrence, the others skip it. A finished run keeps the
row locked until ``started + min_gap`` (half the job's period), so a replica that fires the same occurrence
a little later still finds it taken; a replica that dies mid-run holds the lock only until ``max_run``.
Replicas' clocks are assumed NTP-synchronised (skew well under ``min_gap``).

Job functions are persisted by reference (``workflows.schedule.scheduler:run_job`` with the job name); what a name
runs is registered in-process by ``JobRunner.start``. Nothing here knows what the jobs do.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from sqlalchemy import Engine, update

from store.bulk import insert_ignoring_duplicates
from store.db import transaction
from store.models import JobLock

log = logging.getLogger(__name__)
JOBSTORE_TABLE = "scheduler_jobs"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: ``target(now)`` runs at most once per occurrence across replicas."""

    name: str
    trigger: BaseTrigger
    target: Callable[[datetime], object]
    min_gap: timedelta
    max_run: timedelta
    misfire_grace: timedelta
    run_at_start: bool = False


@dataclass
class _Registered:
    engine: Engine
    owner: str
    spec: JobSpec


_registry: dict[str, _Registered] = {}
_registry_lock = threading.Lock()


def claim(*, engine: Engine, name: str, owner: str, now: datetime, max_run: timedelta) -> bool:
    """Take the job's lock if it is free; True for exactly one claimant among racing replicas."""
    with transaction(engine) as session:
        result = session.execute(
            update(JobLock)
            .where(JobLock.name == name, JobLock.locked_until <= now)
            .values(locked_until=now + max_run, locked_at=now, locked_by=owner, runs=JobLock.runs + 1)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def release(
    *,
    engine: Engine,
    name: str,
    owner: str,
    started: datetime,
    finished: datetime,
    min_gap: timedelta,
    error: str | None,
) -> None:
    """Keep the lock until ``started + min_gap`` (or ``finished``, if later): the occurrence cannot run again."""
    with transaction(engine) as session:
        session.execute(
            update(JobLock)
            .where(JobLock.name == name, JobLock.locked_by == owner, JobLock.locked_at == started)
            .values(locked_until=max(finished, started + min_gap), last_finished_at=finished, last_error=error)
        )


def ensure_lock_rows(*, engine: Engine, names: Sequence[str]) -> None:
    rows = [{"name": name, "locked_until": _EPOCH, "locked_by": "", "runs": 0} for name in names]
    with transaction(engine) as session:
        insert_ignoring_duplicates(session, JobLock, rows, key=["name"])


def run_job(name: str) -> None:
    """What the job store calls: claim, run the registered target, release."""
    with _registry_lock:
        registered = _registry.get(name)
    if registered is None:
        log.warning("scheduled job %r is not registered in this process; skipped", name)
        return
    engine, owner, spec = registered.engine, registered.owner, registered.spec
    started = datetime.now(UTC)
    if not claim(engine=engine, name=name, owner=owner, now=started, max_run=spec.max_run):
        log.debug("job %s skipped: another replica holds it", name)
        return
    error: str | None = None
    clock = time.perf_counter()
    try:
        spec.target(started)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        log.exception("scheduled job %s failed", name)
    finally:
        finished = datetime.now(UTC)
        release(
            engine=engine, name=name, owner=owner, started=started, finished=finished, min_gap=spec.min_gap, error=error
        )
    log.info("job %s ran in %.2fs on %s%s", name, time.perf_counter() - clock, owner, " (failed)" if error else "")


class JobRunner:
    """A ``BackgroundScheduler`` over the store's job table running ``specs`` under the database lock."""

    def __init__(self, *, engine: Engine, specs: Sequence[JobSpec], timezone: str = "UTC") -> None:
        self.engine = engine
        self.specs = list(specs)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBSTORE_TABLE)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=ZoneInfo(timezone),
        )

    def start(self) -> None:
        ensure_lock_rows(engine=self.engine, names=[spec.name for spec in self.specs])
        with _registry_lock:
            for spec in self.specs:
                _registry[spec.name] = _Registered(engine=self.engine, owner=self.owner, spec=spec)
        self.scheduler.start(paused=True)
        self._sync_jobs()
        self.scheduler.resume()
        log.info("scheduler started on %s: %s", self.owner, ", ".join(spec.name for spec in self.specs))

    def _sync_jobs(self) -> None:
        """Keep a stored job whose trigger is unchanged (its pending misfire still runs); replace the rest."""
        wanted = {spec.name: spec for spec in self.specs}
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for spec in self.specs:
            stored = self.scheduler.get_job(spec.name)
            grace = int(spec.misfire_grace.total_seconds())
            unchanged = stored is not None and str(stored.trigger) == str(spec.trigger)
            if unchanged and stored.misfire_grace_time == grace and not spec.run_at_start:
                continue
            # APScheduler reads an explicit next_run_time=None as "paused": leave it out to use the trigger.
            first_run = {"next_run_time": datetime.now(UTC)} if spec.run_at_start else {}
            self.scheduler.add_job(
                "workflows.schedule.scheduler:run_job",
                trigger=spec.trigger,
                args=[spec.name],
                id=spec.name,
                name=spec.name,
                misfire_grace_time=grace,
                replace_existing=True,
                **first_run,
            )

    def shutdown(self) -> None:
        """Stop firing and wait for running jobs; their locks are released as they finish.

        APScheduler's loop looks for due jobs once more after ``shutdown`` and would consume an occurrence
        due right then without running it (its executor is closed); detaching the job store first leaves
        that occurrence in the store for the next replica to run within its misfire grace.
        """
        if self.scheduler.running:
            self.scheduler.pause()
            self.scheduler.remove_jobstore("default", shutdown=False)
            self.scheduler.shutdown(wait=True)
        with _registry_lock:
            for spec in self.specs:
                if (registered := _registry.get(spec.name)) is not None and registered.owner == self.owner:
                    del _registry[spec.name]
        log.info("scheduler stopped on %s", self.owner)
