"""The approval loop: a human's decision resumes the proposal's waiting LangGraph thread.

``decide`` records the decision atomically (pending -> approved | rejected; a second decider gets
``ProposalStateError``), then resumes thread ``proposal-<id>`` whose ``apply_decision`` node applies an
approved proposal exactly once. If the thread is gone (e.g. checkpoints deleted) the same exactly-once
apply runs directly. An approved proposal whose apply was interrupted by a crash is finished by deciding
it again with ``approve=True``. Used by the CLI and by Slack actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from agents.approval.effects import apply_approved, apply_rejected
from agents.approval.runner import resume_thread
from agents.approval.state import ApprovalContext, Decision
from store.db import transaction
from store.models import Proposal
from tools import proposals
from tools.proposals import ProposalStateError

__all__ = ["DecisionResult", "ProposalStateError", "decide", "expire_stale", "list_proposals"]


@dataclass(frozen=True, slots=True)
class DecisionResult:
    proposal_id: int
    kind: str
    status: str
    outcome: str


def decide(
    *,
    engine: Engine,
    proposal_id: int,
    approve: bool,
    actor: str,
    public_url: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> DecisionResult:
    now = now or datetime.now(UTC)
    with transaction(engine) as session:
        current = proposals.get_proposal(session=session, proposal_id=proposal_id)
        finishing = current.status == "approved" and approve
        if finishing:
            proposal = current
        else:
            proposal = proposals.record_decision(
                session=session, proposal_id=proposal_id, approve=approve, actor=actor, reason=reason, now=now
            )
        thread_id = proposal.thread_id or f"proposal-{proposal_id}"
    context = ApprovalContext(engine=engine, public_url=public_url, now=now)
    outcome = resume_thread(
        context=context, thread_id=thread_id, decision=Decision(approve=approve, actor=actor, reason=reason)
    )
    if outcome is None:
        outcome = (
            apply_approved(engine=engine, proposal_id=proposal_id, public_url=public_url, now=now)
            if approve
            else apply_rejected(engine=engine, proposal_id=proposal_id, now=now)
        )
    with transaction(engine) as session:
        final = proposals.get_proposal(session=session, proposal_id=proposal_id)
        return DecisionResult(proposal_id=proposal_id, kind=final.kind, status=final.status, outcome=outcome)


def expire_stale(*, engine: Engine, now: datetime) -> list[int]:
    """Expire proposals pending for more than 7 days; their threads stay parked and are never applied."""
    with transaction(engine) as session:
        return proposals.expire_pending(session=session, now=now)


def list_proposals(*, engine: Engine, status: str | None = None) -> list[Proposal]:
    with transaction(engine) as session:
        return proposals.list_proposals(session=session, status=status)
