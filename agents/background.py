"""Work a cycle does beside its agents: opening approval threads and warming shared analytics.

One worker thread per ``BackgroundWork``: jobs run in submission order, off the agents' critical path, so
LangGraph's per-thread checkpoint writes and the next agents' queries overlap the LLM's waiting time.
``join`` waits for every job and re-raises the first failure: nothing is lost silently, and a cycle (or a
single ``afflow run``) only returns once its threads are parked.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class BackgroundWork:
    def __init__(self, name: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._futures: list[Future[object]] = []

    def submit(self, job: Callable[[], object]) -> None:
        self._futures.append(self._pool.submit(job))

    def join(self) -> None:
        self._pool.shutdown(wait=True)
        for future in self._futures:
            future.result()
