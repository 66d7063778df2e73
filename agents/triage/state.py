"""Triage state: the evidence per application, the brand-fit judgements and the decisions."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypedDict

from pydantic import BaseModel

from agents.judging import BrandFit


class ApplicationEvidence(BaseModel):
    application_id: str
    name: str
    platform: str
    niche: str
    channel_url: str
    sample_content: str
    audience_size: int
    engagement_rate: Decimal
    audience_vs_median: Decimal | None
    engagement_vs_median: Decimal | None
    linked_partners: list[dict[str, str]]
    injection: str | None


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
    decisions: list[TriageDecision]
    proposal_ids: list[int]
