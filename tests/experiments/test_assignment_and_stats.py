"""Stratified assignment and the interval arithmetic, without a database."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from workflows.experiments.assignment import assign
from workflows.experiments.stats import PartnerOutcome, analyze, t_critical

STRATA = {f"p{i:02d}": ("growth", "maintain", "purge")[i % 3] for i in range(21)}


@given(seed=st.integers(min_value=0, max_value=2**31), variants=st.integers(min_value=2, max_value=4))
def test_every_tier_is_split_evenly(seed: int, variants: int) -> None:
    names = [f"v{i}" for i in range(variants)]
    assignment = assign(strata=STRATA, variants=names, seed=seed)
    assert set(assignment) == set(STRATA)
    for tier in ("growth", "maintain", "purge"):
        sizes = Counter(v for p, v in assignment.items() if STRATA[p] == tier)
        assert max(sizes.values()) - min(sizes.get(n, 0) for n in names) <= 1


def test_assignment_is_reproducible_and_seed_dependent() -> None:
    first = assign(strata=STRATA, variants=["a", "b"], seed=1)
    assert assign(strata=STRATA, variants=["a", "b"], seed=1) == first
    assert assign(strata=STRATA, variants=["a", "b"], seed=2) != first


def test_t_critical_matches_tables() -> None:
    assert t_critical(1) == Decimal("12.706") and t_critical(30) == Decimal("2.042")
    assert abs(t_critical(60) - Decimal("2.000")) < Decimal("0.003")


def _outcome(i: int, variant: str, clicks: int, orders: int) -> PartnerOutcome:
    revenue = orders * 5000
    commission = revenue // 10
    return PartnerOutcome(f"p{i}", variant, clicks, orders, revenue, commission, revenue - 2000 * orders - commission)


def test_ratio_interval_is_the_delta_method() -> None:
    outcomes = [_outcome(0, "a", 100, 2), _outcome(1, "a", 100, 4), _outcome(2, "b", 100, 3), _outcome(3, "b", 100, 3)]
    analysis = analyze(outcomes=outcomes, variants=["a", "b"], finished=True)
    conversion = analysis.variants[0].estimates["conversion_rate"]
    # R = 6/200 = 0.03; residuals -1, +1; se = sqrt(2 / (2*1)) / 100 = 0.01; t(1) = 12.706
    assert conversion.value == Decimal("0.03")
    assert conversion.low == Decimal("0.03") - Decimal("0.12706") and conversion.high == Decimal("0.03") + Decimal(
        "0.12706"
    )
    difference = analysis.variants[1].versus_control["conversion_rate"]
    assert difference.value == 0 and difference.high == Decimal("0.12706")  # b has no spread: se_b = 0
    assert analysis.verdict == "not_enough_data"


def test_a_sample_without_spread_gets_no_interval() -> None:
    outcomes = [_outcome(i, "a", 100, 0) for i in range(3)] + [_outcome(i, "b", 100, 0) for i in range(3, 6)]
    analysis = analyze(outcomes=outcomes, variants=["a", "b"], finished=True)
    idle = analysis.variants[1]
    assert idle.estimates["revenue_per_partner"].value == 0
    assert idle.estimates["revenue_per_partner"].low is None and idle.estimates["revenue_per_partner"].high is None
    assert idle.versus_control["conversion_rate"].low is None
    assert not idle.versus_control["conversion_rate"].excludes_zero
    assert analysis.verdict == "not_enough_data"
