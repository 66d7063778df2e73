"""Posting new proposals to the Slack approval channel, once each, however many replicas run delivery.

Without Slack (or without ``AFFLOW_SLACK_APPROVAL_CHANNEL``) nothing is posted: proposals wait in the
approval inbox (``afflow approvals``). A post that crashes between Slack's answer and our UPDATE leaves the
proposal claimed but without ``slack_ts``; it is not reposted (no duplicates), and ``afflow approvals`` still
decides it.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, and_, or_, select, update
from sqlalchemy.orm import Session

from agents.approval.registry import name as kind_name
from store.db import transaction
from store.models import Proposal
from tools import ledger_view
from tools.slack import SlackConfig, SlackDeliveryError
from workflows.approvals.preview import effect_preview
from workflows.approvals.slack_edit import editable, message_decision

log = logging.getLogger(__name__)


def post_pending_proposals(*, engine: Engine, slack: SlackConfig | None) -> int:
    """Post each pending proposal not yet in Slack to the approval channel; returns how many were posted.

    A proposal is claimed by setting ``slack_channel`` where it is still NULL, so it is posted once even with
    several replicas; a failed post releases the claim for the next run.
    """
    if slack is None or not slack.approval_channel:
        return 0
    channel = slack.approval_channel
    client = slack.client()
    unposted = and_(Proposal.status == "pending", Proposal.slack_channel.is_(None), Proposal.slack_ts.is_(None))
    with transaction(engine) as session:
        ids = list(session.scalars(select(Proposal.id).where(unposted).order_by(Proposal.id)))
    posted_count = 0
    for proposal_id in ids:
        with transaction(engine) as session:
            claim = update(Proposal).where(Proposal.id == proposal_id, unposted).values(slack_channel=channel)
            if not session.execute(claim).rowcount:  # type: ignore[attr-defined]
                continue
            proposal = session.get_one(Proposal, proposal_id)
            effect = message_effect(session=session, proposal=proposal)
        try:
            posted = client.post_proposal(channel=channel, proposal=proposal, editable=editable(proposal.kind),
                                          kind_label=kind_name(proposal.kind), effect=effect)  # fmt: skip
        except SlackDeliveryError as exc:
            log.warning("posting proposal %s to Slack failed (will retry): %s", proposal_id, exc)
            with transaction(engine) as session:
                session.execute(update(Proposal).where(Proposal.id == proposal_id).values(slack_channel=None))
            continue
        with transaction(engine) as session:
            session.execute(
                update(Proposal)
                .where(Proposal.id == proposal_id)
                .values(slack_channel=posted.channel, slack_ts=posted.ts, slack_status="pending")
            )
        posted_count += 1
    return posted_count


def message_effect(*, session: Session, proposal: Proposal) -> str | None:
    """The money effect a proposal's message states: ``effect_preview``'s (the CLI's and the portal's), its
    figure and how it was worked out; None when it cannot be priced (the message goes out without it)."""
    try:
        preview = effect_preview(session=session, proposal=proposal)
    except (KeyError, ValueError) as exc:
        log.warning("pricing proposal %s for its Slack message failed: %s", proposal.id, exc)
        return None
    return "\n".join([preview.money_text, *(f"• {line}" for line in preview.lines)])


def sync_decided_messages(*, engine: Engine, slack: SlackConfig | None) -> int:
    """Update the Slack message of every proposal decided or expired since its message last changed (e.g. by
    ``afflow approvals`` or the 7-day expiry), so no stale Approve button stays in the channel."""
    if slack is None:
        return 0
    stale = and_(
        Proposal.slack_ts.is_not(None),
        Proposal.status != "pending",
        or_(Proposal.slack_status.is_(None), Proposal.slack_status != Proposal.status),
    )
    with transaction(engine) as session:
        proposals = list(session.scalars(select(Proposal).where(stale).order_by(Proposal.id)))
        currency = ledger_view.program_currency(session=session)
    client = slack.client()
    synced = 0
    for proposal in proposals:
        decision = message_decision(proposal, currency=currency)
        if decision is None or proposal.slack_channel is None or proposal.slack_ts is None:
            continue
        try:
            client.mark_decided(
                channel=proposal.slack_channel, ts=proposal.slack_ts, proposal=proposal, decision=decision,
                kind_label=kind_name(proposal.kind),
            )
        except SlackDeliveryError as exc:
            log.warning("updating the Slack message of proposal %s failed (will retry): %s", proposal.id, exc)
            continue
        with transaction(engine) as session:
            session.execute(update(Proposal).where(Proposal.id == proposal.id).values(slack_status=proposal.status))
        synced += 1
    return synced
