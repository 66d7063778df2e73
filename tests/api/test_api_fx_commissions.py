"""``GET /api/v1/commissions`` shows an order paid in another currency as the customer paid it beside what was
booked (issue 20): ``original_currency``, the line's ``original_amount``, the ``original_order_total`` and the
rate it was booked at; a program-currency order has them null and keeps every field it had. SQLite and
PostgreSQL (the ``engine`` fixture); the program is loaded through ``afflow import``'s importer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from starlette.testclient import TestClient

from tests.api.conftest import MakeKey, bearer
from tests.api.program import ORDER_HEADER, import_text

RATES = "date,currency,rate\n2026-03-08,EUR,1.0850\n"
EUR_LINES = ("S1,3,33.33", "S2,1,10.00")
EUR_ORDER = "".join(f"e1,2026-03-09T10:00:00Z,c7,,PATREF,,EUR,{line}\n" for line in EUR_LINES)
BEFORE = {"id", "order_id", "partner_id", "status", "currency", "base", "amount", "reversed", "net", "rule_version",
          "explanation", "order_ts", "lock_due_at", "locked_at", "payout_batch_id"}  # fmt: skip


def test_a_foreign_currency_commission_shows_what_the_customer_paid_and_the_rate(
    client: TestClient, seeded: Engine, make_key: MakeKey, tmp_path: Path
) -> None:
    import_text(seeded, tmp_path, "fx_rates", RATES)
    import_text(seeded, tmp_path, "orders", ORDER_HEADER + EUR_ORDER)
    response = client.get("/api/v1/commissions", headers=bearer(make_key("read")))
    assert response.status_code == 200, response.text
    rows = {(row["order_id"], row["base"]): row for row in response.json()["data"]}

    paid = {base: (r["original_amount"], r["amount"]) for (order, base), r in rows.items() if order == "e1"}
    # 3 x 33.33 EUR at 1.0850 = 108.48915 -> 108.49 USD, booked as 1 x 36.17 + 2 x 36.16 (the 99.99 EUR split
    # in the same ratio by workflows.booking.fx); the hat's 10.00 EUR -> 10.85 USD
    assert paid == {"36.17": ("33.34", "3.62"), "72.32": ("66.65", "7.23"), "10.85": ("10.00", "1.08")}
    tent = rows[("e1", "36.17")]
    assert set(tent) >= BEFORE and tent["currency"] == "USD"
    assert (tent["original_currency"], tent["original_order_total"]) == ("EUR", "109.99")
    assert (tent["fx_rate"], tent["fx_rate_date"]) == ("1.0850", "2026-03-08")

    usd = rows[("o1", "40.00")]
    assert set(usd) >= BEFORE and usd["amount"] == "4.00"
    assert [usd[k] for k in ("original_currency", "original_amount", "original_order_total", "fx_rate",
                             "fx_rate_date")] == [None] * 5  # fmt: skip
