"""Orders in several currencies through the real CLI (in-process ``afflow ... --json``), on SQLite and PostgreSQL.

A USD program imports EUR and GBP orders with their rates and books what the rates imply to the cent (the
privacy export shows each order in USD with what the customer paid beside it); a half
refund of an EUR order reverses half its commission, a full refund all of it; an order with no rate for its
date is parked with the reason and booked when ``afflow import fx_rates`` brings the rate; a bad rates file
is refused whole, naming file, line and column.

Arithmetic of the fixture (10% default rule, half-even once per line):
- e1: 3 x 33.33 EUR = 99.99 EUR at 1.0850 (rate of 2026-05-01, the latest on or before 2026-05-03) =
  108.48915 -> 108.49 USD, split 1 x 36.17 + 2 x 36.16; commissions 3.62 + 7.23 = 10.85.
- g1: 1 x 80.00 GBP at 1.2734 = 101.872 -> 101.87 USD; commission 10.19.
- u1: 10.00 USD; commission 1.00.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes.cli import afflow_json
from sqlalchemy import select

from store.db import make_engine, transaction
from store.ledger import unbalanced_transactions
from store.models import Order, OrderLine, Refund

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
REFUND_HEADER = "refund_id,order_id,ts,sku,amount,currency\n"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> Any:
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}

    def run(*args: str, ok: bool = True) -> Any:
        code, document = afflow_json(monkeypatch, env, *args)
        assert (code == 0) == ok, document
        return document

    run("init")
    run("program", "set", "--currency", "USD")
    return run


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def pending(cli: Any) -> str:
    partners = cli("ledger", "balance")["partners"]
    return next(p["pending"] for p in partners if p["partner_id"] == "p1")


def orders(db_url: str) -> dict[str, tuple[Any, ...]]:
    engine = make_engine(db_url)
    try:
        with transaction(engine) as session:
            rows = session.execute(
                select(
                    Order.id,
                    Order.currency,
                    Order.total_cents,
                    Order.original_currency,
                    Order.original_total_cents,
                    Order.fx_rate,
                    Order.fx_rate_date,
                    Order.fx_source,
                )
            ).all()
            assert unbalanced_transactions(session=session) == []
    finally:
        engine.dispose()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_eur_and_gbp_orders_book_the_commissions_their_rates_imply(cli: Any, db_url: str, tmp_path: Path) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    rates = cli("import", "fx_rates", write(tmp_path, "rates.csv", RATES))
    assert (rates["records"], rates["created"], rates["booked"], rates["parked"]) == (3, 3, 0, 0)
    report = cli("import", "orders", write(tmp_path, "orders.csv", ORDERS))
    assert (report["booked"], report["parked"], report["attributed"]) == (3, 0, 3)
    assert pending(cli) == "22.04"  # 10.85 + 10.19 + 1.00
    metrics = cli("metrics", "--days", "30", "--as-of", "2026-05-05T00:00:00Z")
    program = metrics["program"]
    assert (metrics["currency"], program["revenue"], program["commission"]) == ("USD", "220.36", "22.04")

    stored = orders(db_url)
    assert stored["e1"] == ("USD", 10849, "EUR", 9999, "1.0850", stored["e1"][5], "fx_rates")
    assert str(stored["e1"][5]) == "2026-05-01"  # the latest rate on or before the order's date
    assert stored["g1"][:6] == ("USD", 10187, "GBP", 8000, "1.2734", stored["g1"][5])
    assert stored["u1"] == ("USD", 1000, None, None, None, None, None)
    # an order-level JSON view: amounts in the program currency, what the customer paid beside them
    [exported] = cli("privacy", "export", "--customer", "cust-1")["orders"]
    assert (exported["currency"], exported["total"]) == ("USD", "108.49")
    assert exported["original"] == {
        "currency": "EUR",
        "total": "99.99",
        "fx_rate": "1.0850",
        "fx_rate_date": "2026-05-01",
    }
    assert cli("privacy", "export", "--customer", "cust-3")["orders"][0]["original"] is None


def test_half_a_refund_of_an_eur_order_reverses_half_its_commission(cli: Any, db_url: str, tmp_path: Path) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    cli("import", "fx_rates", write(tmp_path, "rates.csv", "date,currency,rate\n2026-05-03,EUR,1.2000\n"))
    order = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
    order += "e2,2026-05-03T10:00:00Z,cust-1,,PATREF,,EUR,SKU-1,1,100.00\n"  # 120.00 USD, commission 12.00
    cli("import", "orders", write(tmp_path, "orders.csv", order))
    assert pending(cli) == "12.00"

    half = REFUND_HEADER + "r1,e2,2026-05-05T10:00:00Z,,50.00,EUR\n"
    assert cli("import", "refunds", write(tmp_path, "half.csv", half))["booked"] == 1
    assert pending(cli) == "6.00"  # half of 12.00, to the cent
    rest = REFUND_HEADER + "r2,e2,2026-05-06T10:00:00Z,,50.00,EUR\n"
    cli("import", "refunds", write(tmp_path, "rest.csv", rest))
    assert pending(cli) == "0.00"  # the full refund reverses exactly what was booked

    engine = make_engine(db_url)
    try:
        with transaction(engine) as session:
            refunds = session.execute(
                select(Refund.id, Refund.amount_cents, Refund.original_currency, Refund.original_amount_cents)
            ).all()
            line = session.scalars(select(OrderLine).where(OrderLine.order_id == "e2")).one()
            assert (line.refunded_cents, line.original_refunded_cents) == (12000, 10000)
    finally:
        engine.dispose()
    assert sorted(tuple(r) for r in refunds) == [("r1", 6000, "EUR", 5000), ("r2", 6000, "EUR", 5000)]


def test_a_refund_of_a_converted_order_in_the_program_currency_is_taken_as_stated(cli: Any, tmp_path: Path) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    cli("import", "fx_rates", write(tmp_path, "rates.csv", "date,currency,rate\n2026-05-03,EUR,1.2000\n"))
    order = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
    order += "e3,2026-05-03T10:00:00Z,cust-1,,PATREF,,EUR,SKU-1,1,100.00\n"
    cli("import", "orders", write(tmp_path, "orders.csv", order))
    usd = REFUND_HEADER + "r1,e3,2026-05-05T10:00:00Z,,30.00,\n"  # 30.00 USD of the 120.00 booked
    cli("import", "refunds", write(tmp_path, "usd.csv", usd))
    assert pending(cli) == "9.00"
    gbp = REFUND_HEADER + "r2,e3,2026-05-05T10:00:00Z,,10.00,GBP\n"
    refused = cli("import", "refunds", write(tmp_path, "gbp.csv", gbp), ok=False)
    assert refused["error"]["code"] == "import_failed"
    assert "is in GBP, but order e3 was paid in EUR and is booked in USD" in refused["error"]["details"]["lines"][0]


def test_an_order_without_a_rate_is_parked_until_import_fx_rates_brings_it(
    cli: Any, db_url: str, tmp_path: Path
) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    report = cli("import", "orders", write(tmp_path, "orders.csv", ORDERS))
    assert (report["booked"], report["parked"]) == (1, 2)  # u1 books; e1 and g1 wait, nothing else blocked
    assert pending(cli) == "1.00"
    parked = {e["order_id"]: e["reason"] for e in cli("inbox", "list", "--status", "parked")["events"]}
    assert parked == {
        "e1": "no EUR rate for 2026-05-03; import fx_rates",
        "g1": "no GBP rate for 2026-05-04; import fx_rates",
    }
    refund = REFUND_HEADER + "r1,e1,2026-05-06T10:00:00Z,,49.995,EUR\n"
    assert cli("import", "refunds", write(tmp_path, "bad.csv", refund), ok=False)["error"]["code"] == "import_failed"
    refund = REFUND_HEADER + "r1,e1,2026-05-06T10:00:00Z,SKU-1,99.99,EUR\n"
    assert cli("import", "refunds", write(tmp_path, "refund.csv", refund))["parked"] == 1  # waits with its order

    reconciled = cli("ledger", "reconcile", "--as-of", "2026-05-07T00:00:00Z")
    assert (reconciled["replayed"], reconciled["still_parked"]) == (0, 3)  # still no rate: kept, never guessed

    only_eur = "date,currency,rate\n2026-05-01,EUR,1.0850\n"
    rates = cli("import", "fx_rates", write(tmp_path, "eur.csv", only_eur))
    assert (rates["booked"], rates["parked"]) == (2, 1)  # e1 and its refund booked; g1 still waits
    assert pending(cli) == "1.00"  # e1's 10.85 booked and wholly refunded
    assert set(orders(db_url)) == {"u1", "e1"}

    rates = cli("import", "fx_rates", write(tmp_path, "gbp.csv", "date,currency,rate\n2026-05-04,GBP,1.2734\n"))
    assert (rates["booked"], rates["parked"]) == (1, 0)
    assert pending(cli) == "11.19"
    assert cli("inbox", "list", "--status", "parked")["events"] == []


def test_a_rate_older_than_a_week_is_not_used(cli: Any, db_url: str, tmp_path: Path) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    cli("import", "fx_rates", write(tmp_path, "rates.csv", "date,currency,rate\n2026-04-25,EUR,1.0700\n"))
    report = cli("import", "orders", write(tmp_path, "orders.csv", ORDERS))
    assert report["parked"] == 2  # 2026-04-25 is 8 days before e1's 2026-05-03
    cli("import", "fx_rates", write(tmp_path, "late.csv", "date,currency,rate\n2026-04-26,EUR,1.0800\n"))
    assert str(orders(db_url)["e1"][5]) == "2026-04-26"  # 7 days back still counts


def test_a_bad_rates_file_is_refused_whole_naming_line_and_column(cli: Any, db_url: str, tmp_path: Path) -> None:
    text = (
        "date,currency,rate\n"
        "2026-05-01,EUR,1.0850\n"
        "2026-05-01,EUR,1.0900\n"
        "01/05/2026,GBP,1.27\n"
        "2026-05-01,USD,1\n"
        "2026-05-01,GBP,-1.2\n"
        "2026-05-01,JPY,0.0000000000001\n"
        "2026-05-01,EURO,1.1\n"
    )
    refused = cli("import", "fx_rates", write(tmp_path, "rates.csv", text), ok=False)
    found = {(e["file"], e["line"], e["column"]) for e in refused["error"]["details"]["errors"]}
    assert found == {
        ("rates.csv", 3, "date"),  # the same currency and date twice
        ("rates.csv", 4, "date"),
        ("rates.csv", 5, "currency"),  # the program currency itself
        ("rates.csv", 6, "rate"),
        ("rates.csv", 7, "rate"),  # more than 12 decimals
        ("rates.csv", 8, "currency"),
    }
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    assert cli("import", "orders", write(tmp_path, "orders.csv", ORDERS))["parked"] == 2  # no rate was kept


def test_a_waiting_eur_order_is_credited_at_its_booked_amounts_when_its_click_arrives(
    cli: Any, db_url: str, tmp_path: Path
) -> None:
    cli("import", "partners", write(tmp_path, "partners.csv", PARTNERS))
    cli("import", "fx_rates", write(tmp_path, "rates.csv", RATES))
    order = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
    order += "e1,2026-05-03T10:00:00Z,cust-1,c-late,,,EUR,SKU-1,3,33.33\n"
    assert cli("import", "orders", write(tmp_path, "orders.csv", order))["waiting"] == 1
    clicks = "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref\n"
    clicks += "c-late,2026-05-03T09:00:00Z,p1,203.0.113.7,Mozilla/5.0,,,,\n"
    assert cli("import", "clicks", write(tmp_path, "clicks.csv", clicks))["attributed"] == 1
    assert pending(cli) == "10.85"  # priced on the 108.49 USD booked (3.62 + 7.23), not on the 99.99 EUR
