"""A local HTTP server speaking GA4's Measurement Protocol wire format: ``POST /mp/collect`` and its debug twin.

Like Google's, ``/mp/collect`` authenticates by the ``measurement_id`` + ``api_secret`` query parameters
and answers 204 even for a malformed body; what Google's ``/debug/mp/collect`` would report is recorded
in ``validation_messages`` (and returned by the debug endpoint) so tests can assert the payload follows
the documented shape: ``client_id`` string, 1–25 ``events`` with valid names, purchase/refund params
(``transaction_id``, ``currency`` with ``value``), ``user_data`` values as 64-hex SHA-256. Purchases
are deduplicated by ``transaction_id`` like GA4 does (refunds are not). Failures (HTTP 5xx/429) can be scripted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fakes.wire import ScriptedFake, WireAnswer, WireRequest, serving

MEASUREMENT_ID = "G-TEST123"
API_SECRET = "test-api-secret"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_RESERVED_PREFIXES = ("google_", "ga_", "firebase_")


@dataclass
class FakeGa4(ScriptedFake):
    requests: list[dict[str, Any]] = field(default_factory=list)
    raw_bodies: list[bytes] = field(default_factory=list)
    validation_messages: list[str] = field(default_factory=list)
    transactions: dict[str, dict[str, Any]] = field(default_factory=dict)  # purchases by transaction_id
    other_events: list[dict[str, Any]] = field(default_factory=list)


def validate(body: Any) -> list[str]:
    """What GA4's validation server would complain about in ``body`` (empty when valid)."""
    if not isinstance(body, dict):
        return ["body must be a JSON object"]
    messages: list[str] = []
    if not isinstance(body.get("client_id"), str) or not body["client_id"]:
        messages.append("client_id: required string")
    user_data = body.get("user_data", {})
    for key, values in user_data.items():
        if not key.startswith("sha256_") or not all(isinstance(v, str) and _HEX64.match(v) for v in values):
            messages.append(f"user_data.{key}: must be SHA-256 hex values")
    if "user_data" in body and "user_id" not in body:
        messages.append("user_id: required with user_data")
    events = body.get("events")
    if not isinstance(events, list) or not 1 <= len(events) <= 25:
        return [*messages, "events: 1 to 25 events required"]
    for event in events:
        name = event.get("name", "")
        if not _NAME.match(name) or name.startswith(_RESERVED_PREFIXES):
            messages.append(f"events.name: invalid {name!r}")
        params = event.get("params", {})
        if name in ("purchase", "refund"):
            if not params.get("transaction_id"):
                messages.append(f"{name}: transaction_id required")
            if "value" in params and (not isinstance(params["value"], int | float) or not params.get("currency")):
                messages.append(f"{name}: numeric value needs a currency")
        for item in params.get("items", []):
            if "item_id" not in item and "item_name" not in item:
                messages.append(f"{name}: item needs item_id or item_name")
    return messages


def answer(fake: FakeGa4, request: WireRequest) -> WireAnswer:
    """GA4's answer to one request (recording it in ``fake``)."""
    if request.path not in ("/mp/collect", "/debug/mp/collect"):
        return WireAnswer(404)
    if request.query.get("measurement_id") != MEASUREMENT_ID or request.query.get("api_secret") != API_SECRET:
        return WireAnswer(403)  # GA4 refuses unknown stream credentials
    debug = request.path.startswith("/debug")
    with fake.lock:
        if fake.failures and not debug:
            return WireAnswer(fake.failures.pop(0))
        body = request.json()
        messages = validate(body)
        if debug:
            payload = {"validationMessages": [{"description": m} for m in messages]}
            return WireAnswer(200, json.dumps(payload).encode())
        fake.raw_bodies.append(request.raw)
        fake.requests.append(body if isinstance(body, dict) else {})
        fake.validation_messages.extend(messages)
        if not messages and isinstance(body, dict):
            for event in body["events"]:
                params = event.get("params", {})
                if event["name"] == "purchase":
                    fake.transactions.setdefault(str(params["transaction_id"]), event)
                else:
                    fake.other_events.append(event)
        lost = fake.take_lost_response()
    return WireAnswer(502 if lost else 204)


@pytest.fixture
def ga4_server() -> Iterator[FakeGa4]:
    fake = FakeGa4()
    with serving(lambda request: answer(fake, request)) as url:
        fake.url = url
        yield fake
