"""``afflow conversions send | status`` on the demo program, against the local GA4 and Meta servers.

The demo ends today, with weeks of history: only the last week's attributed orders and refunds are queued
(Meta refuses older events, so its horizon is its limit; GA4 would count older ones as today's sales), and
nothing queued fails. Each reaches its destinations once in their documented shapes, with hashed
identifiers only, and a second run sends nothing.
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
from workflows.delivery.conversion_senders import BACKFILL, META_MAX_AGE
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
    after = datetime.now(UTC)
    assert code == 0 and (sent["failed"], sent["retrying"]) == (0, 0)  # nothing queued that Meta refuses
    ga4_orders, ga4_refunds = set(ga4_server.transactions), len(ga4_server.other_events)
    meta_orders = {e.removeprefix("purchase-") for e in meta_server_ids(meta_server, "Purchase")}
    meta_refunds = {e.removeprefix("refund-") for e in meta_server_ids(meta_server, "Refund")}
    # the run's clock lies between before and after: an event that close to a horizon may go either way
    for horizon, orders, refunds in ((BACKFILL, ga4_orders, None), (META_MAX_AGE, meta_orders, meta_refunds)):
        surely, maybe = _recent(engine, since=after - horizon), _recent(engine, since=before - horizon)
        assert surely[0] <= orders <= maybe[0]
        assert refunds is None or surely[1] <= refunds <= maybe[1]
    everything = _recent(engine, since=before - timedelta(days=365))[0]
    assert 20 < len(meta_orders) <= len(ga4_orders) < len(everything) and meta_refunds
    assert sent["queued"] == {
        "purchases": len(ga4_orders) + len(meta_orders),
        "refunds": ga4_refunds + len(meta_refunds),
    }
    assert sent["sent"] == len(ga4_orders) + len(meta_orders) + ga4_refunds + len(meta_refunds)
    assert ga4_server.validation_messages == []
    assert all(b"cus-" not in raw for raw in ga4_server.raw_bodies)  # customer ids leave hashed only

    code, again = afflow_json(monkeypatch, env, "conversions", "send")
    assert again["queued"] == {"purchases": 0, "refunds": 0} and again["sent"] == 0
    code, status = afflow_json(monkeypatch, env, "conversions", "status")
    assert status == {
        "destinations": {
            "ga4": {"queued": 0, "sent": len(ga4_orders) + ga4_refunds, "failed": 0},
            "meta": {"queued": 0, "sent": len(meta_orders) + len(meta_refunds), "failed": 0},
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
