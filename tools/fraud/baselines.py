"""The program's robust "normal" per measure, and the test of whether a partner departs from it.

Measures are exact ratios of a partner's aggregates (``PartnerFeatures``); a baseline is their median and
scaled MAD across partners with enough volume. ``anomaly`` is the one place that decides "abnormal".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tools.analytics_sql import Baseline, baseline, binomial_upper_tail, decimal_text, ratio
from tools.fraud.features import TTC_BUCKETS, PartnerFeatures
from tools.fraud.thresholds import FraudThresholds

Share = Callable[[PartnerFeatures], Decimal | None]
MIN_PEERS = 5
SUPPORTING_SIGNIFICANCE = 0.05  # a test that only has to agree with a stronger one


def share_of(numerator: int, denominator: int) -> Decimal | None:
    return ratio(numerator, denominator)


def fast_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.fast_orders, f.timed_orders)


def no_referrer_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.no_referrer_clicks, f.clicks)


def clicks_per_prefix(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.clicks, f.ip_prefixes)


def returning_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.returning_orders, f.orders)


def conversion(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.orders, f.clicks)


def returning_quick_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.returning_quick_orders, f.timed_orders)


def code_no_click_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.code_orders_no_click, f.code_orders)


class Baselines:
    """The program's robust "normal" for each measure, over partners with enough volume to be judged."""

    def __init__(
        self,
        features: dict[str, PartnerFeatures],
        thresholds: FraudThresholds,
        window_days: int,
        explained: frozenset[str] = frozenset(),
    ) -> None:
        """``explained``: partners already flagged, left out of the returning-customer baseline."""
        self.window_days = max(window_days, 1)

        def build(measure: Share, eligible: Callable[[PartnerFeatures], bool], floor: str) -> Baseline:
            values = [v for f in features.values() if eligible(f) and (v := measure(f)) is not None]
            return baseline(values, floor=Decimal(floor))

        unexplained = {pid: f for pid, f in features.items() if pid not in explained}

        def enough_orders(f: PartnerFeatures) -> bool:
            return f.orders >= thresholds.min_orders

        def enough_clicks(f: PartnerFeatures) -> bool:
            return f.clicks >= thresholds.min_clicks

        self.fast = build(fast_share, lambda f: f.timed_orders >= thresholds.min_orders, "0.01")
        self.no_referrer = build(no_referrer_share, enough_clicks, "0.02")
        self.per_prefix = build(clicks_per_prefix, enough_clicks, "0.1")
        self.returning = baseline(
            [v for f in unexplained.values() if enough_orders(f) and (v := returning_share(f)) is not None],
            floor=Decimal("0.02"),
        )
        self.returning_quick = baseline(
            [v for f in unexplained.values() if enough_orders(f) and (v := returning_quick_share(f)) is not None],
            floor=Decimal("0.02"),
        )
        self.conversion = build(conversion, enough_clicks, "0.001")
        self.code_no_click = build(code_no_click_share, lambda f: f.code_orders > 0, "0.02")
        click_counts = [Decimal(f.clicks) for f in features.values() if f.clicks > 0]
        self.clicks = baseline(click_counts, floor=Decimal(1))
        self.histogram = [sum(f.ttc_histogram[i] for f in features.values()) for i in range(len(TTC_BUCKETS) + 1)]

    def as_evidence(self) -> dict[str, Any]:
        return {
            name: {"median": decimal_text(b.median), "spread": decimal_text(b.spread), "partners": b.partners}
            for name, b in vars(self).items()
            if isinstance(b, Baseline)
        }


def anomaly(
    value: Decimal | None,
    reference: Baseline,
    floor: Decimal,
    t: FraudThresholds,
    counts: tuple[int, int] | None = None,
) -> dict[str, Any] | None:
    """Evidence if ``value`` is past the absolute floor and abnormal for the program, else ``None``.

    Abnormal: given ``counts`` (successes, trials), a binomial tail below ``t.significance`` at the
    program's median rate — a small partner's share is noisy, so its count must be improbable, not just its
    share large; without counts, a robust z-score of at least ``t.robust_z``. With fewer than ``MIN_PEERS``
    comparable partners, or a median already past the floor (the "typical" partner is itself abnormal),
    there is no baseline worth the name and the floor decides.
    """
    if value is None or value < floor:
        return None
    if reference.partners < MIN_PEERS or reference.median >= floor:
        why = f"only {reference.partners} comparable partners" if reference.partners < MIN_PEERS else "median ≥ floor"
        return {"value": str(value), "floor": decimal_text(floor), "baseline": f"not usable ({why}): the floor decides"}
    score = reference.z(value)
    evidence: dict[str, Any] = {
        "value": str(value),
        "baseline_median": decimal_text(reference.median),
        "robust_z": str(score),
        "floor": decimal_text(floor),
    }
    if counts is None:
        return evidence if score >= t.robust_z else None
    p_value = binomial_upper_tail(counts[0], counts[1], max(reference.median, t.min_base_rate))
    evidence["p_value"] = float(f"{p_value:.3g}")
    return evidence if p_value < t.significance else None
