"""``generate_program``: write a realistic, reproducible affiliate program as the CSV files users import.

Same seed, same parameters and same ``end`` give byte-identical files. Timestamps are laid out relative
to ``end`` (the CLI passes the current hour, so the demo always looks current; pass a fixed ``end`` for
reproducible files). The ground truth (partner -> archetype, the parameters drawn for each partner, the
kind of each application, the partner and click behind each order that lost its cookie) is written to
``demo_truth.json`` beside the CSVs and never into the store: analytics must find the fraud on their own.

Checkout signals and lost-cookie orders (``workflows.demo.checkout``) come from a second random stream and
their orders are numbered after all others, so adding them left every other row as it was.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

from store.money import format_money
from workflows.demo.archetypes import DEFAULT_MIX, assign_archetypes, draw_behaviour
from workflows.demo.catalog import (
    APPLICATION_TEMPLATES,
    brand_guide,
    make_applications,
    make_partner,
    make_products,
    rules_body,
)
from workflows.demo.checkout import checkout_random, checkout_signals, lost_cookie_orders
from workflows.demo.traffic import RETURN_DAYS, Order, World, simulate_organic, simulate_partner
from workflows.importing.importer import REQUIRED_COLUMNS

CURRENCY = "USD"
LOAD_ORDER = ("partners", "products", "coupons", "clicks", "orders", "refunds", "applications")


@dataclass(frozen=True, slots=True)
class DemoFiles:
    """Where a generated program lives: one CSV per import kind (in load order), plus the extras."""

    out_dir: Path
    csv: dict[str, Path]
    brand_guide: Path
    rules: Path
    truth: Path
    end: datetime


def generate_program(
    *,
    out_dir: Path,
    partners: int = 200,
    days: int = 90,
    seed: int = 7,
    skus: int = 500,
    end: datetime | None = None,
    mix: Mapping[str, float] | None = None,
    noise: float = 0.15,
    organic_per_day: float | None = None,
) -> DemoFiles:
    """Simulate the program and write it to ``out_dir``; returns the paths.

    ``mix`` maps archetype -> share (normalised; default ``DEFAULT_MIX``); ``noise`` in [0, 1] widens
    the spread of every behaviour; ``organic_per_day`` is unattributed orders per day (default
    partners / 4). ``end`` defaults to today 00:00 UTC.
    """
    if partners < 1 or days < 7 or skus < 8:
        raise ValueError("the demo needs at least 1 partner, 7 days and 8 SKUs")
    if not 0 <= noise <= 1:
        raise ValueError("noise must be between 0 and 1")
    end = (end or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)).astimezone(UTC)
    mix = dict(mix or DEFAULT_MIX)
    rng = Random(seed)
    products = make_products(rng, skus)
    archetypes = assign_archetypes(rng, partners, mix)
    specs = [
        make_partner(rng, index, archetype, with_coupon=archetype == "coupon_leaker" or rng.random() < 0.35)
        for index, archetype in enumerate(archetypes)
    ]
    behaviours = [draw_behaviour(rng, archetype, noise) for archetype in archetypes]
    world = World(rng=rng, end=end, days=days, products=products)
    simulate_organic(world, per_day=partners / 4 if organic_per_day is None else organic_per_day)
    honest = [
        (spec, behaviour, simulate_partner(world, spec, behaviour, noise))
        for spec, behaviour in zip(specs, behaviours, strict=True)
    ]
    checkout = checkout_random(seed)
    lost = sorted(lost_cookie_orders(world=world, rng=checkout, honest_clicks=honest), key=lambda p: _when(p[0]))

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {kind: out_dir / f"{kind}.csv" for kind in LOAD_ORDER}
    _write(paths["partners"], (*REQUIRED_COLUMNS["partners"], "network"), [
        [s.partner_id, s.name, s.email, s.channel, s.audience_size, s.engagement_rate, s.ref_code, s.coupon_code,
         s.network]
        for s in specs
    ])  # fmt: skip
    _write(paths["products"], REQUIRED_COLUMNS["products"], [
        [p.sku, p.title, format_money(p.price_cents, CURRENCY), format_money(p.unit_cost_cents, CURRENCY), p.stock,
         p.stock_target, p.category]
        for p in products
    ])  # fmt: skip
    _write(paths["coupons"], REQUIRED_COLUMNS["coupons"], [["WELCOME10", "", "false"], ["SUMMERTRAIL", "", "false"]])
    clicks = sorted(world.clicks, key=lambda c: (c.ts, c.click_id))
    _write(paths["clicks"], REQUIRED_COLUMNS["clicks"], [
        [c.click_id, c.ts.isoformat(), c.partner_id, c.ip, c.user_agent, c.referrer, c.landing_url, c.sku,
         c.customer_ref]
        for c in clicks
    ])  # fmt: skip
    orders = sorted(world.orders, key=_when)
    lost_orders = [order for order, _ in lost]
    for number, order in enumerate([*orders, *lost_orders], start=1):
        order.order_id = f"ord-{number:07d}"
    everything = sorted([*orders, *lost_orders], key=_when)
    lost_clicks = {order.order_id: click for order, click in lost}
    signals = checkout_signals(world=world, rng=checkout, orders=everything, lost_cookie_clicks=lost_clicks)
    _write(paths["orders"], (*REQUIRED_COLUMNS["orders"], "ip", "user_agent"), [
        [o.order_id, o.ts.isoformat(), o.customer_id, o.click_id, o.ref_code, o.coupon_code, CURRENCY, sku, quantity,
         format_money(price, CURRENCY), *signals[o.order_id]]
        for o in everything
        for sku, quantity, price in o.lines
    ])  # fmt: skip
    refunds = _refunds(rng, orders, end)
    refunds += _refunds(checkout, lost_orders, end, first_number=len(refunds) + 1)
    _write(paths["refunds"], REQUIRED_COLUMNS["refunds"], refunds)
    _write(paths["applications"], REQUIRED_COLUMNS["applications"], make_applications(rng, end))

    guide = out_dir / "brand_guide.md"
    guide.write_text(brand_guide(), encoding="utf-8")
    rules = out_dir / "rules.json"
    rules.write_text(json.dumps(rules_body(products, world.start, end), indent=2), encoding="utf-8")
    truth = out_dir / "demo_truth.json"
    params: dict[str, Any] = {
        "partners": partners, "days": days, "skus": skus, "end": end.isoformat(), "mix": mix, "noise": noise,
        "organic_per_day": organic_per_day, "currency": CURRENCY, "return_days": RETURN_DAYS,
    }  # fmt: skip
    truth.write_text(
        json.dumps(
            {
                "seed": seed,
                "params": params,
                "partners": {s.partner_id: b.archetype for s, b in zip(specs, behaviours, strict=True)},
                "partner_params": {s.partner_id: b.as_dict() for s, b in zip(specs, behaviours, strict=True)},
                "applications": {f"app-{i + 1:03d}": t[0] for i, t in enumerate(APPLICATION_TEMPLATES)},
                "lost_cookie_orders": {
                    order_id: {"partner_id": click.partner_id, "click_id": click.click_id}
                    for order_id, click in lost_clicks.items()
                },
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return DemoFiles(out_dir=out_dir, csv=paths, brand_guide=guide, rules=rules, truth=truth, end=end)


def _when(order: Order) -> tuple[datetime, str]:
    return order.ts, order.customer_id


def _refunds(rng: Random, orders: Sequence[Order], end: datetime, first_number: int = 1) -> list[list[Any]]:
    """Refunds within the return window: a whole line, part of a line, or the whole order."""
    rows: list[list[Any]] = []
    for order in orders:
        if rng.random() >= order.refund_rate:
            continue
        ts = order.ts + timedelta(seconds=int(rng.uniform(0.5, RETURN_DAYS - 3) * 86_400))
        if ts >= end:
            continue
        sku, quantity, price = rng.choice(order.lines)
        kind = rng.random()
        if kind < 0.6:
            amount, refund_sku = quantity * price, sku
        elif kind < 0.85:
            amount, refund_sku = max(1, quantity * price * rng.randint(20, 70) // 100), sku
        else:
            amount, refund_sku = sum(q * p for _, q, p in order.lines), ""
        if amount <= 0:
            continue
        refund_id = f"rfd-{len(rows) + first_number:06d}"
        rows.append([refund_id, order.order_id, ts.isoformat(), refund_sku, format_money(amount, CURRENCY)])
    return rows


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
