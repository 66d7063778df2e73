"""The inbox is inspectable from the installed CLI: what was received and not booked, why, and for how long.

A refund above what its order holds, sent through the real conversion postback of ``afflow serve``'s app, is
``failed`` with its reason and listed by ``afflow inbox list --status failed``; a good refund after it books.
``afflow inbox retry`` books a failed event once its cause is fixed (the cause here is real: a trigger in
the database refuses the order, as a constraint nobody foresaw would), exactly once however often it is run.
On SQLite and PostgreSQL, through ``afflow`` subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, select, text
from starlette.testclient import TestClient

from afflow.settings import Settings
from afflow.wiring import http_app, http_config
from store.db import transaction
from store.models import InboxEvent
from tests.workflows.booking import T0, balance, book, click, day, order, partners, refund
from tests.workflows.test_inbox_isolation import refuse_order_in_database
from workflows.booking.ingest import enqueue, process_pending

KEY = "test-conversion-key"


def afflow(db_url: str, *args: str, ok: bool = True) -> Any:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env["AFFLOW_DATABASE_URL"] = db_url
    done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert (done.returncode == 0) == ok, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


def wait_until(predicate: Callable[[], bool], *, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for {what}"
        time.sleep(0.05)


def status_of(engine: Engine, external_id: str) -> str | None:
    with transaction(engine) as session:
        return session.scalar(select(InboxEvent.status).where(InboxEvent.external_id == external_id))


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1")
    click(engine, tmp_path, "c1", "p1", day(-1))
    return engine


@pytest.fixture
def postback(program: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """``afflow serve``'s app (wiring, routers, inbox worker) with a conversion key, against the test store."""
    settings = Settings(public_url="https://go.example", spool_dir=str(tmp_path / "spool"),
                        conversion_api_key=SecretStr(KEY))  # fmt: skip
    config = replace(http_config(settings), click_flush_interval=0.05, inbox_poll_interval=0.2)
    with TestClient(
        http_app(engine=program, settings=settings, config=config), base_url="https://go.example"
    ) as client:
        yield client


