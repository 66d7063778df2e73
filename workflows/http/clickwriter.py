"""Batched click storage: the redirect hands each click over in microseconds, a task commits batches.

``record`` is called on the event loop by the redirect before it answers: the row goes to the spool file
(durable against a process crash, see ``workflows.http.spool``) and to the in-memory batch. A background
task commits the batch at least every ``flush_interval`` seconds (or sooner when it grows large) in a worker
thread, so the event loop never waits on the database; then the batch's spool segment is deleted. If the
database is unreachable the batch and its segment are kept and retried on the next tick, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from workflows.http.clickrows import store_rows
from workflows.http.spool import ClickSpool, Segment, encode_row, orphaned_segments

log = logging.getLogger(__name__)


class ClickWriter:
    def __init__(self, *, engine: Engine, spool_dir: Path, flush_interval: float = 0.2, max_batch: int = 5_000) -> None:
        self.engine = engine
        self.spool_dir = spool_dir
        self.flush_interval = flush_interval
        self.max_batch = max_batch
        self.stored = 0
        self.recorded = 0  # clicks handed over by redirects since start: one per 302 answered
        self._spool: ClickSpool | None = None
        self._buffer: list[dict[str, Any]] = []
        self._unsaved: list[tuple[Segment, list[dict[str, Any]]]] = []
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    @property
    def pending(self) -> int:
        return len(self._buffer) + sum(len(rows) for _segment, rows in self._unsaved)

    def recover(self) -> int:
        """Commit clicks left in the spool by a process that died; returns how many rows were replayed."""
        replayed = 0
        for segment, rows in orphaned_segments(self.spool_dir):
            self._insert(rows)
            ClickSpool.release(segment)
            replayed += len(rows)
        return replayed

    def start(self) -> None:
        self._spool = ClickSpool(self.spool_dir)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="afflow-click-writer")

    def record(self, row: dict[str, Any]) -> None:
        """Make one click durable against a crash of this process, then queue it for the next batch."""
        if self._spool is None:
            raise RuntimeError("ClickWriter.record before start()")
        self._spool.append(encode_row(row))
        self._buffer.append(row)
        self.recorded += 1
        if len(self._buffer) >= self.max_batch:
            self._wake.set()

    async def stop(self) -> None:
        """Final flush on a clean shutdown (SIGTERM); anything that still fails stays in the spool."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.flush()
        if self._spool is not None and not self._unsaved:
            self._spool.close()

    async def flush(self) -> None:
        async with self._lock:
            if self._buffer and self._spool is not None:
                # no await between taking the rows and rotating: the segment holds exactly these rows
                rows, self._buffer = self._buffer, []
                self._unsaved.append((self._spool.rotate(), rows))
            while self._unsaved:
                segment, rows = self._unsaved[0]
                try:
                    await asyncio.to_thread(self._insert, rows)
                except Exception:
                    log.exception("storing %d clicks failed; kept in the spool and retried", len(rows))
                    return
                self._unsaved.pop(0)
                ClickSpool.release(segment)
                self.stored += len(rows)

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.flush_interval)
            self._wake.clear()
            # shielded: a shutdown cancelling this loop must not abandon a batch halfway through its commit
            await asyncio.shield(self.flush())

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        store_rows(self.engine, rows)
