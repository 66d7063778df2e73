"""The program's robust "normal" per measure, and the tests of whether a partner departs from it.

Measures are exact ratios of a partner's aggregates (``PartnerFeatures``); a baseline is their median and
scaled MAD across partners with enough volume. ``anomaly`` and ``share_test`` are the places that decide
"abnormal": a count improbable at the program's median rate (binomial tail) *and* past a practical margin,
so that a large partner's statistically significant but trivial difference is not fraud.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from tools.analytics_sql import Baseline, baseline, binomial_upper_tail, decimal_text, ratio
from tools.fraud.features import TTC_BUCKETS, PartnerFeatures
from tools.fraud.thresholds import FraudThresholds

Share = Callable[[PartnerFeatures], Decimal | None]
MIN_PEERS = 5
SUPPORTING_SIGNIFICANCE = 0.05  # a test that only has to agree with a stronger one
SUGGESTIVE_SIGNIFICANCE = 0.01  # a decisive view that another, independent view must confirm


def share_of(numerator: int, denominator: int) -> Decimal | None:
    return ratio(numerator, denominator)


def fast_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.fast_orders, f.timed_orders)


def no_referrer_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.no_referrer_clicks, f.clicks)


def clicks_per_prefix(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.clicks, f.ip_prefixes)


def repeat_clicks(f: PartnerFeatures) -> int:
    """Clicks from a device (hashed IP) that had already clicked this partner's links in the window."""
    return max(f.clicks - f.devices, 0) if f.devices else 0


def repeat_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(repeat_clicks(f), f.clicks) if f.devices else None


def returning_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.returning_orders, f.orders)


def returning_quick_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.returning_quick_orders, f.timed_orders)


def code_no_click_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.code_orders_no_click, f.code_orders)


def intercepted_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.returning_intercepted_orders, f.orders)


def conversion(f: PartnerFeatures) -> Decimal | None:
    """Orders the partner's own traffic brought per click (a code alone is not a conversion of a click)."""
    return share_of(f.credited_orders, f.clicks)


def prompt_conversion(f: PartnerFeatures) -> Decimal | None:
    """Orders the partner's traffic brought within a week of the click, per click: what a click is worth when
    a person meant it (a spammed click only ever "converts" when the cookie catches a later purchase)."""
    return share_of(max(f.credited_orders - f.slow_orders, 0), f.clicks)


def slow_share(f: PartnerFeatures) -> Decimal | None:
    return share_of(f.slow_orders, f.timed_orders)


def code_only_share(f: PartnerFeatures) -> Decimal | None:
    """Orders with the partner's code that its own traffic did not bring, among all the partner accounts for."""
    return share_of(f.code_orders_no_click, f.code_orders_no_click + f.credited_orders)


class Baselines:
    """The program's robust "normal" for each measure, over partners with enough volume to be judged."""

    def __init__(
        self,
        features: dict[str, PartnerFeatures],
        thresholds: FraudThresholds,
        window_days: int,
        explained: frozenset[str] = frozenset(),
    ) -> None:
        """``explained``: partners already flagged, left out of the returning-customer baselines."""
        self.window_days = max(window_days, 1)

        def build(
            measure: Share, eligible: Callable[[PartnerFeatures], bool], floor: str, among: dict[str, PartnerFeatures]
        ) -> Baseline:
            values = [v for f in among.values() if eligible(f) and (v := measure(f)) is not None]
            return baseline(values, floor=Decimal(floor))

        unexplained = {pid: f for pid, f in features.items() if pid not in explained}

        def enough_orders(f: PartnerFeatures) -> bool:
            return f.orders >= thresholds.min_orders

        def enough_clicks(f: PartnerFeatures) -> bool:
            return f.clicks >= thresholds.min_clicks

        def enough_timed(f: PartnerFeatures) -> bool:
            return f.timed_orders >= thresholds.min_orders

        self.fast = build(fast_share, enough_timed, "0.01", features)
        self.slow = build(slow_share, enough_timed, "0.01", features)
        self.no_referrer = build(no_referrer_share, enough_clicks, "0.02", features)
        self.per_prefix = build(clicks_per_prefix, enough_clicks, "0.1", features)
        self.repeat = build(repeat_share, enough_clicks, "0.02", features)
        self.returning = build(returning_share, enough_orders, "0.02", unexplained)
        self.intercepted = build(intercepted_share, enough_orders, "0.02", unexplained)
        self.returning_quick = build(returning_quick_share, enough_orders, "0.02", unexplained)
        self.conversion = build(conversion, enough_clicks, "0.001", features)
        self.prompt_conversion = build(prompt_conversion, enough_clicks, "0.001", features)
        # every partner owning an exclusive code: one whose followers never type it is the program's normal too
        self.code_only = build(code_only_share, lambda f: f.exclusive_codes > 0 or f.code_orders > 0, "0.02", features)
        self.code_no_click = build(code_no_click_share, lambda f: f.code_orders > 0, "0.02", features)
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


def fisher_combined(p_values: tuple[float, float]) -> float:
    """Fisher's method for two p-values: P(chi-square with 4 degrees of freedom > -2 ln(p1 p2))."""
    product = max(p_values[0] * p_values[1], 1e-300)
    return min(1.0, product * (1 - math.log(product)))


class ShareTest(BaseModel):
    """A partner's share of some kind of order against the program's median share: how far, how surprising."""

    successes: int
    trials: int
    value: Decimal
    baseline_median: Decimal
    gap: Decimal  # share of the way from the median to 100%: 0 at the median, 1 at 100%
    p_value: float

    def evidence(self) -> dict[str, Any]:
        return {
            "value": str(self.value),
            "baseline_median": decimal_text(self.baseline_median),
            "gap": decimal_text(self.gap),
            "p_value": float(f"{self.p_value:.3g}"),
        }


def share_test(successes: int, trials: int, reference: Baseline, t: FraudThresholds) -> ShareTest | None:
    """``successes`` of ``trials`` against the program's median share (``None`` without trials or peers).

    The p-value is the binomial upper tail at the median (never below ``min_base_rate``); the gap is the
    practical margin callers require besides it, so that the share is far above the program's, not merely
    measurably above it.
    """
    if trials <= 0 or reference.partners < MIN_PEERS:
        return None
    value = Decimal(successes) / Decimal(trials)
    median = reference.median
    gap = (value - median) / (1 - median) if median < 1 else Decimal(0)
    return ShareTest(
        successes=successes,
        trials=trials,
        value=ratio(successes, trials) or Decimal(0),
        baseline_median=median,
        gap=gap.quantize(Decimal("0.0001")),
        p_value=binomial_upper_tail(successes, trials, max(median, t.min_base_rate)),
    )
