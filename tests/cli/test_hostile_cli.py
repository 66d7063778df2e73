"""Issue 17's CSV reproductions through the installed ``afflow`` (subprocesses), on SQLite and PostgreSQL.

- the probe's out-of-range cells (price 99999999999999999.99, unit_price 999999999999999.99, 1e20, a negative
  price, ``0001-01-01``, year 9999) exit 1 naming ``orders.csv:LINE column COLUMN`` each, no traceback, nothing
  imported, and the next good file books;
- a hundred orders at the money bound book, and ``metrics``, ``partners score`` and ``ledger balance`` still
  answer (the bound keeps every SUM inside 64 bits); times outside 2000..2099 given to payouts, metrics, score,
  reconcile and audit are a clean error, never a traceback;
- a partner named ``=HYPERLINK(...)`` reaches ``afflow payouts export`` as text, not a formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    'p1,"=HYPERLINK(""http://x"",""y"")",pat@example.com,youtube,12000,0.05,PATREF,\n'
    "p2,@SUM(A1),sam@example.com,blog,3000,0.02,SAMREF,\n"
)
HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["afflow", *args], env=env, capture_output=True, text=True, timeout=300, check=False)


def afflow(env: dict[str, str], *args: str, code: int = 0) -> Any:
    done = run(env, *args, "--json")
    assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.fixture
def env(engine: Engine, db_url: str, tmp_path: Path) -> dict[str, str]:
    base = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    environment = base | {"AFFLOW_DATABASE_URL": db_url, "USER": "ann", "LOGNAME": "ann"}
    (tmp_path / "partners.csv").write_text(PARTNERS, encoding="utf-8")
    afflow(environment, "import", "partners", str(tmp_path / "partners.csv"))
    return environment


def test_the_probes_csv_cells_name_file_line_and_column_without_a_traceback(
    env: dict[str, str], tmp_path: Path
) -> None:
    rows = (
        "o1,2026-03-01T10:00:00Z,c1,,PATREF,,USD,SKU-1,1,99999999999999999.99\n"
        "o2,2026-03-01T10:00:00Z,c2,,PATREF,,USD,SKU-1,1,999999999999999.99\n"
        "o3,2026-03-01T10:00:00Z,c3,,PATREF,,USD,SKU-1,1,1e20\n"
        "o4,2026-03-01T10:00:00Z,c4,,PATREF,,USD,SKU-1,1,-10.00\n"
        "o5,0001-01-01T00:00:00+05:00,c5,,PATREF,,USD,SKU-1,1,10.00\n"
        "o6,9999-12-31T23:59:59Z,c6,,PATREF,,USD,SKU-1,1,10.00\n"
    )
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    done = run(env, "import", "orders", str(path))
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    for line, column in (
        (2, "unit_price"),
        (3, "unit_price"),
        (4, "unit_price"),
        (5, "unit_price"),
        (6, "ts"),
        (7, "ts"),
    ):
        assert f"orders.csv:{line} column {column}:" in output, output
    errors = afflow(env, "import", "orders", str(path), code=1)["error"]["details"]["errors"]
    assert len(errors) == 6
    assert afflow(env, "ledger", "balance")["partners"] == [] or all(
        row["pending"] == "0.00" for row in afflow(env, "ledger", "balance")["partners"]
    )
    path.write_text(HEADER + "o7,2026-03-01T10:00:00Z,c7,,PATREF,,USD,SKU-1,1,10.00\n", encoding="utf-8")
    assert afflow(env, "import", "orders", str(path))["booked"] == 1


def test_a_hundred_orders_at_the_money_bound_book_and_the_reports_still_answer(
    env: dict[str, str], tmp_path: Path
) -> None:
    largest = "10000000000.00"  # 10^12 minor units, workflows.booking.bounds.MAX_AMOUNT_MINOR
    rows = "".join(f"big{i},2026-03-01T10:00:00Z,c{i},,PATREF,,USD,SKU-1,1,{largest}\n" for i in range(100))
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    assert afflow(env, "import", "orders", str(path))["booked"] == 100
    window = ("--as-of", "2026-03-15", "--days", "30")  # the orders are inside it: every SUM sees them
    afflow(env, "metrics", *window)
    afflow(env, "partners", "score", *window)
    balance = afflow(env, "ledger", "balance")
    [p1] = [row for row in balance["partners"] if row["partner_id"] == "p1"]
    assert p1["pending"] == "100000000000.00"  # 10% of 100 x 10^10, exactly


def test_a_partner_named_like_a_formula_reaches_the_payout_export_as_text(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        HEADER + "o1,2026-01-01T10:00:00Z,c1,,PATREF,,USD,SKU-1,1,450.00\n"
        "o2,2026-01-01T10:00:00Z,c2,,SAMREF,,USD,SKU-1,1,450.00\n",
        encoding="utf-8",
    )
    afflow(env, "import", "orders", str(path))
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-06")  # past the 30-day return window: locked
    batch = afflow(env, "payouts", "create", "--as-of", "2026-02-06")
    assert batch["batch_id"], batch
    out = tmp_path / "batch.csv"
    afflow(env, "payouts", "export", str(batch["batch_id"]), "--output", str(out))
    cells = [cell for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8"))) for cell in row]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'@SUM(A1)" in cells, cells
    assert not any(cell[:1] in ("=", "+", "@") for cell in cells), cells


@pytest.mark.parametrize(
    "args",
    [("payouts", "create", "--as-of", "9999-12-31"), ("payouts", "preview", "--as-of", "0001-01-01"),
     ("metrics", "--as-of", "9999-12-31"), ("partners", "score", "--as-of", "9999-12-31T23:59:59-05:00"),
     ("ledger", "reconcile", "--as-of", "9999-12-31"), ("audit", "--since", "0001-01-01")],
)  # fmt: skip
def test_times_outside_the_bookable_years_are_a_clean_error(env: dict[str, str], args: tuple[str, ...]) -> None:
    done = run(env, *args, "--json")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "bad_option" and "outside 2000..2099" in error["message"]
