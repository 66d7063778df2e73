"""The catalog and the partner roster: who is in the program, declared as they would declare themselves.

Archetypes are drawn here and kept only in the truth; nothing a partner declares (channel, audience,
network, ids) is a giveaway of it: ids are random, every channel has honest partners.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .identity import ip_in
from .model import Partner, World
from .vocab import ADJECTIVES, DEAL_NAMES, FIRST_NAMES, LAST_NAMES, NETWORKS, OUTLET_WORDS, RESIDENTIAL, THEMES

HONEST_PROFILES = (
    ("tiny", 0.14),
    ("rising", 0.09),
    ("declining", 0.08),
    ("code_heavy", 0.10),
    ("loyal_community", 0.08),
    ("deal_friendly", 0.08),
    ("viral_launch", 0.07),
    ("steady", 0.36),
)
FRAUD_VARIANTS: dict[str, tuple[tuple[str, ...], str]] = {
    "click_injection": (("checkout_extension", "last_click_override"), "extension_over_blog"),
    "click_spamming": (("background_sdk_clicks", "impressions_as_clicks"), "spam_over_content"),
    "cookie_stuffing": (("hidden_iframe", "popunder_network"), "stuffing_over_blog"),
    "self_referral": (("own_accounts", "ip_velocity"), "occasional_self"),
    "coupon_leakage": (("deal_site_burst", "aggregator_listing"), "moderate_leak"),
    "customer_poaching": (("brand_bidding", "cashback_portal"), "brand_bidding_mixed"),
}
CHANNELS = {"blog": 25, "youtube": 20, "instagram": 20, "tiktok": 12, "podcast": 8, "newsletter": 10, "coupon_site": 5}
CHANNEL_CHOICES: dict[str, tuple[str, ...]] = {
    "code_heavy": ("podcast", "newsletter"),
    "deal_friendly": ("coupon_site", "coupon_site", "blog"),
    "loyal_community": ("youtube", "podcast", "newsletter", "instagram"),
    "viral_launch": ("youtube", "tiktok", "instagram"),
    "click_injection": ("coupon_site", "blog", "coupon_site"),
    "click_spamming": ("tiktok", "instagram", "youtube", "blog"),
    "cookie_stuffing": ("blog", "coupon_site", "blog"),
    "self_referral": ("instagram", "tiktok", "blog", "youtube"),
    "coupon_leakage": ("youtube", "instagram", "podcast", "tiktok", "newsletter"),
    "customer_poaching": ("blog", "coupon_site"),
}
AUDIENCE = {
    "blog": (3e3, 1.2e5, 0.005, 0.03),
    "youtube": (5e3, 4e5, 0.01, 0.08),
    "instagram": (2e3, 3e5, 0.01, 0.06),
    "tiktok": (5e3, 9e5, 0.02, 0.12),
    "podcast": (1e3, 8e4, 0.02, 0.1),
    "newsletter": (1e3, 6e4, 0.02, 0.1),
    "coupon_site": (5e4, 2e6, 0.002, 0.01),
}


def build_catalog(world: World) -> list[dict[str, str]]:
    rng = world.rng
    prefix = world.spec.name[:3].upper()
    rows: list[dict[str, str]] = []
    for index in range(world.spec.sku_count):
        category, base_price, nouns = rng.choice(THEMES[world.spec.theme])
        price = max(4.0, base_price * math.exp(rng.gauss(0, 0.45)))
        price = round(price) - 0.01 if price > 20 else round(price, 1) - 0.01
        sku = f"{prefix}-{1000 + index}"
        rows.append(
            {
                "sku": sku,
                "title": f"{rng.choice(ADJECTIVES)} {rng.choice(nouns)}",
                "price": f"{price:.2f}",
                "unit_cost": f"{price * rng.uniform(0.28, 0.6):.2f}",
                "stock": str(rng.randint(0, 900)),
                "stock_target": str(rng.randint(80, 600)),
                "category": category,
            }
        )
        world.skus.append(sku)
    weights = [1.0 / (rank + 1) ** 0.85 for rank in range(len(world.skus))]
    rng.shuffle(weights)
    world.sku_weights = weights
    return rows


def _plan(world: World) -> list[tuple[str, str | None, str]]:
    """(archetype, strength, profile) for every partner, in a shuffled order."""
    rng = world.rng
    total = world.spec.partner_count
    per_archetype = max(5, min(8, int(0.4 * total) // 6))
    plan: list[tuple[str, str | None, str]] = []
    for archetype, (strong_variants, weak_variant) in FRAUD_VARIANTS.items():
        count = rng.randint(5, per_archetype)
        strong = count // 2 + rng.randint(0, count % 2)
        plan += [(archetype, "strong", strong_variants[i % 2]) for i in range(strong)]
        plan += [(archetype, "weak", weak_variant)] * (count - strong)
    honest = total - len(plan)
    nat = rng.randint(3, 5)
    plan += [("honest", None, "shared_nat")] * nat
    for profile, share in HONEST_PROFILES:
        plan += [("honest", None, profile)] * max(2, round(share * honest))
    while len(plan) > total:
        plan.remove(("honest", None, "steady"))
    while len(plan) < total:
        plan.append(("honest", None, "steady"))
    rng.shuffle(plan)
    return plan


def build_partners(world: World) -> None:
    rng = world.rng
    used_ids: set[str] = set()
    used_codes: set[str] = set()
    used_names: set[str] = set()
    for archetype, strength, profile in _plan(world):
        key = profile if archetype == "honest" else archetype
        if key in CHANNEL_CHOICES:
            channel = rng.choice(CHANNEL_CHOICES[key])
        else:
            channel = rng.choices(list(CHANNELS), weights=list(CHANNELS.values()))[0]
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if channel == "coupon_site":
                name = rng.choice(DEAL_NAMES) + rng.choice(("", " US", " Daily", " Plus"))
            elif rng.random() < 0.55:
                name = f"{first.title()} {last.title()}"
            else:
                name = f"{last.title()} {rng.choice(OUTLET_WORDS)}"
            if name not in used_names:
                used_names.add(name)
                break
        slug = "".join(ch for ch in name.lower() if ch.isalnum())
        domain = f"{slug}.{rng.choice(('com', 'com', 'co', 'blog', 'net'))}"
        personal = channel != "coupon_site" and (archetype == "self_referral" or rng.random() < 0.65)
        email = (
            world.people.email(first, last)
            if personal
            else world.people.email_at(rng.choice(("hello", "partners", "team", "affiliates")), domain)
        )
        stem = "".join(ch for ch in name.upper() if ch.isalpha())[:6]
        ref_code = _unique(used_codes, lambda stem=stem: f"{stem}{rng.randint(1, 99)}")
        coupon_needed = profile in ("code_heavy", "deal_friendly") or archetype in ("coupon_leakage", "self_referral")
        has_coupon = coupon_needed or rng.random() < 0.72
        coupon = (
            _unique(used_codes, lambda stem=stem: f"{stem}{rng.choice((10, 15, 20, 25))}{rng.choice('ABCDEFGHJK')}")
            if has_coupon
            else ""
        )
        low, high, eng_low, eng_high = AUDIENCE[channel]
        partner_id = _unique(used_ids, lambda: f"p{rng.randint(10000, 99999)}")
        home = world.people.customer(account=True, email=email, home_ip=ip_in(rng, RESIDENTIAL))
        world.partners.append(
            Partner(
                partner_id=partner_id,
                name=name,
                email=email,
                channel=channel,
                audience_size=int(math.exp(rng.uniform(math.log(low), math.log(high)))),
                engagement_rate=round(rng.uniform(eng_low, eng_high), 4),
                ref_code=ref_code,
                coupon_code=coupon,
                exclusive=profile != "deal_friendly" and (archetype != "honest" or rng.random() < 0.9),
                network=rng.choice(NETWORKS),
                domain=domain,
                archetype=archetype,
                strength=strength,
                profile=profile,
                home=home,
            )
        )
    world.partners.sort(key=lambda partner: partner.partner_id)


def _unique(used: set[str], make: Callable[..., str]) -> str:
    while True:
        candidate = make()
        if candidate not in used:
            used.add(candidate)
            return candidate
