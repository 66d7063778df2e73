"""Posting new proposals to the Slack approval channel, once each, however many replicas run delivery.

Without Slack (or without ``AFFLOW_SLACK_APPROVAL_CHANNEL``) nothing is posted: proposals wait in the
approval inbox (``afflow approvals``). A post that crashes between Slack's answer and our UPDATE leaves the
proposal claimed but without ``slack_ts``; it is not reposted (no duplicates), and ``afflow approvals`` still
decides it.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, and_, select, update

from store.db import transaction
from store.models import Proposal
from tools.slack import SlackConfig, SlackDeliveryError

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
        try:
            posted = client.post_proposal(channel=channel, proposal=proposal)
        except SlackDeliveryError as exc:
            log.warning("posting proposal %s to Slack failed (will retry): %s", proposal_id, exc)
            with transaction(engine) as session:
                session.execute(update(Proposal).where(Proposal.id == proposal_id).values(slack_channel=None))
            continue
        with transaction(engine) as session:
            session.execute(
                update(Proposal)
                .where(Proposal.id == proposal_id)
                .values(slack_channel=posted.channel, slack_ts=posted.ts)
            )
        posted_count += 1
    return posted_count
