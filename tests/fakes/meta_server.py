"""A local HTTP server speaking Meta's Conversions API wire format: ``POST /{version}/{pixel_id}/events``.

As the Graph API does: ``access_token`` query parameter (wrong token -> 400 OAuthException code 190), a
JSON body ``{"data": [server events]}``, each with ``event_name``, integer ``event_time`` no more than 7
days old, ``action_source`` and ``user_data`` whose ``em`` / ``external_id`` are lists of SHA-256 hex
(invalid -> 400 code 100 and nothing processed), answering ``{"events_received": n, "messages": [],
"fbtrace_id": ...}``. Events are deduplicated by (event_name, event_id) like Meta does. Failures can be
scripted; every request is recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

PIXEL_ID = "1234567890"
ACCESS_TOKEN = "test-meta-token"
API_VERSION = "v21.0"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ACTION_SOURCES = {"website", "app", "email", "phone_call", "chat", "physical_store", "system_generated", "other"}


@dataclass
class FakeMeta:
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    events: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    failures: list[int] = field(default_factory=list)
    lost_responses: int = 0
    now: float | None = None  # the server's clock (seconds); real time when None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def lose_next_responses(self, times: int = 1) -> None:
        """Process the next requests but answer 502, as when a proxy drops the response: the client retries."""
        self.lost_responses += times

    def fail_next(self, *, status: int = 500, times: int = 1) -> None:
        self.failures.extend([status] * times)


def invalid(body: Any, now: float) -> str | None:
    """The Graph API's complaint about ``body``, or None when every event is valid."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list) or not 1 <= len(data) <= 1000:
        return "data: a list of 1 to 1000 events is required"
    for index, event in enumerate(data):
        if not isinstance(event.get("event_name"), str) or not event["event_name"]:
            return f"data[{index}].event_name is required"
        event_time = event.get("event_time")
        if not isinstance(event_time, int) or event_time < now - 7 * 86400 or event_time > now + 600:
            return f"data[{index}].event_time must be a unix time within the last 7 days"
        if event.get("action_source") not in _ACTION_SOURCES:
            return f"data[{index}].action_source is invalid"
        user_data = event.get("user_data")
        if not isinstance(user_data, dict) or not user_data:
            return f"data[{index}].user_data is required"
        for key in ("em", "external_id", "ph"):
            values = user_data.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and _HEX64.match(v) for v in values):
                return f"data[{index}].user_data.{key} must be SHA-256 hashed"
        custom = event.get("custom_data", {})
        if event["event_name"] == "Purchase" and (
            not isinstance(custom.get("value"), int | float) or not custom.get("currency")
        ):
            return f"data[{index}]: Purchase needs custom_data.value and currency"
    return None


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if parts.path != f"/{API_VERSION}/{PIXEL_ID}/events":
            return self._error(400, "Unsupported post request.", code=100)
        if query.get("access_token") != ACCESS_TOKEN:
            return self._error(400, "Invalid OAuth access token.", code=190, kind="OAuthException")
        with fake.lock:
            if fake.failures:
                return self._error(fake.failures.pop(0), "An unexpected error has occurred.", code=2)
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            fake.requests.append(body if isinstance(body, dict) else {})
            problem = invalid(body, fake.now if fake.now is not None else time.time())
            if problem is not None:
                return self._error(400, f"Invalid parameter: {problem}", code=100)
            for event in body["data"]:
                fake.events.setdefault((event["event_name"], str(event.get("event_id", ""))), event)
            answer = {"events_received": len(body["data"]), "messages": [], "fbtrace_id": "AfakeTrace"}
            lost = fake.lost_responses > 0
            if lost:
                fake.lost_responses -= 1
        if lost:
            return self._error(502, "Bad gateway", code=2)
        self._answer(200, json.dumps(answer).encode())

    def _error(self, status: int, message: str, *, code: int, kind: str = "GraphMethodException") -> None:
        payload = {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AfakeTrace"}}
        self._answer(status, json.dumps(payload).encode())

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeMeta) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


@pytest.fixture
def meta_server() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    server = _Server(fake)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
