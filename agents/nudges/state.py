"""Nudges state: the facts per declining partner and the copy written from them."""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field


class NudgeFacts(BaseModel):
    partner_id: str
    name: str
    email: str
    network: str
    window_days: int
    category: str | None
    what_changed: list[str]
    works_for_peers: str  # one sentence: who the peers are and what they sell
    peer_skus: list[str]  # titles
    peer_count: int
    action: str
    action_sku: str | None = None
    action_url: str = ""
    opening: str = ""  # one or two sentences from the numbers: the offline copy's body


class NudgeCopy(BaseModel):
    headline: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=1200)


class NudgesState(TypedDict, total=False):
    program: str
    week: str
    window_days: int | None
    facts: list[NudgeFacts]
    copies: dict[str, NudgeCopy]
    queued: int
