"""``afflow conversions send | status`` against the local GA4 and Meta servers, configured by environment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conv_program import destinations_env, load
from fakes.cli import afflow_json
from fakes.ga4_server import FakeGa4
from fakes.meta_server import FakeMeta
from sqlalchemy import Engine


def test_send_delivers_recent_conversions_once(
    engine: Engine,
    db_url: str,
    tmp_path: Path,
    ga4_server: FakeGa4,
    meta_server: FakeMeta,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recent = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    load(engine, tmp_path, "partners",
         ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"],
         [["p1", "Ann", "ann@example.com", "blog", 10, "0.1", "ANN", ""]])  # fmt: skip
    load(engine, tmp_path, "orders",
         ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price"],
         [["o1", recent, "buyer@example.com", "", "ANN", "", "USD", "SKU-1", 3, "9.99"]])  # fmt: skip
    env = {"AFFLOW_DATABASE_URL": db_url}
    code, error = afflow_json(monkeypatch, env, "conversions", "send")
    assert code == 1 and error["error"]["code"] == "not_configured"
    env |= destinations_env(ga4_server, meta_server)
    code, sent = afflow_json(monkeypatch, env, "conversions", "send")
    assert code == 0 and sent["queued"] == {"purchases": 2, "refunds": 0} and (sent["sent"], sent["failed"]) == (2, 0)
    code, again = afflow_json(monkeypatch, env, "conversions", "send")
    assert again["queued"] == {"purchases": 0, "refunds": 0} and again["sent"] == 0
    assert ga4_server.transactions["o1"]["params"]["value"] == 29.97 and ga4_server.validation_messages == []
    assert list(meta_server.events) == [("Purchase", "purchase-o1")]
    code, status = afflow_json(monkeypatch, env, "conversions", "status")
    assert status == {
        "destinations": {"ga4": {"queued": 0, "sent": 1, "failed": 0}, "meta": {"queued": 0, "sent": 1, "failed": 0}}
    }
