"""The triage rule: evidence and brand fit -> approve, reject or escalate, with the reasons a human reads.

The order is the policy: an injection is never approved (rejected when the rest is weak, else a human
decides); a ruled-out business or practice rejects; several authenticity flags reject; links to blocked
partners reject and to active ones escalate; content far from the guide rejects, unless it is only vague
or raises a question a human should answer (a conflict, a lapse); any open question escalates; only a clean, on-brand application with a plausible audience is approved. The
brand-fit score (LLM or offline) is one input and can never approve on its own.
"""

from __future__ import annotations

from decimal import Decimal

from agents.judging import BrandFit
from agents.triage.state import ApplicationEvidence, TriageDecision

MIN_AUDIENCE_RATIO = Decimal("0.25")
MIN_ENGAGEMENT_RATIO = Decimal("0.5")
APPROVE_FIT = 60
REJECT_FIT = 35
VAGUE = frozenset({"generic or bot-like text", "repetitive text"})


def decide_application(evidence: ApplicationEvidence, fit: BrandFit) -> TriageDecision:
    rejects = [f for f in evidence.findings if f.severity == "reject"]
    questions = [f for f in evidence.findings if f.severity == "escalate"]
    flags = evidence.authenticity
    blocked = [p for p in evidence.linked_partners if p["status"] in ("blocked", "offboarded")]
    active = [p for p in evidence.linked_partners if p["status"] == "active"]
    audience_ok = evidence.audience_vs_median is None or evidence.audience_vs_median >= MIN_AUDIENCE_RATIO
    engagement_ok = evidence.engagement_vs_median is None or evidence.engagement_vs_median >= MIN_ENGAGEMENT_RATIO
    not_real = any(f.severity == "reject" for f in flags) or len(flags) >= 2 or not (audience_ok or engagement_ok)
    vague = any(f.label in VAGUE for f in flags)
    off_brand = fit.score < REJECT_FIT and not vague

    reasons = [_benchmark_reason(evidence), f"brand fit {fit.score}/100: " + "; ".join(fit.reasons[:2])]
    if flags:
        reasons.append("authenticity: " + "; ".join(f.describe() for f in flags))
    lead: str | None = None
    if evidence.injection is not None:
        lead = (f"the application tries to instruct the reviewer in its {evidence.injection.describe()}; "
                "it is never approved, a human must look")
        weak = bool(rejects or blocked or not_real or fit.low_value or off_brand)
        decision = "reject" if weak else "escalate"
        if rejects:
            reasons.insert(0, "; ".join(f.describe() for f in rejects))
    elif blocked:
        lead = "linked to " + ", ".join(f"{p['status']} partner {p['partner_id']} by {p['matched_on']}" for p in blocked)
        decision = "reject"
    elif rejects:
        lead = "; ".join(f.describe() for f in rejects)
        decision = "reject"
    elif fit.low_value:
        lead, decision = "content does not fit the brand (coupon / deal content)", "reject"
    elif not_real:
        lead, decision = "the audience does not look real", "reject"
    elif active:
        lead = "already a partner? matches " + ", ".join(f"{p['partner_id']} by {p['matched_on']}" for p in active)
        decision = "escalate"
    elif off_brand and not questions:
        lead, decision = "content does not fit the brand", "reject"
    elif questions or flags or not (audience_ok and engagement_ok) or fit.score < APPROVE_FIT:
        open_questions = [f.describe() for f in questions] or (["one authenticity flag"] if flags else [])
        lead = "a human should decide: " + ("; ".join(open_questions) or "fit or audience is unclear")
        decision = "escalate"
    else:
        decision = "approve"
    if lead is not None:
        reasons.insert(0, lead)
    return TriageDecision(
        application_id=evidence.application_id, decision=decision, reasons=reasons, brand_fit=fit, evidence=evidence
    )


def _benchmark_reason(evidence: ApplicationEvidence) -> str:
    if evidence.audience_vs_median is None:
        return f"audience {evidence.audience_size:,}, engagement {evidence.engagement_rate} (no partners to compare yet)"
    return (
        f"audience {evidence.audience_size:,} = {evidence.audience_vs_median}x the partner median, "
        f"engagement {evidence.engagement_rate} = {evidence.engagement_vs_median}x the median"
    )
