"""The fraud detectors: pure comparisons of per-partner aggregates against the program's robust baseline.

A detector never sees a single click or order; it gets ``PartnerFeatures`` per partner and returns
``Finding``s whose evidence carries the numbers that decided (value, baseline median, robust z, floor).
When two signals describe the same partner, the more specific one wins and the other is not reported:
cookie stuffing and click injection explain a high returning-customer share by themselves (those
customers were going to buy anyway), and cookie stuffing is the specific form of mass clicking. Injection
and poaching, both a click slipped in before an order, are told apart by the click's timing (seconds or
minutes before the order; see ``_one_interception``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from tools.analytics_sql import binomial_upper_tail, decimal_text, percent_text, ratio
from tools.fraud.baselines import (
    MIN_PEERS,
    SUPPORTING_SIGNIFICANCE,
    Baselines,
    anomaly,
    clicks_per_prefix,
    code_no_click_share,
    conversion,
    fast_share,
    no_referrer_share,
    returning_quick_share,
    returning_share,
)
from tools.fraud.features import TTC_BUCKETS, PartnerFeatures
from tools.fraud.thresholds import Finding, FraudThresholds
from tools.fraud.timing import histogram_median_bucket, ks_two_sample


def detect_click_injection(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    share = fast_share(f)
    if f.timed_orders < t.min_orders:
        return None
    departure = anomaly(share, b.fast, t.fast_share_floor, t, (f.fast_orders, f.timed_orders))
    if departure is None:
        return None
    others = [total - own for total, own in zip(b.histogram, f.ttc_histogram, strict=True)]
    test = ks_two_sample(f.ttc_histogram, others)
    if test is None or not test.partner_faster or test.p_value >= SUPPORTING_SIGNIFICANCE:
        return None  # a few quick orders in an otherwise ordinary distribution: not injection
    distribution_differs = test.p_value < t.significance
    count_improbable = departure.get("p_value", 1.0) < t.significance
    if not (distribution_differs or count_improbable):
        return None
    strong = share is not None and share >= 2 * t.fast_share_floor
    severity = "high" if strong and (distribution_differs or f.timed_orders >= 2 * t.min_orders) else "medium"
    evidence = {
        "fast_share": departure,
        "fast_conversion_seconds": t.fast_conversion_seconds,
        "fast_orders": f.fast_orders,
        "minute_orders": f.minute_orders,
        "timed_orders": f.timed_orders,
        "time_to_conversion_test": test.model_dump(),
    }
    summary = (
        f"{f.fast_orders} of {f.timed_orders} timed orders came within {t.fast_conversion_seconds} s of the click"
        f" ({percent_text(share)}, program median {percent_text(b.fast.median)}); its time-to-conversion distribution is faster"
        f" than the program's (KS p = {test.p_value:.3g})"
    )
    return Finding(partner_id=pid, signal="click_injection", severity=severity, evidence=evidence, summary=summary)


def detect_cookie_stuffing(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    if f.clicks < t.min_clicks:
        return None
    no_referrer = anomaly(no_referrer_share(f), b.no_referrer, t.no_referrer_floor, t)
    if no_referrer is None:
        return None
    corroboration: dict[str, Any] = {}
    per_prefix = clicks_per_prefix(f)
    if per_prefix is not None and b.per_prefix.z(per_prefix) >= t.robust_z:
        corroboration["clicks_per_ip_prefix"] = {
            "value": str(per_prefix),
            "baseline_median": decimal_text(b.per_prefix.median),
            "robust_z": str(b.per_prefix.z(per_prefix)),
            "top_prefix_clicks": f.top_prefix_clicks,
        }
    rate = conversion(f)
    if rate is not None and b.conversion.z(rate) <= -t.robust_z:
        corroboration["conversion_rate"] = {
            "value": str(rate),
            "baseline_median": decimal_text(b.conversion.median),
            "robust_z": str(b.conversion.z(rate)),
        }
    returning = anomaly(returning_share(f), b.returning, t.returning_share_floor, t, (f.returning_orders, f.orders))
    if f.orders >= t.min_orders and returning is not None:  # stuffed cookies catch customers who come back anyway
        corroboration["returning_customer_share"] = {**returning, "orders": f.orders}
    if not corroboration.keys() & {"clicks_per_ip_prefix", "conversion_rate"}:
        return None  # referrer-less clicks that convert normally from normal networks: an app, not stuffing
    evidence = {"no_referrer_share": no_referrer, "clicks": f.clicks, **corroboration}
    severity = "high" if len(corroboration) >= 2 else "medium"
    summary = f"{percent_text(no_referrer_share(f))} of {f.clicks} clicks carry no referrer (program median {percent_text(b.no_referrer.median)})"
    if per_prefix is not None and "clicks_per_ip_prefix" in corroboration:
        tenth = Decimal("0.1")
        summary += f", {per_prefix.quantize(tenth)} clicks per IP prefix (median {b.per_prefix.median.quantize(tenth)})"
    if "conversion_rate" in corroboration:
        summary += f", converting {percent_text(rate)} (median {percent_text(b.conversion.median)})"
    if "returning_customer_share" in corroboration:
        summary += f", {percent_text(returning_share(f))} of its orders from returning customers"
    return Finding(partner_id=pid, signal="cookie_stuffing", severity=severity, evidence=evidence, summary=summary)


def detect_click_spamming(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    if f.clicks < t.min_clicks or Decimal(f.clicks) < t.spam_clicks_factor * b.clicks.median:
        return None
    rate = conversion(f) or Decimal(0)
    if b.conversion.partners == 0 or rate * t.spam_clicks_factor > b.conversion.median:
        return None
    median_bucket = histogram_median_bucket(f.ttc_histogram)
    evidence = {
        "clicks": f.clicks,
        "baseline_median_clicks": decimal_text(b.clicks.median),
        "conversion_rate": str(rate),
        "baseline_median_conversion": decimal_text(b.conversion.median),
        "slow_orders": f.slow_orders,
        "timed_orders": f.timed_orders,
        "median_time_to_conversion_under_seconds": None
        if median_bucket is None or median_bucket >= len(TTC_BUCKETS)
        else TTC_BUCKETS[median_bucket],
    }
    severity = "medium" if f.slow_orders * 2 >= max(f.timed_orders, 1) else "low"
    summary = (
        f"{f.clicks} clicks ({decimal_text(b.clicks.median)} for the median partner) converting {percent_text(rate)}"
        f" (median {percent_text(b.conversion.median)})"
    )
    return Finding(partner_id=pid, signal="click_spamming", severity=severity, evidence=evidence, summary=summary)


def detect_self_referral(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    own_orders = f.self_identity_orders + f.self_prefix_orders
    if own_orders < t.self_referral_min_orders:
        return None
    share = ratio(own_orders, f.orders) or Decimal(0)
    evidence = {
        "own_orders": own_orders,
        "by_email_or_customer_id": f.self_identity_orders,
        "by_own_ip_prefix": f.self_prefix_orders,
        "orders": f.orders,
        "share": str(share),
    }
    severity = "high" if own_orders >= 2 * t.self_referral_min_orders or share >= Decimal("0.2") else "medium"
    summary = (
        f"{own_orders} of {f.orders} orders bought by the partner itself ({f.self_identity_orders} by its email or"
        f" customer id, {f.self_prefix_orders} from the network where it was seen logged in)"
    )
    return Finding(partner_id=pid, signal="self_referral", severity=severity, evidence=evidence, summary=summary)


def detect_coupon_leakage(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    if f.code_orders_no_click < t.coupon_min_orders:
        return None
    departure = anomaly(
        code_no_click_share(f), b.code_no_click, t.coupon_no_click_floor, t, (f.code_orders_no_click, f.code_orders)
    )
    if departure is None:
        return None
    # burst: the busiest day against an even spread of the same orders over the whole window
    burst = ratio(f.code_peak_day_no_click * b.window_days, f.code_orders_no_click) or Decimal(0)
    evidence = {
        "no_click_share": departure,
        "code_orders": f.code_orders,
        "code_orders_without_owner_click": f.code_orders_no_click,
        "distinct_customers": f.code_customers_no_click,
        "days_seen": f.code_days_no_click,
        "peak_day_orders": f.code_peak_day_no_click,
        "burst_ratio": str(burst),
        "window_days": b.window_days,
        "other_partners_credited": f.code_other_partners,
    }
    spread = f.code_other_partners >= 2 or burst >= 2
    severity = "high" if spread and f.code_orders_no_click >= 2 * t.coupon_min_orders else "medium"
    summary = (
        f"{f.code_orders_no_click} of {f.code_orders} orders with its exclusive code came without its click"
        f" ({percent_text(code_no_click_share(f))}, program median {percent_text(b.code_no_click.median)}), from"
        f" {f.code_customers_no_click} customers over {f.code_days_no_click} days ({f.code_peak_day_no_click} on the"
        " busiest)"
    )
    return Finding(partner_id=pid, signal="coupon_leakage", severity=severity, evidence=evidence, summary=summary)


def fisher_combined(p_values: tuple[float, float]) -> float:
    """Fisher's method for two p-values: P(chi-square with 4 degrees of freedom > -2 ln(p1 p2))."""
    product = max(p_values[0] * p_values[1], 1e-300)
    return min(1.0, product * (1 - math.log(product)))


