"""Comparing a partner's time-to-conversion distribution with the program's: a binned two-sample KS test.

The histograms come from SQL (``tools.fraud.features.TTC_BUCKETS``); binning makes the statistic a lower
bound of the exact one, which only makes the test more conservative. Statistics are floats: they are
evidence, never money.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel


class KsResult(BaseModel):
    statistic: float
    p_value: float
    partner_orders: int
    baseline_orders: int
    partner_faster: bool


def kolmogorov_survival(lam: float) -> float:
    """P(K > lam) for the Kolmogorov distribution (the asymptotic law of the scaled KS statistic)."""
    if lam < 0.2:
        return 1.0
    total = 0.0
    for k in range(1, 101):
        term = 2.0 * (-1) ** (k - 1) * math.exp(-2.0 * k * k * lam * lam)
        total += term
        if abs(term) < 1e-12:
            break
    return min(max(total, 0.0), 1.0)


def ks_two_sample(partner: Sequence[int], baseline: Sequence[int]) -> KsResult | None:
    """KS test of two histograms over the same buckets; ``None`` when either side is empty."""
    n, m = sum(partner), sum(baseline)
    if n == 0 or m == 0:
        return None
    largest, signed = 0.0, 0.0
    cumulative_partner = cumulative_baseline = 0
    for partner_count, baseline_count in zip(partner, baseline, strict=True):
        cumulative_partner += partner_count
        cumulative_baseline += baseline_count
        difference = cumulative_partner / n - cumulative_baseline / m
        if abs(difference) > largest:
            largest, signed = abs(difference), difference
    effective = n * m / (n + m)
    root = math.sqrt(effective)
    p_value = kolmogorov_survival((root + 0.12 + 0.11 / root) * largest)
    return KsResult(
        statistic=round(largest, 4),
        p_value=float(f"{p_value:.3g}"),
        partner_orders=n,
        baseline_orders=m,
        partner_faster=signed > 0,
    )


def histogram_median_bucket(histogram: Sequence[int]) -> int | None:
    """Index of the bucket holding the median conversion time."""
    total = sum(histogram)
    if total == 0:
        return None
    running = 0
    for index, count in enumerate(histogram):
        running += count
        if running * 2 >= total:
            return index
    return len(histogram) - 1
