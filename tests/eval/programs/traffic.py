"""Honest traffic: organic orders (with their pre-history) and genuine partner clicks, codes and orders.

Genuine traffic also runs under weak fraudsters (they have a real audience too). Profiles shape
volume over time (rising, declining, viral launch, weekly episodes), conversion, timing, the
returning share and how often followers use the code without clicking.
"""

from __future__ import annotations

import math

from .identity import desktop_ua, ip_in, mobile_ua, net24
from .model import COOKIE_WINDOW, DAY, HOUR, Click, Intent, Partner, World
from .vocab import CAMPUS, MOBILE, RESIDENTIAL

MOBILE_SHARE = {
    "blog": 0.45,
    "youtube": 0.6,
    "instagram": 0.9,
    "tiktok": 0.92,
    "podcast": 0.7,
    "newsletter": 0.5,
    "coupon_site": 0.4,
}
APPS = {"instagram": "instagram", "tiktok": "tiktok"}


def referrer(world: World, partner: Partner) -> str:
    """Where a genuine click on this partner's link comes from; apps and mail clients often send none."""
    rng, roll = world.rng, world.rng.random()
    channel, domain = partner.channel, partner.domain
    if channel == "blog":
        if roll >= 0.85:
            return ""
        section = rng.choice(("reviews", "guides", "blog", "best"))
        return f"https://{domain}/{section}/{world.spec.theme}-{rng.randint(1, 40)}"
    if channel == "youtube":
        return "https://www.youtube.com/" if roll < 0.55 else ""
    if channel == "instagram":
        return "https://l.instagram.com/" if roll < 0.6 else ""
    if channel == "tiktok":
        return "https://www.tiktok.com/" if roll < 0.4 else ""
    if channel == "podcast":
        return f"https://{domain}/episodes/{rng.randint(20, 240)}" if roll < 0.4 else ""
    if channel == "newsletter":
        return (
            "https://mail.google.com/"
            if roll < 0.2
            else (f"https://{domain}/p/{rng.randint(1, 90)}" if roll < 0.45 else "")
        )
    return f"https://{domain}/store/{world.shop_domain.split('.')[1]}" if roll < 0.95 else ""


def visitor_device(world: World, channel: str) -> tuple[str, str]:
    """A stranger's device, for clicks that do not lead to an order."""
    rng = world.rng
    if rng.random() < MOBILE_SHARE[channel]:
        ip = ip_in(rng, MOBILE) if rng.random() < 0.65 else ip_in(rng, RESIDENTIAL)
        app = APPS.get(channel, "") if rng.random() < 0.7 else ""
        return ip, mobile_ua(rng, app)
    return ip_in(rng, RESIDENTIAL), desktop_ua(rng)


