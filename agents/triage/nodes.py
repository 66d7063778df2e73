"""Triage nodes: gather_evidence -> judge_brand_fit -> propose_decisions -> open_proposals.

The decision is a rule over evidence (audience and engagement against the program's medians, links to
existing or blocked partners, brand fit); the LLM only scores brand fit. Application text that tries to
instruct the reviewer is never proposed for approval, whatever the score.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.judging import BrandFit, offline_brand_fit
from agents.proposing import submit_proposals
from agents.safety import injection_attempt
from agents.triage.state import ApplicationEvidence, TriageDecision, TriageState
from prompts import render
from store.db import transaction
from tools import applications, ledger_view
from tools.proposals import ProposalDraft

MIN_AUDIENCE_RATIO = Decimal("0.25")
MIN_ENGAGEMENT_RATIO = Decimal("0.5")
APPROVE_FIT = 60
REJECT_FIT = 35


def gather_evidence(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    with transaction(runtime.context.engine) as session:
        benchmarks = applications.partner_benchmarks(session=session)
        evidence = [
            ApplicationEvidence(
                application_id=app.application_id,
                name=app.name,
                platform=app.platform,
                niche=app.niche,
                channel_url=app.channel_url,
                sample_content=app.sample_content,
                audience_size=app.audience_size,
                engagement_rate=app.engagement_rate,
                audience_vs_median=_ratio(Decimal(app.audience_size), Decimal(benchmarks.median_audience)),
                engagement_vs_median=_ratio(app.engagement_rate, benchmarks.median_engagement),
                linked_partners=[
                    {"partner_id": link.partner_id, "status": link.status, "matched_on": link.matched_on}
                    for link in applications.linked_partners(
                        session=session, email=app.email, channel_url=app.channel_url
                    )
                ],
                injection=injection_attempt(f"{app.name}\n{app.niche}\n{app.sample_content}"),
            )
            for app in applications.applications_to_triage(session=session)
        ]
        brand_guide = applications.program_brand_guide(session=session)
        program = ledger_view.program_name(session=session)
    return {"evidence": evidence, "brand_guide": brand_guide, "program": program}


def judge_brand_fit(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def judge(evidence: ApplicationEvidence) -> tuple[str, BrandFit]:
        def offline() -> BrandFit:
            return offline_brand_fit(
                brand_guide=state["brand_guide"], content=evidence.sample_content, niche=evidence.niche
            )

        prompt = render(
            "triage/brand_fit.txt.j2",
            brand_guide=state["brand_guide"],
            niche=evidence.niche,
            platform=evidence.platform,
            sample_content=evidence.sample_content,
        )
        fit = reasoner.structured(task="brand_fit", system=system, prompt=prompt, schema=BrandFit, offline=offline)
        return evidence.application_id, fit

    return {"brand_fit": dict(reasoner.map(judge, state["evidence"]))}


def propose_decisions(state: TriageState) -> dict[str, Any]:
    return {"decisions": [decide_application(e, state["brand_fit"][e.application_id]) for e in state["evidence"]]}


def decide_application(evidence: ApplicationEvidence, fit: BrandFit) -> TriageDecision:
    """The triage rule; the LLM's brand-fit score is one input and can never approve on its own."""
    reasons: list[str] = []
    blocked = [p for p in evidence.linked_partners if p["status"] in ("blocked", "offboarded")]
    active = [p for p in evidence.linked_partners if p["status"] == "active"]
    audience_ok = evidence.audience_vs_median is None or evidence.audience_vs_median >= MIN_AUDIENCE_RATIO
    engagement_ok = evidence.engagement_vs_median is None or evidence.engagement_vs_median >= MIN_ENGAGEMENT_RATIO
    reasons.append(_benchmark_reason(evidence))
    reasons.append(f"brand fit {fit.score}/100: " + "; ".join(fit.reasons[:2]))
    decision: str
    if evidence.injection is not None:
        reasons.insert(0, f"the application text tries to instruct the reviewer ({evidence.injection!r}); a human must look")
        decision = "reject" if fit.low_value or not (audience_ok and engagement_ok) else "escalate"
    elif blocked:
        reasons.insert(0, "linked to " + ", ".join(f"{p['status']} partner {p['partner_id']} by {p['matched_on']}" for p in blocked))
        decision = "reject"
    elif active:
        reasons.insert(0, "already a partner? matches " + ", ".join(f"{p['partner_id']} by {p['matched_on']}" for p in active))
        decision = "escalate"
    elif fit.low_value or fit.score < REJECT_FIT:
        reasons.insert(0, "content does not fit the brand" + (" (coupon / deal content)" if fit.low_value else ""))
        decision = "reject"
    elif audience_ok and engagement_ok and fit.score >= APPROVE_FIT:
        decision = "approve"
    else:
        decision = "escalate" if audience_ok or engagement_ok else "reject"
    return TriageDecision(
        application_id=evidence.application_id, decision=decision, reasons=reasons, brand_fit=fit, evidence=evidence
    )


def open_proposals(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    kinds = {"approve": "approve_application", "reject": "reject_application", "escalate": "review_application"}
    drafts = [
        ProposalDraft(
            kind=kinds[d.decision],
            application_id=d.application_id,
            summary=f"{d.decision} application {d.application_id} ({d.evidence.name}, {d.evidence.platform})",
            rationale="; ".join(d.reasons),
            evidence={"application": d.evidence.model_dump(mode="json", exclude={"sample_content"}),
                      "brand_fit": d.brand_fit.model_dump(mode="json")},
            expected_impact={"admits_partner": d.decision == "approve"},
        )
        for d in state["decisions"]
    ]
    return {"proposal_ids": submit_proposals(context=runtime.context, agent="triage", drafts=drafts)}


def _ratio(value: Decimal, benchmark: Decimal) -> Decimal | None:
    return None if benchmark <= 0 else (value / benchmark).quantize(Decimal("0.01"))


def _benchmark_reason(evidence: ApplicationEvidence) -> str:
    if evidence.audience_vs_median is None:
        return f"audience {evidence.audience_size:,}, engagement {evidence.engagement_rate} (no partners to compare yet)"
    return (
        f"audience {evidence.audience_size:,} = {evidence.audience_vs_median}x the partner median, "
        f"engagement {evidence.engagement_rate} = {evidence.engagement_vs_median}x the median"
    )
