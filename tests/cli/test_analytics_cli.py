"""``afflow metrics | fraud scan | partners score``: one JSON document, the documented shapes, clean errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings
from store.db import make_engine, migrate
from tests.tools.scenario import load
from tests.tools.test_metrics import PROGRAM

AS_OF = ["--as-of", "2026-03-31T00:00:00Z"]


@pytest.fixture
def run(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    engine = make_engine(db_url)
    migrate(engine)
    load(engine, tmp_path, **PROGRAM)
    engine.dispose()
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def _json(run: CliRunner, *args: str) -> dict[str, object]:
    result = run.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_metrics_json_has_money_strings_rates_and_window(run: CliRunner) -> None:
    document = _json(run, "metrics", "--days", "30", *AS_OF)
    assert document["window"] == {"start": "2026-03-01T00:00:00+00:00", "end": "2026-03-31T00:00:00+00:00"}
    partners = {p["partner_id"]: p for p in document["partners"]}  # type: ignore[attr-defined]
    alice = partners["p1"]
    expected = {
        "clicks": 4, "orders": 3, "conversion_rate": "0.7500", "revenue": "80.00", "aov": "26.67", "epc": "1.75",
        "refund_rate": "0.3333", "new_customer_share": "0.6667", "commission": "7.00", "margin_contribution": "35.00",
        "repeat_purchase_rate": "0.5000",
    }  # fmt: skip
    assert {key: alice[key] for key in expected} == expected
    assert alice["change"]["revenue"] == "0.6000" and alice["previous"]["revenue"] == "50.00"
    assert document["program"]["revenue"] == "180.00"  # type: ignore[index]
    assert document["program"]["all_revenue"] == "240.00"  # type: ignore[index]


def test_metrics_for_one_partner(run: CliRunner) -> None:
    document = _json(run, "metrics", "--partner", "p2", *AS_OF)
    assert [p["partner_id"] for p in document["partners"]] == ["p2"]  # type: ignore[attr-defined]


def test_unknown_partner_and_bad_time_are_user_errors(run: CliRunner) -> None:
    unknown = run.invoke(app, ["metrics", "--partner", "nobody", "--json"])
    assert unknown.exit_code == 1 and json.loads(unknown.stdout)["error"]["code"] == "unknown_partner"
    bad = run.invoke(app, ["fraud", "scan", "--as-of", "yesterday"])
    assert bad.exit_code == 1 and bad.stdout == "" and "--as-of" in bad.stderr and "Traceback" not in bad.stderr


def test_fraud_scan_of_a_clean_program_finds_nothing(run: CliRunner) -> None:
    document = _json(run, "fraud", "scan", "--days", "30", *AS_OF)
    assert document["findings"] == []
    assert set(document) == {"window", "findings", "baselines"}


def test_partners_score_lists_every_partner_with_tier_components_and_reasons(run: CliRunner) -> None:
    document = _json(run, "partners", "score", "--days", "30", *AS_OF)
    rows = {p["partner_id"]: p for p in document["partners"]}  # type: ignore[attr-defined]
    assert set(rows) == {"p1", "p2"}
    for row in rows.values():
        assert row["tier"] in ("growth", "maintain", "purge") and 0 <= row["score"] <= 100
        assert set(row["components"]) == {"margin", "trend", "new_customers", "refunds", "brand_fit"}
        assert row["reasons"]
    # both have fewer orders than growth needs: neither is promoted, neither is purged
    assert {row["tier"] for row in rows.values()} == {"maintain"}


def test_human_output_is_a_table(run: CliRunner) -> None:
    result = run.invoke(app, ["metrics", *AS_OF])
    assert result.exit_code == 0 and "p1" in result.stdout and "margin" in result.stdout and "35.00" in result.stdout
