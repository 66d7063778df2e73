"""One scheduler replica for the two-process test: a real ``JobRunner`` ticking every second against a store.

Usage: ``python replica.py DATABASE_URL SECONDS``. Each tick it wins is written to ``audit_log``
(``action="scheduler_tick"``); at exit it prints ``{"pid": ..., "skipped": N}`` where N counts occurrences
it fired but found claimed by the other replica.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.interval import IntervalTrigger

from store.db import make_engine, transaction
from store.models import AuditLog
from workflows.schedule.scheduler import JobRunner, JobSpec


class SkipCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.skipped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "skipped: another replica holds it" in record.getMessage():
            self.skipped += 1


def main() -> None:
    url, seconds = sys.argv[1], float(sys.argv[2])
    engine = make_engine(url)
    counter = SkipCounter()
    scheduler_log = logging.getLogger("workflows.schedule.scheduler")
    scheduler_log.setLevel(logging.DEBUG)
    scheduler_log.addHandler(counter)

    def tick(now: datetime) -> None:
        with transaction(engine) as session:
            session.add(
                AuditLog(actor=f"replica:{os.getpid()}", action="scheduler_tick", details={"at": now.isoformat()})
            )

    spec = JobSpec(
        name="tick",
        trigger=IntervalTrigger(seconds=1, start_date=datetime(2026, 1, 1, tzinfo=UTC)),
        target=tick,
        min_gap=timedelta(milliseconds=500),
        max_run=timedelta(seconds=10),
        misfire_grace=timedelta(seconds=1),
    )
    runner = JobRunner(engine=engine, specs=[spec])
    runner.start()
    time.sleep(seconds)
    runner.shutdown()
    engine.dispose()
    print(json.dumps({"pid": os.getpid(), "skipped": counter.skipped}))


if __name__ == "__main__":
    main()
