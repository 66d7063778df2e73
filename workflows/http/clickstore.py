"""The click store process: commits the spool segments ``afflow serve`` hands over, so that no database work
runs in the serving process.

Why a process: committing a batch (binding a few thousand rows, SQLite's or psycopg's executemany) is CPU work
that holds the GIL; in a thread of the serving process every redirect in flight waited behind it, which was
the redirect's p99. Here the serving process only appends to the spool (``workflows.http.spool``) and, every
flush interval, closes its finished segment: an unlocked segment is an orphan, and this process commits
orphans exactly as a start-up replays a dead server's spool (``commit_orphans``), then deletes them.

Nothing is lost whichever process dies: a segment is deleted only after its rows are committed, the insert
skips click ids already stored (a segment committed twice is harmless), and a segment still being written is
locked by its server and left alone. When its server dies (SIGKILL), the server's open segment is unlocked
too: this process commits it and exits. On SIGTERM (the server stopping) it finishes a last pass and exits.
It never serves HTTP and never touches a segment it could not lock.

``ClickWriter`` starts it with ``store_process_command`` (the database URL in ``$AFFLOW_CLICK_STORE_URL``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from sqlalchemy import Engine

from store.db import make_engine
from workflows.http.clickrows import store_rows
from workflows.http.spool import ClickSpool, orphaned_segments

NICENESS = 10
URL_VARIABLE = "AFFLOW_CLICK_STORE_URL"  # the environment, not argv: a URL's password must not show in `ps`

log = logging.getLogger(__name__)


def commit_orphans(engine: Engine, spool_dir: Path) -> int:
    """Commit and delete every segment no live process holds, oldest first; returns how many rows were stored.

    A failing insert stops the pass (later segments wait, so clicks stay in order) and leaves its segment for
    the next pass: its lock is dropped, the file kept."""
    stored = 0
    for segment, rows in orphaned_segments(spool_dir):
        try:
            store_rows(engine, rows)
        except BaseException:
            os.close(segment.fd)
            raise
        ClickSpool.release(segment)
        stored += len(rows)
    return stored


def run(*, engine: Engine, spool_dir: Path, interval: float, parent_pid: int) -> None:
    """Commit handed-over segments every ``interval`` seconds until SIGTERM / SIGINT or the server's death."""
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # Ctrl-C reaches the whole group: the server tells us when to stop
    while True:
        last_pass = stopping or os.getppid() != parent_pid
        pause = interval
        try:
            commit_orphans(engine, spool_dir)
        except Exception:
            log.exception("storing clicks failed; the segment is kept and retried")
            pause = max(interval, 1.0)  # an unreachable database: retry, but don't spin on it
        if last_pass:
            return
        time.sleep(pause)


def store_process_command(*, spool_dir: Path, interval: float, parent_pid: int) -> list[str]:
    """The command line of a click store process (its database URL goes in ``URL_VARIABLE``)."""
    # -c, not -m: workflows.http imports this module already, and runpy would run a second copy of it
    code = "import sys; from workflows.http.clickstore import main; main(sys.argv[1:])"
    return [sys.executable, "-c", code, str(spool_dir), str(interval), str(parent_pid)]


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    spool_dir, interval, parent_pid = Path(argv[0]), float(argv[1]), int(argv[2])
    # Below the server in CPU priority: when the cores are busy, redirects go first and batches wait in the
    # spool (durable already); the backlog is committed in the next idle moment.
    os.nice(NICENESS)
    engine = make_engine(os.environ[URL_VARIABLE])
    try:
        run(engine=engine, spool_dir=spool_dir, interval=interval, parent_pid=parent_pid)
    finally:
        engine.dispose()
