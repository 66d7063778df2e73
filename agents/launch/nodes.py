"""Launch nodes: match_partners -> attach_links (shared with briefs) -> write_copy -> queue_briefs.

A new arrival is a product created in the last 14 days, after the store started receiving events (the
catalog imported before trading began is the baseline, not a launch). Each partner gets one launch brief
covering all the new products it was matched to (at most ``PRODUCTS_PER_BRIEF``), queued in one
transaction. A product already announced to a partner (its SKU in an earlier launch message's dedupe key)
is never announced to that partner again, so a re-run queues nothing new.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from langgraph.runtime import Runtime

from agents.analysis import flagged_partners
from agents.briefs.nodes import fit_to_channel
from agents.briefs.state import BriefCopy, BriefsState, PartnerBrief, SkuPick
from agents.context import AgentContext
from agents.launch.matching import best_partners, histories
from agents.wording import TELLING_KINDS, channel
from prompts import render
from store.db import transaction
from tools import ledger_view, outbox
from tools.inventory import inventory_status

HISTORY = timedelta(days=90)
NEW_DAYS = 14
PRODUCTS_PER_BRIEF = 3
KEY_PREFIX = "launch:"
KEY_LIMIT = 200  # outbox dedupe_key length


def match_partners(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    flagged = flagged_partners(runtime.context)
    with transaction(runtime.context.engine) as session:
        stock = inventory_status(session=session, as_of=now, new_days=NEW_DAYS)
        trading_since = ledger_view.first_event_received_at(session=session)
        contacts = ledger_view.partner_contacts(session=session)
        sales = ledger_view.partner_sku_sales(session=session, since=now - HISTORY, until=now)
        announced = _announced(outbox.dedupe_keys(session=session, kind="launch", prefix=KEY_PREFIX))
        program = ledger_view.program_name(session=session)
    category_of = {item.sku: item.category for item in stock}
    new = [item for item in stock if item.is_new and trading_since is not None and item.created_at > trading_since]
    candidates = histories(contacts=contacts, sales=sales, category_of=category_of, excluded=flagged)
    sold = {category for h in candidates for category, units in h.units_by_category.items() if units > 0}
    briefs: dict[str, PartnerBrief] = {}
    for item in sorted(new, key=lambda i: (i.created_at, i.sku)):
        for match in best_partners(product=item, candidates=candidates, sold_categories=sold):
            pid = match.partner_id
            if item.sku in announced.get(pid, set()):
                continue
            contact = contacts[pid]
            speaks_to = channel(contact.channel)
            brief = briefs.setdefault(pid, PartnerBrief(
                partner_id=pid, name=contact.name, email=contact.email, channel=contact.channel,
                audience_size=contact.audience_size, tier="launch", top_category=item.category,
                channel_kind=speaks_to.kind, audience=speaks_to.audience, is_video=speaks_to.shows_video, picks=[]))
            if _fits(pid, [*(p.sku for p in brief.picks), item.sku]):
                brief.picks.append(SkuPick(sku=item.sku, title=item.title, category=item.category,
                                           why=match.why(item.category)))
    iso = now.isocalendar()
    return {"briefs": [b for b in briefs.values() if b.picks], "program": program,
            "week": f"{iso.year}-W{iso.week:02d}"}


def write_copy(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def write(brief: PartnerBrief) -> PartnerBrief:
        def offline() -> BriefCopy:
            return offline_launch_copy(brief)

        copy = reasoner.structured(task="launch", system=system, prompt=render("launch/copy.txt.j2", brief=brief),
                                   schema=BriefCopy, offline=offline)
        return brief.model_copy(update={"copy_": fit_to_channel(copy, brief=brief, offline=offline, task="launch",
                                                                usage=reasoner.usage)})

    return {"briefs": reasoner.map(write, state["briefs"])}


def queue_briefs(state: BriefsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """All launch briefs of the run in one transaction: either every partner's brief is queued or none."""
    queued = 0
    with transaction(runtime.context.engine) as session:
        for brief in state["briefs"]:
            context = {"brief": brief, "copy": brief.copy_, "program": state["program"]}
            queued += outbox.queue_message(
                session=session, dedupe_key=_key(brief.partner_id, [p.sku for p in brief.picks]), channel="email",
                recipient=brief.email, kind="launch", partner_id=brief.partner_id,
                subject=f"New at {state['program']}: " + ", ".join(p.title for p in brief.picks),
                body_text=render("launch/brief.txt.j2", **context), body_html=render("launch/brief.html.j2", **context),
            )
    return {"queued": queued}


def offline_launch_copy(brief: PartnerBrief) -> BriefCopy:
    """Launch copy from the data: what is new, in its own category, told the way the channel tells it."""
    lead, others = brief.picks[0], brief.picks[1:]
    audience = f"your {brief.audience}"
    first_look = (f"tell {audience} about {lead.title}" if brief.channel_kind in TELLING_KINDS
                  else f"show {audience} {lead.title}")
    angle = (f"A first look: {first_look}, new in {lead.category}, next to what they already use, "
             "and say plainly who it is for.")
    points = [
        f"You are among the first to feature {lead.title}: an honest first impression is the story.",
        f"Compare it with what {audience} already bought in {lead.category} through you: what is better, "
        "what is different, who should skip it.",
    ]
    if others:
        points.append("Also new for you: " + ", ".join(p.title for p in others) + "; one post can cover them together.")
    points.append("Each product has its own tracking link below, so we can tell you which one your audience chose.")
    script = None
    if brief.is_video:
        script = (f"HOOK (0-5s): \"New in {lead.category}, and I got it first: {lead.title}.\"\n"
                  f"DEMO (5-22s): unbox it and use it once on camera; compare it with what you use today.\n"
                  "CTA (22-30s): \"It's linked below, and the link supports the channel.\"")
    return BriefCopy(angle=angle, talking_points=points[:5], video_script=script)


def _key(partner_id: str, skus: list[str]) -> str:
    return f"{KEY_PREFIX}{partner_id}:" + "+".join(sorted(skus))


def _fits(partner_id: str, skus: list[str]) -> bool:
    return len(skus) <= PRODUCTS_PER_BRIEF and len(_key(partner_id, skus)) <= KEY_LIMIT


def _announced(keys: list[str]) -> dict[str, set[str]]:
    """Partner -> SKUs already announced, read back from the launch messages' dedupe keys."""
    result: dict[str, set[str]] = {}
    for key in keys:
        partner_id, _, skus = key.removeprefix(KEY_PREFIX).partition(":")
        result.setdefault(partner_id, set()).update(skus.split("+"))
    return result
