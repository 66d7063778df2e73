"""The request loop the local vendor servers share: a threaded HTTP server on a free port that hands each POST
(path, query, raw body) to a function and writes back what it answers, plus the scripted-failure state
every fake records requests with. Each fake keeps only its vendor's rules (``ga4_server``, ``meta_server``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from tests.fakes.loopback import loopback


@dataclass(frozen=True)
class WireRequest:
    path: str
    query: dict[str, str]  # first value of each parameter
    raw: bytes

    def json(self) -> Any:
        """The body parsed as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.raw)
        except ValueError:
            return None


@dataclass(frozen=True)
class WireAnswer:
    status: int
    body: bytes = b""
    content_type: str | None = None


@dataclass
class ScriptedFake:
    """What every fake vendor shares: its URL, failures to answer next, responses to lose, one lock."""

    DEFAULT_FAILURE: ClassVar[int] = 503
    url: str = ""
    failures: list[int] = field(default_factory=list)
    lost_responses: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def lose_next_responses(self, times: int = 1) -> None:
        """Process the next requests but answer 502, as when a proxy drops the response: the client retries."""
        self.lost_responses += times

    def fail_next(self, *, status: int | None = None, times: int = 1) -> None:
        self.failures.extend([status or self.DEFAULT_FAILURE] * times)

    def take_lost_response(self) -> bool:
        """True (once per scripted loss) when this processed request's answer is to be lost; hold ``lock``."""
        if self.lost_responses <= 0:
            return False
        self.lost_responses -= 1
        return True


@contextmanager
def serving(answer: Callable[[WireRequest], WireAnswer]) -> Iterator[str]:
    """Serve ``answer`` for every POST on 127.0.0.1 (a free port) until the block ends; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            reply = answer(WireRequest(path=parts.path, query=query, raw=raw))
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

    with loopback(Handler) as url:
        yield url
