"""Proposals: what an agent wants done, persisted with its evidence, waiting for a human.

This module only records and changes proposal *status*; applying an approved proposal happens in the
approval graph (``agents.approval``), exactly once, guarded by ``claim_for_apply``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.models import Proposal

# The kinds are agents.approval.registry's (one module each); agents.proposing.submit_in refuses any other.
ProposalKind = str
EXPIRY = timedelta(days=7)
# After a decision, the same kind and subject is not proposed again for this long unless its evidence changed
# (what counts as new evidence is each kind's: agents.approval.registry).
COOLDOWN = timedelta(days=28)
Subject = tuple[str, str | None, str | None, object]


class ProposalDraft(BaseModel):
    """A proposal as an agent drafts it: the payload is what applying needs; evidence is why."""

    kind: ProposalKind = Field(min_length=1, max_length=32)
    summary: str = Field(min_length=1)
    rationale: str = ""
    partner_id: str | None = None
    application_id: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    evidence: dict[str, Any] = Field(default_factory=dict)
    expected_impact: dict[str, Any] = Field(default_factory=dict)


class ProposalStateError(ValueError):
    """A decision on a proposal that is not pending (already decided, applied or expired) or does not exist."""


def create_proposal(*, session: Session, draft: ProposalDraft, agent: str, now: datetime) -> Proposal:
    proposal = Proposal(
        kind=draft.kind,
        status="pending",
        partner_id=draft.partner_id,
        application_id=draft.application_id,
        summary=draft.summary,
        rationale=draft.rationale,
        payload=draft.payload,
        evidence=draft.evidence,
        expected_impact=draft.expected_impact,
        agent=agent,
        created_at=now,
    )
    session.add(proposal)
    session.flush()
    proposal.thread_id = f"proposal-{proposal.id}"
    return proposal


def subject_of(draft: ProposalDraft | Proposal) -> Subject:
    """What a proposal is about: kind, partner, application and SKU or experiment (two pending ones must not
    share it)."""
    payload = draft.payload or {}
    target = payload.get("sku") or (f"experiment:{payload['experiment_id']}" if "experiment_id" in payload else None)
    return draft.kind, draft.partner_id, draft.application_id, target


def pending_subjects(*, session: Session) -> set[Subject]:
    """The subjects of every pending proposal, in one query: a new draft of one of them is not proposed again."""
    return {subject_of(p) for p in session.scalars(select(Proposal).where(Proposal.status == "pending"))}


def last_decisions(*, session: Session) -> dict[Subject, Proposal]:
    """Per subject, its most recently decided proposal (approved, applied or rejected; expiry is no decision)."""
    decided = select(Proposal).where(Proposal.status.in_(("approved", "applied", "rejected")),
                                     Proposal.decided_at.is_not(None)).order_by(Proposal.decided_at, Proposal.id)
    return {subject_of(p): p for p in session.scalars(decided)}  # later rows win


def clawed_back_orders(*, session: Session) -> dict[str, set[str]]:
    """Per partner, the orders a clawback already covers: waiting, decided for or against, or applied.

    A fraudulent order's commission is recovered at most once, and a clawback a manager rejected is not
    put to them again week after week; only an expired one's orders may be proposed anew.
    """
    covered: dict[str, set[str]] = {}
    query = select(Proposal.partner_id, Proposal.payload).where(
        Proposal.kind == "clawback", Proposal.status != "expired", Proposal.partner_id.is_not(None)
    )
    for partner_id, payload in session.execute(query):
        covered.setdefault(str(partner_id), set()).update(str(i) for i in (payload or {}).get("order_ids", []))
    return covered


def list_proposals(*, session: Session, status: str | None = None) -> list[Proposal]:
    query = select(Proposal).order_by(Proposal.id)
    if status is not None:
        query = query.where(Proposal.status == status)
    return list(session.scalars(query))


def get_proposal(*, session: Session, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise ProposalStateError(f"proposal {proposal_id} does not exist")
    return proposal


def record_decision(
    *, session: Session, proposal_id: int, approve: bool, actor: str, reason: str | None, now: datetime,
    approved_payload: dict[str, Any] | None = None,
) -> Proposal:
    """pending -> approved | rejected, atomically: two racing deciders cannot both win.

    ``approved_payload`` (approvals only) is what will be applied: the proposed payload, or a human's edit of it.
    """
    result = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal_id, Proposal.status == "pending")
        .values(
            status="approved" if approve else "rejected",
            decided_by=actor,
            decided_at=now,
            decision_reason=reason,
            approved_payload=approved_payload if approve else None,
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        proposal = get_proposal(session=session, proposal_id=proposal_id)
        raise ProposalStateError(f"proposal {proposal_id} is {proposal.status}, not pending")
    session.expire_all()
    return get_proposal(session=session, proposal_id=proposal_id)


def claim_for_apply(*, session: Session, proposal_id: int, now: datetime) -> bool:
    """approved -> applied; True for exactly one caller, who must apply the effects in the same transaction."""
    result = session.execute(
        update(Proposal)
        .where(Proposal.id == proposal_id, Proposal.status == "approved")
        .values(status="applied", applied_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def expire_pending(*, session: Session, now: datetime) -> list[int]:
    """Mark proposals pending for more than 7 days ``expired``; returns their ids."""
    stale = list(
        session.scalars(select(Proposal.id).where(Proposal.status == "pending", Proposal.created_at < now - EXPIRY))
    )
    if stale:
        session.execute(
            update(Proposal)
            .where(Proposal.id.in_(stale), Proposal.status == "pending")
            .values(status="expired", decided_by="system", decided_at=now, decision_reason="expired after 7 days")
        )
    return stale
