"""Fraud that steals orders the shop would have had anyway, by planting the partner's click on them.

Runs after buyers are assigned, on organic orders (and, for last-click override, on other partners'
click orders), so a planted click carries the buyer's own browser and network.

- click_injection (Everflow / Adjust: click-to-conversion in seconds): an extension or app fires the
  partner's link at the cart, seconds before a checkout that was already under way.
- click_spamming (Adjust / AppsFlyer "organic poaching"): a flood of clicks on devices that never
  chose to click; the few that "convert" are organic buyers, at times spread flat over the window.
- cookie_stuffing (FTC v. Hogan / eBay v. Shawn Hogan, Digital Point): hidden iframes or pop-unders
  drop the partner's cookie on every page view, with no or a foreign referrer, from a few networks;
  the credited orders come days later from buyers who never meant to visit through the partner.
"""

from __future__ import annotations

from .identity import desktop_ua, ip_in, mobile_ua, net24, webview_ua
from .model import COOKIE_WINDOW, DAY, HOUR, Click, Intent, Partner, World
from .traffic import visitor_device
from .vocab import HOSTING, RESIDENTIAL

APP_WORDS = ("flashlight", "cleaner", "weather", "solitaire", "wallpapers", "vpnfree", "qrscan", "horoscope")
SITE_WORDS = ("puzzles", "recipes", "newsdaily", "lyrics", "freegames", "celebgossip", "quizzes", "sportslive")
FOREIGN = ("torrentz-hub", "freeimghost", "wallpaper-cave", "mangafeed", "forum-deals", "linkshrink", "fileupz")


