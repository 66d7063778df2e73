"""A local HTTP server that speaks Stripe's wire format for Connect transfers (``POST /v1/transfers``).

Like https://api.stripe.com/: ``Authorization: Bearer sk_...`` (401 with an ``authentication_error``
otherwise), form-encoded bodies with ``metadata[key]`` brackets, JSON ``transfer`` objects, and
``{"error": {"type", "code", "message", "param"}}`` failures. Idempotency as Stripe documents it: a key seen
before with the same parameters replays the saved response with ``Idempotent-Replayed: true``; the same key
with different parameters is a 400 ``idempotency_error``. Destinations must be known connected accounts
(``resource_missing`` otherwise). Failures can be scripted: ``fail_next`` answers 500 before doing anything;
``drop_after_create`` makes the transfer and then closes the connection without answering (the client
never learns the outcome, the crash case idempotency keys exist for).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

import pytest

from tests.fakes.loopback import loopback

API_KEY = "sk_test_afflow"


@dataclass
class FakeStripe:
    url: str = ""
    accounts: set[str] = field(default_factory=lambda: {"acct_alice", "acct_bob"})
    transfers: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)
    fail_next: int = 0
    drop_after_create: int = 0
    _saved: dict[str, tuple[dict[str, str], int, dict[str, Any]]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(
        self, path: str, form: dict[str, str], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], bool, bool]:
        """(status, body, replayed, drop connection) for one request."""
        with self._lock:
            self.requests.append((path, form, headers))
            if headers.get("authorization") != f"Bearer {API_KEY}":
                return 401, _error("authentication_error", None, "Invalid API Key provided."), False, False
            if path != "/v1/transfers":
                return (
                    404,
                    _error("invalid_request_error", None, f"Unrecognized request URL (POST: {path})."),
                    False,
                    False,
                )
            if self.fail_next:
                self.fail_next -= 1
                return 500, _error("api_error", None, "An unknown error occurred."), False, False
            key = headers.get("idempotency-key")
            if key and key in self._saved:
                params, status, body = self._saved[key]
                if params != form:
                    message = f"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
                    return 400, _error("idempotency_error", None, message), False, False
                return status, body, True, False
            status, body = self._create(form)
            if key:
                self._saved[key] = (dict(form), status, body)
            drop = False
            if status == 200 and self.drop_after_create:
                self.drop_after_create -= 1
                drop = True
            return status, body, False, drop

    def _create(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        for name in ("amount", "currency", "destination"):
            if not form.get(name):
                return 400, _error(
                    "invalid_request_error", "parameter_missing", f"Missing required param: {name}.", name
                )
        if not form["amount"].isdigit() or int(form["amount"]) <= 0:
            return 400, _error(
                "invalid_request_error", "parameter_invalid_integer", "Invalid positive integer", "amount"
            )
        if form["destination"] not in self.accounts:
            return 400, _error(
                "invalid_request_error",
                "resource_missing",
                f"No such destination: '{form['destination']}'",
                "destination",
            )
        transfer = {
            "id": f"tr_test{next(self._ids):06d}",
            "object": "transfer",
            "amount": int(form["amount"]),
            "amount_reversed": 0,
            "currency": form["currency"],
            "destination": form["destination"],
            "transfer_group": form.get("transfer_group"),
            "metadata": {k[len("metadata[") : -1]: v for k, v in form.items() if k.startswith("metadata[")},
            "created": int(time.time()),
            "livemode": False,
            "reversed": False,
        }
        self.transfers.append(transfer)
        return 200, transfer


def _error(kind: str, code: str | None, message: str, param: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"type": kind, "message": message}
    if code:
        error["code"] = code
    if param:
        error["param"] = param
    return {"error": error}


def _handler(state: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, body, replayed, drop = state.handle(self.path, form, headers)
            if drop:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Request-Id", f"req_{len(state.requests)}")
            if replayed:
                self.send_header("Idempotent-Replayed", "true")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def running_stripe() -> Iterator[FakeStripe]:
    """The fake on a random local port, in a thread, for as long as the block runs."""
    state = FakeStripe()
    with loopback(_handler(state)) as url:
        state.url = f"{url}/"
        yield state


@pytest.fixture
def stripe_server() -> Iterator[FakeStripe]:
    with running_stripe() as state:
        yield state
