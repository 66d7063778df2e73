"""``afflow import fx_rates`` as a user runs it (the installed ``afflow`` as a subprocess), SQLite and PostgreSQL:
a bad rates file exits 1 with one line naming file, line and column and keeps nothing; a good one says how many
parked orders it booked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def afflow(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["afflow", *args], env=env, capture_output=True, text=True, timeout=600)


def test_import_fx_rates_refuses_a_bad_file_by_line_then_books_the_parked_order(db_url: str, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env["AFFLOW_DATABASE_URL"] = db_url
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
        "e1,2026-05-03T10:00:00Z,cust-1,,,,EUR,SKU-1,1,10.00\n",
        encoding="utf-8",
    )
    assert afflow(env, "import", "orders", str(orders)).returncode == 0
    bad = tmp_path / "rates.csv"
    bad.write_text("date,currency,rate\n2026-05-03,EUR,1,0850\n", encoding="utf-8")
    refused = afflow(env, "import", "fx_rates", str(bad))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "rates.csv: 1 bad row(s), nothing was imported" in refused.stderr
    assert "rates.csv:2" in refused.stderr  # 4 fields for a 3-column header: the unquoted decimal comma

    bad.write_text("date,currency,rate\n2026-05-03,EUR,1.0850\n", encoding="utf-8")
    done = afflow(env, "import", "fx_rates", str(bad))
    assert done.returncode == 0, done.stderr
    assert "1 parked event(s) booked, 0 order(s) still waiting for a rate" in " ".join(done.stdout.split())
