"""How numbers and channels become the words partners and managers read (briefs, launch briefs, nudges, the
weekly summary), offline and in the facts the LLM is given: who a channel speaks to, a change with its real
sign and a decimal, a counted noun. Never invents a fact: every function words the value it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlparse

FLAT = Decimal("0.0005")  # under 0.05% either way a change is "about flat"


@dataclass(frozen=True, slots=True)
class Channel:
    kind: str  # podcast | video | newsletter | social | app | site | written
    audience: str  # who the partner speaks to: "listeners", "viewers", ...
    shows_video: bool  # a short video script fits (YouTube, TikTok, Instagram reels)


# (kind, audience, the words of a channel named in words, the domains of a channel given as a URL); the first
# match wins, so a podcast hosted on YouTube stays a podcast
KINDS: tuple[tuple[str, str, frozenset[str], tuple[str, ...]], ...] = (
    ("podcast", "listeners", frozenset({"podcast", "podcasts"}),
     ("spotify.com", "podcasts.apple.com", "anchor.fm", "podbean.com", "buzzsprout.com", "simplecast.com")),
    ("video", "viewers", frozenset({"youtube", "tiktok", "twitch", "vimeo", "video"}),
     ("youtube.com", "youtu.be", "tiktok.com", "twitch.tv", "vimeo.com")),
    ("newsletter", "subscribers", frozenset({"newsletter", "substack", "email"}),
     ("substack.com", "beehiiv.com", "buttondown.email", "convertkit.com")),
    ("social", "followers", frozenset({"instagram", "facebook", "twitter", "pinterest", "threads", "linkedin",
                                       "social"}),
     ("instagram.com", "facebook.com", "x.com", "twitter.com", "pinterest.com", "threads.net", "linkedin.com",
      "bsky.app")),
    ("app", "users", frozenset({"mobile_app", "browser_extension", "app", "extension"}), ()),
    ("site", "visitors", frozenset({"cashback_site", "coupon_site", "deal_site", "display_network"}), ()),
)
TELLING_KINDS = frozenset({"podcast", "newsletter"})  # channels that tell about a product rather than show it
VIDEO_HINTS = ("youtube", "youtu.be", "tiktok", "instagram", "twitch", "vimeo", "reels")


def channel(text: str) -> Channel:
    """What a partner's channel (a word such as ``podcast`` or a URL) is and who it speaks to; ``readers``
    when nothing names it (a blog, a comparison site, an unknown domain)."""
    value = text.strip().lower()
    url = urlparse(value) if "://" in value else None
    host = (url.hostname or "") if url is not None else ""
    words = set(value.replace("/", " ").replace("-", " ").replace(",", " ").split())
    for kind, audience, names, domains in KINDS:
        if url is not None:
            hit = any(host == d or host.endswith("." + d) for d in domains) or (
                kind == "podcast" and "podcast" in url.path)
        else:
            hit = bool(names & words)
        if hit:
            return Channel(kind=kind, audience=audience, shows_video=_shows_video(kind, value))
    return Channel(kind="written", audience="readers", shows_video=_shows_video("written", value))


def _shows_video(kind: str, value: str) -> bool:
    return kind in ("video", "social") and any(hint in value for hint in VIDEO_HINTS)


# what a channel's audience is never called: "viewers" of a podcast, "readers" of a video
MISNAMED: dict[str, tuple[str, ...]] = {
    "podcast": ("viewers", "readers"), "video": ("listeners", "readers"), "newsletter": ("viewers", "listeners"),
    "social": ("listeners", "readers"), "written": ("viewers", "listeners"),
}


def misnamed_audience(text: str, kind: str) -> str | None:
    """The first word in ``text`` that calls a ``kind`` channel's audience by another channel's word, if any."""
    for word in MISNAMED.get(kind, ()):
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return word
    return None


def change_text(value: Decimal | None) -> str:
    """A relative change for people: ``0.0018`` -> ``"+0.2%"``, ``-0.7778`` -> ``"-77.8%"``, under 0.05% either
    way ``"about flat"``, ``"n/a"`` without a previous value."""
    if value is None:
        return "n/a"
    if abs(value) < FLAT:
        return "about flat"
    return f"{(value * 100).quantize(Decimal('0.1')):+}%"


def size_text(value: Decimal | None) -> str:
    """The size of a change without its sign, for sentences that already say "fell" or "grew": ``"77.8%"``."""
    if value is None:
        return "n/a"
    return f"{(abs(value) * 100).quantize(Decimal('0.1'))}%"


def moved(value: Decimal, *, up: str = "grew", down: str = "fell") -> str:
    """``"grew 0.2%"`` / ``"fell 0.6%"`` / ``"was about flat"``."""
    if abs(value) < FLAT:
        return "was about flat"
    return f"{up if value > 0 else down} {size_text(value)}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "order")`` -> ``"1 order"``, ``counted(1200, "click")`` -> ``"1,200 clicks"``."""
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"
