"""Screening an application's own words and numbers, before any judgement of fit.

What the applicant says they do (a ruled-out business, a deal page, a ruled-out practice, a conflict) and
whether the audience looks real (engagement for the audience size, disposable email, a platform that does
not match the channel, placeholder or bot-like text). Every finding says what it saw, for the approver.
Pure functions over the evidence: no store, no model calls except through ``agents.semantic`` callers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from agents import semantic
from agents.content_cues import (
    CONFLICT,
    DEAL,
    DISCLOSED,
    GENERIC,
    HEDGE,
    LAPSE_PRACTICES,
    LINK_MECHANICS,
    NEGATION,
    OFF_BRAND,
    PLACEHOLDER,
    PRACTICES,
    PRANK,
    deal_intent,
)
from agents.content_exemplars import (
    BUSINESS_FLOOR,
    DISCLOSURE_FLOOR,
    DISCLOSURE_MARGIN,
    DISCLOSURES,
    EXEMPLARS,
    LINK_PRACTICE_FLOOR,
    LINK_PRACTICE_MARGIN,
    PRACTICE_FLOOR,
    QUESTION_FLOOR,
)
from agents.judging import topic_fit, topic_score
from agents.textnorm import normalise

Severity = Literal["reject", "escalate"]
_SENTENCE = re.compile(r"(?<=[.!?。！？;])\s+|\n+")
DISPOSABLE_EMAIL = re.compile(
    r"@(?:[\w-]+\.)*(?:10minutemail|tempmail|temp-mail|guerrillamail|sharklasers|mailinator|yopmail|trashmail"
    r"|throwawaymail|getnada|dispostable|maildrop|fakeinbox|mintemail|emailondeck|burnermail|discard|moakt"
    r"|spamgourmet|mailnesia|tempr|tmpmail|33mail)\.", re.IGNORECASE)
PLATFORM_DOMAINS = {
    "youtube": ("youtube.com", "youtu.be"), "instagram": ("instagram.com",), "tiktok": ("tiktok.com",),
    "twitch": ("twitch.tv",),
}
SOCIAL_PLATFORMS = frozenset({"youtube", "instagram", "tiktok", "twitch"})
IMPLAUSIBLE_ENGAGEMENT = Decimal("0.3")
UNUSUAL_ENGAGEMENT = Decimal("0.15")
DEAD_ENGAGEMENT = Decimal("0.002")
"""Engagement (interactions per follower) outside these bounds is rare for a real audience of any size..."""
IMPLAUSIBLE_OPEN_RATE = Decimal("0.8")
UNUSUAL_OPEN_RATE = Decimal("0.65")
"""A newsletter's engagement is its open rate, which runs from a fifth to over half of the list for a real one."""
LARGE_AUDIENCE = 100_000
LOW_ENGAGEMENT_AT_SCALE = Decimal("0.005")
BOUGHT_AT_SCALE = Decimal("0.001")
"""...and a six-figure audience that engages below half a percent was mostly bought; below a tenth of a percent no
real audience of that size engages, a flag that answers on its own (the reviewer rejects 1.2M followers at 0.0004)."""
THIN_SAMPLE_WORDS = 8
_HANDLE_NAME = re.compile(r"^(?:user|test|admin|guest)[_\W]*\d+$|\d{4,}|^x+_|_x+$", re.IGNORECASE)


class Finding(BaseModel):
    """One thing screening saw: what it is, whether it rejects or asks a human, and the words or numbers."""

    model_config = ConfigDict(frozen=True)

    label: str
    severity: Severity
    seen: str

    def describe(self) -> str:
        return f"{self.label} ({self.seen!r})"


