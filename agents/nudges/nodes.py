"""Nudges nodes: find_declines -> write_nudges -> queue_nudges.

A decline is a maintain-tier partner whose attributed revenue or orders fell by 20% or more against the
previous 4 weeks. "Similar partners" are maintain/growth partners of the same network whose revenue grew;
what works for them is the SKUs they sold most.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents.analysis import partner_scores
from agents.context import AgentContext
from agents.nudges.state import NudgeCopy, NudgeFacts, NudgesState
from prompts import render
from store.db import transaction
from store.money import format_money
from tools import ledger_view, outbox
from tools.metrics import PartnerMetrics, partner_metrics

DECLINE = Decimal("-0.20")
WINDOW = timedelta(days=28)


def find_declines(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    tiers = {p.partner_id: p.tier for p in partner_scores(runtime.context).partners}
    with transaction(runtime.context.engine) as session:
        metrics = partner_metrics(session=session, start=now - WINDOW, end=now)
        contacts = ledger_view.partner_contacts(session=session)
        sales = ledger_view.partner_sku_sales(session=session, since=now - WINDOW, until=now)
        currency = ledger_view.program_currency(session=session)
        program = ledger_view.program_name(session=session)
        titles = ledger_view.product_titles(session=session, skus=[s.sku for rows in sales.values() for s in rows])
    by_id = {m.partner_id: m for m in metrics.partners}
    growing = [m for m in metrics.partners if tiers.get(m.partner_id) in ("maintain", "growth")
               and (m.change.revenue or Decimal(0)) > 0 and m.partner_id in contacts]
    facts: list[NudgeFacts] = []
    for pid, contact in contacts.items():
        partner = by_id.get(pid)
        if partner is None or tiers.get(pid) != "maintain" or not _declining(partner):
            continue
        peers = [m for m in growing if contacts[m.partner_id].network == contact.network and m.partner_id != pid]
        counts: Counter[str] = Counter()
        for peer in peers:
            for row in sales.get(peer.partner_id, [])[:3]:
                counts[row.sku] += row.units
        peer_skus = [titles.get(sku, sku) for sku, _ in counts.most_common(3)]
        facts.append(NudgeFacts(
            partner_id=pid, name=contact.name, email=contact.email, network=contact.network,
            what_changed=_changes(partner, currency), peer_skus=peer_skus, peer_count=len(peers),
            action=_action(partner, peer_skus),
        ))
    iso = now.isocalendar()
    return {"facts": facts, "program": program, "week": f"{iso.year}-W{iso.week:02d}"}


def write_nudges(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def write(facts: NudgeFacts) -> tuple[str, NudgeCopy]:
        copy = reasoner.structured(task="nudge", system=system, prompt=render("nudges/copy.txt.j2", facts=facts),
                                   schema=NudgeCopy, offline=lambda: offline_nudge(facts))
        return facts.partner_id, copy

    return {"copies": dict(reasoner.map(write, state["facts"]))}


def queue_nudges(state: NudgesState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    queued = 0
    with transaction(runtime.context.engine) as session:
        for facts in state["facts"]:
            copy = state["copies"][facts.partner_id]
            queued += outbox.queue_message(
                session=session, dedupe_key=f"nudge:{facts.partner_id}:{state['week']}", channel="email",
                recipient=facts.email, kind="nudge", partner_id=facts.partner_id, subject=copy.headline,
                body_text=render("nudges/nudge.txt.j2", facts=facts, copy=copy, program=state["program"]),
            )
    return {"queued": queued}


def offline_nudge(facts: NudgeFacts) -> NudgeCopy:
    works = (f"{facts.peer_count} partners like you are growing with {', '.join(facts.peer_skus)}."
             if facts.peer_skus else "Partners who are growing right now publish fresh, problem-solving content.")
    body = f"Over the last four weeks: {'; '.join(facts.what_changed)}. {works} Our suggestion: {facts.action}"
    return NudgeCopy(headline="A quick look at your last four weeks, and one idea", body=body)


def _declining(partner: PartnerMetrics) -> bool:
    revenue, orders = partner.change.revenue, partner.change.orders
    return (revenue is not None and revenue <= DECLINE) or (orders is not None and orders <= DECLINE)


def _pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{(value * 100).quantize(Decimal(1)):+}%"


def _changes(partner: PartnerMetrics, currency: str) -> list[str]:
    now, before = partner.current, partner.previous
    return [
        f"revenue {format_money(now.revenue_cents, currency)} vs {format_money(before.revenue_cents, currency)} "
        f"({_pct(partner.change.revenue)})",
        f"orders {now.orders} vs {before.orders} ({_pct(partner.change.orders)})",
        f"clicks {now.clicks} vs {before.clicks} ({_pct(partner.change.clicks)})",
    ]


def _action(partner: PartnerMetrics, peer_skus: list[str]) -> str:
    clicks = partner.change.clicks
    if clicks is not None and clicks <= DECLINE:
        target = peer_skus[0] if peer_skus else "your best-selling product"
        return f"publish one new piece this week featuring {target}, with your tracking link in the first lines."
    return ("your clicks held up but fewer of them bought: refresh the product links in your most-visited post "
            "to items that are in stock, and say who each product is for.")
