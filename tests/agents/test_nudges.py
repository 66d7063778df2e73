"""Nudges: a partner whose sales fell gets what changed, what works for similar partners and one action
with its tracking link; steady partners get nothing; short histories compare shorter windows.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from agents.nudges.diagnosis import comparison_days, drivers, drop_p_value, main_driver
from agents.nudges.graph import run as run_nudges
from agents.nudges.sentences import program_context
from agents.runs import run_agent
from agents.wording import change_text, channel
from store.db import transaction
from store.models import Partner
from tests.agents.config import agent_config
from tests.agents.llm_path import run_llm
from tests.agents.openai_server import Script
from tests.agents.programs import PARTNER_HEADER, write_csv
from tools import outbox
from tools.metrics import PartnerMetrics, Totals, change_of, rates_of
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
    "p-fade": ((60, 8, "BOOT-1"), (20, 2, "BOOT-1")),  # fewer clicks
    "p-sag": ((60, 8, "BOOT-1"), (58, 1, "BOOT-1")),  # as many clicks, hardly anyone bought
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


def bodies(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        return {m.partner_id or "": m.body_text for m in outbox.queued_messages(session=session, kind="nudge")}


def nudge(engine: Engine, now: datetime) -> dict[str, object]:
    result, _ = run_agent(agent="nudges", engine=engine, config=agent_config(public_url="http://links.test"), now=now,
                          body=run_nudges)
    return result


def test_a_declining_partner_hears_what_changed_what_works_and_one_action(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    build_program(engine, tmp_path, now)

    result = nudge(engine, now)

    assert result["window_days"] == 28
    assert [n["partner_id"] for n in result["nudges"]] == ["p-fade", "p-sag"], "steady and growing partners: none"
    assert result["nudges"][0]["sku"] == "BOOT-2", "the action features what similar partners sell most"
    body = bodies(engine)["p-fade"]
    assert "Your sales through us fell 75.0%" in body
    assert "mostly because fewer people clicked (20 clicks, against 60)" in body
    assert "orders 2 against 8 (-75.0%)" in body and "clicks 20 against 60 (-66.7%)" in body
    assert "2 partners who sell Boots grew their revenue" in body and "Trail Runner (13 units)" in body
    assert body.count("http://links.test/r/") == 1, "the action's product comes with its tracking link"
    assert "Publish one new piece this week on Trail Runner" in body
    assert nudge(engine, now)["queued"] == 0, "one nudge per partner per week"


def test_a_nudge_whose_conversion_fell_names_conversion_not_clicks(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    build_program(engine, tmp_path, now)

    nudge(engine, now)

    body = bodies(engine)["p-sag"]
    opening = body.split("\n\n")[1]
    assert "mostly because fewer of the people who clicked bought: 1.7% of clicks, against 13.3%" in opening
    assert "while your clicks held up (-3.3%)" in opening
    assert "fewer people clicked" not in body and "clicks fell" not in body
    assert "Your clicks held up (-3.3%) but fewer of them bought" in body


def test_the_programs_change_keeps_its_sign_and_a_decimal() -> None:
    assert change_text(Decimal("0.0018")) == "+0.2%" and change_text(Decimal("-0.0061")) == "-0.6%"
    assert change_text(Decimal("0.0004")) == "about flat" and change_text(None) == "n/a"
    assert program_context(Decimal("0.0018")) == (
        "Over the same days the program as a whole grew 0.2%, so it is not the season.")
    assert program_context(Decimal("-0.0004")) == (
        "Over the same days the program as a whole was about flat, so it is not the season.")
    assert program_context(Decimal("-0.0061")) == (
        "The program as a whole fell only 0.6% over the same days, so the season explains little of it.")
    assert program_context(Decimal("-0.12")).startswith("The program as a whole fell 12.0% over the same days too")


def test_a_revenue_drop_is_split_among_clicks_conversion_code_orders_and_order_value() -> None:
    def partner(now: Totals, before: Totals) -> PartnerMetrics:
        return PartnerMetrics(partner_id="p", name=None, current=now, previous=before, rates=rates_of(now),
                              change=change_of(now, before))

    to_zero = partner(Totals(clicks=70, orders=0, click_orders=0, revenue_cents=0),
                      Totals(clicks=100, orders=4, click_orders=4, revenue_cents=40_000))
    shares = drivers(to_zero)
    assert main_driver(shares) == "conversion", "a conversion that fell to zero is not blamed on the clicks"
    assert sum(shares.values()) == -40_000 and shares["conversion"] < shares["clicks"] < 0
    fewer_clicks = partner(Totals(clicks=156, orders=8, click_orders=8, revenue_cents=212_279),
                           Totals(clicks=298, orders=12, click_orders=11, revenue_cents=283_277))
    assert main_driver(drivers(fewer_clicks)) == "clicks"
    smaller = partner(Totals(clicks=100, orders=10, click_orders=10, revenue_cents=50_000),
                      Totals(clicks=100, orders=10, click_orders=10, revenue_cents=100_000))
    assert drivers(smaller) == {"clicks": 0, "conversion": 0, "other_orders": 0, "order_value": -50_000}
    codes = partner(Totals(clicks=10, orders=3, click_orders=1, revenue_cents=30_000),
                    Totals(clicks=10, orders=12, click_orders=1, revenue_cents=120_000))
    assert main_driver(drivers(codes)) == "other_orders"


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
    with transaction(engine) as session:
        channels = dict(session.execute(select(Partner.id, Partner.channel)).tuples().all())
    for partner_id, body in bodies(engine).items():
        assert re.search(r"the whole program over the same days: revenue ([+-]\d+\.\d%|about flat)\n", body), body
        assert not re.search(r"(?<![\d.,])1 (units|orders|clicks|partners|people)\b", body), body
        if channel(channels[partner_id]).kind == "podcast":
            assert "readers" not in body and "viewers" not in body


def test_an_llm_nudge_that_calls_a_blogs_readers_viewers_is_replaced_by_the_offline_one(
    engine: Engine, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    build_program(engine, tmp_path, now)
    script = Script(overrides={"headline": "A word for your viewers", "body": "Your viewers love boots."})

    _, usage = run_llm(engine, agent="nudges", script=script, now=now, body=run_nudges)

    for body in bodies(engine).values():
        assert "viewers" not in body and "Below: your numbers" in body
    assert usage["fallback_reasons"] == {"nudge:wrong_audience": 2}
