"""Nudges: a partner whose sales fell gets what changed, what works for similar partners and one action
with its tracking link; steady partners get nothing; short histories compare shorter windows.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from agents.nudges.diagnosis import comparison_days, drop_p_value
from agents.nudges.graph import run as run_nudges
from agents.runs import run_agent
from store.db import transaction
from tests.agents.config import agent_config
from tests.agents.programs import PARTNER_HEADER, write_csv
from tools import outbox
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program
from workflows.importing.importer import import_csv

PRODUCT_HEADER = ["sku", "title", "price", "unit_cost", "stock", "stock_target", "category"]
CLICK_HEADER = ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"]
ORDER_HEADER = ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity",
                "unit_price"]
CATALOG = [
    ["BOOT-1", "Ridge Boot", "120.00", "50.00", "500", "400", "Boots"],
    ["BOOT-2", "Trail Runner", "110.00", "45.00", "500", "400", "Boots"],
]
# partner -> (clicks, orders, sku) in the 28 days before the last 28, then in the last 28
TRAFFIC = {
    "p-fade": ((60, 8, "BOOT-1"), (20, 2, "BOOT-1")),
    "p-up1": ((30, 3, "BOOT-1"), (40, 6, "BOOT-2")),
    "p-up2": ((30, 3, "BOOT-1"), (45, 7, "BOOT-2")),
    "p-flat": ((40, 4, "BOOT-1"), (40, 4, "BOOT-1")),
}


def build_program(engine: Engine, tmp_path: Path, now: datetime) -> None:
    partners = [[pid, pid.title(), f"{pid}@example.com", f"https://{pid}.example.com", "20000", "0.05", pid, ""]
                for pid in TRAFFIC]
    # the program started trading 57 days ago: 28-day windows fit twice
    clicks = [["k-first", (now - timedelta(days=57)).isoformat(), "p-flat", "10.1.0.1", "Mozilla/5.0", "",
               "https://shop.example.com/", "", ""]]
    orders = []
    for pid, windows in TRAFFIC.items():
        for offset, (n_clicks, n_orders, sku) in zip((56, 28), windows, strict=True):
            for n in range(n_clicks):
                ts = now - timedelta(days=offset) + timedelta(hours=1 + n * 26 * 24 / n_clicks)
                click_id = f"k-{pid}-{offset}-{n}"
                clicks.append([click_id, ts.isoformat(), pid, f"10.0.{n % 250}.{offset}", "Mozilla/5.0", "",
                               f"https://shop.example.com/products/{sku}", sku, ""])
                if n < n_orders:
                    price = next(row[2] for row in CATALOG if row[0] == sku)
                    orders.append([f"o-{click_id}", (ts + timedelta(hours=3)).isoformat(), f"c-{click_id}", click_id,
                                   "", "", "USD", sku, "1", price])
    with transaction(engine) as session:
        import_csv(session=session, kind="products", path=write_csv(tmp_path / "products.csv", PRODUCT_HEADER, CATALOG))
        import_csv(session=session, kind="partners", path=write_csv(tmp_path / "partners.csv", PARTNER_HEADER, partners))
        import_csv(session=session, kind="clicks", path=write_csv(tmp_path / "clicks.csv", CLICK_HEADER, clicks))
        import_csv(session=session, kind="orders", path=write_csv(tmp_path / "orders.csv", ORDER_HEADER, orders))


def nudge(engine: Engine, now: datetime) -> dict[str, object]:
    result, _ = run_agent(agent="nudges", engine=engine, config=agent_config(public_url="http://links.test"), now=now,
                          body=run_nudges)
    return result


def test_a_declining_partner_hears_what_changed_what_works_and_one_action(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    build_program(engine, tmp_path, now)

    result = nudge(engine, now)

    assert result["window_days"] == 28
    assert [n["partner_id"] for n in result["nudges"]] == ["p-fade"], "steady and growing partners get no nudge"
    assert result["nudges"][0]["sku"] == "BOOT-2", "the action features what similar partners sell most"
    with transaction(engine) as session:
        [message] = outbox.queued_messages(session=session, kind="nudge")
        body = message.body_text
    assert "Your sales through us fell 75%" in body and "fewer people clicked (67% fewer clicks)" in body
    assert "orders 2 against 8 (-75%)" in body and "clicks 20 against 60 (-67%)" in body
    assert "2 partners who sell Boots grew their revenue" in body and "Trail Runner (13 units)" in body
    assert body.count("http://links.test/r/") == 1, "the action's product comes with its tracking link"
    assert "Publish one new piece this week on Trail Runner" in body
    assert nudge(engine, now)["queued"] == 0, "one nudge per partner per week"


def test_a_short_history_compares_shorter_windows() -> None:
    assert comparison_days(90) == 28
    assert comparison_days(21) == 10
    assert comparison_days(14) == 7
    assert comparison_days(13) is None


def test_a_small_partner_losing_one_order_is_noise_not_a_decline() -> None:
    assert drop_p_value(3, 4) > 0.4
    assert drop_p_value(0, 8) < 0.01
    assert drop_p_value(900, 1100) < 0.001  # the normal approximation above 2,000


def test_on_the_demo_program_the_nudges_go_to_the_declining_partners(engine: Engine, tmp_path: Path) -> None:
    end = datetime(2026, 11, 23, tzinfo=UTC)
    files = generate_program(out_dir=tmp_path / "demo", partners=80, days=21, skus=60, seed=11, end=end)
    load_program(engine=engine, files=files)
    truth: dict[str, str] = json.loads(files.truth.read_text())["partners"]

    result = nudge(engine, end)

    nudged = Counter(truth[n["partner_id"]] for n in result["nudges"])
    assert result["window_days"] == 10, "21 days of history: 10 days against the 10 before"
    assert nudged["declining"] >= 3
    assert nudged["declining"] >= 0.8 * sum(nudged.values()), nudged
    assert not set(nudged) & {"rising", "coupon_leaker", "click_injector", "cookie_stuffer", "poacher",
                              "self_referrer"}, nudged
