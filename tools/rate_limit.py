"""A sliding-window rate limit kept in this process (per replica): the API's per-key limit and the portal's
sign-in mails per client share it. It protects the process and the mail server from one runaway client; a
limit that must hold across replicas counts rows in the database instead."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable

_SWEEP_ABOVE = 10_000


class RateLimiter:
    """At most ``limit`` requests per key in any ``window_seconds``; ``clock`` is injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, window_seconds: float = 60.0) -> None:
        self._clock = clock
        self._window = window_seconds
        self._seen: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def admit(self, *, key_id: Hashable, limit: int) -> float | None:
        """``None`` when the request may proceed, else the seconds until it would."""
        now = self._clock()
        with self._lock:
            if len(self._seen) > _SWEEP_ABOVE:  # keys come and go (client addresses): forget the idle ones
                self._seen = {
                    key: times for key, times in self._seen.items() if times and times[-1] > now - self._window
                }
            seen = self._seen.setdefault(key_id, deque())
            while seen and seen[0] <= now - self._window:
                seen.popleft()
            if len(seen) >= limit:
                return seen[0] + self._window - now
            seen.append(now)
            return None
