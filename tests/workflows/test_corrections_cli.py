"""Corrections through the installed CLI (subprocesses), on SQLite and PostgreSQL: issue 16's mis-booked tent.

An unquoted ``1,299.00`` is refused whole; the order booked at the wrong price is corrected by
``afflow import orders FILE --replace`` and then books exactly the right commission; ``afflow orders void``
reverses an order before lock (from pending), after lock (from locked) and after payout (a clawback netted
from the next payout), is idempotent, is audited with the CLI user and its reason, and a refund of a voided
order is refused. Default rules: 10% of each line, 30-day return window.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

PARTNERS = """partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code
p1,Trail Tales,anna@example.com,blog,12000,0.043,TRAIL,TRAIL10
"""
HEADER = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
MISBOOKED = HEADER + (
    "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,TENT,1,1.00\n"  # the tent, booked at 1.00
    "mug-2,2026-03-01T11:00:00Z,cust-2,,TRAIL,,USD,MUG,2,25.00\n"
)
FIXED = HEADER + (
    "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,TENT,1,1299.00\n"
    "mug-2,2026-03-01T11:00:00Z,cust-2,,TRAIL,,USD,MUG,2,25.00\n"
)
LATER = HEADER + "pack-3,2026-04-20T10:00:00Z,cust-3,,TRAIL,,USD,PACK,1,80.00\n"


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Any:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), "USER": "ann", "LOGNAME": "ann"}

    def afflow(*args: str, ok: bool = True) -> Any:
        done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
        assert (done.returncode == 0) is ok, done.stdout[-2000:] + done.stderr[-2000:]
        return json.loads(done.stdout)

    def csv(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    afflow("import", "partners", csv("partners.csv", PARTNERS))
    afflow.csv = csv  # type: ignore[attr-defined]
    return afflow


def balance(cli: Any) -> dict[str, str]:
    (row,) = cli("ledger", "balance")["partners"]
    return {key: row[key] for key in ("pending", "locked", "paid", "clawback")}


def money(pending: str, locked: str = "0.00", paid: str = "0.00", clawback: str = "0.00") -> dict[str, str]:
    return {"pending": pending, "locked": locked, "paid": paid, "clawback": clawback}


def test_an_unquoted_thousands_separator_is_refused_and_writes_nothing(cli: Any) -> None:
    text = HEADER + "tent-1,2026-03-01T10:00:00Z,cust-1,,TRAIL,,USD,TENT,1,1,299.00\n"
    error = cli("import", "orders", cli.csv("orders.csv", text), ok=False)["error"]
    assert error["code"] == "import_failed"
    (row,) = error["details"]["errors"]
    assert row["line"] == 2 and "11" in row["reason"] and "10" in row["reason"]
    assert cli("ledger", "balance")["partners"] == []


def test_a_misbooked_order_replaced_books_exactly_the_right_commission(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    assert balance(cli) == money("5.10")  # 0.10 on the tent at 1.00, 5.00 on the mugs

    told = cli("import", "orders", cli.csv("fixed.csv", FIXED))
    assert (told["changed"], told["replaced"], told["unchanged"], told["booked"]) == (["tent-1"], 0, 1, 0)
    assert balance(cli) == money("5.10")  # reported, not re-booked

    fixed = cli("import", "orders", cli.csv("fixed.csv", FIXED), "--replace")
    assert (fixed["replaced"], fixed["unchanged"], fixed["created"], fixed["changed"]) == (1, 1, 0, [])
    assert fixed["attributed"] == 1
    assert balance(cli) == money("134.90")  # 129.90 on the tent at 1,299.00, 5.00 on the mugs

    again = cli("import", "orders", cli.csv("fixed.csv", FIXED), "--replace")
    assert (again["replaced"], again["unchanged"]) == (0, 2)
    assert balance(cli) == money("134.90")
    (entry,) = [e for e in cli("audit")["entries"] if e["action"] == "order_replaced"]
    assert (entry["actor"], entry["subject"]) == ("cli:ann", "order:tent-1")
    assert entry["details"]["reason"] == "import orders fixed.csv --replace"
    assert entry["details"]["reversed_cents"] == 10
    # the superseded line sold nothing: revenue is the corrected tent and the mugs
    assert cli("metrics", "--as-of", "2026-03-31", "--days", "60")["program"]["revenue"] == "1349.00"

    # the corrected commission follows the lifecycle: locks after the return window and is paid in full
    cli("ledger", "reconcile", "--as-of", "2026-04-15")
    batch = cli("payouts", "create", "--as-of", "2026-04-15")
    assert batch["total"] == "134.90"
    assert balance(cli) == money("0.00", paid="134.90")


def test_replacing_a_paid_order_claws_back_the_old_commission_from_the_next_payout(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    cli("ledger", "reconcile", "--as-of", "2026-04-15")
    cli("payouts", "create", "--as-of", "2026-04-15")
    assert balance(cli) == money("0.00", paid="5.10")

    cli("import", "orders", cli.csv("fixed.csv", FIXED), "--replace")
    assert balance(cli) == money("129.90", paid="5.10", clawback="0.10")

    cli("ledger", "reconcile", "--as-of", "2026-04-16")
    batch = cli("payouts", "create", "--as-of", "2026-04-16")
    assert batch["total"] == "129.80"  # 129.90 earned, net of the 0.10 paid for the tent at 1.00
    assert balance(cli) == money("0.00", paid="134.90")


def test_void_before_lock_reverses_the_pending_commission_once(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    voided = cli("orders", "void", "mug-2", "--reason", "test order")
    assert (voided["already_void"], voided["reversed"], voided["clawback"], voided["ref"]) == (
        False, "5.00", "0.00", "void:mug-2",
    )  # fmt: skip
    assert balance(cli) == money("0.10")
    metrics = cli("metrics", "--as-of", "2026-03-31", "--days", "60")
    assert metrics["program"]["revenue"] == "1.00"  # the voided order sold nothing: only the tent's 1.00 counts
    assert [p["orders"] for p in metrics["partners"]] == [1]

    again = cli("orders", "void", "mug-2", "--reason", "once more")
    assert (again["already_void"], again["reversed"], again["reason"]) == (True, "0.00", "test order")
    assert balance(cli) == money("0.10")
    (entry,) = [e for e in cli("audit")["entries"] if e["action"] == "order_voided"]
    assert (entry["actor"], entry["subject"], entry["details"]["reason"]) == ("cli:ann", "order:mug-2", "test order")

    cli("ledger", "reconcile", "--as-of", "2026-04-15")
    assert balance(cli) == money("0.00", locked="0.10")  # the voided order's commission never locks

    # a refund of the voided order is refused by line, and so is a replacement of it
    refunds = "refund_id,order_id,ts,sku,amount\nr1,mug-2,2026-03-05T10:00:00Z,MUG,25.00\n"
    error = cli("import", "refunds", cli.csv("refunds.csv", refunds), ok=False)["error"]
    assert error["details"]["errors"][0]["line"] == 2 and "voided" in error["details"]["errors"][0]["reason"]
    changed = MISBOOKED.replace("MUG,2,25.00", "MUG,3,25.00")
    error = cli("import", "orders", cli.csv("changed.csv", changed), "--replace", ok=False)["error"]
    assert error["details"]["errors"][0]["line"] == 3 and "voided" in error["details"]["errors"][0]["reason"]
    assert balance(cli) == money("0.00", locked="0.10")


def test_void_after_lock_takes_the_commission_from_locked(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    cli("ledger", "reconcile", "--as-of", "2026-04-15")
    assert balance(cli) == money("0.00", locked="5.10")

    voided = cli("orders", "void", "mug-2", "--reason", "cancelled by the shop")
    assert (voided["reversed"], voided["clawback"]) == ("5.00", "0.00")
    assert balance(cli) == money("0.00", locked="0.10")
    batch = cli("payouts", "create", "--as-of", "2026-04-15")
    assert batch["total"] == "0.10"


def test_void_after_payout_books_a_clawback_netted_from_the_next_payout(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    cli("ledger", "reconcile", "--as-of", "2026-04-15")
    cli("payouts", "create", "--as-of", "2026-04-15")

    voided = cli("orders", "void", "mug-2", "--reason", "fraudulent order")
    assert (voided["reversed"], voided["clawback"]) == ("5.00", "5.00")
    assert balance(cli) == money("0.00", paid="5.10", clawback="5.00")

    cli("import", "orders", cli.csv("later.csv", LATER))  # 8.00 more, locked after its window
    cli("ledger", "reconcile", "--as-of", "2026-05-25")
    batch = cli("payouts", "create", "--as-of", "2026-05-25")
    assert batch["total"] == "3.00"  # 8.00 earned, net of the 5.00 clawed back
    assert balance(cli) == money("0.00", paid="8.10")


def test_void_names_an_unknown_order_and_needs_a_reason(cli: Any) -> None:
    assert cli("orders", "void", "nope", "--reason", "x", ok=False)["error"]["code"] == "unknown_order"
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    assert cli("orders", "void", "mug-2", "--reason", "  ", ok=False)["error"]["code"] == "bad_reason"
    assert balance(cli) == money("5.10")


def test_void_of_an_id_two_stores_use_needs_the_store(cli: Any) -> None:
    cli("import", "orders", cli.csv("orders.csv", MISBOOKED))
    cli("import", "orders", cli.csv("shop.csv", MISBOOKED), "--source", "shopify")
    assert balance(cli) == money("10.20")
    error = cli("orders", "void", "mug-2", "--reason", "duplicate", ok=False)["error"]
    assert error["code"] == "ambiguous_order" and "csv, shopify" in error["message"]
    voided = cli("orders", "void", "mug-2", "--source", "shopify", "--reason", "duplicate")
    assert (voided["source"], voided["reversed"], voided["ref"]) == ("shopify", "5.00", "void:shopify:mug-2")
    assert balance(cli) == money("5.20")  # csv's mug-2 is untouched
