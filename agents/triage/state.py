"""Triage state: the evidence per application, the brand-fit judgements and the decisions."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypedDict

from pydantic import BaseModel, Field

from agents.judging import BrandFit
from agents.safety import InjectionFinding
from agents.triage.precedents import PrecedentVote
from agents.triage.screening import Finding


class ApplicationEvidence(BaseModel):
    application_id: str
    name: str
    email: str = ""
    platform: str
    niche: str
    channel_url: str
    sample_content: str
    audience_size: int
    engagement_rate: Decimal
    audience_vs_median: Decimal | None
    engagement_vs_median: Decimal | None
    linked_partners: list[dict[str, str]]
    injection: InjectionFinding | None = None
    findings: list[Finding] = Field(default_factory=list)
    """What the applicant's own words say they do (``screening.screen_content``)."""
    authenticity: list[Finding] = Field(default_factory=list)
    """Red flags that the audience or the applicant is not real (``screening.authenticity_flags``)."""
    precedent: PrecedentVote | None = None
    """How the reviewer decided the applications that read most like this one (``agents.triage.precedents``)."""


class TriageDecision(BaseModel):
    application_id: str
    decision: Literal["approve", "reject", "escalate"]
    reasons: list[str]
    brand_fit: BrandFit
    evidence: ApplicationEvidence


class TriageState(TypedDict, total=False):
    brand_guide: str
    program: str
    evidence: list[ApplicationEvidence]
    brand_fit: dict[str, BrandFit]
    judged_offline: list[str]
    """Applications whose brand fit is the offline judgement (all of them offline; on the LLM path, the fallbacks)."""
    decisions: list[TriageDecision]
    proposal_ids: list[int]
