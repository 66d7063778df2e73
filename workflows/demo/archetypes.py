"""Partner archetypes of the demo program and the per-partner behaviour drawn for each.

The names are a shared convention (the analytics quality test reads them from ``demo_truth.json``):
``steady``, ``rising``, ``declining``, ``coupon_leaker``, ``click_injector``, ``cookie_stuffer``,
``poacher``, ``self_referrer``. Behaviour parameters are drawn with noise so no two partners of an
archetype look the same and the signals overlap realistically with honest traffic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from random import Random
from typing import Any

ARCHETYPES = (
    "steady",
    "rising",
    "declining",
    "coupon_leaker",
    "click_injector",
    "cookie_stuffer",
    "poacher",
    "self_referrer",
)
DEFAULT_MIX: Mapping[str, float] = {
    "steady": 0.46,
    "rising": 0.12,
    "declining": 0.12,
    "coupon_leaker": 0.06,
    "click_injector": 0.05,
    "cookie_stuffer": 0.04,
    "poacher": 0.07,
    "self_referrer": 0.08,
}
CHANNELS: Mapping[str, tuple[str, ...]] = {
    "steady": ("blog", "youtube", "instagram", "newsletter", "podcast", "tiktok", "comparison_site"),
    "rising": ("tiktok", "youtube", "instagram", "newsletter"),
    "declining": ("blog", "youtube", "instagram", "comparison_site"),
    "coupon_leaker": ("podcast", "instagram", "youtube"),
    "click_injector": ("mobile_app", "browser_extension", "blog"),
    "cookie_stuffer": ("comparison_site", "blog", "display_network"),
    "poacher": ("coupon_site", "cashback_site", "browser_extension"),
    "self_referrer": ("instagram", "blog", "tiktok"),
}


@dataclass(frozen=True, slots=True)
class Behaviour:
    """How one partner's traffic is simulated (recorded per partner in the truth file)."""

    archetype: str
    clicks_per_day: float  # legitimate-looking clicks at trend 1.0, before weekly seasonality
    trend_start: float  # volume multiplier on the first day ...
    trend_end: float  # ... and on the last (linear in between)
    conversion: float  # orders per legitimate click
    new_customer_share: float
    refund_rate: float
    median_minutes_to_order: float
    coupon_share: float  # share of its click orders that also carry its coupon code
    special_per_day: float  # archetype-specific extra volume (leaked, injected, stuffed or self orders)

    def as_dict(self) -> dict[str, Any]:
        return {key: round(value, 4) if isinstance(value, float) else value for key, value in asdict(self).items()}


def assign_archetypes(rng: Random, partners: int, mix: Mapping[str, float]) -> list[str]:
    """Exactly ``partners`` archetypes in proportion to ``mix`` (largest remainders), shuffled."""
    unknown = sorted(set(mix) - set(ARCHETYPES))
    if unknown:
        raise ValueError(f"unknown archetype(s) {unknown}; expected {ARCHETYPES}")
    total = sum(mix.values())
    if total <= 0 or any(share < 0 for share in mix.values()):
        raise ValueError("the archetype mix needs non-negative shares with a positive sum")
    exact = {name: partners * mix.get(name, 0.0) / total for name in ARCHETYPES}
    counts = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(ARCHETYPES, key=lambda name: (counts[name] - exact[name], ARCHETYPES.index(name)))
    for name in by_remainder[: partners - sum(counts.values())]:
        counts[name] += 1
    names = [name for name in ARCHETYPES for _ in range(counts[name])]
    rng.shuffle(names)
    return names


def draw_behaviour(rng: Random, archetype: str, noise: float) -> Behaviour:
    """Parameters for one partner; ``noise`` (0-1) widens every spread."""
    spread = 0.5 + noise

    def vary(value: float, relative: float = 0.25) -> float:
        return max(0.0, value * (1 + rng.uniform(-relative, relative) * spread))

    base = min(60.0, rng.lognormvariate(1.6, 0.7))
    behaviour = Behaviour(
        archetype=archetype,
        clicks_per_day=base,
        trend_start=vary(1.0, 0.1),
        trend_end=vary(1.0, 0.1),
        conversion=rng.uniform(0.022, 0.05),
        new_customer_share=rng.uniform(0.58, 0.8),
        refund_rate=rng.uniform(0.08, 0.15),
        median_minutes_to_order=vary(45.0, 0.6),
        coupon_share=rng.choice((0.0, 0.0, 0.1, 0.25)),
        special_per_day=0.0,
    )
    changes: dict[str, Any] = {}
    if archetype == "rising":
        changes = {"trend_start": vary(0.3), "trend_end": vary(2.6)}
    elif archetype == "declining":
        changes = {"trend_start": vary(2.2), "trend_end": vary(0.3)}
    elif archetype == "coupon_leaker":
        changes = {"clicks_per_day": base * 0.6, "coupon_share": 0.3, "special_per_day": vary(1.3)}
    elif archetype == "click_injector":
        changes = {"clicks_per_day": base * 0.4, "conversion": 0.01, "special_per_day": vary(1.2)}
    elif archetype == "cookie_stuffer":
        changes = {"clicks_per_day": vary(110.0), "conversion": 0.0008, "special_per_day": vary(0.7)}
    elif archetype == "poacher":
        changes = {
            "conversion": rng.uniform(0.06, 0.09),
            "new_customer_share": rng.uniform(0.08, 0.25),
            "median_minutes_to_order": vary(4.0),
        }
    elif archetype == "self_referrer":
        changes = {"clicks_per_day": base * 0.5, "special_per_day": vary(0.25)}
    fields = asdict(behaviour) | changes
    return Behaviour(**fields)
