"""Small programs for focused fraud tests: a seeded background of honest partners plus the partners a test
adds, written as the CSV files users import (orders with the optional ``ip`` / ``user_agent`` /
``customer_email`` checkout columns) and loaded through ``import_csv``.

The honest background is ordinary on purpose: distinct shoppers clicking from their own addresses with a
referrer, converting a few percent of the time hours after the click, a third of them returning customers
(the history before the window makes them so), one order in ten typed with the partner's code and no click.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from tests.agents.programs import write_csv
from workflows.importing.importer import import_csv

END = datetime(2026, 3, 31, tzinfo=UTC)
DAYS = 30
START = END - timedelta(days=DAYS)
AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
HEADERS = {
    "partners": ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"],
    "products": ["sku", "title", "price", "unit_cost", "stock", "stock_target", "category"],
    "coupons": ["code", "partner_id", "exclusive"],
    "clicks": ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"],
    "orders": [
        "order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity",
        "unit_price", "ip", "user_agent", "customer_email",
    ],
}  # fmt: skip


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Program:
    rng: random.Random
    rows: dict[str, list[list[str]]] = field(default_factory=lambda: {kind: [] for kind in HEADERS})
    returning: list[str] = field(default_factory=list)  # customers who ordered before the window
    clicks_made: int = 0
    orders_made: int = 0
    customers_made: int = 0

    def partner(self, partner_id: str, *, email: str = "", code: str = "") -> str:
        email = email or f"{partner_id}@creators.example"
        self.rows["partners"].append(
            [partner_id, partner_id.title(), email, "blog", "5000", "0.04", f"R{partner_id}", ""]
        )
        if code:
            self.rows["coupons"].append([code, partner_id, "true"])
        return partner_id

    def ip(self) -> str:
        return f"{self.rng.randint(24, 200)}.{self.rng.randint(0, 255)}.{self.rng.randint(0, 255)}.{self.rng.randint(2, 254)}"

    def moment(self) -> datetime:
        return START + timedelta(seconds=self.rng.randint(3_600, DAYS * 86_400 - 3 * 86_400))

    def click(self, partner_id: str, ts: datetime, *, ip: str = "", referrer: str = "", customer_ref: str = "") -> str:
        self.clicks_made += 1
        click_id = f"k{self.clicks_made}"
        referrer = f"https://{partner_id}.blog.example/post" if referrer == "" else referrer
        referrer = "" if referrer == "-" else referrer
        self.rows["clicks"].append(
            [click_id, _ts(ts), partner_id, ip or self.ip(), AGENT, referrer, "", "", customer_ref]
        )
        return click_id

    def customer(self, *, returning: bool) -> str:
        if returning:
            return self.rng.choice(self.returning)
        self.customers_made += 1
        return f"c{self.customers_made}"

    def order(
        self, ts: datetime, customer: str, *, click_id: str = "", code: str = "", ip: str = "", email: str = ""
    ) -> str:
        self.orders_made += 1
        order_id = f"o{self.orders_made}"
        self.rows["orders"].append(
            [
                order_id,
                _ts(ts),
                customer,
                click_id,
                "",
                code,
                "USD",
                "SKU-1",
                "1",
                "40.00",
                ip or self.ip(),
                AGENT,
                email,
            ]
        )
        return order_id

    def honest(
        self, partner_id: str, *, clicks: int = 200, conversion: float = 0.05, returning: float = 0.3,
        code_only: float = 0.1, code: str = "",
    ) -> None:  # fmt: skip
        """An ordinary partner: one shopper per click, orders hours after the click, some by code alone."""
        self.partner(partner_id, code=code)
        for _ in range(clicks):
            ts = self.moment()
            click_id = self.click(partner_id, ts)
            if self.rng.random() < conversion:
                delay = timedelta(seconds=min(self.rng.lognormvariate(9.5, 1.0), 5 * 86_400) + 120)
                self.order(ts + delay, self.customer(returning=self.rng.random() < returning), click_id=click_id)
        if code:
            for _ in range(round(clicks * conversion * code_only)):
                self.order(self.moment(), self.customer(returning=self.rng.random() < returning), code=code)


def background(*, seed: int, partners: int = 12) -> Program:
    """Honest partners of varied size over a 30-day window, and 300 customers who ordered before it."""
    program = Program(rng=random.Random(seed))
    program.rows["products"].append(["SKU-1", "Tent", "40.00", "15.00", "500", "500", "outdoor"])
    for index in range(300):
        customer = f"old{index}"
        program.returning.append(customer)
        program.order(START - timedelta(days=20 + index % 30), customer)
    for index in range(partners):
        program.honest(f"h{index:02d}", clicks=program.rng.randint(150, 350), code=f"H{index:02d}CODE")
    return program


def load(engine: Engine, directory: Path, program: Program) -> None:
    """Write each kind's rows and import them in dependency order, one transaction per file, as a user would."""
    directory.mkdir(parents=True, exist_ok=True)
    for kind, header in HEADERS.items():
        path = write_csv(directory / f"{kind}.csv", header, program.rows[kind])
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=path)
