"""The probabilistic matching model: how likely is it that a click led to an order nothing identifies?

A record-linkage (Fellegi–Sunter) posterior, pure and deterministic. Only clicks from the order's
network prefix inside the cookie window are candidates (a shared /24 or /48 is the one signal rare
enough to point at a person). For each candidate, the likelihood ratio of the other signals under
"this click led to the order" against "unrelated click" multiplies:

- user-agent family equal (browser + OS) — P(equal | true) = ``ua_match``, P(equal | unrelated) = its share
  among clicks;
- device type equal — likewise with ``device_match``;
- landing SKU among the order's SKUs — ``sku_match`` against the SKU's share of clicks;
- time gap — an exponential with mean ``gap_mean_hours`` (truncated to the window) against uniform.

With a prior ``prior`` that an order without identifiers came from an affiliate click, a chance
``prefix_match`` that buyer and click share a prefix, and the prefix's ``n`` clicks in the window, a
candidate's weight is ``prior * prefix_match * LR / n``; "no candidate" weighs
``(1 - prior) + prior * (1 - prefix_match)`` (unrelated, or a true click from another network). The
confidence credited to a partner is the posterior mass of its candidates: it is calibrated when the
parameters are, and ``bench/probabilistic.py --fit`` fits them on programs with known truth.

Nothing here reads the database or the clock.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

_OS = (
    ("ios", re.compile(r"iphone|ipad|ipod", re.I)),
    ("android", re.compile(r"android", re.I)),
    ("windows", re.compile(r"windows", re.I)),
    ("mac", re.compile(r"mac os x|macintosh", re.I)),
    ("linux", re.compile(r"linux|x11|cros", re.I)),
)
_BROWSER = (
    ("edge", re.compile(r"edg(e|a|ios)?/", re.I)),
    ("opera", re.compile(r"opr/|opera", re.I)),
    ("samsung", re.compile(r"samsungbrowser", re.I)),
    ("firefox", re.compile(r"firefox|fxios", re.I)),
    ("chrome", re.compile(r"chrome|crios|chromium", re.I)),
    ("safari", re.compile(r"safari", re.I)),
)


def user_agent_family(user_agent: str) -> str:
    """``browser/os`` (e.g. ``chrome/android``): stable across a browser's version updates, unlike the full UA."""
    if not user_agent.strip():
        return ""
    os_name = next((name for name, pattern in _OS if pattern.search(user_agent)), "other")
    browser = next((name for name, pattern in _BROWSER if pattern.search(user_agent)), "other")
    return f"{browser}/{os_name}"


@dataclass(frozen=True)
class MatchParameters:
    """Fitted by ``bench/probabilistic.py --seeds 1 2 3 4 --fit`` (1,670 true pairs); ``device_match`` is assumed.

    These describe the generated traffic; a program whose buyers switch networks more (or less) should refit.
    """

    prior: float = 0.35
    prefix_match: float = 0.675
    ua_match: float = 0.9
    device_match: float = 0.95
    sku_match: float = 0.71
    gap_mean_hours: float = 19.7
    floor: float = 0.02  # no share is taken below this: unseen values must not explode a ratio


DEFAULT_PARAMETERS = MatchParameters()


@dataclass(frozen=True, slots=True)
class OrderFeatures:
    order_id: str
    ts: datetime
    ip_prefix: str
    user_agent_family: str
    device_type: str
    skus: frozenset[str]


@dataclass(frozen=True, slots=True)
class ClickFeatures:
    click_id: str
    ts: datetime
    partner_id: str
    user_agent_family: str
    device_type: str
    sku: str | None


@dataclass(frozen=True)
class Background:
    """Shares of each value among the window's clicks: P(an unrelated click agrees with the order)."""

    ua_share: Mapping[str, float]
    device_share: Mapping[str, float]
    sku_share: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Match:
    partner_id: str
    click_id: str
    click_ts: datetime
    confidence: float


def _ratio(agree: bool, p_true: float, share: float, floor: float) -> float:
    share = min(max(share, floor), 1 - floor)
    return p_true / share if agree else (1 - p_true) / (1 - share)


def likelihood_ratio(
    order: OrderFeatures, click: ClickFeatures, background: Background, window: timedelta, params: MatchParameters
) -> float:
    """Evidence that ``click`` led to ``order`` beyond the shared prefix (1.0 = no evidence either way)."""
    ratio = 1.0
    if order.user_agent_family and click.user_agent_family:
        share = background.ua_share.get(order.user_agent_family, 0.0)
        ratio *= _ratio(order.user_agent_family == click.user_agent_family, params.ua_match, share, params.floor)
    if order.device_type != "unknown" and click.device_type != "unknown":
        share = background.device_share.get(order.device_type, 0.0)
        ratio *= _ratio(order.device_type == click.device_type, params.device_match, share, params.floor)
    if click.sku:
        share = sum(background.sku_share.get(sku, 0.0) for sku in order.skus)
        ratio *= _ratio(click.sku in order.skus, params.sku_match, share, params.floor)
    gap_hours = (order.ts - click.ts).total_seconds() / 3600
    window_hours = window.total_seconds() / 3600
    mean = params.gap_mean_hours
    true_density = math.exp(-gap_hours / mean) / (mean * (1 - math.exp(-window_hours / mean)))
    return ratio * true_density * window_hours


def best_match(
    order: OrderFeatures,
    candidates: Sequence[ClickFeatures],
    background: Background,
    window: timedelta,
    params: MatchParameters = DEFAULT_PARAMETERS,
) -> Match | None:
    """The partner with the most posterior mass among the candidates, its latest best click, and that mass."""
    eligible = [c for c in candidates if c.ts <= order.ts and order.ts - c.ts <= window]
    if not eligible:
        return None
    per_click = params.prior * params.prefix_match / len(eligible)
    weights = [per_click * likelihood_ratio(order, c, background, window, params) for c in eligible]
    nothing = (1 - params.prior) + params.prior * (1 - params.prefix_match)
    total = nothing + sum(weights)
    mass: dict[str, float] = {}
    best_click: dict[str, tuple[float, ClickFeatures]] = {}
    for click, weight in zip(eligible, weights, strict=True):
        mass[click.partner_id] = mass.get(click.partner_id, 0.0) + weight
        if click.partner_id not in best_click or (weight, click.ts) > (
            best_click[click.partner_id][0],
            best_click[click.partner_id][1].ts,
        ):
            best_click[click.partner_id] = (weight, click)
    partner_id = max(mass, key=lambda p: (mass[p], p))
    click = best_click[partner_id][1]
    return Match(partner_id, click.click_id, click.ts, mass[partner_id] / total)
