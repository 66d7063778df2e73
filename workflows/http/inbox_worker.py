"""Books the event inbox after the webhook response: the inbox table is the queue.

Webhook handlers only ``enqueue`` (a fast idempotent insert) and ``wake`` this worker. It drains pending
events with ``workflows.booking.ingest.process_pending`` in a worker thread, batch by batch, one transaction each;
it also polls every ``poll_interval`` seconds, so events left pending by a crash or a restart, or enqueued by
another replica, are booked without anyone waking it. Booking errors are logged and retried on the next
tick; an event that can never be booked, or whose booking raises, is marked ``failed`` with its reason by
the ingest engine (each event in its own savepoint when a batch fails), so it is neither retried forever
nor able to hold up the events behind it.

``before_booking`` runs before each drain: the app passes the click writer's ``flush``, so an order carrying
the id of a click this process answered moments ago finds that click stored when it is attributed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import Engine, text

from store.db import transaction
from workflows.booking.ingest import IngestReport, process_pending

log = logging.getLogger(__name__)


class InboxWorker:
    def __init__(
        self,
        *,
        engine: Engine,
        poll_interval: float = 2.0,
        batch: int = 500,
        before_booking: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.engine = engine
        self.before_booking = before_booking
        self.poll_interval = poll_interval
        self.batch = batch
        self.booked = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="afflow-inbox-worker")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        """Stop between batches; whatever is still pending stays in the inbox for the next start."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def drain(self) -> None:
        if self.before_booking is not None:
            await self.before_booking()
        while True:
            report = await asyncio.to_thread(self._book_batch)
            self.booked += report.booked
            if report.received < self.batch:
                return

    async def _run(self) -> None:
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("booking the event inbox failed; retrying in %.1fs", self.poll_interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)
            self._wake.clear()

    def _book_batch(self) -> IngestReport:
        with transaction(self.engine) as session:
            if self.engine.dialect.name == "sqlite":
                # Take SQLite's write lock before reading the batch. A deferred BEGIN reads first and asks for the
                # lock at the first INSERT; if a webhook's enqueue is writing then (at 200 orders/s one nearly
                # always is), the snapshot the batch read is stale once it commits and WAL refuses the upgrade
                # ("database is locked", whatever the busy timeout): the whole batch rolled back and waited for the
                # next tick, again and again (bench/webhook_latency.py: p50 7.8 s from 200 to booked). IMMEDIATE
                # waits for the enqueues' short transactions instead (tests/http/test_inbox_worker.py).
                session.execute(text("BEGIN IMMEDIATE"))
            return process_pending(session=session, limit=self.batch)
