"""Summary state: the facts, the written copy and where the report went."""

from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field

from agents.summary.facts import SummaryFacts


class SummaryCopy(BaseModel):
    headline: str = Field(min_length=1, max_length=300)
    highlights: list[str] = Field(min_length=1, max_length=3)
    watch_outs: list[str] = Field(default_factory=list, max_length=2)


class SummaryState(TypedDict, total=False):
    output_dir: str
    facts: SummaryFacts
    copy: SummaryCopy
    markdown: str
    markdown_path: str
    html_path: str
