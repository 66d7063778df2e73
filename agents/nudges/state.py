"""Nudges state: the facts per declining partner and the copy written from them."""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field


class NudgeFacts(BaseModel):
    partner_id: str
    name: str
    email: str
    network: str
    channel: str  # as the partner entered it (untrusted: fenced in prompts)
    audience: str  # who the channel speaks to (agents.wording.channel): "listeners", "viewers", ...
    window_days: int
    category: str | None
    what_changed: list[str]
    driver: str  # what took away the most: clicks | conversion | other_orders | order_value (diagnosis.drivers)
    decline: str  # "Your sales through us fell 78.8% over the last 28 days"
    cause: str  # "mostly because ...", from the driver
    program_context: str  # how the program moved over the same days, and whether that is the season
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
