"""Fraud that brings its own orders: self-referral, coupon leakage, customer poaching.

- self_referral (Dub's self-referral rule, AffiliateWP's IP rules): the partner buys through their own
  link, as their account, as a guest with their email, or as a string of throwaway accounts from
  their own network in bursts (IP velocity).
- coupon_leakage: an exclusive code lands on deal sites; code-only orders from new customers on
  many networks arrive in a burst (or a steady listing) far beyond the partner's own volume.
- customer_poaching: brand-term bidding or a cashback/loyalty portal puts the partner's click in
  front of people who are already customers; timing is ordinary (hours, days).
"""

from __future__ import annotations

import math
from dataclasses import replace

from .identity import sha_guest_id
from .model import COOKIE_WINDOW, DAY, HOUR, MINUTE, Click, Intent, Partner, World
from .traffic import referrer, visitor_device


def _shown(world: World, email: str) -> str:
    """The partner's email as typed at checkout: sometimes capitalized or with stray spaces."""
    roll = world.rng.random()
    if roll < 0.2:
        local, domain = email.split("@")
        return ".".join(part.title() for part in local.split(".")) + "@" + domain.title()
    return f" {email} " if roll < 0.28 else email


def self_referral(world: World, partner: Partner) -> None:
    rng, home = world.rng, partner.home
    guest = replace(home, customer_id=sha_guest_id(home.email))
    local, domain = home.email.split("@")
    net = home.home_ip.rsplit(".", 1)[0]
    if partner.profile == "ip_velocity":
        bursts = rng.randint(5, 8)
        times: list[float] = []
        for _ in range(bursts):
            first = world.moment(rng.randrange(world.days))
            times += [first + rng.uniform(0, 2.5 * HOUR) for _ in range(rng.randint(3, 7))]
        identities = []
        for _ in times:
            throwaway = world.people.customer(account=rng.random() < 0.6, mobile_share=0.3)
            throwaway.home_ip = home.home_ip if rng.random() < 0.7 else f"{net}.{rng.randint(2, 254)}"
            throwaway.desktop_agent, throwaway.mobile_agent = home.desktop_agent, home.mobile_agent
            throwaway.mobile_net = home.mobile_net
            identities.append(throwaway)
    else:
        count = rng.randint(22, 36) if partner.strength == "strong" else rng.randint(15, 22)
        times = []
        while len(times) < count:
            first = world.moment(rng.randrange(world.days))
            times += [first + rng.uniform(0, 5 * HOUR) for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3))]
        times = times[:count]
        pool = [home, guest]
        if partner.profile == "own_accounts":
            for tag in ("1", "deals", "2"):
                plus = world.people.email_at(f"{local}+{tag}", domain)
                pool.append(replace(guest, customer_id=sha_guest_id(plus), email=plus))
        identities = [rng.choice(pool) for _ in times]
    for ts, buyer in zip(sorted(times), identities, strict=True):
        if ts >= world.end:
            continue
        intent = Intent(
            ts,
            "self_referral",
            partner.partner_id,
            customer=buyer,
            mobile=rng.random() < 0.25,
            refund_rate=0.25 if partner.strength == "strong" else 0.15,
        )
        if buyer.email == home.email:
            intent.email_shown = _shown(world, home.email)
        if rng.random() < 0.85:
            delay = world.lognormal_delay(12 * MINUTE, 1.0)
            intent.click_ts = ts - delay if ts - delay > world.start else rng.uniform(world.start, ts)
            intent.referrer = referrer(world, partner) if rng.random() < 0.6 else ""
            intent.click_sku = world.sku()
            intent.landing = world.landing(partner, intent.click_sku)
            intent.ref_code = partner.ref_code if rng.random() < 0.8 else ""
        if partner.coupon_code and (intent.click_ts is None or rng.random() < 0.5):
            intent.coupon = partner.coupon_code
        world.intents.append(intent)


def coupon_leakage(world: World, partner: Partner) -> None:
    rng, days = world.rng, world.days
    if partner.profile == "deal_site_burst":
        count, leak_day, decay = rng.randint(40, 65), rng.randint(int(days * 0.15), int(days * 0.55)), 4.0
    elif partner.profile == "aggregator_listing":
        count, leak_day, decay = rng.randint(35, 55), rng.randint(int(days * 0.1), int(days * 0.35)), 60.0
    else:
        count, leak_day, decay = rng.randint(20, 30), rng.randint(int(days * 0.2), int(days * 0.6)), 10.0
    repost = leak_day + rng.randint(8, 18)
    weights = [0.0] * days
    for day in range(leak_day, days):
        weights[day] = math.exp(-(day - leak_day) / decay)
        if partner.profile == "deal_site_burst" and day >= repost:
            weights[day] += 0.6 * math.exp(-(day - repost) / 3.0)
    placed = 0
    while placed < count:
        ts = world.moment(rng.choices(range(days), weights=weights)[0])
        if ts >= world.end:
            continue
        world.intents.append(
            Intent(
                ts,
                "coupon_leakage",
                partner.partner_id,
                rng.random() < 0.08,
                coupon=partner.coupon_code,
                refund_rate=0.08,
            )
        )
        placed += 1
    # Checkout extensions apply the leaked code to orders another partner's click brought in.
    leak_ts = world.start + leak_day * DAY
    carriers = [
        i for i in world.intents if i.source == "genuine" and i.click_ts is not None and not i.coupon and i.ts > leak_ts
    ]
    for carrier in rng.sample(carriers, min(len(carriers), rng.randint(1, 4))):
        carrier.coupon = partner.coupon_code


def customer_poaching(world: World, partner: Partner) -> None:
    rng = world.rng
    strong = partner.strength == "strong"
    orders = rng.randint(40, 70) if strong else rng.randint(28, 42)
    share = rng.uniform(0.9, 0.98) if strong else rng.uniform(0.84, 0.9)
    # An exact count, so a weak poacher's share is not left to chance on a few dozen orders.
    returning = [index < round(orders * share) for index in range(orders)]
    rng.shuffle(returning)
    conversion = rng.uniform(0.06, 0.1)
    cashback = partner.profile == "cashback_portal"
    median, sigma = (6 * HOUR, 1.5) if cashback else (1.5 * HOUR, 1.4)
    placed = 0
    while placed < orders:
        ts = world.moment(rng.randrange(world.days))
        if cashback:
            source = f"https://{partner.domain}/stores/{world.shop_domain.split('.')[1]}"
        else:
            source = rng.choices(("https://www.google.com/", "https://www.bing.com/", ""), weights=(80, 15, 5))[0]
        sku = world.sku() if rng.random() < 0.3 else ""
        delay = world.lognormal_delay(median, sigma)
        if rng.random() < conversion and ts + delay < world.end and delay < COOKIE_WINDOW:
            intent = Intent(
                ts + delay,
                "customer_poaching",
                partner.partner_id,
                returning[placed],
                click_ts=ts,
                referrer=source,
                landing=world.landing(partner, sku),
                click_sku=sku,
                ref_code=partner.ref_code if rng.random() < 0.8 else "",
            )
            world.intents.append(intent)
            placed += 1
            continue
        ip, agent = visitor_device(world, "blog")
        world.clicks.append(
            Click(
                world.click_id(),
                ts,
                partner.partner_id,
                ip,
                agent,
                source,
                world.landing(partner, sku),
                sku,
                source="known_visitor",
            )
        )
