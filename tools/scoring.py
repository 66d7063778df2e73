"""The partner quality score (0–100) and tier (growth / maintain / purge), built from explainable parts.

Components, each 0–100 (``None`` when there is nothing to judge; the weights of the rest are renormalised):
- ``margin``: percentile of the partner's margin contribution among partners with orders in the window;
- ``trend``: 50 ± 50 × the relative revenue change against the previous window (clamped);
- ``new_customers``: the share of attributed orders from first-time customers, × 100;
- ``refunds``: 100 at no refunds, 50 at the program's refund rate, 0 at twice it or more;
- ``brand_fit``: the mean of the latest ``brand_fit`` and ``content`` assessments, when an agent stored one.
The fraud penalty (per finding, by severity) is subtracted from the weighted mean.

Tiers: ``purge`` for a fraud finding at ``purge_severity`` or a partner destroying margin with a score at or
below ``purge_max_score``; ``growth`` for a clean partner with enough orders, positive margin, a
non-negative trend and a score at or above ``growth_min_score``; everything else ``maintain``. The reasons
list says what decided, first. Never writes; the agents turn tiers into proposals.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import PartnerAssessment
from store.money import format_money
from tools.analytics_sql import Window, percent_text, program_currency, resolve_window
from tools.fraud import Finding, FraudReport, FraudThresholds, scan
from tools.metrics import MetricsReport, PartnerMetrics, partner_metrics
from tools.thresholds import ScoreThresholds as ScoreThresholds  # its home is light: settings import it

Tier = Literal["growth", "maintain", "purge"]
HUNDRED = Decimal(100)


class Component(BaseModel):
    score: Decimal | None
    weight: int
    detail: str


class PartnerScore(BaseModel):
    partner_id: str
    score: int
    tier: Tier
    components: dict[str, Component]
    reasons: list[str]
    findings: list[Finding]


class ScoreReport(BaseModel):
    window: Window
    partners: list[PartnerScore]


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def _orders(count: int) -> str:
    return "1 order" if count == 1 else f"{count} orders"


def latest_assessments(*, session: Session) -> dict[str, dict[str, int]]:
    """partner -> kind -> the score of the newest assessment of that kind."""
    newest = (
        select(PartnerAssessment.partner_id, PartnerAssessment.kind, func.max(PartnerAssessment.id).label("id"))
        .group_by(PartnerAssessment.partner_id, PartnerAssessment.kind)
        .subquery()
    )
    rows = session.execute(
        select(PartnerAssessment.partner_id, PartnerAssessment.kind, PartnerAssessment.score).join(
            newest, newest.c.id == PartnerAssessment.id
        )
    )
    found: dict[str, dict[str, int]] = {}
    for partner_id, kind, score in rows:
        found.setdefault(partner_id, {})[kind] = int(score)
    return found


def _components(
    partner: PartnerMetrics,
    margin_rank: Decimal | None,
    program_refund_rate: Decimal | None,
    assessments: dict[str, int],
    weights: dict[str, int],
    program_history: bool,
    currency: str,
) -> dict[str, Component]:
    rates, change = partner.rates, partner.change.revenue
    if not program_history or (partner.current.revenue_cents == 0 and partner.previous.revenue_cents == 0):
        trend = None  # nothing to compare with (e.g. the window covers the whole history)
    elif change is None:
        trend = HUNDRED  # sales from nothing: a newcomer rising
    else:
        trend = _clamp(50 + 50 * change)
    refunds = None
    if rates.refund_rate is not None:
        reference = program_refund_rate or Decimal("0.0001")
        refunds = _clamp(HUNDRED - 50 * rates.refund_rate / reference)
    brand = _clamp(Decimal(sum(assessments.values())) / len(assessments)) if assessments else None
    new_share = rates.new_customer_share
    return {
        "margin": Component(
            score=margin_rank,
            weight=weights.get("margin", 0),
            detail=f"margin contribution {format_money(partner.rates.margin_contribution_cents, currency)} {currency}",
        ),
        "trend": Component(
            score=trend,
            weight=weights.get("trend", 0),
            detail=f"revenue change {percent_text(change)} vs previous window",
        ),
        "new_customers": Component(
            score=None if new_share is None else _clamp(new_share * HUNDRED),
            weight=weights.get("new_customers", 0),
            detail=f"new-customer share {percent_text(new_share)}",
        ),
        "refunds": Component(
            score=refunds,
            weight=weights.get("refunds", 0),
            detail=f"refund rate {percent_text(rates.refund_rate)} vs program {percent_text(program_refund_rate)}",
        ),
        "brand_fit": Component(
            score=brand,
            weight=weights.get("brand_fit", 0),
            detail="latest assessments " + (", ".join(f"{k} {v}" for k, v in sorted(assessments.items())) or "none"),
        ),
    }


def _margin_ranks(partners: list[PartnerMetrics]) -> dict[str, Decimal]:
    """Percentile (0–100) of each selling partner's margin contribution among selling partners."""
    selling = sorted((p for p in partners if p.current.orders > 0), key=lambda p: p.rates.margin_contribution_cents)
    if len(selling) == 1:
        return {selling[0].partner_id: Decimal(50)}
    return {p.partner_id: _clamp(HUNDRED * i / (len(selling) - 1)) for i, p in enumerate(selling)}