def activity(world: World, partner: Partner) -> list[float]:
    """Relative daily volume over the window, mean 1."""
    rng, days = world.rng, world.days
    profile = partner.profile
    if profile == "rising":
        growth = rng.uniform(2.0, 4.0)
        curve = [1 + (growth - 1) * day / (days - 1) for day in range(days)]
    elif profile == "declining":
        floor = rng.uniform(0.25, 0.45)
        curve = [1 - (1 - floor) * day / (days - 1) for day in range(days)]
    elif profile == "viral_launch":
        peak, height = rng.randint(days // 5, days - 12), rng.uniform(10, 22)
        curve = [1 + (height * math.exp(-(day - peak) / 2.5) if day >= peak else 0) for day in range(days)]
    elif profile == "code_heavy":
        first = rng.randint(0, 6)
        curve = [0.35 + 3 * math.exp(-((day - first) % 7) / 1.5) for day in range(days)]
    elif profile == "tiny":
        curve = [1.0] * days
    else:
        curve = [0.6] * days
        post = rng.randint(0, 5)
        while post < days:
            lift = rng.uniform(0.8, 2.5)
            for day in range(post, days):
                curve[day] += lift * math.exp(-(day - post) / 2.0)
            post += rng.randint(3, 10)
    curve = [value * world.weekday_factor(day) * math.exp(rng.gauss(0, 0.2)) for day, value in enumerate(curve)]
    mean = sum(curve) / days
    return [value / mean for value in curve]


def configure(world: World) -> None:
    """Per-partner genuine volume, conversion, timing, returning and code-only shares."""
    rng, spec = world.rng, world.spec
    honest = [p for p in world.partners if p.archetype == "honest"]
    weights: dict[str, float] = {}
    for partner in world.partners:
        partner.quality = math.exp(rng.gauss(0, 0.3)) * (1.5 if partner.channel == "coupon_site" else 1.0)
        partner.median_hours = spec.median_hours * math.exp(rng.gauss(0, 0.35))
        partner.returning_share = min(0.4, max(0.08, spec.returning_share * 0.7 + rng.gauss(0, 0.06)))
        partner.code_only_share = min(0.18, spec.code_only_share * math.exp(rng.gauss(0, 0.4)))
        if partner.profile == "code_heavy":
            partner.code_only_share = rng.uniform(0.25, 0.38)
        elif partner.profile == "deal_friendly":
            partner.code_only_share = rng.uniform(0.12, 0.25)
            partner.median_hours = rng.uniform(0.15, 0.6)
            partner.returning_share = rng.uniform(0.3, 0.42)
        elif partner.profile == "loyal_community":
            partner.returning_share = rng.uniform(0.45, 0.6)
        if not partner.coupon_code:
            partner.code_only_share = 0.0
        if partner.archetype == "honest" and partner.profile != "tiny":
            weight = math.sqrt(partner.audience_size * partner.engagement_rate) * math.exp(rng.gauss(0, 0.8))
            weights[partner.partner_id] = weight
        elif partner.profile == "tiny":
            partner.daily_clicks = rng.uniform(0.3, 1.3)
        elif partner.archetype == "customer_poaching" and partner.strength == "weak":
            partner.daily_clicks = rng.uniform(0.6, 1.2)
        elif partner.strength == "weak":
            partner.daily_clicks = rng.uniform(2.0, 6.0)
        elif partner.archetype in ("click_injection", "cookie_stuffing", "self_referral", "coupon_leakage"):
            partner.daily_clicks = rng.uniform(0.3, 1.5)
    budget = spec.honest_clicks - sum(p.daily_clicks for p in honest) * spec.days
    total_weight = sum(weights.values())
    for partner in honest:
        if partner.partner_id in weights:
            partner.daily_clicks = budget * weights[partner.partner_id] / total_weight / spec.days
            if partner.profile == "loyal_community":  # big enough for its returning share to be measurable
                partner.daily_clicks = max(partner.daily_clicks, 8.0)
    nat_group = [p for p in honest if p.profile == "shared_nat"]
    campus = net24(rng, CAMPUS)
    for partner in nat_group:
        partner.nat_net = campus


def genuine(world: World, partner: Partner) -> None:
    """Clicks, click orders, code-only and ref-only orders of a partner's real audience."""
    if partner.daily_clicks <= 0:
        return
    rng, spec = world.rng, world.spec
    curve = activity(world, partner)
    sigma = 1.1 if partner.profile == "deal_friendly" else 1.4
    nat_ips = [f"{partner.nat_net}.{rng.randint(2, 254)}" for _ in range(rng.randint(2, 4))] if partner.nat_net else []
    clicked_orders = 0
    carry = rng.random()

    def returning() -> bool:
        """Spread returning buyers evenly over the partner's orders: the share holds even on a dozen orders."""
        nonlocal carry
        carry += partner.returning_share
        if carry >= 1:
            carry -= 1
            return True
        return False

    for day in range(world.days):
        for _ in range(world.poisson(partner.daily_clicks * curve[day])):
            ts = world.moment(day)
            sku = world.sku() if rng.random() < 0.7 else ""
            mobile = rng.random() < MOBILE_SHARE[partner.channel]
            nat_ip = rng.choice(nat_ips) if nat_ips and rng.random() < 0.2 else ""
            if rng.random() < spec.conversion * partner.quality:
                delay = world.lognormal_delay(partner.median_hours * HOUR, sigma)
                if ts + delay >= world.end:
                    pass
                elif delay > COOKIE_WINDOW:
                    world.intents.append(Intent(ts + delay, "organic", returning=rng.random() < 0.5))
                else:
                    intent = Intent(
                        ts + delay,
                        "genuine",
                        partner.partner_id,
                        returning(),
                        click_ts=ts,
                        mobile=mobile,
                        nat_ip=nat_ip,
                        referrer=referrer(world, partner),
                        landing=world.landing(partner, sku),
                        click_sku=sku,
                    )
                    if partner.coupon_code and rng.random() < 0.25:
                        intent.coupon = partner.coupon_code
                    if mobile and partner.channel in APPS and rng.random() < 0.7:
                        intent.click_agent = mobile_ua(rng, APPS[partner.channel])
                    if rng.random() < 0.8:
                        intent.ref_code = partner.ref_code
                    if rng.random() < 0.03:  # tracking blocked: the ref parameter survives, the click id does not
                        intent.click_ts, intent.ref_code = None, partner.ref_code
                        _stray_click(world, partner, ts, sku)
                    world.intents.append(intent)
                    clicked_orders += 1
                    continue
            _stray_click(world, partner, ts, sku, nat_ip)
    share = partner.code_only_share
    code_only = world.poisson(clicked_orders * share / (1 - share)) if share else 0
    for _ in range(code_only):
        day = rng.choices(range(world.days), weights=curve)[0]
        ts = world.moment(day) + world.lognormal_delay(0.8 * DAY, 0.8)
        if ts < world.end:
            world.intents.append(
                Intent(
                    ts,
                    "genuine",
                    partner.partner_id,
                    returning(),
                    coupon=partner.coupon_code,
                    nat_ip=rng.choice(nat_ips) if nat_ips and rng.random() < 0.15 else "",
                )
            )


def _stray_click(world: World, partner: Partner, ts: float, sku: str, nat_ip: str = "") -> None:
    ip, agent = visitor_device(world, partner.channel)
    world.clicks.append(
        Click(
            world.click_id(),
            ts,
            partner.partner_id,
            nat_ip or ip,
            agent,
            referrer(world, partner),
            world.landing(partner, sku),
            sku,
            source="stray",
        )
    )


def organic(world: World) -> None:
    """Orders with no partner involved, in the window and over a pre-history before it."""
    rng, spec = world.rng, world.spec
    share = min(0.6, spec.returning_share + 0.03)
    per_day = spec.organic_orders / spec.days
    for day in range(spec.days):
        for _ in range(world.poisson(per_day * world.weekday_factor(day))):
            world.intents.append(Intent(world.moment(day), "organic", returning=rng.random() < share))
    history_days = rng.randint(60, 90)
    history_per_day = (spec.organic_orders + 1400) / spec.days * 0.6
    for back in range(history_days, 0, -1):
        ramp = share * min(1.0, (history_days - back) / (history_days / 2))
        for _ in range(world.poisson(history_per_day * world.weekday_factor(-back))):
            world.intents.append(Intent(world.moment(-back), "organic", returning=rng.random() < ramp))
