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
from agents.triage.precedents import PrecedentVote
from agents.triage.state import ApplicationEvidence, TriageDecision

MIN_AUDIENCE_RATIO = Decimal("0.25")
MIN_ENGAGEMENT_RATIO = Decimal("0.5")
APPROVE_FIT = 60
REJECT_FIT = 35
VAGUE = frozenset({"generic or bot-like text", "repetitive text"})
SOFT_QUESTIONS = frozenset({
    "says how links, codes or payouts are used", "mostly unrelated content", "an unrelated topic shares the feed",
})
"""Questions a cue raises on words alone, where how the reviewer decided similar applications is the better guide.
Never a field anomaly (``screening.field_anomalies``: where instructions hide that the injection guard may miss),
which no precedent can answer with an approval."""
RULED_OUT_SHARE = 0.6
"""Precedent shares (similarity-weighted, of the closest seven) calibrated on the tune rows of both evaluation
sets, each row voted on by the others: this much of ruled-out businesses rejects;"""
REJECT_SHARE = 0.7
"""this much rejection turns a soft question into a rejection;"""
APPROVE_SHARE = 0.5
"""this much approval answers a soft question with an approval;"""
DOUBT_SHARE = 0.3
"""and an approval with less than this much approval among its precedents goes to a human,"""
CLOSE_PRECEDENT = 0.5
"""if its closest precedent is at least this similar: below it, no past application reads like this one and the
shares are noise (a stranger's good content is not held back for resembling nothing)."""


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
    soft = False
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
    elif off_brand and not questions and not flags and _reads_like_approved(evidence.precedent):
        lead = (f"a human should decide: brand fit reads low ({fit.score}/100), but the applications closest to it "
                "were approved")
        decision, soft = "escalate", True
    elif off_brand and not questions:
        lead, decision = "content does not fit the brand", "reject"
    elif questions or flags or not (audience_ok and engagement_ok) or fit.score < APPROVE_FIT:
        open_questions = [f.describe() for f in questions] or (["one authenticity flag"] if flags else [])
        lead = "a human should decide: " + ("; ".join(open_questions) or "fit or audience is unclear")
        decision = "escalate"
        soft = not flags and all(_base_label(f.label) in SOFT_QUESTIONS for f in questions)
    else:
        decision = "approve"
    vote = evidence.precedent
    if vote is not None and evidence.injection is None and (decision == "approve" or soft):
        lead, decision = _weigh_precedents(vote, lead, decision)
    if vote is not None:
        reasons.append(vote.describe())
    if lead is not None:
        reasons.insert(0, lead)
    return TriageDecision(
        application_id=evidence.application_id, decision=decision, reasons=reasons, brand_fit=fit, evidence=evidence
    )


def _weigh_precedents(vote: PrecedentVote, lead: str | None, decision: str) -> tuple[str | None, str]:
    """(lead, decision) once the precedents are heard, for an approval or a soft escalation."""
    if vote.ruled_out >= RULED_OUT_SHARE:  # compared without the brand guide's words (``precedent_text``)
        return f"reads like the ruled-out businesses it is closest to ({vote.ruled_out:.0%} of its precedents)", "reject"
    if decision == "approve":
        if vote.approve < DOUBT_SHARE and vote.closest >= CLOSE_PRECEDENT:
            return (f"a human should decide: the applications closest to it were mostly not approved "
                    f"({vote.approve:.0%} approved)"), "escalate"
        return lead, decision
    if vote.closest < CLOSE_PRECEDENT:  # nothing reads like it: the question stays a human's
        return lead, decision
    if vote.reject >= REJECT_SHARE:
        return f"{lead}; the applications closest to it were rejected ({vote.reject:.0%})", "reject"
    if vote.approve >= APPROVE_SHARE:
        return None, "approve"
    return lead, decision


def _reads_like_approved(vote: PrecedentVote | None) -> bool:
    """The reviewer approved what reads most like it: the offline fit score (closeness to the guide's own clauses)
    may have missed a creator who says it in other words."""
    return vote is not None and vote.closest >= CLOSE_PRECEDENT and vote.approve >= APPROVE_SHARE and vote.ruled_out < 0.1


def _base_label(label: str) -> str:
    """A finding's label without its "(by meaning, 0.83)" note."""
    return label.split(" (by meaning", 1)[0]


def _benchmark_reason(evidence: ApplicationEvidence) -> str:
    if evidence.audience_vs_median is None:
        return f"audience {evidence.audience_size:,}, engagement {evidence.engagement_rate} (no partners to compare yet)"
    return (
        f"audience {evidence.audience_size:,} = {evidence.audience_vs_median}x the partner median, "
        f"engagement {evidence.engagement_rate} = {evidence.engagement_vs_median}x the median"
    )
