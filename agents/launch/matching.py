"""Which partners suit a new product: pure ranking over the sales history already loaded (no SQL here).

A partner is a candidate when it is active and not flagged (purge tier or a high-severity fraud finding).
For a product in a category the program already sells, the candidates are the partners whose links sold in
that category, ranked by units sold there (past conversions), then by units sold anywhere, then by audience
size. For a category nobody has sold yet there is no category evidence, so the best overall converters are
chosen, by units sold, then audience. A partner that never converted is never picked: no evidence it sells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from agents.wording import counted
from tools.inventory import SkuInventory
from tools.ledger_view import PartnerContact, SkuSales

PARTNERS_PER_PRODUCT = 5


@dataclass(frozen=True, slots=True)
class PartnerHistory:
    partner_id: str
    audience_size: int
    units_by_category: Mapping[str, int]

    @property
    def units(self) -> int:
        return sum(self.units_by_category.values())


@dataclass(frozen=True, slots=True)
class Match:
    partner_id: str
    category_units: int
    units: int
    audience_size: int

    def why(self, category: str) -> str:
        if self.category_units:
            return f"new in {category}, where your links sold {counted(self.category_units, 'unit')} in the last 90 days"
        return (f"a new category for us ({category}); your links sold {counted(self.units, 'unit')} across the shop "
                f"in 90 days and you reach {counted(self.audience_size, 'person', 'people')}")


def histories(*, contacts: Mapping[str, PartnerContact], sales: Mapping[str, list[SkuSales]],
              category_of: Mapping[str, str], excluded: Iterable[str]) -> list[PartnerHistory]:
    """Per candidate partner, units sold per category (partners with no sales are kept: they rank last)."""
    skip = set(excluded)
    result = []
    for pid, contact in contacts.items():
        if pid in skip:
            continue
        counts: Counter[str] = Counter()
        for row in sales.get(pid, []):
            counts[category_of.get(row.sku, "")] += row.units
        result.append(PartnerHistory(partner_id=pid, audience_size=contact.audience_size, units_by_category=counts))
    return result


def best_partners(*, product: SkuInventory, candidates: list[PartnerHistory], sold_categories: set[str],
                  limit: int = PARTNERS_PER_PRODUCT) -> list[Match]:
    """The ``limit`` partners best suited to ``product`` (see the module docstring), best first."""
    matches = [
        Match(partner_id=h.partner_id, category_units=h.units_by_category.get(product.category, 0), units=h.units,
              audience_size=h.audience_size)
        for h in candidates
    ]
    if product.category in sold_categories:
        matches = [m for m in matches if m.category_units > 0]
    else:
        matches = [m for m in matches if m.units > 0]
    matches.sort(key=lambda m: (-m.category_units, -m.units, -m.audience_size, m.partner_id))
    return matches[:limit]
