"""Briefs state: per partner, the chosen SKUs with links, the copy, and what was queued."""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field


class SkuPick(BaseModel):
    sku: str
    title: str
    category: str
    why: str
    url: str = ""


class BriefCopy(BaseModel):
    """What the LLM writes (or the offline templates): never numbers that move money."""

    angle: str = Field(min_length=1, max_length=400)
    talking_points: list[str] = Field(min_length=1, max_length=5)
    video_script: str | None = Field(default=None, max_length=1500)


class PartnerBrief(BaseModel):
    partner_id: str
    name: str
    email: str
    channel: str
    audience_size: int
    tier: str
    top_category: str | None
    channel_kind: str  # agents.wording.channel: podcast | video | newsletter | social | app | site | written
    audience: str  # who the channel speaks to: "listeners", "viewers", "subscribers", "followers", "readers"...
    is_video: bool  # a short video script fits
    picks: list[SkuPick]
    copy_: BriefCopy | None = None


class BriefsState(TypedDict, total=False):
    program: str
    week: str
    briefs: list[PartnerBrief]
    queued: int
