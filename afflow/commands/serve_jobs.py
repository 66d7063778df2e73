"""The scheduled jobs of ``afflow serve``, in a process of their own that ``serve`` starts and stops.

Why a process: a job (outbound webhooks every 20 s, the outbox every minute, the hourly reconcile, the weekly
cycle) is Python work holding the GIL; in a thread of the serving process every redirect in flight waited
behind it (bursts of 10-40 ms of other-thread CPU on the event loop every 20 s, measured). The jobs, their
locks and their misfire rules are the same (``afflow.wiring.start_scheduler``); only where they run changed.

Stops on SIGTERM / SIGINT (a running job finishes first, its lock is released) and when ``serve`` dies.
Never serves HTTP.

    python -m afflow.commands.serve_jobs PARENT_PID   (settings from the environment, as ``afflow serve``'s)
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from types import FrameType

from afflow import wiring
from afflow.clikit import open_store, settings


def main(parent_pid: int) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # Ctrl-C reaches the whole group: serve tells us when to stop
    current = settings()
    engine = open_store()
    runner = wiring.start_scheduler(engine=engine, settings=current)
    try:
        while not stopping and os.getppid() == parent_pid:
            time.sleep(0.5)
    finally:
        runner.shutdown()  # waits for a running job; its lock is released
        engine.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]))