def screen_content(*, niche: str, sample_content: str, name: str, channel_url: str = "", email: str = "",
                   program: str = "", brand_guide: str = "") -> list[Finding]:
    """What the applicant's words say they do: ruled-out businesses and practices reject, conflicts escalate."""
    text = normalise(f"{niche}. {sample_content}")
    findings: list[Finding] = []
    handle = re.sub(r"[-_./@?=&#+]+", " ", normalise(urlsplit(channel_url).path + " " + email.partition("@")[0]))
    for rule in OFF_BRAND:
        seen = rule.find(f"{text} {normalise(name)}")
        if seen is None and rule.label in HANDLE_LABELS:  # a handle says little, but "crypto_king" says enough
            seen = rule.find(handle)
        if seen is not None:
            findings.append(Finding(label=rule.label, severity="reject", seen=seen))
    findings.extend(_deal_findings(text))
    sentences = _SENTENCE.split(text)
    for rule in PRACTICES:
        for sentence in sentences:
            seen = rule.find(sentence)
            if seen is not None:
                lapse = rule.label in LAPSE_PRACTICES or HEDGE.find(sentence) is not None
                findings.append(Finding(label=rule.label, severity="escalate" if lapse else "reject", seen=seen))
                break
    findings.extend(_semantic_findings(f"{niche}. {sample_content}", already={f.label for f in findings}))
    findings.extend(_brand_domain(channel_url=channel_url, email=email, program=program))
    mechanics = _link_mechanics(normalise(sample_content))
    if mechanics is not None:
        sentence, practice = mechanics
        if practice is None:
            findings.append(Finding(label=LINK_MECHANICS.label, severity="escalate", seen=sentence))
        elif practice[0] not in {f.label for f in findings}:
            hedged = HEDGE.find(sentence) is not None
            findings.append(Finding(label=f"{practice[0]} (by meaning, {practice[1]:.2f})",
                                    severity="escalate" if hedged else "reject", seen=sentence))
    prank = PRANK.find(text)
    if prank is not None:
        findings.append(Finding(label=PRANK.label, severity="reject", seen=prank))
    for rule in CONFLICT:
        seen = rule.find(text)
        if seen is None:
            continue
        if rule.label == MIXED_FEED and brand_guide and _on_brand(seen, sentences, brand_guide):
            continue  # "I mostly walk in the Lakes": a word of proportion, about the brand's own ground
        findings.append(Finding(label=rule.label, severity="escalate", seen=seen))
    return findings


MIXED_FEED = "mostly unrelated content"
HANDLE_LABELS = frozenset({"gambling", "crypto scheme", "adult content"})


def _link_mechanics(text: str) -> tuple[str, tuple[str, float] | None] | None:
    """The sentence that talks about links, codes or payouts other than to disclose them (in the usual words or
    by meaning) or to say it does not use them ("I never post codes"), with the ruled-out practice it states by
    meaning (label, similarity) if it states one: what a cue list may not know. None when there is no such talk."""
    talk = [sentence for sentence in _SENTENCE.split(text)
            if (match := LINK_MECHANICS.pattern.search(sentence)) is not None and DISCLOSED.search(sentence) is None
            and NEGATION.search(sentence[: match.start()]) is None]
    if not talk:
        return None
    vectors = semantic.embed(talk)
    to_disclosure = semantic.max_similarity(vectors, semantic.embed_fixed(DISCLOSURES))
    practice = vectors @ semantic.embed_fixed(tuple(example for _, example in _PRACTICE_EXAMPLES)).T
    for i, sentence in enumerate(talk):
        closest = int(practice[i].argmax())
        to_practice = float(practice[i, closest])
        if to_disclosure[i] >= DISCLOSURE_FLOOR and to_disclosure[i] - to_practice >= DISCLOSURE_MARGIN:
            continue  # "I list what I carried and mark links that pay me": a disclosure
        if to_practice >= LINK_PRACTICE_FLOOR and to_practice - to_disclosure[i] >= LINK_PRACTICE_MARGIN:
            return sentence[:80], (_PRACTICE_EXAMPLES[closest][0], to_practice)
        return sentence[:80], None
    return None


_PRACTICE_EXAMPLES = tuple((label, example) for (label, kind), examples in EXEMPLARS.items()
                           if kind == "practice" or label == "coupon / deal content" for example in examples)


def _on_brand(seen: str, sentences: list[str], brand_guide: str) -> bool:
    """Whether the sentence holding ``seen`` is itself what the guide asks for (brand-fit score 60 or more)."""
    sentence = next((s for s in sentences if seen in s), seen)
    return topic_score(topic_fit(brand_guide=brand_guide, text=sentence)[0]) >= 60


