"""An experiment's numbers: each partner's outcome over the experiment window, analysed per variant.

Outcomes come from the analytics engineer's set-based ``tools.metrics.window_totals`` over
(start, min(now, end, stop)], so the experiment and ``afflow metrics`` can never disagree about a
partner's clicks, orders, revenue (net of refunds), commission or margin contribution.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import ensure_program
from store.models import Experiment, ExperimentAssignment
from store.money import format_money, minor_digits, round_half_even
from tools.analytics_sql import Window
from tools.metrics import Totals, window_totals
from workflows.experiments.stats import METRICS, Analysis, Estimate, PartnerOutcome, analyze

_MONEY_METRICS = frozenset({"margin_per_click", "revenue_per_partner", "commission_per_partner", "margin_per_partner"})


def window_of(experiment: Experiment, now: datetime) -> Window:
    end = min(now, experiment.ends_at, experiment.stopped_at or experiment.ends_at)
    return Window(start=experiment.starts_at, end=max(end, experiment.starts_at))


def outcomes_of(*, session: Session, experiment: Experiment, now: datetime) -> list[PartnerOutcome]:
    rows = session.execute(
        select(ExperimentAssignment.partner_id, ExperimentAssignment.variant).where(
            ExperimentAssignment.experiment_id == experiment.id
        )
    ).all()
    totals = window_totals(session=session, window=window_of(experiment, now))
    outcomes = []
    for partner_id, variant in rows:
        t = totals.get(partner_id, Totals())
        outcomes.append(
            PartnerOutcome(
                partner_id=partner_id,
                variant=variant,
                clicks=t.clicks,
                orders=t.orders,
                revenue_cents=t.revenue_cents - t.refunded_cents,
                commission_cents=t.commission_cents,
                margin_cents=t.margin_contribution_cents,
            )
        )
    return outcomes


def analysis_of(*, session: Session, experiment: Experiment, now: datetime) -> Analysis:
    finished = experiment.status != "running" or now >= experiment.ends_at
    outcomes = outcomes_of(session=session, experiment=experiment, now=now)
    return analyze(outcomes=outcomes, variants=list(experiment.variants), finished=finished)


def _estimate(estimate: Estimate, metric: str, currency: str) -> dict[str, str | None]:
    """Money metrics (cents internally) as decimal strings of the currency (per click: 4 decimals); rates too."""

    def shown(value: Decimal | None) -> str | None:
        if value is None:
            return None
        if metric == "margin_per_click":
            return str(value.scaleb(-minor_digits(currency)).quantize(Decimal("0.0001")))
        if metric in _MONEY_METRICS:
            return format_money(round_half_even(value), currency)
        return str(value.quantize(Decimal("0.0001")))

    return {"value": shown(estimate.value), "low": shown(estimate.low), "high": shown(estimate.high)}


def report_view(*, session: Session, experiment: Experiment, now: datetime) -> dict[str, Any]:
    """The JSON document of ``afflow experiments status``."""
    currency = ensure_program(session).currency
    analysis = analysis_of(session=session, experiment=experiment, now=now)
    window = window_of(experiment, now)
    strata: dict[str, dict[str, int]] = {}
    assigned = select(ExperimentAssignment.variant, ExperimentAssignment.stratum).where(
        ExperimentAssignment.experiment_id == experiment.id
    )
    for variant, stratum in session.execute(assigned):
        strata.setdefault(variant, {}).setdefault(stratum, 0)
        strata[variant][stratum] += 1
    variants = []
    for summary in analysis.variants:
        variants.append(
            {
                "variant": summary.variant,
                "percent": experiment.variants[summary.variant]["percent"],
                "partners": summary.partners,
                "partners_with_clicks": summary.active_partners,
                "strata": dict(sorted(strata.get(summary.variant, {}).items())),
                "clicks": summary.clicks,
                "orders": summary.orders,
                "revenue": format_money(summary.revenue_cents, currency),
                "commission": format_money(summary.commission_cents, currency),
                "margin_contribution": format_money(summary.margin_cents, currency),
                "estimates": {m: _estimate(summary.estimates[m], m, currency) for m in METRICS},
                "versus_control": {m: _estimate(e, m, currency) for m, e in summary.versus_control.items()},
            }
        )
    return {
        "id": experiment.id,
        "name": experiment.name,
        "status": experiment.status,
        "window": {"start": window.start.isoformat(), "end": window.end.isoformat()},
        "starts_at": experiment.starts_at.isoformat(),
        "ends_at": experiment.ends_at.isoformat(),
        "control": next(iter(experiment.variants)),
        "rule_version": experiment.rule_version,
        "restore_rule_version": experiment.restore_rule_version,
        "proposal_id": experiment.proposal_id,
        "currency": currency,
        "confidence_level": "0.95",
        "verdict": analysis.verdict,
        "winner": analysis.winner,
        "reason": analysis.reason,
        "variants": variants,
    }


def evidence_of(*, session: Session, experiment: Experiment, now: datetime) -> dict[str, Any]:
    """What a proposal to adopt the winner shows the approver."""
    view = report_view(session=session, experiment=experiment, now=now)
    return {key: view[key] for key in ("id", "name", "window", "verdict", "winner", "reason", "variants")}
