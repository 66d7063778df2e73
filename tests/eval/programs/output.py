"""Turn the world into CSV rows (one order row per line, refunds after the order) and write them."""

from __future__ import annotations

import csv
import re
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from .model import DAY, HOUR, Intent, World

Row = dict[str, str]
COLUMNS: dict[str, tuple[str, ...]] = {
    "partners": (
        "partner_id",
        "name",
        "email",
        "channel",
        "audience_size",
        "engagement_rate",
        "ref_code",
        "coupon_code",
        "network",
    ),
    "products": ("sku", "title", "price", "unit_cost", "stock", "stock_target", "category"),
    "coupons": ("code", "partner_id", "exclusive"),
    "clicks": ("click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"),
    "orders": (
        "order_id",
        "ts",
        "customer_id",
        "click_id",
        "ref_code",
        "coupon_code",
        "currency",
        "sku",
        "quantity",
        "unit_price",
        "ip",
        "user_agent",
        "customer_email",
    ),
    "refunds": ("refund_id", "order_id", "ts", "sku", "amount"),
}
CENT = Decimal("0.01")


def partner_rows(world: World) -> tuple[list[Row], list[Row]]:
    partners, coupons = [], []
    for p in world.partners:
        partners.append(
            {
                "partner_id": p.partner_id,
                "name": p.name,
                "email": p.email,
                "channel": p.channel,
                "audience_size": str(p.audience_size),
                "engagement_rate": f"{p.engagement_rate:.4f}",
                "ref_code": p.ref_code,
                "coupon_code": p.coupon_code,
                "network": p.network,
            }
        )
        if p.coupon_code:
            coupons.append({"code": p.coupon_code, "partner_id": p.partner_id, "exclusive": str(p.exclusive).lower()})
    return partners, coupons


def click_rows(world: World) -> list[Row]:
    ordered = sorted(world.clicks, key=lambda click: (click.ts, click.click_id))
    return [
        {
            "click_id": c.click_id,
            "ts": world.iso(c.ts),
            "partner_id": c.partner_id,
            "ip": c.ip,
            "user_agent": c.user_agent,
            "referrer": c.referrer,
            "landing_url": c.landing_url,
            "sku": c.sku,
            "customer_ref": c.customer_ref,
        }
        for c in ordered
    ]


def _email(world: World, intent: Intent) -> str:
    assert intent.customer is not None
    if world.rng.random() >= 0.6:
        return ""
    if intent.email_shown is not None:
        return intent.email_shown
    email = intent.customer.email
    return email[0].upper() + email[1:] if world.rng.random() < 0.05 else email


def order_rows(world: World, prices: dict[str, Decimal]) -> tuple[list[Row], list[Row], list[tuple[str, Intent]]]:
    """Order lines and refunds; also (order_id, intent) in time order for the truth."""
    rng = world.rng
    lines: list[Row] = []
    refunds: list[tuple[float, Row]] = []
    placed: list[tuple[str, Intent]] = []
    ordered = sorted(range(len(world.intents)), key=lambda index: (world.intents[index].ts, index))
    for number, index in enumerate(ordered):
        intent = world.intents[index]
        assert intent.customer is not None
        order_id = f"SO{100001 + number}"
        placed.append((order_id, intent))
        count = rng.choices((1, 2, 3), weights=(86, 10, 4))[0]
        skus = [intent.click_sku or world.sku()]
        while len(skus) < count:
            sku = world.sku()
            if sku not in skus:
                skus.append(sku)
        match = re.search(r"(\d+)[A-Z]$", intent.coupon)
        discount = Decimal(match.group(1)) / 100 if match else Decimal(0)
        email = _email(world, intent)
        blank_device = intent.source == "organic" and rng.random() < 0.015
        for sku in skus:
            quantity = rng.choices((1, 2, 3), weights=(85, 12, 3))[0]
            unit_price = (prices[sku] * (1 - discount)).quantize(CENT, rounding=ROUND_HALF_EVEN)
            lines.append(
                {
                    "order_id": order_id,
                    "ts": world.iso(intent.ts),
                    "customer_id": intent.customer.customer_id,
                    "click_id": intent.click.click_id if intent.click else "",
                    "ref_code": intent.ref_code,
                    "coupon_code": intent.coupon,
                    "currency": "USD",
                    "sku": sku,
                    "quantity": str(quantity),
                    "unit_price": f"{unit_price}",
                    "ip": "" if blank_device else intent.ip,
                    "user_agent": "" if blank_device else intent.user_agent,
                    "customer_email": email,
                }
            )
            if rng.random() < intent.refund_rate:
                ts = intent.ts + max(HOUR, world.lognormal_delay(7 * DAY, 0.7))
                if ts < world.end:
                    total = unit_price * quantity
                    share = Decimal(1) if rng.random() < 0.7 else Decimal(str(round(rng.uniform(0.2, 0.8), 2)))
                    amount = max(CENT, (total * share).quantize(CENT, rounding=ROUND_HALF_EVEN))
                    refunds.append((ts, {"order_id": order_id, "ts": world.iso(ts), "sku": sku, "amount": f"{amount}"}))
    refunds.sort(key=lambda item: (item[0], item[1]["order_id"], item[1]["sku"]))
    refund_rows = [{"refund_id": f"RF{50001 + n}", **row} for n, (_, row) in enumerate(refunds)]
    return lines, refund_rows, placed


def write_csv(path: Path, kind: str, rows: list[Row]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[kind])
        writer.writeheader()
        writer.writerows(rows)
