"""What a nudge says, from the numbers: is the partner declining, what changed, what works for similar
partners, and the one action to take. Pure functions over analytics already loaded (no SQL here).

- The comparison is the last ``window_days`` against the ``window_days`` before, the longest of up to 28
  days that the store's history covers twice (a 21-day history compares 10 days with 10 days); under 7 days
  per window there is nothing to compare and no nudges are sent.
- A decline: revenue or orders down by 20% or more, from at least 3 orders, and a drop that is not noise:
  given the counts of both windows, a one-sided binomial test (equal rates) gives p < 0.05 for the orders,
  or clicks fell by 20% or more with p < 0.01 (clicks are many; orders of a small partner are few).
- Similar partners: clean partners (maintain or growth, no fraud finding) whose revenue grew, that sell the
  declining partner's main category (else share its network, else any). What works is what they sell most.
- What drove the decline: revenue = (clicks x conversion + orders not credited through a click) x average
  order value; the change is split exactly among those four factors by their Shapley values (each factor's
  effect averaged over every order of changing them, so a conversion that fell to zero is not blamed on the
  clicks that fell alongside it). When revenue held and only orders fell, the orders are split the same way.
  The driver is the factor that took away the most.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from agents.wording import change_text, counted
from store.money import human_money
from tools.analytics_sql import percent_text, ratio
from tools.inventory import SkuInventory
from tools.ledger_view import SkuSales
from tools.metrics import PartnerMetrics, Totals, rates_of

DECLINE = Decimal("-0.20")
MIN_PREVIOUS_ORDERS = 3
ORDERS_SIGNIFICANCE = 0.05
CLICKS_SIGNIFICANCE = 0.01
EXACT_UP_TO = 2000
MAX_WINDOW_DAYS = 28
MIN_WINDOW_DAYS = 7
MIN_PEERS = 2


def comparison_days(history_days: int) -> int | None:
    """The window length the history covers twice (capped at 28 days), or None under 7 days."""
    days = min(MAX_WINDOW_DAYS, history_days // 2)
    return days if days >= MIN_WINDOW_DAYS else None


def drop_p_value(current: int, previous: int) -> float:
    """P(X <= current) for X ~ Binomial(current + previous, 1/2): how likely so few orders are by chance."""
    n = current + previous
    if n == 0:
        return 1.0
    if n > EXACT_UP_TO:  # normal approximation with continuity correction
        z = (current + 0.5 - n / 2) / math.sqrt(n / 4)
        return 0.5 * math.erfc(-z / math.sqrt(2))
    tail: int = sum(math.comb(n, k) for k in range(current + 1))
    return min(1.0, tail / (1 << n))


def is_declining(partner: PartnerMetrics) -> bool:
    now, before, change = partner.current, partner.previous, partner.change
    fell = (change.revenue is not None and change.revenue <= DECLINE) or (
        change.orders is not None and change.orders <= DECLINE)
    if not fell or before.orders < MIN_PREVIOUS_ORDERS:
        return False
    orders_dropped = drop_p_value(now.orders, before.orders) < ORDERS_SIGNIFICANCE
    clicks_dropped = traffic_fell(partner) and drop_p_value(now.clicks, before.clicks) < CLICKS_SIGNIFICANCE
    return orders_dropped or clicks_dropped


def main_category(sales: list[SkuSales], category_of: Mapping[str, str]) -> str | None:
    counts: Counter[str] = Counter()
    for row in sales:
        counts[category_of.get(row.sku, "")] += row.units
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else None


@dataclass(frozen=True, slots=True)
class Peers:
    basis: str  # "category" | "network" | "program"
    partner_ids: list[str]
    top_skus: list[tuple[str, int]]  # (sku, units) they sold most, in stock
    conversion_rate: Decimal | None  # their pooled click-credited orders / clicks


def similar_partners(*, category: str | None, network: str, growing: list[PartnerMetrics],
                     category_now: Mapping[str, str | None], network_of: Mapping[str, str],
                     sales_now: Mapping[str, list[SkuSales]], stock: Mapping[str, SkuInventory]) -> Peers:
    by_category = [p for p in growing if category is not None and category_now.get(p.partner_id) == category]
    by_network = [p for p in growing if network_of.get(p.partner_id) == network]
    if len(by_category) >= MIN_PEERS:
        basis, peers = "category", by_category
    elif len(by_network) >= MIN_PEERS:
        basis, peers = "network", by_network
    else:
        basis, peers = "program", growing
    units: Counter[str] = Counter()
    for peer in peers:
        for row in sales_now.get(peer.partner_id, []):
            item = stock.get(row.sku)
            sellable = item is not None and item.stock > 0 and not item.low_stock
            if sellable and item is not None and (basis != "category" or item.category == category):
                units[row.sku] += row.units
    clicks = sum(p.current.clicks for p in peers)
    orders = sum(p.current.click_orders for p in peers)  # as the partner's own conversion_rate
    return Peers(basis=basis, partner_ids=[p.partner_id for p in peers], top_skus=units.most_common(3),
                 conversion_rate=ratio(orders, clicks))


FACTORS = ("clicks", "conversion", "other_orders", "order_value")


def _factors(totals: Totals, fallback: Totals) -> dict[str, Fraction]:
    """The four factors of ``totals``; a rate with nothing to divide by takes ``fallback``'s (it did not move)."""
    def rate(numerator: int, denominator: int, other_numerator: int, other_denominator: int) -> Fraction:
        if denominator:
            return Fraction(numerator, denominator)
        return Fraction(other_numerator, other_denominator) if other_denominator else Fraction(0)

    return {
        "clicks": Fraction(totals.clicks),
        "conversion": rate(totals.click_orders, totals.clicks, fallback.click_orders, fallback.clicks),
        "other_orders": Fraction(totals.orders - totals.click_orders),
        "order_value": rate(totals.revenue_cents, totals.orders, fallback.revenue_cents, fallback.orders),
    }


