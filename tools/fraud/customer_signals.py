"""Detectors of *who bought*: the partner itself, strangers holding a leaked code, the shop's own customers.

Like the traffic detectors (``tools.fraud.signals``) they compare a partner's aggregates with the
program's own baseline; each finding's evidence carries the numbers that decided.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tools.analytics_sql import decimal_text, percent_text, ratio
from tools.fraud.baselines import (
    MIN_PEERS,
    SUGGESTIVE_SIGNIFICANCE,
    Baselines,
    code_no_click_share,
    fisher_combined,
    share_test,
)
from tools.fraud.features import PartnerFeatures
from tools.fraud.thresholds import Finding, FraudThresholds


def detect_self_referral(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    """Orders the partner placed itself (``tools.fraud.self_referral``): by its identity, from its own home
    network, or from one IP buying for many accounts. ``high`` from twice the minimum or a fifth of its orders."""
    own_orders = f.self_identity_orders + f.self_prefix_orders + f.self_farm_orders
    if own_orders < t.self_referral_min_orders:
        return None
    share = ratio(own_orders, f.orders) or Decimal(0)
    evidence = {
        "own_orders": own_orders,
        "by_email_or_customer_id": f.self_identity_orders,
        "by_own_ip_prefix": f.self_prefix_orders,
        "by_account_farm": f.self_farm_orders,
        "orders": f.orders,
        "share": str(share),
    }
    strong = own_orders >= 2 * t.self_referral_min_orders or share * 5 >= 1
    summary = (
        f"{own_orders} of {f.orders} orders bought by the partner itself ({f.self_identity_orders} by its e-mail or"
        f" customer id, {f.self_prefix_orders} from the network where it was seen, {f.self_farm_orders} from one IP"
        " buying for many accounts)"
    )
    return Finding(
        partner_id=pid,
        signal="self_referral",
        severity="high" if strong else "medium",
        evidence=evidence,
        summary=summary,
    )


def detect_coupon_leakage(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    """The exclusive code used far beyond the partner's own audience.

    Followers typing their creator's code are normal, and some channels (podcasts, newsletters) send most
    of their buyers that way; so the measure is the code-only orders against everything the partner's own
    traffic brings, and a leak is a share far above the program's median (``coupon_gap`` of the way to
    100%), improbable at that median beyond ``strong_significance``, with at least ``coupon_min_orders``
    such orders. Bursts, many new customers and other partners credited for the code's orders are
    reported with it; ``high`` from twice the minimum count.
    """
    if f.code_orders_no_click < t.coupon_min_orders:
        return None
    test = share_test(f.code_orders_no_click, f.code_orders_no_click + f.credited_orders, b.code_only, t)
    if test is None or test.gap < t.coupon_gap or test.p_value >= t.strong_significance:
        return None
    # burst: the busiest day against an even spread of the same orders over the whole window
    burst = ratio(f.code_peak_day_no_click * b.window_days, f.code_orders_no_click) or Decimal(0)
    evidence = {
        "code_only_share": test.evidence(),
        "no_click_share": {  # of the orders carrying the code, those its own traffic did not bring
            "value": str(code_no_click_share(f)),
            "baseline_median": decimal_text(b.code_no_click.median),
        },
        "code_orders": f.code_orders,
        "code_orders_without_owner_click": f.code_orders_no_click,
        "own_traffic_orders": f.credited_orders,
        "distinct_customers": f.code_customers_no_click,
        "new_customers": f.code_new_customers_no_click,
        "days_seen": f.code_days_no_click,
        "peak_day_orders": f.code_peak_day_no_click,
        "burst_ratio": str(burst),
        "window_days": b.window_days,
        "other_partners_credited": f.code_other_partners,
    }
    severity = "high" if f.code_orders_no_click >= 2 * t.coupon_min_orders else "medium"
    summary = (
        f"{f.code_orders_no_click} of the {test.trials} orders it accounts for carried its exclusive code without its"
        f" click ({percent_text(test.value)} code-only, program median {percent_text(b.code_only.median)},"
        f" p = {test.p_value:.3g}), from {f.code_customers_no_click} customers ({f.code_new_customers_no_click} new)"
        f" over {f.code_days_no_click} days ({f.code_peak_day_no_click} on the busiest)"
    )
    return Finding(partner_id=pid, signal="coupon_leakage", severity=severity, evidence=evidence, summary=summary)


def detect_customer_poaching(pid: str, f: PartnerFeatures, b: Baselines, t: FraudThresholds) -> Finding | None:
    """The shop's existing customers credited to the partner far more often than the program's norm.

    The decisive view is the returning-customer share against the program's median (partners already
    explained by another signal left out), tested binomially with a practical margin: at least
    ``returning_gap`` of the way from the median to 100%. A loyal audience can come back often, so the share
    alone decides only when it is overwhelming (``returning_strong_gap``, ``strong_significance``);
    otherwise the interception itself must show: returning customers whose click came at checkout (within
    ``quick_conversion_seconds``) or from a search engine's results page (bidding on the brand), at least
    ``intercepted_floor`` of the orders and improbable at the program's rate, with the share past
    ``significance`` too, or at least suggestive and the two views together (Fisher) past
    ``strong_significance``. Timing and search pages
    support the share; neither decides without it. ``high`` when the share is overwhelming, or past
    ``significance`` with the interception past ``strong_significance``.
    """
    if f.orders < t.min_orders or b.returning.partners < MIN_PEERS:
        return None
    share = share_test(f.returning_orders, f.orders, b.returning, t)
    if share is None or share.gap < t.returning_gap or share.p_value >= SUGGESTIVE_SIGNIFICANCE:
        return None
    overwhelming = share.gap >= t.returning_strong_gap and share.p_value < t.strong_significance
    intercepted = share_test(f.returning_intercepted_orders, f.orders, b.intercepted, t)
    interception = (
        intercepted is not None
        and intercepted.value >= t.intercepted_floor
        and intercepted.p_value < t.significance
        and (
            share.p_value < t.significance
            or fisher_combined((share.p_value, intercepted.p_value)) < t.strong_significance
        )
    )
    if not (overwhelming or interception):
        return None  # an audience of loyal customers, not interception
    floor = share.baseline_median + (1 - share.baseline_median) * t.returning_gap
    evidence: dict[str, Any] = {
        "returning_customer_share": {**share.evidence(), "floor": decimal_text(floor)},
        "returning_orders": f.returning_orders,
        "orders": f.orders,
        "returning_quick_orders": f.returning_quick_orders,
        "within_seconds": t.quick_conversion_seconds,
    }
    if intercepted is not None:
        evidence["intercepted_share"] = {**intercepted.evidence(), "orders": f.returning_intercepted_orders}
        evidence["combined_p_value"] = float(f"{fisher_combined((share.p_value, intercepted.p_value)):.3g}")
    quick = share_test(f.returning_quick_orders, f.timed_orders, b.returning_quick, t)
    if quick is not None:
        evidence["returning_quick_share"] = {**quick.evidence(), "within_seconds": t.quick_conversion_seconds}
    both_strong = (
        interception
        and share.p_value < t.significance
        and (intercepted is not None and intercepted.p_value < t.strong_significance)
    )
    severity = "high" if overwhelming or both_strong else "medium"
    summary = (
        f"{f.returning_orders} of {f.orders} orders from returning customers ({percent_text(share.value)}, program"
        f" median {percent_text(share.baseline_median)}, p = {share.p_value:.3g}); {f.returning_intercepted_orders} are"
        f" returning customers whose click came at checkout (within {t.quick_conversion_seconds // 60} min) or from"
        f" a search results page (median {percent_text(b.intercepted.median)})"
    )
    return Finding(partner_id=pid, signal="customer_poaching", severity=severity, evidence=evidence, summary=summary)
