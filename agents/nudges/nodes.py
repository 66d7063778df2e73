"""Nudges nodes: find_declines -> write_nudges -> queue_nudges.

Who gets a nudge, what changed and what works for similar partners are decided in ``diagnosis`` from the
cycle's shared analytics; partners proposed for offboarding or with any fraud finding never get one. The
LLM (or the offline templates) only words it. Each nudge carries a tracking link for the product its
action names.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.context import AgentContext
from agents.nudges import sentences
from agents.nudges.diagnosis import (
    biggest_loss,
    comparison_days,
    drivers,
    is_declining,
    main_category,
    main_driver,
    measure_of,
    similar_partners,
    what_changed,
)
from agents.nudges.state import NudgeCopy, NudgeFacts, NudgesState
from agents.wording import change_text, channel, misnamed_audience
from prompts import render
from store.db import transaction
from tools import ledger_view, outbox
from tools.links import create_sku_links

NUDGED_TIERS = ("maintain", "growth")


def comparison_window(context: AgentContext) -> timedelta | None:
    first = analysis.history_start(context)
    days = comparison_days((context.now - first).days) if first is not None else None
    return timedelta(days=days) if days is not None else None


def prefetch(context: AgentContext) -> None:
    """Warm the analytics ``find_declines`` reads (the weekly cycle runs this beside earlier agents)."""
    window = comparison_window(context)
    if window is not None:
        analysis.window_metrics(context, start=context.now - window, end=context.now)
        analysis.sku_sales(context, since=context.now - window, until=context.now)
        analysis.sku_sales(context, since=context.now - 2 * window, until=context.now - window)


def find_declines(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    context, now = runtime.context, runtime.context.now
    with transaction(context.engine) as session:
        currency = ledger_view.program_currency(session=session)
        program = ledger_view.program_name(session=session)
    iso = now.isocalendar()
    base = {"program": program, "week": f"{iso.year}-W{iso.week:02d}", "facts": []}
    window = comparison_window(context)
    if window is None:
        return base | {"window_days": None}
    days = window.days
    metrics = analysis.window_metrics(context, start=now - window, end=now)
    scores = analysis.partner_scores(context).partners
    tiers = {s.partner_id: s.tier for s in scores}
    flagged = {s.partner_id for s in scores if s.findings} | analysis.flagged_partners(context)
    contacts = analysis.contacts(context)
    stock = {item.sku: item for item in analysis.inventory(context)}
    sales_now = analysis.sku_sales(context, since=now - window, until=now)
    sales_before = analysis.sku_sales(context, since=now - 2 * window, until=now - window)
    category_of = {sku: item.category for sku, item in stock.items()}
    category_now = {pid: main_category(rows, category_of) for pid, rows in sales_now.items()}
    network_of = {pid: c.network for pid, c in contacts.items()}
    clean = [m for m in metrics.partners if m.partner_id in contacts and m.partner_id not in flagged
             and tiers.get(m.partner_id) in NUDGED_TIERS]
    growing = [m for m in clean if m.current.orders > 0 and (m.change.revenue or Decimal(0)) > 0]
    program_change = metrics.program.change.revenue
    facts: list[NudgeFacts] = []
    for partner in clean:
        if not is_declining(partner):
            continue
        contact = contacts[partner.partner_id]
        category = main_category(sales_before.get(partner.partner_id, []), category_of)
        peers = similar_partners(category=category, network=contact.network, stock=stock, sales_now=sales_now,
                                 growing=[p for p in growing if p.partner_id != partner.partner_id],
                                 category_now=category_now, network_of=network_of)
        loss = biggest_loss(sales_now.get(partner.partner_id, []), sales_before.get(partner.partner_id, []))
        lost = (stock[loss[0]].title if loss[0] in stock else loss[0], loss[1], loss[2]) if loss else None
        measure, audience = measure_of(partner), channel(contact.channel).audience
        shares = drivers(partner, measure=measure)
        driver = main_driver(shares)
        action, action_sku = sentences.action(partner, driver=driver, peers=peers, audience=audience, stock=stock,
                                              lost=stock.get(loss[0]) if loss else None, currency=currency)
        changed = what_changed(partner, days=days, currency=currency, lost=lost)
        changed.append(f"the whole program over the same days: revenue {change_text(program_change)}")
        decline = sentences.decline(partner, measure=measure, days=days, currency=currency)
        cause = sentences.cause(partner, shares=shares, currency=currency)
        program_context = sentences.program_context(program_change)
        facts.append(NudgeFacts(
            partner_id=partner.partner_id, name=contact.name, email=contact.email, network=contact.network,
            channel=contact.channel, audience=audience, window_days=days, category=category, what_changed=changed,
            driver=driver, decline=decline, cause=cause, program_context=program_context,
            works_for_peers=sentences.works_for_peers(peers, category, contact.network, days, stock),
            peer_skus=[stock[sku].title for sku, _ in peers.top_skus], peer_count=len(peers.partner_ids),
            action=action, action_sku=action_sku,
            opening=sentences.opening(decline=decline, cause=cause, program=program_context),
        ))
    return base | {"window_days": days, "facts": facts}


def write_nudges(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def write(facts: NudgeFacts) -> tuple[str, NudgeCopy]:
        copy = reasoner.structured(task="nudge", system=system, prompt=render("nudges/copy.txt.j2", facts=facts),
                                   schema=NudgeCopy, offline=lambda: offline_nudge(facts))
        if misnamed_audience(f"{copy.headline} {copy.body}", channel(facts.channel).kind) is not None:
            reasoner.usage.fallback(task="nudge", reason="wrong_audience")  # "your viewers" to a podcast
            copy = offline_nudge(facts)
        return facts.partner_id, copy

    return {"copies": dict(reasoner.map(write, state["facts"]))}


def queue_nudges(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    queued = 0
    wanted = {f.partner_id: [f.action_sku] for f in state["facts"] if f.action_sku is not None}
    with transaction(runtime.context.engine) as session:
        links = create_sku_links(session=session, wanted=wanted, public_url=runtime.context.public_url)
        for facts in state["facts"]:
            copy = state["copies"][facts.partner_id]
            link = links.get(facts.partner_id, {}).get(facts.action_sku or "")
            if link is not None:
                facts = facts.model_copy(update={"action_url": link.url})
            queued += outbox.queue_message(
                session=session, dedupe_key=f"nudge:{facts.partner_id}:{state['week']}", channel="email",
                recipient=facts.email, kind="nudge", partner_id=facts.partner_id, subject=copy.headline,
                body_text=render("nudges/nudge.txt.j2", facts=facts, copy=copy, program=state["program"]),
            )
    return {"queued": queued}


def offline_nudge(facts: NudgeFacts) -> NudgeCopy:
    """A short personal opening; the numbers, the peers and the action follow in their own sections."""
    headline = f"{facts.name}: your last {facts.window_days} days, and one thing to try this week"
    return NudgeCopy(headline=headline, body=facts.opening)
