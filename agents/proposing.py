"""Submitting proposals: persist them, then open one approval thread each, parked in its ``interrupt``."""

from __future__ import annotations

from collections.abc import Sequence

from agents.approval.runner import open_threads
from agents.approval.state import ApprovalContext
from agents.context import AgentContext
from store.db import transaction
from tools.proposals import ProposalDraft, create_proposal, open_proposal_exists


def submit_proposals(*, context: AgentContext, agent: str, drafts: Sequence[ProposalDraft]) -> list[int]:
    """Persist new drafts (a still-pending proposal of the same kind and subject is not duplicated)."""
    created: list[tuple[int, str]] = []
    with transaction(context.engine) as session:
        for draft in drafts:
            if open_proposal_exists(session=session, draft=draft):
                continue
            proposal = create_proposal(session=session, draft=draft, agent=agent, now=context.now)
            created.append((proposal.id, proposal.thread_id or f"proposal-{proposal.id}"))
    open_threads(
        context=ApprovalContext(engine=context.engine, public_url=context.public_url, now=context.now),
        proposals=created,
    )
    return [proposal_id for proposal_id, _ in created]
