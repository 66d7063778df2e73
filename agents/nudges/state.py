"""Nudges state: the facts per declining partner and the copy written from them."""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field


class NudgeFacts(BaseModel):
    partner_id: str
    name: str
    email: str
    network: str
    what_changed: list[str]
    peer_skus: list[str]
    peer_count: int
    action: str


class NudgeCopy(BaseModel):
    headline: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=1200)


class NudgesState(TypedDict, total=False):
    program: str
    week: str
    facts: list[NudgeFacts]
    copies: dict[str, NudgeCopy]
    queued: int
