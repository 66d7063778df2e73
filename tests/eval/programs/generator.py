"""Write one evaluation program (CSVs, rules.json, truth.json) from its spec, deterministically.

The truth (archetype, strength and variant of every partner, the orders fraud produced, the measured
base rates) goes to truth.json only; nothing in the CSVs names it. Standard library only.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import fraud_clicks, fraud_orders
from .assign import assign_buyers, known_visitors
from .identity import People
from .measure import base_rates
from .model import DAY, World
from .output import click_rows, order_rows, partner_rows, write_csv
from .roster import build_catalog, build_partners
from .spec import ProgramSpec
from .traffic import configure, genuine, organic

MAX_CLICKS = 80_000
MAX_ORDER_LINES = 12_000
STEALS = {
    "click_injection": fraud_clicks.click_injection,
    "click_spamming": fraud_clicks.click_spamming,
    "cookie_stuffing": fraud_clicks.cookie_stuffing,
}
OWN_ORDERS = {
    "self_referral": fraud_orders.self_referral,
    "coupon_leakage": fraud_orders.coupon_leakage,
    "customer_poaching": fraud_orders.customer_poaching,
}


def build_world(spec: ProgramSpec) -> World:
    rng = random.Random(spec.seed)
    end = datetime.combine(spec.end, time(0, 0), tzinfo=UTC).timestamp()
    brand = spec.name.split("-")[0]
    world = World(
        spec=spec,
        rng=rng,
        start=end - spec.days * DAY,
        end=end,
        shop_domain=f"www.{brand}{spec.theme}.com",
        people=People(rng),
    )
    return world


def write_program(spec: ProgramSpec, directory: str | Path) -> dict[str, Any]:
    """Generate ``spec`` into ``directory`` (created if missing) and return the truth it wrote."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    world = build_world(spec)
    catalog = build_catalog(world)
    build_partners(world)
    configure(world)
    for partner in world.partners:
        genuine(world, partner)
    organic(world)
    for partner in world.partners:
        if partner.archetype in OWN_ORDERS:
            OWN_ORDERS[partner.archetype](world, partner)
    firsts = assign_buyers(world)
    victims = fraud_clicks.Victims(world)
    for partner in world.partners:
        if partner.archetype in STEALS:
            STEALS[partner.archetype](world, partner, victims)
    known_visitors(world, firsts)

    partners, coupons = partner_rows(world)
    clicks = click_rows(world)
    prices = {row["sku"]: Decimal(row["price"]) for row in catalog}
    orders, refunds, placed = order_rows(world, prices)
    if len(clicks) > MAX_CLICKS or len(orders) > MAX_ORDER_LINES:
        raise ValueError(f"{spec.name}: {len(clicks)} clicks, {len(orders)} order lines exceed the budget")
    for kind, rows in (
        ("partners", partners),
        ("products", catalog),
        ("coupons", coupons),
        ("clicks", clicks),
        ("orders", orders),
        ("refunds", refunds),
    ):
        write_csv(target / f"{kind}.csv", kind, rows)
    (target / "rules.json").write_text(json.dumps({"percent": "8"}) + "\n", encoding="utf-8")

    honest = {p.partner_id for p in world.partners if p.archetype == "honest"}
    fraud_orders_by_id = {
        order_id: {"partner_id": intent.partner_id, "mechanism": intent.source}
        for order_id, intent in placed
        if intent.source in OWN_ORDERS or intent.source in STEALS
    }
    affected: dict[str, int] = {}
    for entry in fraud_orders_by_id.values():
        affected[entry["partner_id"]] = affected.get(entry["partner_id"], 0) + 1
    truth: dict[str, Any] = {
        "program": spec.name,
        "split": spec.split,
        "start": world.iso(world.start),
        "end": world.iso(world.end),
        "history_start": orders[0]["ts"],
        "base_rates": base_rates(start=world.start, partners=partners, clicks=clicks, orders=orders),
        "honest_base_rates": base_rates(
            start=world.start, partners=partners, clicks=clicks, orders=orders, honest=honest
        ),
        "sizes": {
            "partners": len(partners),
            "skus": len(catalog),
            "coupons": len(coupons),
            "clicks": len(clicks),
            "orders": len({row["order_id"] for row in orders}),
            "order_lines": len(orders),
            "refunds": len(refunds),
        },
        "partners": {
            p.partner_id: {"archetype": p.archetype, "strength": p.strength, "profile": p.profile}
            for p in world.partners
        },
        "affected_orders": dict(sorted(affected.items())),
        "fraud_orders": fraud_orders_by_id,
    }
    (target / "truth.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    return truth
