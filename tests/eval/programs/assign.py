"""Buyers for order intents, in time order, and the clicks that carried them.

Returning buyers are drawn from people who already ordered (weighted by how often they order,
with a lean to recent buyers), so the returning share a reader measures is the one intended.
"""

from __future__ import annotations

import bisect

from .identity import Customer
from .model import HOUR, Click, Intent, World

RECENT = 2500
VISITOR_SHARE = {"stray": 0.06, "known_visitor": 0.85, "cart_visitor": 0.4}


def _buyer(world: World, intent: Intent, tickets: list[Customer]) -> Customer:
    rng = world.rng
    if intent.returning and tickets:
        if rng.random() < 0.5 and len(tickets) > RECENT:
            return tickets[rng.randrange(len(tickets) - RECENT, len(tickets))]
        return rng.choice(tickets)
    mobile_share = 0.85 if intent.mobile else None
    return world.people.customer(mobile_share=mobile_share)


def assign_buyers(world: World) -> list[tuple[float, Customer]]:
    """Give each intent a buyer and checkout signals; return first-order times, ascending."""
    rng = world.rng
    tickets: list[Customer] = []
    firsts: list[tuple[float, Customer]] = []
    order = sorted(range(len(world.intents)), key=lambda index: (world.intents[index].ts, index))
    for index in order:
        intent = world.intents[index]
        fixed = intent.customer is not None
        customer = intent.customer if intent.customer is not None else _buyer(world, intent, tickets)
        intent.customer = customer
        if customer.first_order == float("inf"):
            customer.first_order = intent.ts
            firsts.append((intent.ts, customer))
        if not fixed:
            tickets.append(customer)
        if intent.click_ts is not None:
            _materialize(world, intent, customer)
        else:
            ip, agent = customer.device(rng, intent.mobile)
            intent.ip, intent.user_agent = intent.nat_ip or ip, agent
    return firsts


def _materialize(world: World, intent: Intent, customer: Customer) -> None:
    """The click on the buyer's own device; checkout happens in the same browser."""
    rng = world.rng
    assert intent.click_ts is not None
    ip, agent = customer.device(rng, intent.mobile)
    ip = intent.nat_ip or ip
    agent = intent.click_agent or agent
    known = customer.customer_id.isdigit() and customer.first_order < intent.click_ts and rng.random() < 0.35
    click = Click(
        world.click_id(),
        intent.click_ts,
        intent.partner_id,
        ip,
        agent,
        intent.referrer,
        intent.landing,
        intent.click_sku,
        customer.customer_id if known else "",
        intent.source,
    )
    world.clicks.append(click)
    intent.click = click
    moved = intent.ts - intent.click_ts > 6 * HOUR and ip != customer.home_ip and not intent.nat_ip
    intent.ip = f"{customer.mobile_net}.{rng.randint(2, 254)}" if moved else ip
    intent.user_agent = agent


def known_visitors(world: World, firsts: list[tuple[float, Customer]]) -> None:
    """Some clicks that led nowhere still came from existing customers (most for brand search and cashback)."""
    rng = world.rng
    times = [ts for ts, _ in firsts]
    for click in world.clicks:
        share = VISITOR_SHARE.get(click.source, 0.0)
        if not share or rng.random() >= share:
            continue
        known = bisect.bisect_left(times, click.ts)
        if known == 0:
            continue
        customer = firsts[rng.randrange(max(0, known - 4000), known)][1]
        click.ip, click.user_agent = customer.device(rng)
        if customer.customer_id.isdigit() and rng.random() < 0.35:
            click.customer_ref = customer.customer_id
