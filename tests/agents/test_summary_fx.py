"""The weekly report shows partner orders paid in another currency as the customer paid them, beside what was
booked (issue 20): ``afflow run summary`` as a subprocess on a USD program with EUR and GBP orders, SQLite and
PostgreSQL. Arithmetic as in tests/workflows/test_fx_orders: e1 99.99 EUR at 1.0850 -> 108.49 USD, g1 80.00
GBP at 1.2734 -> 101.87 USD; u1 is in USD and not listed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,blog,1000,0.05,PATREF,\n"
)
ORDERS = (
    "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
    "e1,2026-05-03T10:00:00Z,cust-1,,PATREF,,EUR,SKU-1,3,33.33\n"
    "g1,2026-05-04T11:00:00Z,cust-2,,PATREF,,GBP,SKU-2,1,80.00\n"
    "u1,2026-05-04T12:00:00Z,cust-3,,PATREF,,USD,SKU-1,1,10.00\n"
)
RATES = "date,currency,rate\n2026-05-01,EUR,1.0850\n2026-05-04,GBP,1.2734\n2026-05-04,EUR,1.1000\n"


def test_the_weekly_report_lists_foreign_currency_orders_with_what_was_paid_and_booked(
    db_url: str, tmp_path: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}

    def afflow(*args: str) -> dict[str, object]:
        done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return dict(json.loads(done.stdout))

    for kind, text in {"partners": PARTNERS, "fx_rates": RATES, "orders": ORDERS}.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow("import", kind, str(tmp_path / f"{kind}.csv"))
    report = afflow("run", "summary", "--as-of", "2026-05-07T00:00:00Z")
    markdown = Path(str(report["markdown_path"])).read_text(encoding="utf-8")
    html = Path(str(report["html_path"])).read_text(encoding="utf-8")

    section = markdown.split("## Orders paid in other currencies", 1)[1].split("\n## ", 1)[0]
    assert (
        "2 partner orders this week were paid in another currency and booked in USD at the rate of their date: "
        "99.99 EUR in 1 order, booked as 108.49 USD; 80.00 GBP in 1 order, booked as 101.87 USD."
    ) in section
    assert "| e1 | Pat Lee (p1) | 99.99 EUR | 1.0850 (2026-05-01) | 108.49 USD |" in section
    assert "| g1 | Pat Lee (p1) | 80.00 GBP | 1.2734 (2026-05-04) | 101.87 USD |" in section
    assert "u1" not in section  # paid in the program's currency: nothing to convert
    assert "<td>99.99 EUR</td><td>1.0850 (2026-05-01)</td><td>108.49 USD</td>" in html
