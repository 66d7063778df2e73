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


PARTNERS = "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\np1,Mara,m@example.com,blog,1,0.1,MARA,MARA10\n"
ORDERS = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n" + (
    "o1,2026-03-01T10:00:00Z,cust-1,c1,,,USD,SKU-1,1,249.00\n"  # its click comes in the next file
    "o2,2026-03-01T11:00:00Z,cust-2,,,mara10,USD,SKU-1,1,249.00\n"
    "o3,2026-03-01T12:00:00Z,cust-3,,,,USD,SKU-1,1,249.00\n"
)
CLICKS = (
    "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref\nc1,2026-03-01T09:00:00Z,p1,,,,,,\n"
)


def imported(run: CliRunner, tmp_path: Path, kind: str, text: str, *extra: str) -> dict[str, object]:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    result = run.invoke(app, ["import", kind, str(path), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in extra else {"text": result.stdout}


def test_orders_import_reports_attributed_unattributed_and_waiting(run: CliRunner, tmp_path: Path) -> None:
    imported(run, tmp_path, "partners", PARTNERS)
    imported(run, tmp_path, "products", PRODUCTS)
    report = imported(run, tmp_path, "orders", ORDERS, "--json")
    assert (report["booked"], report["attributed"], report["unattributed"], report["waiting"]) == (3, 1, 1, 1)
    clicks = imported(run, tmp_path, "clicks", CLICKS, "--json")
    assert clicks["attributed"] == 1  # o1, credited by its late click
    balance = json.loads(run.invoke(app, ["ledger", "balance", "--json"]).stdout)
    assert [(p["partner_id"], p["pending"]) for p in balance["partners"]] == [("p1", "49.80")]


def test_orders_import_prints_the_counts(run: CliRunner, tmp_path: Path) -> None:
    imported(run, tmp_path, "partners", PARTNERS)
    printed = imported(run, tmp_path, "orders", ORDERS)["text"]
    assert "1 attributed, 1 unattributed, 1 waiting for their click" in " ".join(str(printed).split())


def test_unknown_sku_refused_until_the_program_allows_it_then_reported(run: CliRunner, tmp_path: Path) -> None:
    imported(run, tmp_path, "products", PRODUCTS)
    path = tmp_path / "orders.csv"
    path.write_text(
        ORDERS.replace("o3,2026-03-01T12:00:00Z,cust-3,,,,USD,SKU-1", "o3,2026-03-01T12:00:00Z,cust-3,,,,USD,SKU-9")
    )
    refused = run.invoke(app, ["import", "orders", str(path), "--json"])
    assert refused.exit_code == 1
    (error,) = json.loads(refused.stdout)["error"]["details"]["errors"]
    assert (error["line"], error["column"]) == (4, "sku")
    assert run.invoke(app, ["program", "set", "--allow-unknown-skus"]).exit_code == 0
    report = imported(run, tmp_path, "orders", path.read_text(), "--json")
    assert (report["booked"], report["unknown_skus"]) == (3, ["SKU-9"])
