"""The whole scan on a small seeded program: each behaviour found with its numbers and samples, clawbacks cover
every condemned order, tiers follow (and judge fraud over the longer look-back)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import Click
from tests.tools.scenario import load
from tests.tools.synthetic import DAYS, END, build
from tools.analytics_sql import resolve_window
from tools.fraud import FraudReport, FraudThresholds, flagged_orders, scan
from tools.scoring import ScoreReport, ScoreThresholds, score_partners

EXPECTED = {
    "click_injector": "click_injection",
    "cookie_stuffer": "cookie_stuffing",
    "self_referrer": "self_referral",
    "coupon_leaker": "coupon_leakage",
    "poacher": "customer_poaching",
}


@dataclass
class Scanned:
    fraud: FraudReport
    scores: ScoreReport
    truth: dict[str, str]


@pytest.fixture(scope="module")
def scanned(module_store: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scanned]:
    program = build(seed=7, honest=30)
    directory: Path = tmp_path_factory.mktemp("synthetic")
    load(
        module_store,
        directory / "history",
        partners=program.partners,
        products=program.products,
        orders=program.history,
    )
    load(module_store, directory, clicks=program.clicks, orders=program.orders)
    with transaction(module_store) as session:
        window = resolve_window(session=session, days=DAYS, as_of=END)
        fraud = scan(session=session, start=window.start, end=window.end, thresholds=FraudThresholds())
        scores = score_partners(
            session=session, as_of=END, thresholds=ScoreThresholds(window_days=DAYS), fraud_thresholds=FraudThresholds()
        )
    yield Scanned(fraud=fraud, scores=scores, truth=program.truth)


def test_every_fraud_behaviour_is_found_and_nothing_else(scanned: Scanned) -> None:
    found = {(f.partner_id, f.signal) for f in scanned.fraud.findings}
    expected = {(pid, EXPECTED[kind]) for pid, kind in scanned.truth.items() if kind in EXPECTED}
    assert found == expected


def test_findings_carry_numbers_and_sample_ids(scanned: Scanned) -> None:
    by_signal = {f.signal: f for f in scanned.fraud.findings}
    injection = by_signal["click_injection"].evidence
    assert injection["fast_orders"] * 2 > injection["timed_orders"]
    assert injection["time_to_conversion_test"]["partner_faster"] is True
    assert len(injection["sample_order_ids"]) == 5
    stuffing = by_signal["cookie_stuffing"].evidence
    assert float(stuffing["repeat_click_share"]["value"]) > 0.5 and stuffing["devices"] * 2 < stuffing["clicks"]
    assert float(stuffing["no_referrer_share"]["value"]) > 0.9 and stuffing["sample_click_ids"]
    assert by_signal["self_referral"].evidence["by_email_or_customer_id"] >= 2
    leak = by_signal["coupon_leakage"].evidence
    assert leak["code_orders_without_owner_click"] >= 20 and float(leak["burst_ratio"]) > 5
    assert float(by_signal["customer_poaching"].evidence["returning_customer_share"]["value"]) > 0.7


def test_every_finding_says_its_decisive_numbers_in_one_sentence(scanned: Scanned) -> None:
    by_signal = {f.signal: f for f in scanned.fraud.findings}
    injection = by_signal["click_injection"]
    assert injection.summary.startswith(f"{injection.evidence['fast_orders']} of {injection.evidence['timed_orders']}")
    leak = by_signal["coupon_leakage"]
    leaked, own = leak.evidence["code_orders_without_owner_click"], leak.evidence["own_traffic_orders"]
    assert leak.summary.startswith(f"{leaked} of the {leaked + own} orders")
    poaching = by_signal["customer_poaching"]
    assert f"{poaching.evidence['returning_orders']} of {poaching.evidence['orders']}" in poaching.summary
    assert all(f.summary and "%" in f.summary for f in scanned.fraud.findings if f.signal != "self_referral")


def test_fraud_partners_are_purged_and_honest_ones_never(scanned: Scanned) -> None:
    tiers = {p.partner_id: p for p in scanned.scores.partners}
    for pid, kind in scanned.truth.items():
        if kind in EXPECTED:
            assert tiers[pid].tier == "purge", (pid, tiers[pid].reasons)
            assert tiers[pid].reasons[0] == f"fraud: {EXPECTED[kind]} (high)"
        else:
            assert tiers[pid].tier != "purge", (pid, tiers[pid].reasons)
    assert any(p.tier == "growth" for p in scanned.scores.partners)


def test_a_clawback_covers_every_order_behind_a_finding_not_just_the_samples(
    scanned: Scanned, module_store: Engine
) -> None:
    with transaction(module_store) as session:
        flagged = flagged_orders(
            session=session, report=scanned.fraud, findings=scanned.fraud.findings, thresholds=FraudThresholds()
        )
    by_signal = {f.signal: f for f in scanned.fraud.findings}
    counts = {
        "click_injection": by_signal["click_injection"].evidence["fast_orders"],
        "self_referral": by_signal["self_referral"].evidence["own_orders"],
        "coupon_leakage": by_signal["coupon_leakage"].evidence["code_orders_without_owner_click"],
        "customer_poaching": by_signal["customer_poaching"].evidence["returning_orders"],
    }
    for signal, count in counts.items():
        finding = by_signal[signal]
        orders = flagged[(finding.partner_id, signal)]
        assert len(orders) == len(set(orders)) == count > len(finding.evidence["sample_order_ids"]), signal
        assert set(finding.evidence["sample_order_ids"]) <= set(orders), signal
    stuffer = by_signal["cookie_stuffing"].partner_id
    assert flagged[(stuffer, "cookie_stuffing")], "orders credited through the stuffed, referrer-less clicks"


def test_tiers_judge_fraud_over_the_longer_look_back(scanned: Scanned, module_store: Engine) -> None:
    """Five weeks after the fraud, the 30-day performance window is quiet; the 90-day fraud look-back is not."""
    later = END + timedelta(days=35)
    with transaction(module_store) as session:
        default = score_partners(
            session=session, as_of=later, thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds()
        )
        month_only = score_partners(
            session=session,
            as_of=later,
            thresholds=ScoreThresholds(fraud_window_days=30),
            fraud_thresholds=FraudThresholds(),
        )
    fraudsters = {pid for pid, kind in scanned.truth.items() if kind in EXPECTED}
    assert {p.partner_id for p in default.partners if p.tier == "purge"} == fraudsters
    assert all(not p.findings and p.tier != "purge" for p in month_only.partners)


def test_scores_are_bounded_and_explained(scanned: Scanned) -> None:
    for partner in scanned.scores.partners:
        assert 0 <= partner.score <= 100
        assert set(partner.components) == {"margin", "trend", "new_customers", "refunds", "brand_fit"}
        assert partner.components["brand_fit"].score is None  # no assessment stored
        assert partner.reasons[-1].startswith("components: ")
    growth = [p for p in scanned.scores.partners if p.tier == "growth"]
    assert all(p.score >= ScoreThresholds().growth_min_score and not p.findings for p in growth)


# The fields ``afflow fraud scan --json`` has carried: new ones may be added, none renamed or dropped.
EVIDENCE_FIELDS = {
    "click_injection": {"fast_share", "fast_conversion_seconds", "fast_orders", "minute_orders", "timed_orders",
                        "time_to_conversion_test", "sample_order_ids"},
    "cookie_stuffing": {"no_referrer_share", "clicks", "sample_click_ids"},
    "self_referral": {"own_orders", "by_email_or_customer_id", "by_own_ip_prefix", "orders", "share",
                      "sample_order_ids"},
    "coupon_leakage": {"no_click_share", "code_orders", "code_orders_without_owner_click", "distinct_customers",
                       "days_seen", "peak_day_orders", "burst_ratio", "window_days", "other_partners_credited",
                       "sample_order_ids"},
    "customer_poaching": {"returning_customer_share", "returning_orders", "orders", "returning_quick_share",
                          "combined_p_value", "sample_order_ids"},
}  # fmt: skip
BASELINES = {
    "fast",
    "no_referrer",
    "per_prefix",
    "returning",
    "returning_quick",
    "conversion",
    "code_no_click",
    "clicks",
}


def test_the_json_keeps_every_field_it_had(scanned: Scanned) -> None:
    view = scanned.fraud.model_dump(mode="json")
    assert set(view) >= {"window", "findings", "baselines"} and set(view["baselines"]) >= BASELINES
    for finding in view["findings"]:
        assert set(finding) >= {"partner_id", "signal", "severity", "evidence", "summary"}
        assert set(finding["evidence"]) >= EVIDENCE_FIELDS[finding["signal"]], finding["signal"]
    poaching = next(f for f in view["findings"] if f["signal"] == "customer_poaching")["evidence"]
    assert set(poaching["returning_customer_share"]) >= {"value", "baseline_median", "floor", "p_value"}


def test_clicks_per_prefix_evidence_names_the_busiest_prefix_of_the_window(
    scanned: Scanned, module_store: Engine
) -> None:
    shown = [f for f in scanned.fraud.findings if "clicks_per_ip_prefix" in f.evidence]
    assert shown, "the seeded stuffer's clicks come from a handful of networks"
    window = scanned.fraud.window
    with transaction(module_store) as session:
        for finding in shown:
            prefixes = session.scalars(
                select(Click.ip_prefix).where(
                    Click.partner_id == finding.partner_id,
                    Click.ip_prefix != "",
                    Click.ts > window.start,
                    Click.ts <= window.end,
                )
            )
            busiest = max(Counter(prefixes).values())
            assert finding.evidence["clicks_per_ip_prefix"]["top_prefix_clicks"] == busiest
