"""``afflow ledger|payouts|rules``: JSON shapes, money as decimal strings, clean user errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings
from tests.workflows.booking import T0, book, day, order, partners, refund


@pytest.fixture
def run(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


@pytest.fixture
def booked(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    book(
        engine,
        order("o1", T0, ref="REF-p1", lines=(("A", 1, 4500), ("B", 1, 1050))),
        order("o2", day(20), ref="REF-p2"),
    )
    book(engine, refund("r1", "o1", day(2), 1050, sku="B"))
    return engine


def invoke_json(run: CliRunner, *args: str) -> Any:
    result = run.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_balance_reports_each_partner_with_money_as_decimal_strings(run: CliRunner, booked: Engine) -> None:
    assert invoke_json(run, "ledger", "balance") == {
        "currency": "USD",
        "partners": [
            {"partner_id": "p1", "pending": "4.50", "locked": "0.00", "paid": "0.00", "clawback": "0.00"},
            {"partner_id": "p2", "pending": "4.50", "locked": "0.00", "paid": "0.00", "clawback": "0.00"},
        ],
    }
    assert [p["partner_id"] for p in invoke_json(run, "ledger", "balance", "--partner", "p2")["partners"]] == ["p2"]


def test_balance_without_json_is_a_table_a_person_reads(run: CliRunner, booked: Engine) -> None:
    result = run.invoke(app, ["ledger", "balance"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "partner" in line.lower())
    assert all(word in header.lower() for word in ("pending", "locked", "paid", "clawback")), result.stdout
    rows = [line for line in result.stdout.splitlines() if "p1" in line or "p2" in line]
    assert len(rows) == 2 and all("4.50" in line for line in rows), result.stdout


def test_unknown_partner_is_a_json_user_error(run: CliRunner, booked: Engine) -> None:
    result = run.invoke(app, ["ledger", "balance", "--partner", "nobody", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "unknown_partner"


def test_reconcile_then_payout_then_export(run: CliRunner, booked: Engine, tmp_path: Path) -> None:
    locked = invoke_json(run, "ledger", "reconcile", "--as-of", "2026-02-05T00:00:00+00:00")
    assert (locked["locked_commissions"], locked["locked"], locked["as_of"]) == (1, "4.50", "2026-02-05T00:00:00+00:00")
    batch = invoke_json(run, "payouts", "create", "--as-of", "2026-02-06")
    assert (batch["total"], batch["as_of"]) == ("4.50", "2026-02-06T00:00:00+00:00")
    assert batch["items"] == [
        {"partner_id": "p1", "gross": "4.50", "clawback": "0.00", "net": "4.50", "commission_count": 1}
    ]
    output = tmp_path / "batch.csv"
    result = run.invoke(app, ["payouts", "export", str(batch["batch_id"]), "--format", "csv", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text().splitlines()[1] == "p1,Partner p1,p1@example.com,4.50,0.00,4.50,USD,1"
    stdout = run.invoke(app, ["payouts", "export", str(batch["batch_id"]), "--format", "csv"])
    assert stdout.stdout == output.read_text()
    assert invoke_json(run, "payouts", "create")["batch_id"] is None


def test_bad_time_and_unknown_batch_are_clean_errors(run: CliRunner, booked: Engine) -> None:
    result = run.invoke(app, ["ledger", "reconcile", "--as-of", "next tuesday"])
    assert result.exit_code == 1
    assert "--as-of: 'next tuesday' is not an ISO 8601 time" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run.invoke(app, ["payouts", "export", "99", "--format", "csv", "--json"])
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["error"]["code"] == "unknown_batch"


def test_rules_set_publishes_a_version_that_prices_later_orders(run: CliRunner, booked: Engine, tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"percent": "12.5", "sku_overrides": {"GIFT": {"flat_cents": 300}}}))
    published = invoke_json(run, "rules", "set", str(rules), "--effective-from", "2026-03-01T00:00:00Z")
    assert published["version"] == 2
    shown = invoke_json(run, "rules", "show", "--at", "2026-03-02")
    assert shown["in_force"]["version"] == 2
    assert shown["in_force"]["body"]["percent"] == "12.5"
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    book(booked, order("o3", day(70), ref="REF-p2", customer="z"))
    assert (
        invoke_json(run, "ledger", "balance", "--partner", "p2")["partners"][0]["pending"] == "10.12"
    )  # 4.50 + 5.62 (562.5 half-even)


def test_invalid_rule_file_is_refused_with_the_field_named(run: CliRunner, booked: Engine, tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"percent": "120"}))
    result = run.invoke(app, ["rules", "set", str(rules), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "invalid_input"
    assert any(line.startswith("percent:") for line in error["details"]["lines"])