def send(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/events/conversion", json=body, headers={"authorization": f"Bearer {KEY}"})
    assert response.status_code == 200 and response.json()["new"] == 1, response.text


def test_a_refund_the_booking_refuses_is_listed_as_failed_with_its_reason_and_a_good_one_after_it_books(
    program: Engine, postback: TestClient, db_url: str
) -> None:
    send(postback, {"order_id": "web-1", "ts": T0.isoformat(), "customer_id": "c-1", "ref_code": "REF-p1",
                    "currency": "USD", "lines": [{"sku": "SKU-1", "quantity": 1, "unit_price": "45.00"}]})  # fmt: skip
    wait_until(lambda: status_of(program, "order:web-1") == "booked", what="the order booked")
    send(postback, {"kind": "refund", "refund_id": "r-too-much", "order_id": "web-1", "amount": "500.00"})
    send(postback, {"kind": "refund", "refund_id": "r-ok", "order_id": "web-1", "amount": "10.00"})
    wait_until(lambda: status_of(program, "refund:r-ok") == "booked", what="the good refund booked")
    assert status_of(program, "refund:r-too-much") == "failed"
    assert balance(program, "p1").pending == 450 - 100  # the good refund reversed its share; the bad one nothing

    listed = afflow(db_url, "inbox", "list", "--status", "failed")
    [event] = listed["events"]
    assert (event["source"], event["kind"], event["external_id"], event["order_id"], event["status"]) == (
        "conversion", "refund", "refund:r-too-much", "web-1", "failed")  # fmt: skip
    assert event["reason"] == (
        "refund r-too-much of 500.00 USD exceeds the 45.00 USD still refundable on order web-1 (the order)"
    )
    assert event["age_seconds"] >= 0 and event["received_at"].endswith("+00:00")
    assert listed["total"] == 1 and listed["counts"]["booked"] == 2 and listed["counts"]["failed"] == 1
    everything_open = afflow(db_url, "inbox", "list")  # the default: all but booked and duplicate
    assert [e["external_id"] for e in everything_open["events"]] == ["refund:r-too-much"]


def test_afflow_inbox_retry_books_a_failed_order_once_after_the_fix_and_is_idempotent(
    program: Engine, db_url: str
) -> None:
    refuse_order_in_database(program, "o-poison")
    with transaction(program) as session:
        enqueue(session=session, source="shopify", events=[order("o-poison", T0, click_id="c1")])
    with transaction(program) as session:
        assert process_pending(session=session).failed == 1
    [failed] = afflow(db_url, "inbox", "list", "--status", "failed")["events"]
    assert "refused by the database" in failed["reason"]

    again = afflow(db_url, "inbox", "retry", str(failed["id"]), ok=False)  # not fixed yet: fails again, stays listed
    assert again["error"]["code"] == "still_failed" and "refused by the database" in again["error"]["message"]
    assert status_of(program, "order:o-poison") == "failed"

    with program.begin() as connection:  # the fix
        connection.execute(
            text("DROP TRIGGER refuse_poison" + (" ON orders" if program.dialect.name != "sqlite" else ""))
        )
    retried = afflow(db_url, "inbox", "retry", str(failed["id"]))
    assert (retried["retried"], retried["previous_status"], retried["status"], retried["reason"]) == (
        True, "failed", "booked", None)  # fmt: skip
    assert "refused by the database" in retried["failed_with"]
    twice = afflow(db_url, "inbox", "retry", str(failed["id"]))
    assert (twice["retried"], twice["status"]) == (False, "booked")
    assert balance(program, "p1").pending == 450  # booked once
    assert afflow(db_url, "inbox", "list")["events"] == []

    log = afflow(db_url, "audit", "--actor", "cli")["entries"]
    assert [(e["action"], e["subject"]) for e in log] == [("inbox_event_retried", f"inbox_event:{failed['id']}")] * 2
    assert all(e["actor"].startswith("cli:") and "refused by the database" in e["details"]["failed_with"] for e in log)
    missing = afflow(db_url, "inbox", "retry", "999999", ok=False)
    assert missing["error"]["code"] == "not_found"


def test_inbox_list_filters_by_status_source_and_time_oldest_first(program: Engine, db_url: str) -> None:
    book(program, order("o-waits", T0, click_id="c-unknown"), source="csv")  # its click has not arrived
    book(program, refund("r-parked", "o-elsewhere", day(1), 500), source="shopify")  # its order has not arrived
    book(program, order("o-booked", T0, click_id="c1", customer="c-2"), source="csv")

    listed = afflow(db_url, "inbox", "list")
    assert [(e["external_id"], e["status"]) for e in listed["events"]] == [
        ("order:o-waits", "waiting"), ("refund:r-parked", "parked")]  # fmt: skip
    waiting, parked = listed["events"]
    assert waiting["reason"] == "booked without credit: click c-unknown is not known yet"
    assert parked["reason"] == "its order o-elsewhere has not arrived from shopify"
    assert listed["counts"] == {"pending": 0, "waiting": 1, "parked": 1, "failed": 0, "booked": 1, "duplicate": 0,
                                "dismissed": 0}  # fmt: skip

    assert [e["external_id"] for e in afflow(db_url, "inbox", "list", "--source", "shopify")["events"]] == [
        "refund:r-parked"]  # fmt: skip
    both = afflow(db_url, "inbox", "list", "--status", "booked", "--status", "waiting")["events"]
    assert [e["external_id"] for e in both] == ["order:o-waits", "order:o-booked"]
    assert afflow(db_url, "inbox", "list", "--since", "2099-01-01")["events"] == []
    limited = afflow(db_url, "inbox", "list", "--limit", "1")
    assert [e["external_id"] for e in limited["events"]] == ["order:o-waits"] and limited["total"] == 2
    refused = afflow(db_url, "inbox", "list", "--status", "lost", ok=False)
    assert refused["error"]["code"] == "bad_option" and "lost" in refused["error"]["message"]


def test_a_failed_event_is_dismissed_only_with_a_reason_stays_listable_and_can_still_be_retried(
    program: Engine, db_url: str
) -> None:
    book(program, order("o-1", T0, click_id="c1"), source="shopify")
    with transaction(program) as session:  # a refund above the order, through the webhooks' queue
        enqueue(session=session, source="shopify", events=[refund("r-too-much", "o-1", day(1), 99_900)])
    with transaction(program) as session:
        process_pending(session=session)
    [failed] = afflow(db_url, "inbox", "list", "--status", "failed")["events"]

    blank = afflow(db_url, "inbox", "dismiss", str(failed["id"]), "--reason", "  ", ok=False)
    assert blank["error"]["code"] == "bad_option" and status_of(program, "refund:r-too-much") == "failed"
    dismissed = afflow(db_url, "inbox", "dismiss", str(failed["id"]), "--reason", "Shopify resent it as r-2")
    assert (dismissed["dismissed"], dismissed["previous_status"], dismissed["status"]) == (True, "failed", "dismissed")
    assert dismissed["reason"].startswith("dismissed by cli:") and "Shopify resent it as r-2" in dismissed["reason"]
    assert "exceeds" in dismissed["reason"] and "exceeds" in dismissed["failed_with"]  # why it failed is kept
    assert afflow(db_url, "inbox", "list")["events"] == []  # no longer asks for attention
    [kept] = afflow(db_url, "inbox", "list", "--status", "dismissed")["events"]
    assert kept["id"] == failed["id"]
    twice = afflow(db_url, "inbox", "dismiss", str(failed["id"]), "--reason", "again")
    assert (twice["dismissed"], twice["status"]) == (False, "dismissed")
    [entry] = afflow(db_url, "audit", "--actor", "cli")["entries"]
    assert (entry["action"], entry["details"]["reason"]) == ("inbox_event_dismissed", "Shopify resent it as r-2")

    booked_order = afflow(db_url, "inbox", "list", "--status", "booked")["events"][0]["id"]
    refused = afflow(db_url, "inbox", "dismiss", str(booked_order), "--reason", "no", ok=False)
    assert refused["error"]["code"] == "not_failed"
    retried = afflow(db_url, "inbox", "retry", str(failed["id"]), ok=False)  # still above the order: fails again
    assert retried["error"]["code"] == "still_failed" and status_of(program, "refund:r-too-much") == "failed"