def detect_customer_poaching(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    """Existing customers credited to the partner far more often than the program's norm.

    Two views: the returning-customer share, and returning customers whose click came minutes before the
    order (the interception at checkout that cashback and coupon sites practise). Flagged when the share is
    past ``returning_share_floor``, both views together (Fisher) are improbable, and the interception view
    agrees on its own; ``high`` when the share alone is improbable and past a floor set ``returning_gap`` of
    the way from the median to 100%.
    """
    share = returning_share(f)
    if f.orders < t.min_orders or f.timed_orders == 0 or share is None or share < t.returning_share_floor:
        return None
    if b.returning.partners < MIN_PEERS:
        return None
    base = max(b.returning.median, t.min_base_rate)
    quick_base = max(b.returning_quick.median, t.min_base_rate)
    p_share = binomial_upper_tail(f.returning_orders, f.orders, base)
    p_quick = binomial_upper_tail(f.returning_quick_orders, f.timed_orders, quick_base)
    combined = fisher_combined((p_share, p_quick))
    floor = max(t.returning_share_floor, b.returning.median + (1 - b.returning.median) * t.returning_gap)
    by_share = share >= floor and p_share < t.significance
    if combined >= t.poaching_significance or p_quick >= SUPPORTING_SIGNIFICANCE:
        return None  # an audience of loyal customers who take their time is not interception
    evidence: dict[str, Any] = {
        "returning_customer_share": {
            "value": str(share),
            "baseline_median": decimal_text(b.returning.median),
            "floor": decimal_text(floor),
            "p_value": float(f"{p_share:.3g}"),
        },
        "returning_orders": f.returning_orders,
        "orders": f.orders,
        "returning_quick_share": {
            "value": str(returning_quick_share(f)),
            "baseline_median": decimal_text(b.returning_quick.median),
            "within_seconds": t.quick_conversion_seconds,
            "p_value": float(f"{p_quick:.3g}"),
        },
        "combined_p_value": float(f"{combined:.3g}"),
    }
    severity = "high" if by_share else "medium"
    summary = (
        f"{f.returning_orders} of {f.orders} orders from returning customers ({percent_text(share)}, program median"
        f" {percent_text(b.returning.median)}); {f.returning_quick_orders} of {f.timed_orders} are returning customers"
        f" clicking within {t.quick_conversion_seconds // 60} min of buying (median"
        f" {percent_text(b.returning_quick.median)}); combined p = {combined:.3g}"
    )
    return Finding(partner_id=pid, signal="customer_poaching", severity=severity, evidence=evidence, summary=summary)


DETECTORS = (
    detect_click_injection,
    detect_cookie_stuffing,
    detect_click_spamming,
    detect_self_referral,
    detect_coupon_leakage,
)
# signal -> the signals that, when present for the same partner, already explain it.
EXPLAINED_BY = {
    "customer_poaching": {"cookie_stuffing", "click_injection", "self_referral", "coupon_leakage"},
    "click_spamming": {"cookie_stuffing"},
}


def detect_all(
    features: dict[str, PartnerFeatures], thresholds: FraudThresholds, window_days: int
) -> tuple[list[Finding], Baselines]:
    """Two passes: the specific signals first, then customer poaching against a baseline without them."""
    reference = Baselines(features, thresholds, window_days)
    found: dict[str, list[Finding]] = {pid: [] for pid in sorted(features)}
    for pid, partner_findings in found.items():
        for detector in DETECTORS:
            if (finding := detector(pid, features[pid], reference, thresholds)) is not None:
                partner_findings.append(finding)
    flagged = frozenset(pid for pid, partner_findings in found.items() if partner_findings)
    reference = Baselines(features, thresholds, window_days, explained=flagged)
    findings: list[Finding] = []
    for pid, partner_findings in found.items():
        poaching = detect_customer_poaching(pid, features[pid], reference, thresholds)
        if poaching is not None:
            partner_findings.append(poaching)
        partner_findings = _one_interception(partner_findings, features[pid])
        signals = {finding.signal for finding in partner_findings}
        findings.extend(f for f in partner_findings if not (EXPLAINED_BY.get(f.signal, set()) & signals))
    return findings, reference


def _one_interception(partner_findings: list[Finding], f: PartnerFeatures) -> list[Finding]:
    """Click injection or customer poaching, when both fire: the timing of the last click decides.

    Both are a click slipped in just before an order that would have happened anyway. An app injecting
    clicks fires seconds before the conversion; a cashback or coupon site intercepts existing customers
    minutes before checkout. A partner with at least as many orders converting within minutes
    (``fast_conversion_seconds`` to ``quick_conversion_seconds``) as within seconds is the interception at
    checkout, so poaching stays and injection goes; otherwise injection explains the poaching
    (``EXPLAINED_BY``).
    """
    signals = {finding.signal for finding in partner_findings}
    if not {"click_injection", "customer_poaching"} <= signals or f.minute_orders < f.fast_orders:
        return partner_findings
    kept = [finding for finding in partner_findings if finding.signal != "click_injection"]
    for finding in kept:
        if finding.signal == "customer_poaching":
            finding.evidence["timing"] = {
                "fast_orders": f.fast_orders,
                "minute_orders": f.minute_orders,
                "why": "more orders converted within minutes of the click than within seconds: checkout "
                "interception rather than click injection",
            }
    return kept
