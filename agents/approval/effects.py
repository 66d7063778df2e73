"""What an approved proposal does: its kind's ``apply`` (``agents.approval.registry``), exactly once.

``apply_approved`` claims the proposal (approved -> applied) and applies its effects in the SAME
transaction, so a resumed thread replayed twice, or two processes racing, apply it exactly once.
A rejected proposal changes nothing, unless its kind says what a rejection does (rejecting an escalated
application declines it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agents.approval.kinds.base import Applying
from agents.approval.registry import spec_of
from store.db import transaction
from store.models import Proposal
from tools import proposals


def apply_approved(*, engine: Engine, proposal_id: int, public_url: str, now: datetime) -> str:
    with transaction(engine) as session:
        return apply_claimed(session=session, proposal_id=proposal_id, public_url=public_url, now=now)


def apply_claimed(*, session: Session, proposal_id: int, public_url: str, now: datetime) -> str:
    """Claim and apply in the caller's transaction (a group decision applies all its members in one)."""
    if not proposals.claim_for_apply(session=session, proposal_id=proposal_id, now=now):
        return "already_applied"
    proposal = proposals.get_proposal(session=session, proposal_id=proposal_id)
    spec = spec_of(proposal.kind)
    spec.apply(Applying(session, proposal, public_url, now), spec.parse(applied_payload(proposal)))
    return "applied"


def apply_rejected(*, engine: Engine, proposal_id: int, now: datetime) -> str:
    with transaction(engine) as session:
        return reject_in(session=session, proposal_id=proposal_id, now=now)


def reject_in(*, session: Session, proposal_id: int, now: datetime) -> str:
    proposal = proposals.get_proposal(session=session, proposal_id=proposal_id)
    spec = spec_of(proposal.kind)
    if spec.reject is None:
        return "rejected"
    return spec.reject(Applying(session, proposal, "", now), spec.parse(proposal.payload))


def applied_payload(proposal: Proposal) -> Mapping[str, Any]:
    """What a human approved (maybe edited), or for a proposal decided before edits existed, what was proposed."""
    return proposal.approved_payload if proposal.approved_payload is not None else proposal.payload
