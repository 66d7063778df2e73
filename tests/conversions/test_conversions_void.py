"""A voided order (``afflow orders void``) is not a sale GA4 or Meta should count, on SQLite and PostgreSQL.

Voided before it was sent: its purchase (and refunds) never leave. Voided after: the platforms are told it was
taken back (GA4 ``refund`` of the whole transaction, Meta ``Refund``) for what they were told was sold less the
refunds they were told of, once. Queued but not yet delivered when voided: cancelled, never sent.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conv_program import NOW, destinations_env
from fakes.cli import afflow_json
from fakes.ga4_server import API_SECRET, MEASUREMENT_ID, FakeGa4
from fakes.meta_server import ACCESS_TOKEN, API_VERSION, PIXEL_ID, FakeMeta
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import ConversionOutbox
from workflows.delivery.conversion_senders import Ga4Destination, MetaDestination, deliver_conversions
from workflows.delivery.conversions import queue_conversions

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Ann,ann@example.com,blog,1000,0.05,ANN,
"""
HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"


def cli(db_url: str, tmp_path: Path, extra: dict[str, str]) -> Any:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), "USER": "ann", **extra}

    def afflow(*args: str) -> Any:
        done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return json.loads(done.stdout)

    return afflow


def test_a_voided_order_is_never_sent_and_one_sent_before_its_void_is_retracted_once(
    db_url: str, tmp_path: Path, ga4_server: FakeGa4, meta_server: FakeMeta
) -> None:
    afflow = cli(db_url, tmp_path, destinations_env(ga4_server, meta_server))
    now = datetime.now(UTC)
    ago = {hours: (now - timedelta(hours=hours)).isoformat() for hours in (3, 2, 1)}
    files = {
        "partners": PARTNERS,
        "orders": HEADER + f"o1,{ago[3]},jane@example.com,,ANN,,USD,SKU-1,2,19.99\n"
        f"o1,{ago[3]},jane@example.com,,ANN,,USD,SKU-2,1,5.10\n"
        f"o2,{ago[3]},cust-2,,ANN,,USD,SKU-3,1,30.00\n",
        "refunds": f"refund_id,order_id,ts,sku,amount\nr1,o1,{ago[2]},SKU-2,5.10\nr2,o2,{ago[1]},SKU-3,10.00\n",
    }
    for kind, text in files.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow("import", kind, str(tmp_path / f"{kind}.csv"))

    afflow("orders", "void", "o2", "--reason", "a test order")
    first = afflow("conversions", "send")
    assert first["queued"] == {"purchases": 2, "refunds": 2} and (first["sent"], first["failed"]) == (4, 0)
    assert set(ga4_server.transactions) == {"o1"}  # o2 was voided first: neither its purchase nor its refund
    assert [e["params"]["transaction_id"] for e in ga4_server.other_events] == ["o1"]
    assert sorted(meta_server.events) == [("Purchase", "purchase-o1"), ("Refund", "refund-r1")]

    afflow("orders", "void", "o1", "--reason", "a fraudulent order")
    second = afflow("conversions", "send")
    assert second["queued"] == {"purchases": 0, "refunds": 0} and (second["sent"], second["failed"]) == (2, 0)
    assert second["retracted"] == 2  # o1's purchase, taken back at GA4 and at Meta
    retraction = ga4_server.other_events[-1]
    assert retraction["name"] == "refund" and "items" not in retraction["params"]  # the whole transaction
    assert (retraction["params"]["transaction_id"], retraction["params"]["value"]) == ("o1", 39.98)  # 45.08 - 5.10
    assert ga4_server.validation_messages == []
    meta_void = meta_server.events[("Refund", "void-o1")]["custom_data"]
    assert (meta_void["order_id"], meta_void["value"], meta_void["currency"]) == ("o1", 39.98, "USD")

    requests = (len(ga4_server.requests), len(meta_server.requests))
    third = afflow("conversions", "send")
    assert third["sent"] == 0 and (len(ga4_server.requests), len(meta_server.requests)) == requests
    assert afflow("conversions", "status")["destinations"]["ga4"] == {"queued": 0, "sent": 3, "failed": 0}


def _destinations(ga4: FakeGa4, meta: FakeMeta) -> list[Ga4Destination | MetaDestination]:
    return [
        Ga4Destination(measurement_id=MEASUREMENT_ID, api_secret=API_SECRET, base_url=ga4.url),
        MetaDestination(pixel_id=PIXEL_ID, access_token=ACCESS_TOKEN, api_version=API_VERSION, base_url=meta.url),
    ]


def test_conversions_queued_before_a_void_are_cancelled_not_sent(
    small_program: Engine, db_url: str, ga4_server: FakeGa4, meta_server: FakeMeta, monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(small_program) as session:
        queued = queue_conversions(session=session, destinations=["ga4", "meta"], now=NOW)
    assert (queued.purchases, queued.refunds) == (6, 2)  # o1, o2, o4 and o1's refund r1, for both
    ga4_server.failures = [503] * 4  # both are down: every row waits for a retry
    meta_server.failures = [503] * 3
    with httpx.Client() as client:
        down = deliver_conversions(
            engine=small_program, destinations=_destinations(ga4_server, meta_server), client=client, now=NOW
        )
    assert (down.sent, down.retrying, down.failed) == (0, 7, 1)  # Meta's o4 is too old to try: failed for good

    code, voided = afflow_json(monkeypatch, {"AFFLOW_DATABASE_URL": db_url}, "orders", "void", "o1", "--reason", "test")
    assert code == 0 and voided["already_void"] is False
    with httpx.Client() as client:
        later = deliver_conversions(
            engine=small_program,
            destinations=_destinations(ga4_server, meta_server),
            client=client,
            now=NOW + timedelta(hours=1),
        )
    assert later.cancelled == 4  # o1's purchase and refund, at GA4 and at Meta
    assert "o1" not in ga4_server.transactions and not any(key[1].endswith("o1") for key in meta_server.events)
    with transaction(small_program) as session:
        rows = {row.dedupe_key: row for row in session.scalars(select(ConversionOutbox))}
        again = queue_conversions(session=session, destinations=["ga4", "meta"], now=NOW + timedelta(hours=1))
    assert {key: rows[key].status for key in rows if "o1" in key or "r1" in key} == {
        "ga4:purchase-o1": "cancelled", "ga4:refund-r1": "cancelled",
        "meta:purchase-o1": "cancelled", "meta:refund-r1": "cancelled",
    }  # fmt: skip
    assert (again.purchases, again.refunds, again.voids) == (0, 0, 0)  # never sent: nothing to retract