def _semantic_findings(text: str, *, already: set[str]) -> list[Finding]:
    """Ruled-out businesses and practices said in other words or languages: each sentence against the
    examples of ``agents.content_exemplars``. Deal examples do not count for a sentence that negates deals,
    and a practice stated with a hedge ("haven't decided", "in old posts") asks a human instead."""
    sentences = [s for s in _SENTENCE.split(text) if len(s.strip()) >= 6]
    if not sentences:
        return []
    vectors = semantic.embed(sentences)
    labels = [key for key, examples in EXEMPLARS.items() for _ in examples]
    similarity = vectors @ semantic.embed_fixed(tuple(e for examples in EXEMPLARS.values() for e in examples)).T
    findings: dict[str, Finding] = {}
    for i, sentence in enumerate(sentences):
        plain = normalise(sentence)
        for j, (label, kind) in enumerate(labels):
            floor = {"business": BUSINESS_FLOOR, "practice": PRACTICE_FLOOR, "question": QUESTION_FLOOR}[kind]
            if similarity[i, j] < floor or label in already or label in findings:
                continue
            if label == DEAL.label and (deal_intent(plain) is None and DEAL.find(plain) is not None):
                continue  # the sentence talks about deals only to say it is not one
            asks = kind == "question" or (kind == "practice" and HEDGE.find(plain) is not None)
            findings[label] = Finding(label=f"{label} (by meaning, {float(similarity[i, j]):.2f})",
                                      severity="escalate" if asks else "reject", seen=sentence.strip()[:80])
    return list(findings.values())


GENERIC_NAME_WORDS = frozenset({
    "outfitters", "outdoor", "outdoors", "gear", "shop", "store", "company", "co", "inc", "ltd", "gmbh", "brand",
    "program", "programme", "affiliate", "affiliates", "my", "the", "and", "of", "supply", "goods", "official",
})


def _brand_domain(*, channel_url: str, email: str, program: str) -> list[Finding]:
    """A channel or email domain built on the brand's own name: passing as the brand, ruled out."""
    marks = [w for w in re.findall(r"[a-z0-9]+", normalise(program)) if len(w) >= 4 and w not in GENERIC_NAME_WORDS]
    hosts = [urlsplit(channel_url if "//" in channel_url else f"//{channel_url}").netloc.lower(),
             email.rpartition("@")[2].lower()]
    for mark in marks:
        for host in hosts:
            if mark in host:
                return [Finding(label="uses the brand's name in its domain", severity="reject", seen=host)]
    return []


def _deal_findings(text: str) -> list[Finding]:
    """Deal language rejects; on a side channel of an otherwise genuine creator ("I also run a deals page") it
    escalates. Negated or denied deal words ("no coupons, just real use") are no finding at all."""
    intent = deal_intent(text)
    if intent is None:
        return []
    seen, side = intent
    if side:
        return [Finding(label="runs a deal page on the side", severity="escalate", seen=seen)]
    return [Finding(label=DEAL.label, severity="reject", seen=seen)]


KNOWN_PLATFORMS = frozenset({
    "youtube", "instagram", "tiktok", "blog", "podcast", "newsletter", "twitch", "website", "other", "facebook",
    "x", "twitter", "pinterest", "threads", "substack", "linkedin", "snapchat", "reddit", "vimeo", "patreon",
    "strava", "bluesky", "mastodon", "spotify",
})
_MARKUP = re.compile(r"[{}\[\]<>|\\\"]|https?://|\b\w+\s*:\s")
_WORDS_IN_QUERY = re.compile(r"[?#&=][^?#]*?[a-z]{3,}[+_%\-. ][a-z]{3,}[+_%\-. ]+[a-z]{3,}", re.IGNORECASE)