def measure_of(partner: PartnerMetrics) -> str:
    """What declined: ``revenue`` when it fell by ``DECLINE`` or more, else ``orders`` (see ``is_declining``)."""
    revenue = partner.change.revenue
    return "revenue" if revenue is not None and revenue <= DECLINE else "orders"


def drivers(partner: PartnerMetrics, *, measure: str = "revenue") -> dict[str, Decimal]:
    """Each factor's exact share of the change of ``measure`` (revenue in cents, or orders), in ``FACTORS``
    order; the shares add up to the change (orders have no order-value factor)."""
    now = _factors(partner.current, partner.previous)
    before = _factors(partner.previous, partner.current)
    names = FACTORS if measure == "revenue" else FACTORS[:3]

    def value(changed: frozenset[str]) -> Fraction:
        f = {name: (now if name in changed else before)[name] for name in FACTORS}
        orders = f["clicks"] * f["conversion"] + f["other_orders"]
        return orders * f["order_value"] if "order_value" in names else orders

    n = len(names)
    shares = {}
    for name in names:
        others = [other for other in names if other != name]
        total = Fraction(0)
        for size in range(n):
            weight = Fraction(math.factorial(size) * math.factorial(n - size - 1), math.factorial(n))
            for subset in combinations(others, size):
                total += weight * (value(frozenset(subset) | {name}) - value(frozenset(subset)))
        shares[name] = (Decimal(total.numerator) / Decimal(total.denominator)).quantize(Decimal("0.01"))
    return shares


def main_driver(shares: Mapping[str, Decimal]) -> str:
    """The factor that took away the most (ties go to the first of ``FACTORS``)."""
    return min(shares, key=lambda name: (shares[name], FACTORS.index(name)))


def what_changed(partner: PartnerMetrics, *, days: int, currency: str, lost: tuple[str, int, int] | None) -> list[str]:
    """The partner's own numbers, this window against the one before; ``lost`` = (title, units now, before)."""
    now, before, change = partner.current, partner.previous, partner.change
    rates, rates_before = partner.rates, rates_of(before)
    lines = [
        f"revenue {human_money(now.revenue_cents, currency)} in the last {days} days, against "
        f"{human_money(before.revenue_cents, currency)} in the {days} before ({change_text(change.revenue)})",
        f"orders {now.orders:,} against {before.orders:,} ({change_text(change.orders)})",
        f"clicks {now.clicks:,} against {before.clicks:,} ({change_text(change.clicks)}); "
        f"{percent_text(rates.conversion_rate)} of clicks bought, against {percent_text(rates_before.conversion_rate)}",
    ]
    if rates.aov_cents is not None and rates_before.aov_cents is not None:
        lines.append(f"average order {human_money(rates.aov_cents, currency)}, against "
                     f"{human_money(rates_before.aov_cents, currency)}")
    if lost is not None:
        title, units_now, units_before = lost
        lines.append(f"{title}, your best seller before, sold {counted(units_now, 'unit')}, against {units_before:,}")
    return lines


def biggest_loss(now: list[SkuSales], before: list[SkuSales]) -> tuple[str, int, int] | None:
    """The SKU whose units fell the most: (sku, units now, units before)."""
    current = {row.sku: row.units for row in now}
    drops = [(row.units - current.get(row.sku, 0), row.sku, row.units) for row in before]
    drops = [d for d in drops if d[0] > 0]
    if not drops:
        return None
    _, sku, units_before = max(drops, key=lambda d: (d[0], d[1]))
    return sku, current.get(sku, 0), units_before


def traffic_fell(partner: PartnerMetrics) -> bool:
    return partner.change.clicks is not None and partner.change.clicks <= DECLINE
