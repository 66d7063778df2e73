"""A small seeded program with honest partners and one partner per fraud behaviour, as CSV rows.

Independent of the demo generator on purpose: the detectors must recognise behaviours, not one
generator's constants. Honest partners vary in size; each fraud partner shows one behaviour (the poacher:
existing customers whose click comes minutes before checkout, as cashback and coupon sites do).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

END = datetime(2026, 3, 31, tzinfo=UTC)
DAYS = 30
FRAUD = ("click_injector", "cookie_stuffer", "self_referrer", "coupon_leaker", "poacher")


@dataclass
class Program:
    partners: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    clicks: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(*, seed: int, honest: int) -> Program:
    rng = random.Random(seed)
    program = Program(products=["SKU-1,Tent,80.00,30.00,100,100,outdoor", "SKU-2,Mug,20.00,6.00,100,100,home"])
    returning = [f"old{i}" for i in range(400)]
    for index, customer in enumerate(returning):  # earlier buyers, so later orders of theirs are "returning"
        program.history.append(f"h{index},{_ts(END - timedelta(days=60 + index % 20))},{customer},,,,USD,SKU-2,1,20.00")
    kinds = ["honest"] * honest + list(FRAUD)
    click_no = order_no = 0
    for index, kind in enumerate(kinds):
        pid = f"p{index:03d}"
        program.truth[pid] = kind
        program.partners.append(f"{pid},Partner {index},{pid}@creators.example,blog,5000,0.04,R{pid},C{pid},direct")
        clicks = rng.randint(150, 400) * (20 if kind == "cookie_stuffer" else 1)
        orders = max(15 if kind in FRAUD else 3, clicks // (400 if kind == "cookie_stuffer" else rng.randint(18, 30)))
        prefixes = [f"10.{index}.{rng.randint(0, 255)}" for _ in range(4 if kind == "cookie_stuffer" else 10_000)]
        click_ids: list[tuple[str, datetime]] = []
        for _ in range(clicks):
            click_no += 1
            ts = END - timedelta(seconds=rng.randint(3 * 86_400, DAYS * 86_400 - 60))
            referrer = (
                ""
                if (kind == "cookie_stuffer" and rng.random() < 0.95) or rng.random() < 0.1
                else "https://x.example/p"
            )
            ip = f"{rng.choice(prefixes)}.{rng.randint(1, 254)}"
            program.clicks.append(f"k{click_no},{_ts(ts)},{pid},{ip},Mozilla/5.0,{referrer},,,")
            click_ids.append((f"k{click_no}", ts))
        for click_id, click_ts in rng.sample(click_ids, min(orders, len(click_ids))):
            order_no += 1
            fast = kind == "click_injector" and rng.random() < 0.8
            delay = rng.randint(5, 50) if fast else int(min(rng.lognormvariate(8.5, 1.3), 2 * 86_400)) + 90
            if kind == "poacher" and rng.random() < 0.7:  # a cashback site's click at the checkout
                delay = rng.randint(120, 600)
            old = rng.random() < (0.9 if kind in ("poacher", "cookie_stuffer") else 0.3)
            customer = rng.choice(returning) if old else f"c{order_no}"
            if kind == "self_referrer" and rng.random() < 0.5:
                customer = f"{pid}@creators.example"
            code = f"C{pid}" if rng.random() < 0.15 else ""
            program.orders.append(
                f"o{order_no},{_ts(click_ts + timedelta(seconds=delay))},{customer},{click_id},,{code},USD,SKU-1,1,80.00"
            )
        if kind == "coupon_leaker":
            for day in rng.sample(range(3, 25), 3):  # bursts of code-only orders on a few days
                for _ in range(rng.randint(6, 12)):
                    order_no += 1
                    ts = END - timedelta(days=day, seconds=rng.randint(0, 20_000))
                    program.orders.append(f"o{order_no},{_ts(ts)},c{order_no},,,C{pid},USD,SKU-2,1,20.00")
    return program
