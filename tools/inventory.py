"""Inventory look-ups for the agents: sales velocity, days of cover, overstock, low stock and new arrivals.

Days of cover = stock ÷ daily units sold (all orders, not only attributed ones) over a trailing window. Units
sold leave out voided orders (``afflow orders void``) and a replaced order's superseded lines: neither took stock.
One set-based query for every SKU, so it stays fast with thousands of products.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Order, OrderLine, Product

LOW_COVER_DAYS = Decimal(14)
OVERSTOCK_COVER_DAYS = Decimal(90)
OVERSTOCK_TARGET_RATIO = Decimal("1.5")


@dataclass(frozen=True, slots=True)
class SkuInventory:
    sku: str
    title: str
    category: str
    price_cents: int
    unit_cost_cents: int
    stock: int
    stock_target: int
    units_sold: int
    daily_velocity: Decimal
    days_of_cover: Decimal | None
    is_new: bool
    created_at: datetime

    @property
    def unit_margin_cents(self) -> int:
        return self.price_cents - self.unit_cost_cents

    @property
    def low_stock(self) -> bool:
        """Selling fast and running out: fewer than 14 days of cover."""
        return self.days_of_cover is not None and self.units_sold > 0 and self.days_of_cover < LOW_COVER_DAYS

    @property
    def overstock(self) -> bool:
        """Well above target and slow: over 1.5× target stock and over 90 days of cover (or no sales)."""
        above_target = self.stock > self.stock_target * OVERSTOCK_TARGET_RATIO
        slow = self.days_of_cover is None or self.days_of_cover > OVERSTOCK_COVER_DAYS
        return self.stock > 0 and above_target and slow


def inventory_status(
    *, session: Session, as_of: datetime, window_days: int = 28, new_days: int = 14
) -> list[SkuInventory]:
    since = as_of - timedelta(days=window_days)
    sold = (
        select(OrderLine.sku.label("sku"), func.sum(OrderLine.quantity).label("units"))
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.ts > since, Order.ts <= as_of, Order.voided_at.is_(None), OrderLine.replaced_by.is_(None))
        .group_by(OrderLine.sku)
        .subquery()
    )
    rows = session.execute(
        select(Product, func.coalesce(sold.c.units, 0)).outerjoin(sold, sold.c.sku == Product.sku).order_by(Product.sku)
    )
    result: list[SkuInventory] = []
    for product, units in rows:
        velocity = (Decimal(int(units)) / window_days).quantize(Decimal("0.001"))
        cover = (Decimal(product.stock) / velocity).quantize(Decimal("0.1")) if velocity > 0 else None
        result.append(
            SkuInventory(
                sku=product.sku,
                title=product.title,
                category=product.category,
                price_cents=product.price_cents,
                unit_cost_cents=product.unit_cost_cents,
                stock=product.stock,
                stock_target=product.stock_target,
                units_sold=int(units),
                daily_velocity=velocity,
                days_of_cover=cover,
                is_new=product.created_at > as_of - timedelta(days=new_days),
                created_at=product.created_at,
            )
        )
    return result
