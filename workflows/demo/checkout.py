"""What the shop saw at checkout in the demo program, and the partner-driven orders that lost their cookie.

Both come from their own ``Random`` (``checkout_random(seed)``), drawn after the main simulation, so every
click, order and refund the main stream produces is byte-identical with or without them:

- ``lost_cookie_orders``: a share (``LOST_COOKIE_SHARE``) of partner-driven conversions lose every identifier
  (tracking prevention, a consent banner, a second browser): the buyer clicked a partner's link and bought
  the landing product a short while later, but the order carries no click id, ref code or coupon. They follow
  the partner's own behaviour (new-customer share, time to order, refund rate); the truth file names the
  partner and the click, nothing in the CSVs does. A returning buyer here is one no click carries the
  identity of: a known identity would be credited cross-device, and then the cookie was not what was lost
  (it also keeps every existing attribution, and so the fraud scan, exactly as it was).
- ``checkout_signals``: the buyer's IP and user agent for every order (the orders CSV's optional ``ip`` and
  ``user_agent`` columns). A buyer who arrives from a click mostly buys from the click's network and browser;
  a returning customer often from their home network; anyone else from anywhere, and some of them from a
  network that also carries other people's clicks (a carrier's NAT pool, an office, a campus): the
  look-alikes probabilistic matching must not credit. Stuffed and injected clicks never lose a cookie
  here: only a real visitor's honest click does.

Never writes files; the generator does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from random import Random

from workflows.demo.archetypes import Behaviour
from workflows.demo.catalog import PartnerSpec
from workflows.demo.traffic import COOKIE_DAYS, Click, Order, World

LOST_COOKIE_SHARE = 0.15  # of a partner's honest conversions: order carries nothing that names the partner
SAME_NETWORK_AFTER_CLICK = 0.8  # a tracked order is placed from its click's network (else wifi <-> mobile)
SAME_NETWORK_LOST_COOKIE = 0.75  # likewise for a buyer whose cookie was lost
SAME_BROWSER = 0.9
HOME_NETWORK = 0.6  # a customer seen before orders from the same network again
SHARED_NETWORK = 0.15  # a buyer without a click of their own shares a network with some clicker
NO_LOST_COOKIES = ("cookie_stuffer",)  # its "honest" clicks are hidden iframes: no one behind them buys


def checkout_random(seed: int) -> Random:
    """The checkout stream of program ``seed``: independent of the main one, reproducible for the seed."""
    return Random(f"afflow-demo-checkout:{seed}")


def lost_cookie_orders(
    *,
    world: World,
    rng: Random,
    honest_clicks: Sequence[tuple[PartnerSpec, Behaviour, Sequence[Click]]],
) -> list[tuple[Order, Click]]:
    """Orders without identifiers that a partner's click really led to, each with that click."""
    used = {order.click_id for order in world.orders if order.click_id}
    linked = {click.customer_ref for click in world.clicks if click.customer_ref}
    unlinked = [customer for customer in world.history_customers if customer not in linked]
    orders: list[tuple[Order, Click]] = []
    for _partner, behaviour, clicks in honest_clicks:
        if behaviour.archetype in NO_LOST_COOKIES:
            continue
        chance = behaviour.conversion * LOST_COOKIE_SHARE / (1 - LOST_COOKIE_SHARE)
        for click in clicks:
            if click.click_id in used or click.customer_ref or rng.random() >= chance:
                continue
            minutes = rng.lognormvariate(0, 1.5) * behaviour.median_minutes_to_order
            ts = click.ts + timedelta(minutes=min(max(minutes, 0.5), (COOKIE_DAYS - 1) * 24 * 60))
            new = rng.random() < behaviour.new_customer_share or not unlinked
            if ts >= world.end:
                continue
            customer = world.new_customer() if new else rng.choice(unlinked)
            order = Order(ts, customer, refund_rate=behaviour.refund_rate)
            order.lines = world.basket(world.by_sku.get(click.sku), discount=False, rng=rng)
            orders.append((order, click))
    return orders


def same_network(ip: str, rng: Random) -> str:
    """Another address of ``ip``'s network (/24 for IPv4, the generator's /48 for IPv6)."""
    if ":" in ip:
        return f"{ip.split('::', 1)[0]}::{rng.randrange(1, 0xFFFF):x}"
    return f"{ip.rsplit('.', 1)[0]}.{rng.randrange(1, 255)}"


def checkout_signals(
    *,
    world: World,
    rng: Random,
    orders: Iterable[Order],
    lost_cookie_clicks: dict[str, Click],
) -> dict[str, tuple[str, str]]:
    """``order_id -> (ip, user_agent)`` for numbered ``orders`` in time order (a customer's home comes first)."""
    clicks = {click.click_id: click for click in world.clicks}
    home: dict[str, tuple[str, str]] = {}
    signals: dict[str, tuple[str, str]] = {}
    for order in orders:
        click = clicks.get(order.click_id) if order.click_id else lost_cookie_clicks.get(order.order_id)
        same_network_share = SAME_NETWORK_AFTER_CLICK if order.click_id else SAME_NETWORK_LOST_COOKIE
        seen = home.get(order.customer_id)
        if click is not None:
            ip = same_network(click.ip, rng) if rng.random() < same_network_share else world.ip(rng)
            agent = click.user_agent if rng.random() < SAME_BROWSER else world.user_agent(rng)
        elif seen is not None and rng.random() < HOME_NETWORK:
            ip = same_network(seen[0], rng)
            agent = seen[1] if rng.random() < SAME_BROWSER else world.user_agent(rng)
        elif rng.random() < SHARED_NETWORK:
            ip, agent = same_network(rng.choice(world.clicks).ip, rng), world.user_agent(rng)
        else:
            ip, agent = world.ip(rng), world.user_agent(rng)
        home.setdefault(order.customer_id, (ip, agent))
        signals[order.order_id] = (ip, agent)
    return signals
