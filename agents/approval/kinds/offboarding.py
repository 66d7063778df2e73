"""Offboarding: the partner's status becomes offboarded (its links stop crediting) and it is told by e-mail."""

from __future__ import annotations

from pydantic import Field

from agents.approval.kinds.base import Applying, EarningsStop, KindSpec, ProposalPayload
from prompts import render
from store.audit import Actor, record
from tools import ledger_view, outbox


class Offboarding(ProposalPayload):
    signals: list[str] = Field(default_factory=list)


def apply(applying: Applying, offboarding: Offboarding) -> None:
    session, proposal = applying.session, applying.proposal
    assert proposal.partner_id is not None
    partner = ledger_view.set_partner_status(session=session, partner_id=proposal.partner_id, status="offboarded")
    record(session=session, actor=Actor.parse(proposal.decided_by or "system"), action="partner_offboarded",
           subject=f"partner:{partner.id}", details={"proposal_id": proposal.id}, now=applying.now)  # fmt: skip
    program = ledger_view.program_name(session=session)
    outbox.queue_message(
        session=session,
        dedupe_key=f"offboard:{partner.id}:{proposal.id}",
        channel="email",
        recipient=partner.email,
        kind="offboard",
        partner_id=partner.id,
        subject=f"Your partnership with {program}",
        body_text=render("letters/offboard.txt.j2", name=partner.name, program=program),
    )


SPEC = KindSpec(kind="offboard_partner", payload=Offboarding, label="Offboardings", name="Offboard partner",
                effect=EarningsStop(), apply=apply, evidence_keys=("score", "reason"))  # fmt: skip