class Victims:
    """Organic orders in the window, each stolen at most once."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.pool = [i for i in world.intents if i.source == "organic" and i.ts >= world.start]
        world.rng.shuffle(self.pool)

    def take(self, min_age: float, include_clicked: float = 0.0) -> Intent | None:
        world = self.world
        if include_clicked and world.rng.random() < include_clicked:
            clicked = [
                i for i in world.intents if i.source == "genuine" and i.click is not None and i.ts - i.click.ts > 60
            ]
            if clicked:
                return world.rng.choice(clicked)
        for index, intent in enumerate(self.pool):
            if intent.ts - world.start >= min_age:
                return self.pool.pop(index)
        return None


def _plant(
    world: World,
    intent: Intent,
    partner: Partner,
    source: str,
    ts: float,
    referrer: str,
    landing: str,
    sku: str = "",
    ip: str = "",
) -> Click:
    customer = intent.customer
    assert customer is not None
    known = customer.customer_id.isdigit() and intent.returning and world.rng.random() < 0.35
    click = Click(
        world.click_id(),
        ts,
        partner.partner_id,
        ip or intent.ip,
        intent.user_agent,
        referrer,
        landing,
        sku,
        customer.customer_id if known else "",
        source,
    )
    world.clicks.append(click)
    intent.click, intent.source, intent.partner_id = click, source, partner.partner_id
    intent.ref_code = partner.ref_code if world.rng.random() < 0.8 else ""
    return click


def _ip_then(world: World, intent: Intent, gap: float) -> str:
    """The buyer's address ``gap`` seconds before checkout: home stays, a phone's carrier address changes."""
    customer = intent.customer
    assert customer is not None
    if intent.ip == customer.home_ip or gap < 3 * HOUR:
        return intent.ip
    return f"{customer.mobile_net}.{world.rng.randint(2, 254)}"


def click_injection(world: World, partner: Partner, victims: Victims) -> None:
    rng = world.rng
    strong = partner.strength == "strong"
    stolen = rng.randint(30, 50) if strong else rng.randint(16, 24)
    override = 0.3 if partner.profile == "last_click_override" else 0.0
    median, sigma, cap = (7.0, 0.6, 58.0) if strong else (15.0, 0.7, 75.0)
    cart = world.landing(partner, "", page="cart")
    for _ in range(stolen):
        intent = victims.take(0.0, override)
        if intent is None:
            break
        delay = min(cap, max(2.0, world.lognormal_delay(median, sigma)))
        referrer = f"https://{world.shop_domain}/cart" if rng.random() < 0.5 else ""
        _plant(world, intent, partner, "click_injection", intent.ts - delay, referrer, cart)
    for _ in range(round(stolen * rng.uniform(1.0, 2.5))):  # injected on carts that were then abandoned
        ip, agent = visitor_device(world, "blog")
        ts = world.moment(rng.randrange(world.days))
        referrer = f"https://{world.shop_domain}/cart" if rng.random() < 0.5 else ""
        world.clicks.append(
            Click(world.click_id(), ts, partner.partner_id, ip, agent, referrer, cart, "", source="cart_visitor")
        )


def _spam_click(world: World, partner: Partner, ts: float) -> tuple[str, str, str, str]:
    """(ip, user agent, referrer, sku) of one spammed click."""
    rng = world.rng
    sku = world.sku() if rng.random() < 0.3 else ""
    if partner.profile == "impressions_as_clicks":
        agent = desktop_ua(rng) if rng.random() < 0.45 else mobile_ua(rng)
        site = f"https://{rng.choice(SITE_WORDS)}{rng.randint(1, 400)}.{rng.choice(('com', 'net', 'info', 'io'))}/"
        return ip_in(rng, RESIDENTIAL), agent, site, sku
    ip = visitor_device(world, "tiktok")[0]
    app = f"android-app://com.{rng.choice(APP_WORDS)}{rng.randint(1, 60)}.app" if rng.random() < 0.4 else ""
    return ip, webview_ua(rng), app, sku


def click_spamming(world: World, partner: Partner, victims: Victims) -> None:
    rng = world.rng
    strong = partner.strength == "strong"
    volume = rng.randint(3000, 4800) if strong else rng.randint(1000, 1800)
    stolen = rng.randint(25, 40) if strong else rng.randint(16, 24)
    flat = partner.profile == "background_sdk_clicks"
    for _ in range(stolen):
        intent = victims.take(2 * DAY)
        if intent is None:
            break
        earliest = max(world.start, intent.ts - COOKIE_WINDOW)
        ts = rng.uniform(earliest, intent.ts - HOUR)
        _, _, referrer, sku = _spam_click(world, partner, ts)
        _plant(
            world,
            intent,
            partner,
            "click_spamming",
            ts,
            referrer,
            world.landing(partner, sku),
            sku,
            _ip_then(world, intent, intent.ts - ts),
        )
    for _ in range(volume - stolen):
        ts = world.moment(rng.randrange(world.days), flat=flat)
        ip, agent, referrer, sku = _spam_click(world, partner, ts)
        world.clicks.append(
            Click(
                world.click_id(),
                ts,
                partner.partner_id,
                ip,
                agent,
                referrer,
                world.landing(partner, sku),
                sku,
                source="click_spamming",
            )
        )


def cookie_stuffing(world: World, partner: Partner, victims: Victims) -> None:
    rng = world.rng
    strong = partner.strength == "strong"
    sessions = rng.randint(550, 900) if strong else rng.randint(250, 450)
    stolen = rng.randint(25, 40) if strong else rng.randint(16, 24)
    popunder = partner.profile == "popunder_network"
    foreign = [f"https://{name}.{rng.choice(('com', 'net', 'to', 'org'))}" for name in rng.sample(FOREIGN, 3)]
    farms = [net24(rng, HOSTING) for _ in range(2)] + [net24(rng, RESIDENTIAL) for _ in range(2)]
    home = world.landing(partner, "", page="")

    def referrer() -> str:
        if popunder:
            return (
                f"{rng.choice(foreign)}/{rng.choice(('t', 'view', 'dl', 'thread'))}/{rng.randint(1000, 99999)}"
                if rng.random() < 0.8
                else ""
            )
        return "" if rng.random() < 0.88 else f"{rng.choice(foreign)}/page/{rng.randint(1, 999)}"

    def session(ts: float, ip: str, agent: str) -> float:
        """Every page view re-fires the hidden link: a run of clicks seconds to minutes apart."""
        views = 1
        while rng.random() < 0.65 and views < 12:
            views += 1
        for _ in range(views - 1):
            world.clicks.append(
                Click(
                    world.click_id(), ts, partner.partner_id, ip, agent, referrer(), home, "", source="cookie_stuffing"
                )
            )
            ts += rng.uniform(15, 240)
        return ts

    for _ in range(stolen):
        intent = victims.take(1 * DAY)
        if intent is None:
            break
        gap = min(29.5 * DAY, max(2 * HOUR, world.lognormal_delay(3.5 * DAY, 0.8)))
        if intent.ts - gap < world.start:  # the window holds no earlier click: redraw within it
            gap = rng.uniform(2 * HOUR, intent.ts - world.start)
        start = intent.ts - gap
        ip = _ip_then(world, intent, intent.ts - start)
        last = session(start, ip, intent.user_agent)
        _plant(world, intent, partner, "cookie_stuffing", min(last, intent.ts - HOUR), referrer(), home, "", ip)
    for _ in range(sessions - stolen):
        ts = world.moment(rng.randrange(world.days))
        ip, agent = visitor_device(world, "blog")
        if popunder and rng.random() < 0.55:
            ip = f"{rng.choice(farms)}.{rng.randint(2, 254)}"
        last = session(ts, ip, agent)
        world.clicks.append(
            Click(world.click_id(), last, partner.partner_id, ip, agent, referrer(), home, "", source="cookie_stuffing")
        )
