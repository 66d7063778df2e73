"""The approval loop: a human's decision resumes the proposal's waiting LangGraph thread.

``decide`` records the decision atomically (pending -> approved | rejected; a second decider gets
``ProposalStateError``), then resumes thread ``proposal-<id>`` whose ``apply_decision`` node applies an
approved proposal exactly once. If the thread is gone (e.g. checkpoints deleted) the same exactly-once
apply runs directly. An approved proposal whose apply was interrupted by a crash is finished by deciding
it again with ``approve=True``. Used by the CLI, the portal and Slack actions.

An approval may carry ``edits`` (``{"percent": "9"}``): re-validated against the kind's payload model
(``agents.approval.payloads``), refused with ``ProposalEditError`` before anything is recorded, and stored
as the proposal's ``approved_payload``, which is what the effects apply. Every decision (and edit) is
written to the audit log, with the decider as actor, in the transaction that records it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agents.approval.effects import apply_approved, apply_rejected
from agents.approval.payloads import ProposalEditError
from agents.approval.runner import resume_thread
from agents.approval.state import ActionRequest, ApprovalContext, Decision, HumanResponse
from store.audit import Actor, record
from store.db import transaction
from store.models import Proposal
from tools import proposals
from tools.proposals import EXPIRY, ProposalStateError
from workflows.approvals.preview import edited_payload

__all__ = ["DecisionResult", "ProposalEditError", "ProposalStateError", "decide", "expire_stale", "list_proposals"]


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
    edits: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> DecisionResult:
    now = now or datetime.now(UTC)
    with transaction(engine) as session:
        current = proposals.get_proposal(session=session, proposal_id=proposal_id)
        finishing = current.status == "approved" and approve
        if finishing and edits:
            raise ProposalStateError(f"proposal {proposal_id} is already approved as it stands; it cannot be edited")
        if finishing:
            proposal = current
        else:
            approved = _approved_payload(session, current, edits or {}, now) if approve else None
            proposal = proposals.record_decision(session=session, proposal_id=proposal_id, approve=approve,
                                                 actor=actor, reason=reason, now=now, approved_payload=approved)
            audit_decision(session, proposal, Actor.parse(actor), now)
        thread_id = proposal.thread_id or f"proposal-{proposal_id}"
    context = ApprovalContext(engine=engine, public_url=public_url, now=now)
    outcome = resume_thread(context=context, thread_id=thread_id, decision=as_decision(proposal, actor=actor))
    if outcome is None:
        outcome = (
            apply_approved(engine=engine, proposal_id=proposal_id, public_url=public_url, now=now)
            if approve
            else apply_rejected(engine=engine, proposal_id=proposal_id, now=now)
        )
    with transaction(engine) as session:
        final = proposals.get_proposal(session=session, proposal_id=proposal_id)
        return DecisionResult(proposal_id=proposal_id, kind=final.kind, status=final.status, outcome=outcome)


def _approved_payload(session: Session, proposal: Proposal, edits: Mapping[str, str], now: datetime) -> dict[str, Any]:
    if proposal.status == "pending" and proposal.created_at < now - EXPIRY:
        raise ProposalStateError(f"proposal {proposal.id} expired on {(proposal.created_at + EXPIRY).date()}")
    return edited_payload(session=session, proposal=proposal, edits=edits)


def as_decision(proposal: Proposal, *, actor: str) -> Decision:
    """The recorded decision as the thread's resume value: ``approve``/``reason`` and the same answer in the
    agent-inbox schema (accept; edit with the edited arguments; response with the reason)."""
    approve = proposal.status in ("approved", "applied")
    if not approve:
        response = HumanResponse(type="response", args=proposal.decision_reason or "")
    elif proposal.approved_payload is not None and proposal.approved_payload != proposal.payload:
        response = HumanResponse(type="edit", args=ActionRequest(action=proposal.kind, args=proposal.approved_payload))
    else:
        response = HumanResponse(type="accept", args=None)
    return Decision(approve=approve, actor=actor, reason=proposal.decision_reason, response=response)


def audit_decision(session: Session, proposal: Proposal, actor: Actor, now: datetime) -> None:
    """The decision (and any edit, field by field) in the audit log, in the transaction that records it."""
    subject = f"proposal:{proposal.id}"
    approved = proposal.approved_payload or {}
    edited = {key: {"proposed": proposal.payload.get(key), "approved": value}
              for key, value in approved.items() if proposal.payload.get(key) != value}  # fmt: skip
    if edited:
        record(session=session, actor=actor, action="proposal_edited", subject=subject,
               details={"kind": proposal.kind, "fields": edited}, now=now)  # fmt: skip
    record(session=session, actor=actor, action=f"proposal_{proposal.status}", subject=subject,
           details={"kind": proposal.kind, "partner_id": proposal.partner_id, "reason": proposal.decision_reason},
           now=now)  # fmt: skip


def expire_stale(*, engine: Engine, now: datetime) -> list[int]:
    """Expire proposals pending for more than 7 days; their threads stay parked and are never applied."""
    with transaction(engine) as session:
        return proposals.expire_pending(session=session, now=now)


def list_proposals(*, engine: Engine, status: str | None = None) -> list[Proposal]:
    with transaction(engine) as session:
        return proposals.list_proposals(session=session, status=status)
