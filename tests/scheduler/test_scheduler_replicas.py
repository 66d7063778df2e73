"""Two real scheduler processes share one PostgreSQL store: every occurrence of a job runs exactly once."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import AuditLog

REPLICA = Path(__file__).with_name("replica.py")
SECONDS = 8


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_replicas_run_each_occurrence_exactly_once(engine: Engine, db_url: str) -> None:
    root = Path(__file__).resolve().parents[2]
    replicas = [
        subprocess.Popen(
            [sys.executable, str(REPLICA), db_url, str(SECONDS)], cwd=root, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [replica.communicate(timeout=60)[0] for replica in replicas]
    assert [replica.returncode for replica in replicas] == [0, 0]

    with transaction(engine) as session:
        ticks = list(session.scalars(select(AuditLog).where(AuditLog.action == "scheduler_tick")))
    occurrences = [math.floor(datetime.fromisoformat(tick.details["at"]).timestamp()) for tick in ticks]
    skipped = sum(json.loads(output)["skipped"] for output in outputs)

    assert len(ticks) >= SECONDS - 2, "the job should have run about once a second"
    assert len(set(occurrences)) == len(occurrences), f"an occurrence ran twice: {sorted(occurrences)}"
    assert skipped >= 1, "the replicas never competed for an occurrence, so the test proved nothing"