def field_anomalies(*, name: str, platform: str, channel_url: str, niche: str) -> list[Finding]:
    """Fields that hold more than their kind of value (a sentence in the platform, words in a URL's query, markup
    in a name): where instructions hide. Never a rejection on its own, never an approval: a human looks."""
    found: list[Finding] = []
    if normalise(platform) not in KNOWN_PLATFORMS:
        found.append(Finding(label="the platform field holds unexpected text", severity="escalate", seen=platform[:60]))
    if len(name) > 60 or len(name.split()) > 6 or _MARKUP.search(name):
        found.append(Finding(label="the name field holds more than a name", severity="escalate", seen=name[:60]))
    if _WORDS_IN_QUERY.search(channel_url):
        found.append(Finding(label="the channel URL carries words in its query", severity="escalate", seen=channel_url[:80]))
    if len(niche.split()) > 14 or _MARKUP.search(niche) or re.search(r"[.!?]\s+\S+\s+\S+\s+\S+", niche):
        found.append(Finding(label="the niche field holds more than a niche", severity="escalate", seen=niche[:60]))
    return found


def authenticity_flags(*, email: str, platform: str, channel_url: str, audience_size: int,
                       engagement_rate: Decimal, name: str, niche: str, sample_content: str) -> list[Finding]:
    """Red flags that the audience or the applicant is not real; one is a question, several are an answer."""
    flags: list[Finding] = []
    platform_key = platform.strip().lower()
    if DISPOSABLE_EMAIL.search(email):
        flags.append(Finding(label="disposable email address", severity="escalate", seen=email))
    domains = PLATFORM_DOMAINS.get(platform_key)
    other_network = [p for p, ds in PLATFORM_DOMAINS.items() if p != platform_key and any(d in channel_url.lower() for d in ds)]
    if (domains is not None and not any(domain in channel_url.lower() for domain in domains)) or other_network:
        flags.append(Finding(label="platform does not match the channel", severity="escalate",
                             seen=f"{platform} / {channel_url}"))
    if audience_size <= 0:
        flags.append(Finding(label="no audience", severity="reject", seen=str(audience_size)))
    elif engagement_rate >= (IMPLAUSIBLE_OPEN_RATE if platform_key == "newsletter" else IMPLAUSIBLE_ENGAGEMENT):
        flags.append(Finding(label="implausible engagement for a real audience", severity="escalate",
                             seen=str(engagement_rate)))
    elif engagement_rate >= (UNUSUAL_OPEN_RATE if platform_key == "newsletter" else UNUSUAL_ENGAGEMENT):
        flags.append(Finding(label="unusually high engagement", severity="escalate", seen=str(engagement_rate)))
    elif platform_key in SOCIAL_PLATFORMS and (engagement_rate < DEAD_ENGAGEMENT or (
            audience_size >= LARGE_AUDIENCE and engagement_rate < LOW_ENGAGEMENT_AT_SCALE)):
        bought = audience_size >= LARGE_AUDIENCE and engagement_rate < BOUGHT_AT_SCALE
        flags.append(Finding(label="audience barely engages (bought followers?)", severity="reject" if bought else "escalate",
                             seen=f"{audience_size:,} at {engagement_rate}"))
    text = normalise(f"{niche}. {sample_content}")
    placeholder = PLACEHOLDER.search(" ".join(normalise(part) for part in (name, email, channel_url, text)))
    if placeholder is not None:
        flags.append(Finding(label="placeholder details", severity="reject", seen=placeholder.group(0)))
    generic = GENERIC.find(text)
    if generic is not None:
        flags.append(Finding(label=GENERIC.label, severity="escalate", seen=generic))
    if len(sample_content.split()) < THIN_SAMPLE_WORDS and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", sample_content):
        flags.append(Finding(label="almost no sample content", severity="escalate", seen=sample_content[:40]))
    if _HANDLE_NAME.search(name.strip()):
        flags.append(Finding(label="a default or throwaway name", severity="escalate", seen=name[:40]))
    if _repetitive(text):
        flags.append(Finding(label="repetitive text", severity="escalate", seen=text[:40]))
    return flags


def _repetitive(text: str) -> bool:
    words = re.findall(r"\w+", text)
    pairs = list(pairwise(words))
    return len(pairs) >= 6 and len(set(pairs)) <= len(pairs) // 2
