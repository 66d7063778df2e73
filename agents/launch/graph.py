"""The launch graph: match_partners -> attach_links -> write_copy -> queue_briefs.

A new product (added in the last 14 days) goes to the partners whose past sales are in its category,
then by past conversions and audience size: at most 5 partners per product, one brief per partner
covering all its new products, queued in one transaction.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from agents.briefs.nodes import attach_links, offline_copy
from agents.briefs.picking import is_video_channel
from agents.briefs.state import BriefCopy, BriefsState, PartnerBrief, SkuPick
from agents.context import AgentContext
from prompts import render
from store.db import transaction
from tools import ledger_view, outbox
from tools.inventory import inventory_status

PARTNERS_PER_PRODUCT = 5
HISTORY = timedelta(days=90)


def match_partners(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    with transaction(runtime.context.engine) as session:
        stock = inventory_status(session=session, as_of=now)
        contacts = ledger_view.partner_contacts(session=session)
        sales = ledger_view.partner_sku_sales(session=session, since=now - HISTORY, until=now)
        program = ledger_view.program_name(session=session)
    category_of = {item.sku: item.category for item in stock}
    new = [item for item in stock if item.is_new and item.units_sold == 0]
    briefs: dict[str, PartnerBrief] = {}
    for item in new:
        def fit(pid: str, category: str = item.category) -> tuple[int, int, float]:
            rows = sales.get(pid, [])
            in_category = sum(r.units for r in rows if category_of.get(r.sku) == category)
            return in_category, sum(r.units for r in rows), math.log1p(contacts[pid].audience_size)

        ranked = sorted(contacts, key=lambda pid: (fit(pid), pid), reverse=True)[:PARTNERS_PER_PRODUCT]
        for pid in ranked:
            contact, score = contacts[pid], fit(pid)
            why = (f"new in {item.category}, where you sold {score[0]} units in 90 days" if score[0]
                   else f"new in {item.category}; your audience of {contact.audience_size:,} hears it first")
            brief = briefs.setdefault(pid, PartnerBrief(
                partner_id=pid, name=contact.name, email=contact.email, channel=contact.channel,
                audience_size=contact.audience_size, tier="launch", top_category=item.category,
                is_video=is_video_channel(contact.channel), picks=[]))
            brief.picks.append(SkuPick(sku=item.sku, title=item.title, category=item.category, why=why))
    iso = now.isocalendar()
    return {"briefs": list(briefs.values()), "program": program, "week": f"{iso.year}-W{iso.week:02d}"}


def write_copy(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def write(brief: PartnerBrief) -> PartnerBrief:
        copy = reasoner.structured(task="launch", system=system, prompt=render("launch/copy.txt.j2", brief=brief),
                                   schema=BriefCopy, offline=lambda: offline_copy(brief))
        return brief.model_copy(update={"copy_": copy if brief.is_video else copy.model_copy(update={"video_script": None})})

    return {"briefs": reasoner.map(write, state["briefs"])}


def queue_briefs(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    queued = 0
    with transaction(runtime.context.engine) as session:
        for brief in state["briefs"]:
            skus = "+".join(sorted(p.sku for p in brief.picks))
            context = {"brief": brief, "copy": brief.copy_, "week": state["week"], "program": state["program"]}
            queued += outbox.queue_message(
                session=session, dedupe_key=f"launch:{brief.partner_id}:{skus}"[:200], channel="email",
                recipient=brief.email, kind="launch", partner_id=brief.partner_id,
                subject=f"New at {state['program']}: " + ", ".join(p.title for p in brief.picks[:3]),
                body_text=render("briefs/brief.txt.j2", **context), body_html=render("briefs/brief.html.j2", **context),
            )
    return {"queued": queued}


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(BriefsState, context_schema=AgentContext)
    graph.add_node("match_partners", match_partners)
    graph.add_node("attach_links", attach_links)
    graph.add_node("write_copy", write_copy)
    graph.add_node("queue_briefs", queue_briefs)
    graph.add_edge(START, "match_partners")
    graph.add_edge("match_partners", "attach_links")
    graph.add_edge("attach_links", "write_copy")
    graph.add_edge("write_copy", "queue_briefs")
    graph.add_edge("queue_briefs", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {"launch_briefs": [{"partner_id": b.partner_id, "skus": [p.sku for p in b.picks]} for b in final["briefs"]],
            "queued": final["queued"]}
