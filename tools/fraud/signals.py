"""The fraud detectors: pure comparisons of per-partner aggregates against the program's robust baseline.

A detector never sees a single click or order; it gets ``PartnerFeatures`` per partner and returns
``Finding``s whose evidence carries the numbers that decided (value, baseline median, p-value, floor).
This module judges the *traffic* (click injection, cookie stuffing, click spamming);
``tools.fraud.customer_signals`` judges *who bought* (self-referral, coupon leakage, customer poaching).

When two signals describe the same partner, the more specific one wins and the other is not reported:
cookie stuffing, click spamming and click injection explain a high returning-customer share by themselves
(those customers were going to buy anyway), and cookie stuffing explains mass clicking. Injection and poaching,
both a click slipped in before an order, are told apart by the click's timing (seconds or minutes before
the order; see ``_one_interception``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tools.analytics_sql import binomial_lower_tail, decimal_text, percent_text
from tools.fraud.baselines import (
    SUPPORTING_SIGNIFICANCE,
    Baselines,
    anomaly,
    clicks_per_prefix,
    conversion,
    fast_share,
    no_referrer_share,
    prompt_conversion,
    repeat_clicks,
    repeat_share,
    returning_share,
    share_test,
    slow_share,
)
from tools.fraud.customer_signals import detect_coupon_leakage, detect_customer_poaching, detect_self_referral
from tools.fraud.features import TTC_BUCKETS, PartnerFeatures
from tools.fraud.thresholds import Finding, FraudThresholds
from tools.fraud.timing import histogram_median_bucket, ks_two_sample


def detect_click_injection(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    share = fast_share(f)
    if f.timed_orders < t.min_orders or f.fast_orders < t.min_orders:
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
    # high: both views agree, the count far beyond chance; a share twice the floor speaks for itself
    overwhelming = share is not None and share >= 2 * t.fast_share_floor
    beyond_chance = distribution_differs and departure.get("p_value", 1.0) < t.strong_significance
    severity = "high" if beyond_chance or (overwhelming and f.timed_orders >= 2 * t.min_orders) else "medium"
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
    """Clicks nobody made: a script firing the link on page views (hidden iframe, pop-under, pixel).

    People click an affiliate link once or twice; a stuffing script fires it whenever the same visitors
    browse, so a large share of the clicks comes from devices (hashed IPs) that already clicked
    (``repeat_click_floor``, improbable at the program's median). Where devices are not known (clicks
    imported without IPs) or rotate, the older signature decides: clicks without a referrer far beyond the
    program's (robust z) from a handful of networks, or converting far below the program. A conversion far
    below, few networks, referrer-less clicks and a high returning-customer share corroborate and raise the
    severity.
    """
    if f.clicks < t.min_clicks:
        return None
    repeats = anomaly(repeat_share(f), b.repeat, t.repeat_click_floor, t, (repeat_clicks(f), f.clicks))
    corroboration: dict[str, Any] = {}
    no_referrer = anomaly(no_referrer_share(f), b.no_referrer, t.no_referrer_floor, t)
    if no_referrer is not None:
        corroboration["no_referrer_share"] = no_referrer
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
    traffic = corroboration.keys() & {"clicks_per_ip_prefix", "conversion_rate"}
    if repeats is None and (no_referrer is None or not traffic):
        return None  # referrer-less clicks converting normally from normal networks: an app, not stuffing
    returning = share_test(f.returning_orders, f.orders, b.returning, t)
    if f.orders >= t.min_orders and returning is not None and returning.p_value < t.significance:
        corroboration["returning_customer_share"] = {**returning.evidence(), "orders": f.orders}
    evidence = {
        "repeat_click_share": repeats
        or {"value": str(repeat_share(f)), "baseline_median": decimal_text(b.repeat.median)},
        "clicks": f.clicks,
        "devices": f.devices,
        "no_referrer_share": no_referrer
        or {"value": str(no_referrer_share(f)), "baseline_median": decimal_text(b.no_referrer.median)},
        **corroboration,
    }
    strong = corroboration if repeats is not None else corroboration.keys() - {"no_referrer_share"}
    severity = "high" if len(strong) >= (1 if repeats is not None else 2) else "medium"
    if repeats is not None:
        summary = (
            f"{repeat_clicks(f)} of {f.clicks} clicks came again from one of {f.devices} devices that had already"
            f" clicked ({percent_text(repeat_share(f))}, program median {percent_text(b.repeat.median)})"
        )
        if no_referrer is not None:
            summary += f", {percent_text(no_referrer_share(f))} without a referrer"
    else:
        summary = (
            f"{percent_text(no_referrer_share(f))} of {f.clicks} clicks carry no referrer (program median"
            f" {percent_text(b.no_referrer.median)})"
        )
    if per_prefix is not None and "clicks_per_ip_prefix" in corroboration:
        tenth = Decimal("0.1")
        summary += f", {per_prefix.quantize(tenth)} clicks per IP prefix (median {b.per_prefix.median.quantize(tenth)})"
    if "conversion_rate" in corroboration:
        summary += f", converting {percent_text(rate)} (median {percent_text(b.conversion.median)})"
    if "returning_customer_share" in corroboration:
        summary += f", {percent_text(returning_share(f))} of its orders from returning customers"
    return Finding(partner_id=pid, signal="cookie_stuffing", severity=severity, evidence=evidence, summary=summary)


def detect_click_spamming(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    """Many more clicks than the median partner, by people who had no intention of buying.

    Spammed clicks (impressions counted as clicks, clicks fired by an app in the background, links sprayed
    across unrelated sites) rarely lead to an order on their own; the orders such a partner is credited
    with come mostly when the cookie happens to catch a purchase made much later. So the signature is the
    share of its timed orders placed a week or more after the click: past ``late_order_floor`` and
    improbable at the program's median (``high``). A volume partner whose clicks almost never bring an order
    within the week (at most ``spam_conversion_ratio`` squared of the program's prompt conversion,
    improbably so) is ``medium`` even without late orders.
    """
    if f.clicks < t.min_clicks or Decimal(f.clicks) < t.spam_clicks_factor * b.clicks.median:
        return None
    late = share_test(f.slow_orders, f.timed_orders, b.slow, t)
    late_orders = (
        late is not None
        and f.timed_orders >= t.min_orders
        and late.value >= t.late_order_floor
        and late.p_value < t.significance
    )
    rate = prompt_conversion(f) or Decimal(0)
    median_rate = b.prompt_conversion.median
    prompt_orders = max(f.credited_orders - f.slow_orders, 0)
    p_shortfall = binomial_lower_tail(prompt_orders, f.clicks, median_rate) if median_rate > 0 else 1.0
    no_intent = rate <= t.spam_conversion_ratio**2 * median_rate and p_shortfall < t.strong_significance
    if not (late_orders or no_intent):
        return None
    median_bucket = histogram_median_bucket(f.ttc_histogram)
    evidence: dict[str, Any] = {
        "clicks": f.clicks,
        "baseline_median_clicks": decimal_text(b.clicks.median),
        "prompt_conversion_rate": str(rate),
        "baseline_median_prompt_conversion": decimal_text(median_rate),
        "conversion_p_value": float(f"{p_shortfall:.3g}"),
        "conversion_rate": str(conversion(f)),
        "baseline_median_conversion": decimal_text(b.conversion.median),
        "median_time_to_conversion_under_seconds": None
        if median_bucket is None or median_bucket >= len(TTC_BUCKETS)
        else TTC_BUCKETS[median_bucket],
        "credited_orders": f.credited_orders,
        "slow_orders": f.slow_orders,
        "timed_orders": f.timed_orders,
    }
    if late is not None:
        evidence["slow_share"] = late.evidence()
    summary = (
        f"{f.clicks} clicks ({decimal_text(b.clicks.median)} for the median partner); {f.slow_orders} of"
        f" {f.timed_orders} timed orders came a week or more after the click ({percent_text(slow_share(f))}, median"
        f" {percent_text(b.slow.median)}); {percent_text(rate)} orders per click within the week (median"
        f" {percent_text(median_rate)})"
    )
    return Finding(
        partner_id=pid,
        signal="click_spamming",
        severity="high" if late_orders else "medium",
        evidence=evidence,
        summary=summary,
    )


DETECTORS = (
    detect_click_injection,
    detect_cookie_stuffing,
    detect_click_spamming,
    detect_self_referral,
    detect_coupon_leakage,
)
# signal -> the signals that, when present for the same partner, already explain it.
EXPLAINED_BY = {
    "customer_poaching": {"cookie_stuffing", "click_spamming", "click_injection", "self_referral", "coupon_leakage"},
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
