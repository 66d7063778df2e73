"""Briefs nodes: plan_briefs -> attach_links -> write_copy -> queue_briefs.

Which SKUs to push comes from the data (``picking``); the LLM (or the offline templates) only writes the
angle, talking points and, for video channels, a short script.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.briefs.picking import partner_top_category, pick_skus
from agents.briefs.state import BriefCopy, BriefsState, PartnerBrief
from agents.context import AgentContext
from agents.usage import RunUsage
from agents.wording import TELLING_KINDS, channel, misnamed_audience
from prompts import render
from store.db import transaction
from tools import ledger_view, outbox
from tools.links import create_sku_links

SALES_WINDOW = timedelta(days=28)


def plan_briefs(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    context = runtime.context
    tiers = {p.partner_id: p.tier for p in analysis.partner_scores(context).partners}
    contacts = analysis.contacts(context)
    sales = analysis.sku_sales(context, since=now - SALES_WINDOW, until=now)
    stock = analysis.inventory(context)
    with transaction(context.engine) as session:
        program = ledger_view.program_name(session=session)
    inventory = {item.sku: item for item in stock}
    overstock = sorted((i for i in stock if i.overstock), key=lambda i: -(i.stock - i.stock_target) * i.unit_margin_cents)
    new_arrivals = sorted((i for i in stock if i.is_new), key=lambda i: i.created_at, reverse=True)
    if len(new_arrivals) > len(stock) // 2:
        new_arrivals = []  # everything is "new" (a fresh import): newness says nothing
    briefs = []
    flagged = analysis.flagged_partners(context)
    for pid, contact in contacts.items():
        if pid in flagged:
            continue  # offboarding proposed or fraud under review: no creative push meanwhile
        partner_sales = sales.get(pid, [])
        speaks_to = channel(contact.channel)
        briefs.append(
            PartnerBrief(
                partner_id=pid,
                name=contact.name,
                email=contact.email,
                channel=contact.channel,
                audience_size=contact.audience_size,
                tier=tiers.get(pid, "maintain"),
                top_category=partner_top_category(sales=partner_sales, inventory=inventory),
                channel_kind=speaks_to.kind,
                audience=speaks_to.audience,
                is_video=speaks_to.shows_video,
                picks=pick_skus(sales=partner_sales, inventory=inventory, overstock=overstock,
                                new_arrivals=new_arrivals),
            )
        )
    iso = now.isocalendar()
    return {"briefs": briefs, "program": program, "week": f"{iso.year}-W{iso.week:02d}"}


def attach_links(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Every brief's tracking links in one batch (not one round of queries per partner)."""
    wanted = {brief.partner_id: [p.sku for p in brief.picks] for brief in state["briefs"] if brief.picks}
    with transaction(runtime.context.engine) as session:
        links = create_sku_links(session=session, wanted=wanted, public_url=runtime.context.public_url)
    for brief in state["briefs"]:
        urls = links.get(brief.partner_id, {})
        for pick in brief.picks:
            pick.url = urls[pick.sku].url if pick.sku in urls else ""
    return {"briefs": state["briefs"]}


def write_copy(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def write(brief: PartnerBrief) -> PartnerBrief:
        def offline() -> BriefCopy:
            return offline_copy(brief)

        copy = reasoner.structured(task="brief", system=system, prompt=render("briefs/copy.txt.j2", brief=brief),
                                   schema=BriefCopy, offline=offline)
        return brief.model_copy(update={"copy_": fit_to_channel(copy, brief=brief, offline=offline, task="brief",
                                                                usage=reasoner.usage)})

    return {"briefs": reasoner.map(write, [b for b in state["briefs"] if b.picks])}


def queue_briefs(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    queued = 0
    with transaction(runtime.context.engine) as session:
        for brief in state["briefs"]:
            if brief.copy_ is None:
                continue
            context = {"brief": brief, "copy": brief.copy_, "week": state["week"], "program": state["program"]}
            queued += outbox.queue_message(
                session=session,
                dedupe_key=f"brief:{brief.partner_id}:{state['week']}",
                channel="email",
                recipient=brief.email,
                kind="brief",
                partner_id=brief.partner_id,
                subject=f"Your {state['program']} brief, week {state['week']}",
                body_text=render("briefs/brief.txt.j2", **context),
                body_html=render("briefs/brief.html.j2", **context),
            )
    return {"queued": queued}


def fit_to_channel(copy: BriefCopy, *, brief: PartnerBrief, offline: Callable[[], BriefCopy], task: str,
                   usage: RunUsage) -> BriefCopy:
    """The copy as the channel can use it: no video script where there is no video, and the offline copy
    (counted as a fallback) when the LLM's calls the audience by another channel's word ("your viewers" to a
    podcast): a creator would not forward that."""
    text = " ".join([copy.angle, *copy.talking_points, copy.video_script or ""])
    if misnamed_audience(text, brief.channel_kind) is not None:
        usage.fallback(task=task, reason="wrong_audience")
        copy = offline()
    return copy if brief.is_video else copy.model_copy(update={"video_script": None})


def offline_copy(brief: PartnerBrief) -> BriefCopy:
    """Template copy from the data: the lead product in its own category, told the way the channel tells it
    (podcast listeners hear about it, viewers see it), and why each product was picked."""
    lead = brief.picks[0]
    audience = f"your {brief.audience}"
    opening = (f"Tell {audience} about {lead.title} from your own use" if brief.channel_kind in TELLING_KINDS
               else f"Show {audience} {lead.title} in use")
    angle = (f"{opening}: the problem it solves and how it compares with the rest of our {lead.category} range, "
             "then give them one or two alternatives for different budgets.")
    points = [f"{pick.title}: {pick.why}." for pick in brief.picks[:3]]
    if brief.tier == "growth":
        points.append("You are one of our fastest-growing partners: ask us for early access to launches.")
    script = None
    if brief.is_video:
        script = (
            f"HOOK (0-5s): \"If you buy one thing in {lead.category} this season, make it this.\"\n"
            f"DEMO (5-22s): use {lead.title} on camera; show the detail that matters and one honest drawback.\n"
            f"CTA (22-30s): \"It's linked below, and the link supports the channel.\""
        )
    return BriefCopy(angle=angle, talking_points=points, video_script=script)
