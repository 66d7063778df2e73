"""Tiering nodes: score_partners -> draft_proposals -> open_proposals.

Growth partners get a +2-point tier bump (capped) with its cost at the current run-rate and the revenue
uplift that pays for it; purge partners get an offboarding proposal carrying the fraud evidence.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.context import AgentContext
from agents.proposing import submit_proposals
from agents.tiering.state import TieringState
from store.db import transaction
from store.money import format_money, round_half_even
from tools import ledger_view, rule_changes
from tools.metrics import PartnerMetrics
from tools.proposals import ProposalDraft
from tools.scoring import PartnerScore

BUMP_POINTS = Decimal(2)
MAX_PERCENT = Decimal(25)


def score(state: TieringState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    report = analysis.partner_scores(runtime.context)
    metrics = analysis.window_metrics(runtime.context, start=report.window.start, end=report.window.end)
    names = {pid: c.name for pid, c in analysis.contacts(runtime.context, status=None).items()}
    with transaction(runtime.context.engine) as session:
        body = rule_changes.current_rules(session=session, now=now)
        rates = {p.partner_id: rule_changes.effective_percent(body=body, partner_id=p.partner_id) for p in report.partners}
        currency = ledger_view.program_currency(session=session)
    return {"scores": report, "metrics": metrics, "rates": rates, "names": names, "currency": currency}


def draft_proposals(state: TieringState) -> dict[str, Any]:
    by_id = {p.partner_id: p for p in state["metrics"].partners}
    drafts: list[ProposalDraft] = []
    for scored in state["scores"].partners:
        metrics = by_id.get(scored.partner_id)
        if metrics is None:
            continue
        name = state["names"].get(scored.partner_id, scored.partner_id)
        if scored.tier == "growth":
            days = state["scores"].window.length.days
            draft = _tier_bump(scored, metrics, state["rates"][scored.partner_id], name, state["currency"], days)
            if draft is not None:
                drafts.append(draft)
        elif scored.tier == "purge":
            drafts.append(_offboard(scored, metrics, name, state["currency"]))
    return {"drafts": drafts}


def open_proposals(state: TieringState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    return {"proposal_ids": submit_proposals(context=runtime.context, agent="tiering", drafts=state["drafts"])}


def _tier_bump(
    scored: PartnerScore, metrics: PartnerMetrics, current: Decimal, name: str, currency: str, window_days: int
) -> ProposalDraft | None:
    new = min(MAX_PERCENT, current + BUMP_POINTS)
    if new <= current:
        return None
    revenue = metrics.current.revenue_cents - metrics.current.refunded_cents
    extra = round_half_even(Decimal(revenue) * (new - current) / 100)
    margin = metrics.rates.margin_contribution_cents
    margin_per_revenue = Decimal(margin + metrics.current.commission_cents) / revenue if revenue > 0 else Decimal(0)
    breakeven = round_half_even(Decimal(extra) / margin_per_revenue) if margin_per_revenue > 0 else None
    return ProposalDraft(
        kind="tier_bump",
        partner_id=scored.partner_id,
        summary=f"Tier bump for {name}: {current.normalize():f}% -> {new.normalize():f}% (growth, score {scored.score})",
        rationale="; ".join(scored.reasons),
        payload={"percent": str(new), "previous_percent": str(current)},
        evidence={"score": scored.score, "tier": scored.tier, "reasons": scored.reasons,
                  "components": {k: v.model_dump(mode="json") for k, v in scored.components.items()}},
        expected_impact={
            "window_days": window_days,
            "extra_commission_at_current_run_rate": format_money(extra, currency),
            "margin_contribution_in_window": format_money(margin, currency),
            "margin_after_bump_if_sales_flat": format_money(margin - extra, currency),
            "revenue_uplift_that_pays_for_it": format_money(breakeven, currency) if breakeven is not None else None,
            "note": f"over a {window_days}-day run-rate; the bump pays off if the partner's revenue grows by more",
        },
    )


def _offboard(scored: PartnerScore, metrics: PartnerMetrics, name: str, currency: str) -> ProposalDraft:
    signals = sorted({f.signal for f in scored.findings})
    return ProposalDraft(
        kind="offboard_partner",
        partner_id=scored.partner_id,
        summary=f"Offboard {name}: " + (", ".join(s.replace("_", " ") for s in signals) if signals
                                        else f"score {scored.score}, destroying margin"),
        rationale="; ".join(scored.reasons),
        payload={"signals": signals},
        evidence={"score": scored.score, "findings": [f.model_dump(mode="json") for f in scored.findings],
                  "reasons": scored.reasons},
        expected_impact={
            "commission_stopped_per_window": format_money(metrics.current.commission_cents, currency),
            "margin_contribution_in_window": format_money(metrics.rates.margin_contribution_cents, currency),
        },
    )
