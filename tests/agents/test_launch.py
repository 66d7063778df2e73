"""The launch graph on a program with history: new products imported through the public importer go to the
partners whose audience already buys that category (ranked by past conversions, then audience size), in
one batch of personalised briefs with tracking links; a re-run queues nothing twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from agents.launch.graph import run as run_launch
from agents.runs import run_agent
from store.db import transaction
from store.models import AgentRun, OutboxMessage
from tests.agents.config import agent_config
from tests.agents.programs import PARTNER_HEADER, write_csv
from tools import outbox
from tools.links import create_links
from workflows.importing.importer import import_csv

PRODUCT_HEADER = ["sku", "title", "price", "unit_cost", "stock", "stock_target", "category"]
ORDER_HEADER = ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity",
                "unit_price"]
CATALOG = [
    ["BOOT-1", "Ridge Boot", "120.00", "50.00", "100", "100", "Boots"],
    ["TENT-1", "Dome Tent", "300.00", "140.00", "50", "50", "Tents"],
]
NEW_PRODUCTS = [
    ["BOOT-2", "Ridge Boot Lite", "130.00", "55.00", "200", "100", "Boots"],
    ["TENT-2", "Ultralight Tent", "350.00", "160.00", "80", "50", "Tents"],
    ["LAMP-1", "Camp Lantern", "40.00", "12.00", "300", "100", "Lighting"],
]
# partner id, channel, audience, (sku, units sold through its ref code in the last 60 days)
PARTNERS = [
    ("p-boot1", "https://youtube.com/@boot1", 20_000, ("BOOT-1", 6)),
    ("p-boot2", "https://boot2.example.com", 20_000, ("BOOT-1", 5)),
    ("p-boot3", "https://boot3.example.com", 20_000, ("BOOT-1", 4)),
    ("p-boot4", "https://boot4.example.com", 20_000, ("BOOT-1", 3)),
    ("p-boot5", "https://boot5.example.com", 10_000, ("BOOT-1", 2)),
    ("p-boot6", "https://boot6.example.com", 90_000, ("BOOT-1", 2)),  # same sales as boot5, bigger audience
    ("p-tent1", "https://tent1.example.com", 30_000, ("TENT-1", 8)),
    ("p-tent2", "https://instagram.com/tent2", 15_000, ("TENT-1", 1)),
    ("p-quiet", "https://youtube.com/@quiet", 500_000, None),  # a huge audience that never converted
]


def load_program(engine: Engine, tmp_path: Path, now: datetime) -> None:
    partners = [[pid, pid.title(), f"{pid}@example.com", channel, str(audience), "0.05", pid, ""]
                for pid, channel, audience, _ in PARTNERS]
    orders = []
    for pid, _, _, sold in PARTNERS:
        if sold is None:
            continue
        sku, units = sold
        price = next(row[2] for row in CATALOG if row[0] == sku)
        for n in range(units):
            ts = (now - timedelta(days=5 + 7 * n)).isoformat()
            orders.append([f"o-{pid}-{n}", ts, f"c-{pid}-{n}", "", pid, "", "USD", sku, "1", price])
    with transaction(engine) as session:
        import_csv(session=session, kind="products", path=write_csv(tmp_path / "catalog.csv", PRODUCT_HEADER, CATALOG))
        import_csv(session=session, kind="partners", path=write_csv(tmp_path / "partners.csv", PARTNER_HEADER, partners))
        import_csv(session=session, kind="orders", path=write_csv(tmp_path / "orders.csv", ORDER_HEADER, orders))


def import_products(engine: Engine, path: Path, rows: list[list[str]]) -> None:
    """A catalog re-import: the known products plus the new ones (the importer upserts by SKU)."""
    with transaction(engine) as session:
        import_csv(session=session, kind="products", path=write_csv(path, PRODUCT_HEADER, rows))


def launch(engine: Engine, now: datetime) -> dict[str, object]:
    result, _ = run_agent(agent="launch", engine=engine, config=agent_config(public_url="http://links.test"), now=now,
                          body=run_launch)
    return result


def launch_messages(engine: Engine) -> list[OutboxMessage]:
    with transaction(engine) as session:
        messages = outbox.queued_messages(session=session, kind="launch")
        session.expunge_all()
    return messages


def picked(result: dict[str, object]) -> dict[str, set[str]]:
    """SKU -> the partners whose launch brief features it."""
    by_sku: dict[str, set[str]] = {}
    briefs = result["launch_briefs"]
    assert isinstance(briefs, list)
    for brief in briefs:
        for sku in brief["skus"]:
            by_sku.setdefault(sku, set()).add(brief["partner_id"])
    return by_sku


def test_new_products_go_to_the_partners_who_sell_their_category(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    load_program(engine, tmp_path, now)
    import_products(engine, tmp_path / "catalog-2.csv", CATALOG + NEW_PRODUCTS)

    result = launch(engine, now)

    by_sku = picked(result)
    assert by_sku["BOOT-2"] == {"p-boot1", "p-boot2", "p-boot3", "p-boot4", "p-boot6"}, \
        "top 5 boot sellers; the tie at 2 units goes to the bigger audience"
    assert by_sku["TENT-2"] == {"p-tent1", "p-tent2"}, "only partners whose audience buys tents"
    assert by_sku["LAMP-1"] == {"p-tent1", "p-boot1", "p-boot2", "p-boot3", "p-boot4"}, \
        "a category nobody sold yet goes to the best converters overall"
    assert "BOOT-1" not in by_sku and "TENT-1" not in by_sku, "the catalog imported before trading is not new"
    assert all("p-quiet" not in partners for partners in by_sku.values()), "an audience that never bought"

    messages = launch_messages(engine)
    assert result["queued"] == len(messages) == 7, "one brief per matched partner, all in the same run"
    by_partner = {m.partner_id: m for m in messages}
    tent1 = by_partner["p-tent1"].body_text
    assert "Hi P-Tent1," in tent1
    assert "Ultralight Tent (Tents)" in tent1 and "your links sold 8 units in the last 90 days" in tent1
    assert "Camp Lantern (Lighting)" in tent1 and "Ridge Boot Lite" not in tent1
    assert tent1.count("http://links.test/r/") == 2, "a tracking link per new product"
    with transaction(engine) as session:
        [link] = create_links(session=session, partner_id="p-tent1", skus=["TENT-2"], public_url="http://links.test")
    assert link.url in tent1, "the brief's link is the partner's one link for that product"
    boot1 = by_partner["p-boot1"]
    assert "SHORT VIDEO SCRIPT" in boot1.body_text, "a video channel gets a script"
    assert "SHORT VIDEO SCRIPT" not in by_partner["p-boot2"].body_text
    assert boot1.subject.startswith("New at ") and "Ridge Boot Lite" in boot1.subject
    assert boot1.body_html is not None and 'href="http://links.test/r/' in boot1.body_html


def test_a_rerun_announces_nothing_twice_and_a_later_arrival_only_once(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    load_program(engine, tmp_path, now)
    import_products(engine, tmp_path / "catalog-2.csv", CATALOG + NEW_PRODUCTS[:1])
    first = launch(engine, now)
    assert first["queued"] == 5

    again = launch(engine, now + timedelta(hours=1))
    assert again["queued"] == 0 and again["launch_briefs"] == []
    assert len(launch_messages(engine)) == 5

    import_products(engine, tmp_path / "catalog-3.csv", CATALOG + NEW_PRODUCTS[:2])
    later = launch(engine, now + timedelta(days=1))

    assert picked(later) == {"TENT-2": {"p-tent1", "p-tent2"}}, "BOOT-2 was announced already"
    messages = launch_messages(engine)
    assert len(messages) == 7
    assert [m.body_text.count("/r/") for m in messages if m.partner_id == "p-tent1"] == [1]
    with transaction(engine) as session:
        runs = session.scalar(select(func.count()).select_from(AgentRun).where(AgentRun.agent == "launch"))
    assert runs == 3
