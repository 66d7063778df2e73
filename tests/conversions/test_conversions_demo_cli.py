"""``afflow conversions send | status`` on the demo program, against the local GA4 and Meta servers.

The demo ends today, with weeks of history: only the last week's attributed orders and refunds are queued
(Meta refuses older events; GA4 would count them as today's sales), each reaches both destinations once
in their documented shapes, with hashed identifiers only, and a second run sends nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conv_program import destinations_env
from fakes.cli import afflow_json
from fakes.ga4_server import FakeGa4
from fakes.meta_server import FakeMeta
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import Attribution, Order, Refund
from workflows.conversion_senders import BACKFILL
from workflows.demo import generate_program, load_program, run_ledger_history


def test_demo_conversions_of_the_last_week_reach_ga4_and_meta_once(
    engine: Engine,
    db_url: str,
    tmp_path: Path,
    ga4_server: FakeGa4,
    meta_server: FakeMeta,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    files = generate_program(out_dir=tmp_path / "demo", seed=9, partners=16, days=21, skus=30, end=end)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=files.end)
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}
    env |= destinations_env(ga4_server, meta_server)

    before = datetime.now(UTC)
    code, sent = afflow_json(monkeypatch, env, "conversions", "send")
    # the run's own clock lies between these two: an event this close to the week's edge may go either way
    maybe = _recent(engine, since=before - BACKFILL)
    surely = _recent(engine, since=datetime.now(UTC) - BACKFILL)
    orders = {e.removeprefix("purchase-") for e in meta_server_ids(meta_server, "Purchase")}
    refunds = {e.removeprefix("refund-") for e in meta_server_ids(meta_server, "Refund")}
    assert surely[0] <= orders <= maybe[0] and surely[1] <= refunds <= maybe[1]
    assert len(orders) > 20 and refunds and len(orders) < len(_recent(engine, since=before - timedelta(days=365))[0])
    assert code == 0 and sent["queued"] == {"purchases": 2 * len(orders), "refunds": 2 * len(refunds)}
    assert (sent["sent"], sent["failed"], sent["retrying"]) == (2 * (len(orders) + len(refunds)), 0, 0)
    assert set(ga4_server.transactions) == orders and ga4_server.validation_messages == []
    assert len(ga4_server.other_events) == len(refunds)
    assert all(b"cus-" not in raw for raw in ga4_server.raw_bodies)  # customer ids leave hashed only

    code, again = afflow_json(monkeypatch, env, "conversions", "send")
    assert again["queued"] == {"purchases": 0, "refunds": 0} and again["sent"] == 0
    code, status = afflow_json(monkeypatch, env, "conversions", "status")
    total = len(orders) + len(refunds)
    assert status == {
        "destinations": {
            "ga4": {"queued": 0, "sent": total, "failed": 0},
            "meta": {"queued": 0, "sent": total, "failed": 0},
        }
    }


def _recent(engine: Engine, *, since: datetime) -> tuple[set[str], set[str]]:
    """Attributed orders and their refunds at or after ``since``."""
    with transaction(engine) as session:
        orders = session.scalars(
            select(Attribution.order_id).join(Order, Order.id == Attribution.order_id).where(Order.ts >= since)
        )
        refunds = session.scalars(
            select(Refund.id).join(Attribution, Attribution.order_id == Refund.order_id).where(Refund.ts >= since)
        )
        return set(orders), set(refunds)


def meta_server_ids(server: FakeMeta, name: str) -> set[str]:
    return {event_id for event_name, event_id in server.events if event_name == name}
