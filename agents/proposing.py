"""Submitting proposals: persist them, then open one approval thread each, parked in its ``interrupt``."""

from __future__ import annotations

from collections.abc import Sequence

from agents.approval.runner import open_threads
from agents.approval.state import ApprovalContext
from agents.context import AgentContext
from store.db import transaction
from tools.proposals import ProposalDraft, create_proposal, pending_subjects, subject_of


def submit_proposals(*, context: AgentContext, agent: str, drafts: Sequence[ProposalDraft]) -> list[int]:
    """Persist new drafts (a still-pending proposal of the same kind and subject is not duplicated)."""
    created: list[tuple[int, str]] = []
    with transaction(context.engine) as session:
        pending = pending_subjects(session=session)
        for draft in drafts:
            if subject_of(draft) in pending:
                continue
            pending.add(subject_of(draft))
            proposal = create_proposal(session=session, draft=draft, agent=agent, now=context.now)
            created.append((proposal.id, proposal.thread_id or f"proposal-{proposal.id}"))
    approval = ApprovalContext(engine=context.engine, public_url=context.public_url, now=context.now)
    if context.background is None:
        open_threads(context=approval, proposals=created)
    else:  # the proposals are committed; their threads park in the background (see agents.background)
        context.background.submit(lambda: open_threads(context=approval, proposals=created))
    return [proposal_id for proposal_id, _ in created]
