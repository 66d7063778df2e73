"""``afflow import``: exit status, the one-line error, the ``--json`` error shape and the success report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings

PRODUCTS = "sku,title,price,unit_cost,stock,stock_target,category\nSKU-1,Tent,249.00,120.50,40,50,tents\n"


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_bad_file_exits_non_zero_with_json_error_naming_line_and_column(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(PRODUCTS + "SKU-2,Mug,abc,1,1,1,cookware\n", encoding="utf-8")
    result = run.invoke(app, ["import", "products", str(path), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "import_failed"
    assert error["details"]["errors"] == [
        {"file": "products.csv", "line": 3, "column": "price", "reason": "'abc' is not a decimal amount"}
    ]


def test_bad_file_without_json_prints_a_clean_error_and_no_traceback(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text("sku,title\nSKU-1,Tent\n", encoding="utf-8")
    result = run.invoke(app, ["import", "products", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: products.csv: 1 bad row(s), nothing was imported")
    assert "missing required column(s): price, unit_cost" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_kind_is_a_user_error(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(PRODUCTS, encoding="utf-8")
    result = run.invoke(app, ["import", "widgets", str(path), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "bad_kind"


def test_good_file_prints_one_json_report(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(PRODUCTS, encoding="utf-8")
    first = json.loads(run.invoke(app, ["import", "products", str(path), "--json"]).stdout)
    again = run.invoke(app, ["import", "products", str(path), "--json"])
    assert again.exit_code == 0
    assert (first["created"], first["updated"]) == (1, 0)
    assert json.loads(again.stdout) | {"file": ""} == first | {"created": 0, "updated": 1, "file": ""}
