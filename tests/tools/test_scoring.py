"""Partner quality score: brand-fit assessments count, margin destroyers are purged, tiers explain themselves,
and no partner with a fraud finding of any severity is tiered for growth (so never proposed a raise)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from store.rules import RateRule, RuleSetBody, publish_rule_set
from tests.tools.scenario import load
from tests.tools.test_metrics import AS_OF, PROGRAM
from tools.analytics_sql import resolve_window
from tools.assessments import record_assessment
from tools.fraud import Finding, FraudThresholds, scan
from tools.scoring import ScoreReport, ScoreThresholds, score_partners

LENIENT = ScoreThresholds(min_orders=1, growth_min_score=50)
# Bob shrinks (a bigger February), sells to a returning customer, half of it comes back, and is paid 95%.
BOB_LOSING = {
    **PROGRAM,
    "clicks": [*PROGRAM["clicks"], "k7,2026-02-12T10:00:00Z,p2,10.0.1.3,Mozilla,https://youtube.example/v,,,"],
    "orders": [
        *(row.replace(",c4,", ",c1,") if row.startswith("o6,") else row for row in PROGRAM["orders"]),
        "o7,2026-02-12T11:00:00Z,c7,k7,,,USD,SKU-A,3,50.00",
    ],
    "refunds": [*PROGRAM["refunds"], "r2,o6,2026-03-09T09:00:00Z,SKU-A,50.00"],
}


def _score(engine: Engine, thresholds: ScoreThresholds = LENIENT) -> ScoreReport:
    with transaction(engine) as session:
        return score_partners(session=session, as_of=AS_OF, thresholds=thresholds, fraud_thresholds=FraudThresholds())


def test_latest_assessments_become_the_brand_fit_component(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    before = {p.partner_id: p for p in _score(engine).partners}
    with transaction(engine) as session:
        now = datetime(2026, 3, 30, tzinfo=UTC)
        record_assessment(session=session, partner_id="p1", kind="brand_fit", score=20, summary="off-brand", now=now)
        record_assessment(session=session, partner_id="p1", kind="brand_fit", score=90, summary="great fit", now=now)
        record_assessment(session=session, partner_id="p1", kind="content", score=70, summary="solid", now=now)
    after = {p.partner_id: p for p in _score(engine).partners}
    assert before["p1"].components["brand_fit"].score is None
    assert after["p1"].components["brand_fit"].score == Decimal("80.0")  # newest brand_fit 90, content 70
    assert "brand_fit 90" in after["p1"].components["brand_fit"].detail
    assert after["p2"].components["brand_fit"].score is None


def test_a_partner_destroying_margin_with_a_low_score_is_purged(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        body = RuleSetBody(partner_overrides={"p2": RateRule(percent=Decimal(95))})
        publish_rule_set(session=session, body=body, effective_from=datetime(2026, 1, 1, tzinfo=UTC))
    load(engine, tmp_path, **BOB_LOSING)
    scores = {p.partner_id: p for p in _score(engine).partners}
    bob = scores["p2"]
    assert bob.components["margin"].score == Decimal("0.0")
    # 10000 revenue - 5000 refunded - 2000 cost of the kept unit - (9500 - 4750 reversed) commission
    assert bob.tier == "purge", bob.reasons
    assert bob.reasons[0].startswith("negative margin contribution (-17.50 USD)")
    assert scores["p1"].tier != "purge"


def test_growth_needs_orders_a_good_score_and_no_findings(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    strict = {p.partner_id: p for p in _score(engine, ScoreThresholds()).partners}
    assert {p.tier for p in strict.values()} == {"maintain"}
    assert strict["p1"].reasons[0] == "only 3 orders in the window (growth needs 5)"
    lenient = {p.partner_id: p for p in _score(engine).partners}
    growing = [p for p in lenient.values() if p.tier == "growth"]
    assert growing and all(p.score >= 50 and not p.findings for p in growing)
    assert all(0 <= p.score <= 100 for p in lenient.values())


def test_a_fraud_finding_of_any_severity_blocks_growth(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    [grower, *_] = [p.partner_id for p in _score(engine).partners if p.tier == "growth"]
    with transaction(engine) as session:
        window = resolve_window(session=session, days=LENIENT.fraud_window_days, as_of=AS_OF)
        report = scan(session=session, start=window.start, end=window.end, thresholds=FraudThresholds())
        assert not report.by_partner().get(grower)
        for severity in ("low", "medium"):  # below purge_severity: kept, but not raised
            finding = Finding(partner_id=grower, signal="coupon_leakage", severity=severity, evidence={})
            flagged = report.model_copy(update={"findings": [*report.findings, finding]})
            scores = score_partners(session=session, as_of=AS_OF, thresholds=LENIENT,
                                    fraud_thresholds=FraudThresholds(), fraud=flagged)  # fmt: skip
            scored = next(p for p in scores.partners if p.partner_id == grower)
            assert scored.tier == "maintain", (severity, scored.reasons)
            assert scored.reasons[:2] == [f"fraud: coupon_leakage ({severity})", "fraud findings block growth until reviewed"]
