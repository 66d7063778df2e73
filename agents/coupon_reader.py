"""The LLM reader of coupon-aggregator pages that HTML parsing could not read (``tools.coupon_watch``'s
``LlmExtractor``): the page text goes to the LLM fenced as untrusted data, under the same system prompt as
every agent; its answer is validated, and the offline answer is "cannot tell" (the page is reported
unreadable, never guessed). What the reads spend and every fallback are in the reasoner's usage.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agents.llm import Reasoner
from prompts import render
from tools.coupon_watch import LlmExtractor

PAGE_CHARS = 6000  # enough for a listing page's visible text; a longer page is cut, not summarised


class PublishedCodes(BaseModel):
    lists_coupons: bool
    codes: list[str] = Field(default_factory=list, max_length=50)


def code_reader(reasoner: Reasoner, *, program: str) -> LlmExtractor:
    """(url, page text) -> the codes the page publishes, or None when the LLM cannot tell (or is offline)."""
    system = render("system/base.txt.j2", program=program)

    def read(url: str, text: str) -> list[str] | None:
        answer = reasoner.structured(
            task="coupon_watch",
            system=system,
            prompt=render("coupon_watch/read.txt.j2", url=url, text=text[:PAGE_CHARS]),
            schema=PublishedCodes,
            offline=lambda: PublishedCodes(lists_coupons=False),
        )
        return answer.codes if answer.lists_coupons else None

    return read