def _tier(
    partner: PartnerMetrics, score: int, findings: list[Finding], thresholds: ScoreThresholds, currency: str
) -> tuple[Tier, list[str]]:
    severe = {"high"} if thresholds.purge_severity == "high" else {"high", "medium"}
    fraud = [f"fraud: {f.signal} ({f.severity})" for f in findings]
    margin = partner.rates.margin_contribution_cents
    if any(f.severity in severe for f in findings):
        return "purge", fraud
    if margin < 0 and score <= thresholds.purge_max_score:
        money = f"{format_money(margin, currency)} {currency}"
        return "purge", [f"negative margin contribution ({money}) and score {score}", *fraud]
    if fraud:
        return "maintain", [*fraud, "fraud findings block growth until reviewed"]
    if partner.current.orders < thresholds.min_orders:
        return "maintain", [
            f"only {_orders(partner.current.orders)} in the window (growth needs {thresholds.min_orders})"
        ]
    trend = partner.change.revenue
    if score >= thresholds.growth_min_score and margin > 0 and (trend is None or trend >= 0):
        return "growth", [
            f"score {score} ≥ {thresholds.growth_min_score}, positive margin, revenue {percent_text(trend)}"
        ]
    return "maintain", [f"score {score} (growth needs ≥ {thresholds.growth_min_score} with a non-negative trend)"]


def score_partners(
    *,
    session: Session,
    as_of: datetime | None,
    thresholds: ScoreThresholds,
    fraud_thresholds: FraudThresholds,
    metrics: MetricsReport | None = None,
    fraud: FraudReport | None = None,
) -> ScoreReport:
    """Score and tier every partner over ``thresholds.window_days`` ending at ``as_of`` (default: latest event),
    with fraud judged over the longer ``thresholds.fraud_window_days`` ending there too.

    ``metrics`` and ``fraud``: reports the caller already computed for those very windows, so the two heaviest
    computations do not run twice; absent, they are computed here. Metrics must cover every partner (no
    ``partner_id`` filter); a report for another window is refused rather than silently mixed in.
    """
    window = resolve_window(session=session, days=thresholds.window_days, as_of=as_of)
    fraud_window = resolve_window(session=session, days=thresholds.fraud_window_days, as_of=as_of)
    for name, report, needed in (("metrics", metrics, window), ("fraud", fraud, fraud_window)):
        if report is not None and report.window != needed:
            raise ValueError(f"{name} report covers {report.window}, the scores need {needed}")
    if metrics is None:
        metrics = partner_metrics(session=session, start=window.start, end=window.end)
    if fraud is None:
        fraud = scan(session=session, start=fraud_window.start, end=fraud_window.end, thresholds=fraud_thresholds)
    findings_by_partner = fraud.by_partner()
    assessments = latest_assessments(session=session)
    currency = program_currency(session=session)
    ranks = _margin_ranks(metrics.partners)
    scored: list[PartnerScore] = []
    for partner in metrics.partners:
        components = _components(
            partner,
            ranks.get(partner.partner_id),
            metrics.program.rates.refund_rate,
            assessments.get(partner.partner_id, {}),
            thresholds.weights,
            program_history=metrics.program.previous.revenue_cents > 0,
            currency=currency,
        )
        judged = [c for c in components.values() if c.score is not None and c.weight > 0]
        total_weight = sum(c.weight for c in judged)
        mean = sum((c.score * c.weight for c in judged if c.score is not None), Decimal(0)) / (total_weight or 1)
        findings = findings_by_partner.get(partner.partner_id, [])
        penalty = sum(thresholds.fraud_penalty.get(f.severity, 0) for f in findings)
        score = int(_clamp(mean - penalty).to_integral_value(rounding=ROUND_HALF_EVEN))
        tier, reasons = _tier(partner, score, findings, thresholds, currency)
        parts = ", ".join(f"{name} {c.score}" for name, c in components.items() if c.score is not None)
        reasons.append(
            f"components: {parts or 'no activity to judge'}" + (f"; fraud penalty −{penalty}" if penalty else "")
        )
        scored.append(
            PartnerScore(
                partner_id=partner.partner_id,
                score=score,
                tier=tier,
                components=components,
                reasons=reasons,
                findings=findings,
            )
        )
    return ScoreReport(window=window, partners=scored)


__all__ = ["PartnerScore", "ScoreReport", "ScoreThresholds", "score_partners"]
