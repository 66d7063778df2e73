"""Triage nodes: gather_evidence -> screen_applications -> judge_brand_fit -> propose_decisions -> open_proposals.

The decision is a rule over evidence (``agents.triage.rules``: what the applicant says they do, whether the
audience looks real, links to existing or blocked partners, brand fit); the LLM only scores brand fit.
Every field an applicant controls is checked for text that tries to instruct the reviewer; such an
application is never proposed for approval, whatever the score, and the finding leads its summary.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents import semantic
from agents.context import AgentContext
from agents.judging import BrandFit, offline_brand_fit
from agents.proposing import submit_proposals
from agents.safety import find_injection
from agents.triage import learned
from agents.triage.precedents import precedent_text, votes
from agents.triage.rules import decide_application
from agents.triage.screening import authenticity_flags, field_anomalies, screen_content
from agents.triage.state import ApplicationEvidence, TriageState
from prompts import render
from store.db import transaction
from tools import applications, ledger_view
from tools.proposals import ProposalDraft


def gather_evidence(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    with transaction(runtime.context.engine) as session:
        benchmarks = applications.partner_benchmarks(session=session)
        evidence = [
            ApplicationEvidence(
                application_id=app.application_id,
                name=app.name,
                email=app.email,
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
            )
            for app in applications.applications_to_triage(session=session)
        ]
        brand_guide = applications.program_brand_guide(session=session)
        program = ledger_view.program_name(session=session)
    return {"evidence": evidence, "brand_guide": brand_guide, "program": program}


def screen_applications(state: TriageState) -> dict[str, Any]:
    """Injection in any field the applicant controls, what their words say they do, authenticity, and how the
    reviewer decided applications that read like it."""
    precedents = votes([precedent_text(niche=e.niche, sample_content=e.sample_content, brand_guide=state["brand_guide"])
                        for e in state["evidence"]])  # fmt: skip
    screened = [screen(e, program=state["program"], brand_guide=state["brand_guide"]).model_copy(
        update={"precedent": precedent}) for e, precedent in zip(state["evidence"], precedents, strict=True)]
    return {"evidence": screened}


def screen(e: ApplicationEvidence, *, program: str, brand_guide: str) -> ApplicationEvidence:
    """One application's injection finding, content findings and authenticity flags (no precedent vote yet)."""
    fields = {"name": e.name, "niche": e.niche, "platform": e.platform, "channel_url": e.channel_url,
              "sample_content": e.sample_content}
    return e.model_copy(update={
        "injection": find_injection(fields),
        "findings": [
            *screen_content(niche=e.niche, sample_content=e.sample_content, name=e.name,
                            channel_url=e.channel_url, email=e.email, program=program, brand_guide=brand_guide),
            *field_anomalies(name=e.name, platform=e.platform, channel_url=e.channel_url, niche=e.niche),
        ],
        "authenticity": authenticity_flags(
            email=e.email, platform=e.platform, channel_url=e.channel_url, audience_size=e.audience_size,
            engagement_rate=e.engagement_rate, name=e.name, niche=e.niche, sample_content=e.sample_content),
    })


def judge_brand_fit(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])
    judged_offline: set[str] = set()

    def judge(evidence: ApplicationEvidence) -> tuple[str, BrandFit]:
        def offline() -> BrandFit:
            judged_offline.add(evidence.application_id)
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

    fits = dict(reasoner.map(judge, state["evidence"]))
    return {"brand_fit": fits, "judged_offline": sorted(judged_offline)}


def propose_decisions(state: TriageState) -> dict[str, Any]:
    """The rules decide; the learned layer (when its weights ship) weighs the same evidence under the policy. It was
    fitted on the offline brand-fit score: an LLM's score is another scale, so what an LLM judged the rules decide."""
    decisions = [decide_application(e, state["brand_fit"][e.application_id]) for e in state["evidence"]]
    offline = set(state.get("judged_offline", []))
    model = learned.shipped() if any(d.application_id in offline for d in decisions) else None
    if model is not None:
        vectors = semantic.embed([precedent_text(niche=d.evidence.niche, sample_content=d.evidence.sample_content,
                                                 brand_guide=state["brand_guide"]) for d in decisions])
        shares = model.shares(decisions, vectors)
        decisions = [learned.decide(d, shares[i], model, vectors[i]) if d.application_id in offline else d
                     for i, d in enumerate(decisions)]
    return {"decisions": decisions}


def open_proposals(state: TriageState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    kinds = {"approve": "approve_application", "reject": "reject_application", "escalate": "review_application"}
    drafts = [
        ProposalDraft(
            kind=kinds[d.decision],
            application_id=d.application_id,
            summary=_summary(d.decision, d.evidence),
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


def _summary(decision: str, evidence: ApplicationEvidence) -> str:
    """One line for ``afflow approvals list`` and the portal; an injection finding is in it, never only in the
    evidence (the applicant's own name is shortened: it may be the injection)."""
    name = evidence.name if len(evidence.name) <= 40 else evidence.name[:39] + "…"
    summary = f"{decision} application {evidence.application_id} ({name}, {evidence.platform[:20]})"
    if evidence.injection is not None:
        summary += f" ⚠ tries to instruct the reviewer in {evidence.injection.field}: {evidence.injection.excerpt!r}"
    return summary
