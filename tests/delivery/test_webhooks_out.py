"""Signed outbound webhooks: a loopback receiver verifies each signature the way a receiver's docs would tell
it to; events are recorded once, delivered in order per subject, retried with backoff, and a receiver that
keeps failing is paused."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import WebhookDelivery, WebhookEndpoint
from tests.api.program import ORDER_HEADER, import_text, seed
from tests.fakes.loopback import loopback
from workflows.delivery.webhooks_out import add_endpoint, deliver_webhooks, resume_endpoint

SECRET = "whsec_test_secret"


@dataclass
class Receiver:
    """What the loopback receiver saw; ``failures`` answers 503 that many times first."""

    failures: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    verified: list[bool] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def verify(secret: str, header: str, body: bytes) -> bool:
    """A receiver's check: t and v1 from the header, HMAC-SHA256 of "t.body", compared in constant time."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@contextmanager
def receiver(state: Receiver) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with state.lock:
                if state.failures > 0:
                    state.failures -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                state.verified.append(verify(SECRET, self.headers["afflow-signature"], body))
                event = json.loads(body)
                assert self.headers["afflow-event-id"] == event["id"]
                state.events.append(event)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as url:
        yield f"{url}/hooks"


def add(engine: Engine, url: str, events: str, now: datetime) -> int:
    with transaction(engine) as session:
        return add_endpoint(session=session, url=url, events=events.split(","), secret=SECRET, now=now).id


def one_pass(engine: Engine, now: datetime) -> Any:
    with httpx.Client(timeout=5) as client:
        return deliver_webhooks(engine=engine, client=client, now=now)


def test_an_imported_order_sends_a_signed_commission_created(engine: Engine, tmp_path: Path) -> None:
    seed(engine, tmp_path, orders="")
    state = Receiver()
    with receiver(state) as url:
        add(engine, url, "commission.created", datetime.now(UTC) - timedelta(seconds=1))
        import_text(engine, tmp_path, "orders", ORDER_HEADER + "o9,2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,1,25.00\n")
        report = one_pass(engine, datetime.now(UTC))
        again = one_pass(engine, datetime.now(UTC))
    assert (report.recorded, report.sent) == (1, 1)
    assert (again.recorded, again.sent) == (0, 0)  # recorded once, delivered once
    [event] = state.events
    assert state.verified == [True]
    assert event["type"] == "commission.created" and event["id"].startswith("commission.created:")
    assert (event["data"]["order_id"], event["data"]["partner_id"], event["data"]["amount"]) == ("o9", "p1", "2.50")


def test_a_tampered_body_fails_verification() -> None:
    from workflows.delivery.webhooks_out import sign

    header = sign(secret=SECRET, timestamp=1_700_000_000, body=b'{"a":1}')
    assert verify(SECRET, header, b'{"a":1}') and not verify(SECRET, header, b'{"a":2}')


def test_history_older_than_the_endpoint_is_not_sent(engine: Engine, tmp_path: Path) -> None:
    seed(engine, tmp_path)  # three orders booked before the endpoint exists
    state = Receiver()
    with receiver(state) as url:
        add(engine, url, "commission.created,partner.created", datetime.now(UTC) + timedelta(seconds=1))
        assert one_pass(engine, datetime.now(UTC) + timedelta(seconds=2)).sent == 0
    assert state.events == []


def test_a_failing_receiver_is_retried_with_backoff_in_order(engine: Engine, tmp_path: Path) -> None:
    seed(engine, tmp_path, orders="")
    state = Receiver(failures=1)
    start = datetime.now(UTC)
    with receiver(state) as url:
        add(engine, url, "commission.created", start - timedelta(seconds=1))
        import_text(engine, tmp_path, "orders", ORDER_HEADER + "o8,2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,1,10.00\n"
                    "o9,2026-03-02T10:00:00Z,c1,,PATREF,,USD,S2,1,10.00\n")  # fmt: skip
        first = one_pass(engine, start)
        assert (first.sent, first.retrying) == (0, 1)  # the second event of p1 waits behind the first
        assert one_pass(engine, start + timedelta(seconds=30)).sent == 0  # backoff: 1 minute
        assert one_pass(engine, start + timedelta(minutes=2)).sent == 2
    assert [e["data"]["order_id"] for e in state.events] == ["o8", "o9"]
    assert all(state.verified)


def test_a_receiver_that_keeps_failing_is_paused_then_resumed(engine: Engine, tmp_path: Path) -> None:
    seed(engine, tmp_path, orders="")
    state = Receiver(failures=100)
    start = datetime.now(UTC)
    with receiver(state) as url:
        endpoint_id = add(engine, url, "commission.created", start - timedelta(seconds=1))
        import_text(engine, tmp_path, "orders", ORDER_HEADER + "o7,2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,1,10.00\n")
        moment = start
        for _ in range(5):
            one_pass(engine, moment)
            moment += timedelta(hours=7)  # past any backoff
        with transaction(engine) as session:
            assert session.get(WebhookEndpoint, endpoint_id).status == "paused"  # type: ignore[union-attr]
        assert one_pass(engine, moment).sent == 0  # paused: not tried
        state.failures = 0
        with transaction(engine) as session:
            resume_endpoint(session=session, endpoint_id=endpoint_id)
        assert one_pass(engine, moment).sent == 1
    with transaction(engine) as session:
        delivery = session.scalars(select(WebhookDelivery)).one()
    assert (delivery.status, delivery.attempts) == ("sent", 6)


def test_afflow_webhooks_add_deliver_list_and_log(db_url: str, tmp_path: Path) -> None:
    from tests.http.serve_process import afflow_json

    env = {"AFFLOW_DATABASE_URL": db_url}
    from tests.api.program import FILES

    for kind, text in FILES.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow_json(env, "import", kind, str(tmp_path / f"{kind}.csv"), cwd=tmp_path)
    state = Receiver()
    with receiver(state) as url:
        added = afflow_json(env, "webhooks", "add", url, "--events", "commission.created", "--secret", SECRET,
                            cwd=tmp_path)  # fmt: skip
        (tmp_path / "orders.csv").write_text(ORDER_HEADER + "o9,2026-03-01T10:00:00Z,c1,,SAMREF,,USD,S2,2,10.00\n")
        afflow_json(env, "import", "orders", str(tmp_path / "orders.csv"), cwd=tmp_path)
        delivered = afflow_json(env, "webhooks", "deliver", cwd=tmp_path)
    assert (delivered["recorded"], delivered["sent"]) == (1, 1)
    assert state.verified == [True] and state.events[0]["data"]["amount"] == "2.00"
    listed = afflow_json(env, "webhooks", "list", cwd=tmp_path)["webhooks"]
    assert [(w["id"], w["status"], w["events"]) for w in listed] == [(added["id"], "active", ["commission.created"])]
    assert "secret" not in listed[0]
    [entry] = afflow_json(env, "webhooks", "log", cwd=tmp_path)["deliveries"]
    assert (entry["type"], entry["status"], entry["last_status"]) == ("commission.created", "sent", 200)
