"""``afflow demo --json``: one JSON document with the summary; bad options are clean user errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_demo_json_summarises_the_booked_program(run: CliRunner, tmp_path: Path) -> None:
    args = ["demo", "--partners", "12", "--days", "36", "--skus", "24", "--seed", "5", "--end", "2026-05-01"]
    result = run.invoke(app, [*args, "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["partners"] == 12 and summary["seed"] == 5
    assert summary["end"] == "2026-05-01T00:00:00+00:00"
    assert 0 < summary["attributed_orders"] < summary["orders"]
    assert Decimal(summary["attributed_revenue"]) < Decimal(summary["revenue"])
    assert set(summary["commissions"]) == {"pending", "locked", "paid", "reversed"}
    assert Decimal(summary["commissions"]["pending"]["amount"]) > 0
    assert [item["kind"] for item in summary["imports"]][:3] == ["partners", "products", "coupons"]
    assert (tmp_path / "demo_truth.json").is_file()


def test_bad_end_date_is_a_json_user_error(run: CliRunner, tmp_path: Path) -> None:
    result = run.invoke(app, ["demo", "--end", "next tuesday", "--out", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "bad_option"
    assert not (tmp_path / "orders.csv").exists()
