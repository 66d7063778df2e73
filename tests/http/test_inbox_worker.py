"""The inbox worker books a batch even when a webhook's enqueue is writing as the batch's first write comes.

On SQLite a deferred transaction that read first cannot take the write lock once another connection has
written and committed meanwhile (WAL refuses the stale snapshot, whatever the busy timeout): the whole batch
used to roll back and wait for the next tick, again and again under a steady stream of webhooks (bench/webhook_latency.py:
p50 7.8 s from 200 to booked at 200 orders/s). The worker now takes the write lock before it reads.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from store.db import make_engine, migrate, transaction
from tests.workflows.booking import T0, balance, order, partners
from workflows.booking.ingest import enqueue
from workflows.http.inbox_worker import InboxWorker


@pytest.fixture
def sqlite_program(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path}/worker.db")
    migrate(engine)
    partners(engine, tmp_path, "p1")
    return engine


def test_an_enqueue_writing_between_the_batch_read_and_its_first_write_does_not_undo_the_batch(
    sqlite_program: Engine, tmp_path: Path
) -> None:
    with transaction(sqlite_program) as session:  # a first booking writes the rule set and ledger accounts
        enqueue(session=session, source="shopify", events=[order("o-first", T0, ref="REF-p1")])
    asyncio.run(InboxWorker(engine=sqlite_program).drain())
    with transaction(sqlite_program) as session:
        enqueue(session=session, source="shopify", events=[order(f"o{n}", T0, ref="REF-p1") for n in range(3)])
    side_writes: list[str] = []

    def another_writer_commits(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # the race window: the batch's transaction has read what it needs and is about to write the orders
        if side_writes or not statement.lstrip().startswith("INSERT INTO orders"):
            return
        # what a webhook's enqueue does at that moment: a short write from another connection, in progress as
        # the worker's first write comes, committed 0.1 s later
        other = sqlite3.connect(tmp_path / "worker.db", timeout=0.2, isolation_level=None, check_same_thread=False)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # the worker holds the write lock: the enqueue waits its turn
            side_writes.append(str(exc))
            other.close()
            return
        other.execute("UPDATE program SET cookie_days = cookie_days")
        side_writes.append("writing")
        threading.Timer(0.1, lambda: (other.execute("COMMIT"), other.close())).start()

    event.listen(sqlite_program, "before_cursor_execute", another_writer_commits)
    worker = InboxWorker(engine=sqlite_program)
    asyncio.run(worker.drain())
    event.remove(sqlite_program, "before_cursor_execute", another_writer_commits)
    assert worker.booked == 3
    assert side_writes == ["database is locked"]
    assert balance(sqlite_program, "p1").pending == 4 * 450
