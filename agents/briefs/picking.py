"""Choosing SKUs for a partner's brief: best converting for this partner, overstock, new arrivals.

Pure functions over the inventory and sales already loaded, so 1,000+ SKUs and partners cost one query
each, not one per partner.
"""

from __future__ import annotations

from collections import Counter

from agents.briefs.state import SkuPick
from agents.wording import counted
from tools.inventory import SkuInventory
from tools.ledger_view import SkuSales

PICKS = 5


def pick_skus(*, sales: list[SkuSales], inventory: dict[str, SkuInventory], overstock: list[SkuInventory],
              new_arrivals: list[SkuInventory]) -> list[SkuPick]:
    picks: dict[str, SkuPick] = {}
    top_category = partner_top_category(sales=sales, inventory=inventory)
    for rank, row in enumerate(sales):  # best selling first
        item = inventory.get(row.sku)
        if item is None or item.low_stock or item.stock <= 0:
            continue
        lead = "your best seller with us" if rank == 0 else "also selling for you"
        picks[row.sku] = SkuPick(sku=row.sku, title=item.title, category=item.category,
                                 why=f"{lead}: {counted(row.units, 'unit')} sold through your links in the last 4 weeks")
        if len(picks) >= 2:
            break
    for item in _prefer_category(overstock, top_category)[:2]:
        picks.setdefault(item.sku, SkuPick(sku=item.sku, title=item.title, category=item.category,
                                           why="well stocked right now, so it ships fast and we can support it"))
    for item in _prefer_category(new_arrivals, top_category)[:1]:
        picks.setdefault(item.sku, SkuPick(sku=item.sku, title=item.title, category=item.category,
                                           why="new in the shop: your audience hears it first"))
    return list(picks.values())[:PICKS]


def partner_top_category(*, sales: list[SkuSales], inventory: dict[str, SkuInventory]) -> str | None:
    counts: Counter[str] = Counter()
    for row in sales:
        item = inventory.get(row.sku)
        if item is not None:
            counts[item.category] += row.units
    return counts.most_common(1)[0][0] if counts else None


def _prefer_category(items: list[SkuInventory], category: str | None) -> list[SkuInventory]:
    return sorted(items, key=lambda item: (item.category != category, item.sku))
