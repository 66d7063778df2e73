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
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest
from fakes.wire import ScriptedFake, WireAnswer, WireRequest, serving

PIXEL_ID = "1234567890"
ACCESS_TOKEN = "test-meta-token"
API_VERSION = "v21.0"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ACTION_SOURCES = {"website", "app", "email", "phone_call", "chat", "physical_store", "system_generated", "other"}


@dataclass
class FakeMeta(ScriptedFake):
    DEFAULT_FAILURE: ClassVar[int] = 500
    requests: list[dict[str, Any]] = field(default_factory=list)
    events: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    now: float | None = None  # the server's clock (seconds); real time when None


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


def _error(status: int, message: str, *, code: int, kind: str = "GraphMethodException") -> WireAnswer:
    payload = {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AfakeTrace"}}
    return WireAnswer(status, json.dumps(payload).encode(), "application/json")


def answer(fake: FakeMeta, request: WireRequest) -> WireAnswer:
    """The Graph API's answer to one request (recording it in ``fake``)."""
    if request.path != f"/{API_VERSION}/{PIXEL_ID}/events":
        return _error(400, "Unsupported post request.", code=100)
    if request.query.get("access_token") != ACCESS_TOKEN:
        return _error(400, "Invalid OAuth access token.", code=190, kind="OAuthException")
    with fake.lock:
        if fake.failures:
            return _error(fake.failures.pop(0), "An unexpected error has occurred.", code=2)
        body = request.json()
        fake.requests.append(body if isinstance(body, dict) else {})
        problem = invalid(body, fake.now if fake.now is not None else time.time())
        if problem is not None:
            return _error(400, f"Invalid parameter: {problem}", code=100)
        for event in body["data"]:
            fake.events.setdefault((event["event_name"], str(event.get("event_id", ""))), event)
        reply = {"events_received": len(body["data"]), "messages": [], "fbtrace_id": "AfakeTrace"}
        lost = fake.take_lost_response()
    if lost:
        return _error(502, "Bad gateway", code=2)
    return WireAnswer(200, json.dumps(reply).encode(), "application/json")


@pytest.fixture
def meta_server() -> Iterator[FakeMeta]:
    fake = FakeMeta()
    with serving(lambda request: answer(fake, request)) as url:
        fake.url = url
        yield fake
