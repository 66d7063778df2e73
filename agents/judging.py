"""Judging unstructured content: the schemas the LLM must fill, and the offline reasoner's answers.

Offline, brand fit is vocabulary overlap with the brand guide, and "low value" is a density of coupon /
deal language; crude but explainable, and the reasons say exactly what was counted.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset(
    ["this", "that", "with", "from", "your", "have", "what", "when", "they", "them", "their", "there", "about", "which", "would", "could", "should", "these", "those", "into", "than", "then", "also", "just", "more", "most", "very", "much", "many", "such", "only", "over", "like", "been", "were", "will", "does", "each", "other", "make", "made", "best", "good", "great", "here", "some", "what's", "it's"]
)
_DEAL = re.compile(
    r"coupon|promo\s*code|discount\s*code|best\s+price|cheapest|deal[s]?\b|\d+\s*%\s*off|voucher|lowest\s+price",
    re.IGNORECASE,
)
_BANNED_CUE = re.compile(r"not\s+allowed|\bavoid\b|\bnever\b|\bno\s+(?=[a-z]+\s+(sites|content))", re.IGNORECASE)
_HELPFUL = re.compile(
    r"\bhow\s+to\b|\bwhy\b|tested|review|compared|comparison|pros|cons|tips|guide|step|routine|for\s+beginners",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"broke|scam|terrible|disappoint|refund|worst|awful|complain", re.IGNORECASE)
_POSITIVE = re.compile(r"love|recommend|favorite|favourite|worth|great|happy|impressed|thank", re.IGNORECASE)


class BrandFit(BaseModel):
    score: int = Field(ge=0, le=100)
    low_value: bool
    reasons: list[str] = Field(default_factory=list, max_length=3)


class ContentJudgement(BaseModel):
    helpfulness: int = Field(ge=0, le=100)
    brand_alignment: int = Field(ge=0, le=100)
    sentiment: str = Field(pattern="^(positive|neutral|negative)$")
    verdict: str = Field(pattern="^(helpful|mixed|low_value)$")
    reasons: list[str] = Field(default_factory=list, max_length=3)


def stem(word: str) -> str:
    """A crude suffix stripper: "hiking", "hikers" and "hike" all become "hik"."""
    for suffix in ("ing", "ers", "er", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("-", " "))
    return {stem(word) for word in words if word not in _STOP}


def guide_vocabulary(brand_guide: str) -> tuple[set[str], set[str]]:
    """(terms the brand wants, terms it rules out): sentences saying "not allowed" / "avoid" / "never" rule out."""
    wanted: set[str] = set()
    banned: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", brand_guide):
        if _BANNED_CUE.search(sentence):
            banned |= terms(_BANNED_CUE.sub(" ", sentence))
        else:
            wanted |= terms(sentence)
    return wanted, banned - wanted


def deal_density(text: str) -> float:
    """Deal phrases per 100 words (a ratio for a threshold, not money)."""
    words = max(1, len(text.split()))
    return 100 * len(_DEAL.findall(text)) / words


def offline_brand_fit(*, brand_guide: str, content: str, niche: str) -> BrandFit:
    wanted, banned = guide_vocabulary(brand_guide)
    said = terms(f"{content} {niche}")
    shared, ruled_out = sorted(said & wanted), sorted(said & banned)
    low_value = deal_density(content) >= 4
    score = max(0, min(100, 30 + 15 * len(shared) - 25 * len(ruled_out))) if wanted else 50
    reasons = [f"shares {len(shared)} brand-guide terms" + (f" ({', '.join(shared[:5])})" if shared else "")]
    if ruled_out:
        reasons.append(f"touches what the brand guide rules out ({', '.join(ruled_out[:4])})")
    if low_value:
        score = min(score, 30)
        reasons.append("content is mostly coupons / deals, not help choosing")
    if not wanted:
        reasons.append("the program has no brand guide yet")
    return BrandFit(score=score, low_value=low_value, reasons=reasons[:3])


def offline_content_judgement(*, brand_guide: str, content: str) -> ContentJudgement:
    fit = offline_brand_fit(brand_guide=brand_guide, content=content, niche="")
    helpful_hits = len(_HELPFUL.findall(content))
    density = deal_density(content)
    helpfulness = max(0, min(100, 35 + 12 * helpful_hits - int(8 * density)))
    negatives, positives = len(_NEGATIVE.findall(content)), len(_POSITIVE.findall(content))
    sentiment = "negative" if negatives > positives else "positive" if positives > negatives else "neutral"
    if fit.low_value or helpfulness < 35:
        verdict = "low_value"
    elif helpfulness >= 60 and fit.score >= 50:
        verdict = "helpful"
    else:
        verdict = "mixed"
    reasons = [f"{helpful_hits} how-to / review signals, {density:.1f} deal phrases per 100 words", *fit.reasons[:1]]
    return ContentJudgement(
        helpfulness=helpfulness, brand_alignment=fit.score, sentiment=sentiment, verdict=verdict, reasons=reasons
    )
