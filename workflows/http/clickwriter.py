"""Batched click storage: the redirect hands each click over in microseconds; batches are committed elsewhere.

``record`` is called on the event loop by the redirect before it answers: the row goes to the spool file
(durable against a process crash, see ``workflows.http.spool``). At least every ``flush_interval`` seconds (or
sooner when a batch grows large) the batch is committed, so the event loop never waits on the database:

- serving (``afflow serve`` calls ``commit_in_subprocess``): the finished spool segment is unlocked and left
  to the click store process (``workflows.http.clickstore``), which commits and deletes it. The serving
  process keeps no rows and does no database work for clicks, so no redirect waits behind a batch holding
  the GIL (that wait was the redirect's p99). A segment counts as stored once its file is gone.
- otherwise (in-process apps, tests): the rows kept in memory are committed in a worker thread, then the
  segment is deleted. If the database is unreachable, the batch and its segment are kept and retried on the
  next tick, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from workflows.http.clickrows import store_rows
from workflows.http.clickstore import URL_VARIABLE, commit_orphans, store_process_command
from workflows.http.spool import ClickSpool, Segment, encode_row

log = logging.getLogger(__name__)

STORE_INTERVAL = 0.05  # how often the click store process looks for handed-over segments
FLUSH_WAIT = 30.0  # ``flush`` waits this long at most for the click store process before booking goes on


class ClickWriter:
    def __init__(self, *, engine: Engine, spool_dir: Path, flush_interval: float = 0.2, max_batch: int = 5_000) -> None:
        self.engine = engine
        self.spool_dir = spool_dir
        self.flush_interval = flush_interval
        self.max_batch = max_batch
        self.stored = 0
        self.recorded = 0  # clicks handed over by redirects since start: one per 302 answered
        self._spool: ClickSpool | None = None
        self._buffer: list[dict[str, Any]] = []  # in-process commits only: the rows of the current segment
        self._in_segment = 0  # rows appended to the current segment
        self._unsaved: list[tuple[Segment, list[dict[str, Any]]]] = []
        self._in_subprocess = False
        self._store_process: subprocess.Popen[bytes] | None = None
        self._handed: list[tuple[Path, int]] = []  # segments left to the click store process, with their row counts
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    def commit_in_subprocess(self) -> None:
        """Commit batches in a click store process (``workflows.http.clickstore``) instead of a thread of this
        one; call before ``start``."""
        self._in_subprocess = True

    @property
    def pending(self) -> int:
        unsaved = sum(len(rows) for _segment, rows in self._unsaved)
        return self._in_segment + unsaved + sum(count for _path, count in self._handed)

    def recover(self) -> int:
        """Commit clicks left in the spool by a process that died; returns how many rows were replayed."""
        return commit_orphans(self.engine, self.spool_dir)

    def start(self) -> None:
        self._spool = ClickSpool(self.spool_dir)
        if self._in_subprocess:
            self._spawn_store_process()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="afflow-click-writer")

    def record(self, row: dict[str, Any]) -> None:
        """Make one click durable against a crash of this process, then queue it for the next batch."""
        if self._spool is None:
            raise RuntimeError("ClickWriter.record before start()")
        self._spool.append(encode_row(row))
        if not self._in_subprocess:
            self._buffer.append(row)
        self._in_segment += 1
        self.recorded += 1
        if self._in_segment >= self.max_batch:
            self._wake.set()

    async def stop(self) -> None:
        """Final flush on a clean shutdown (SIGTERM); anything that still fails stays in the spool."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._in_subprocess:
            await self._stop_store_process()
        else:
            await self.flush()
        if self._spool is not None and not self._unsaved:
            self._spool.close()

    async def flush(self) -> None:
        """Commit every click recorded so far before returning (the inbox worker calls it before booking)."""
        if self._in_subprocess:
            await self._flush_by_store_process()
            return
        async with self._lock:
            if self._buffer and self._spool is not None:
                # no await between taking the rows and rotating: the segment holds exactly these rows
                rows, self._buffer, self._in_segment = self._buffer, [], 0
                self._unsaved.append((self._spool.rotate(), rows))
            while self._unsaved:
                segment, rows = self._unsaved[0]
                try:
                    await asyncio.to_thread(store_rows, self.engine, rows)
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
            if self._in_subprocess:
                self._hand_over()
                self._settle()
                self._supervise()
            else:
                # shielded: a shutdown cancelling this loop must not abandon a batch halfway through its commit
                await asyncio.shield(self.flush())

    # -- commits by the click store process --------------------------------------------------------------------

    def _spawn_store_process(self) -> None:
        env = {**os.environ, URL_VARIABLE: self.engine.url.render_as_string(hide_password=False)}
        command = store_process_command(spool_dir=self.spool_dir, interval=STORE_INTERVAL, parent_pid=os.getpid())
        self._store_process = subprocess.Popen(command, env=env)

    def _hand_over(self) -> None:
        """Unlock the current segment (it becomes the click store process's to commit) and start a new one."""
        if self._spool is None or not self._in_segment:
            return
        segment = self._spool.rotate()
        self._handed.append((segment.path, self._in_segment))
        self._in_segment = 0
        os.close(segment.fd)  # drops the lock: from now on the segment is an orphan to commit

    def _settle(self) -> None:
        """Count the handed-over segments the click store process has committed (and so deleted)."""
        remaining = []
        for path, count in self._handed:
            if path.exists():
                remaining.append((path, count))
            else:
                self.stored += count
        self._handed = remaining

    def _supervise(self) -> None:
        if self._store_process is not None and self._store_process.poll() is not None:
            log.warning("the click store process exited with %s; restarting it", self._store_process.returncode)
            self._spawn_store_process()

    async def _flush_by_store_process(self) -> None:
        self._hand_over()
        deadline = time.monotonic() + FLUSH_WAIT
        while True:
            self._settle()
            if not self._handed:
                return
            if time.monotonic() > deadline:
                log.warning("%d clicks not yet stored by the click store process", self.pending)
                return
            self._supervise()
            await asyncio.sleep(0.01)

    async def _stop_store_process(self) -> None:
        """Hand over the last segment, let the click store process finish its pass, commit what it left."""
        self._hand_over()
        process = self._store_process
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(process.wait, 60)
            except subprocess.TimeoutExpired:
                log.warning("the click store process did not stop in 60 s; committing its segments here")
                process.kill()
                await asyncio.to_thread(process.wait)
        self._settle()
        if self._handed:
            try:
                await asyncio.to_thread(commit_orphans, self.engine, self.spool_dir)
            except Exception:
                log.exception("storing %d clicks failed; kept in the spool for the next start", self.pending)
            self._settle()
