"""What an approved proposal does, per kind, through the rules / ledger / partner / outbox tools.

``apply_approved`` claims the proposal (approved -> applied) and applies its effects in the SAME
transaction, so a resumed thread replayed twice, or two processes racing, apply it exactly once.
A rejected proposal changes nothing, except that rejecting an escalated application declines it
(a ``review_application`` has no recommendation: the human's answer *is* the decision).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agents.approval.payloads import Clawback, CommissionChange, FlashIncentive, TierBump, read_payload
from prompts import render
from store.audit import Actor, record
from store.db import transaction
from store.ledger import EXPENSE, book, partner_account, transfer
from store.models import Proposal
from tools import applications, ledger_view, outbox, proposals, rule_changes
from tools.links import create_links

WELCOME_SKUS = 3


def apply_approved(*, engine: Engine, proposal_id: int, public_url: str, now: datetime) -> str:
    with transaction(engine) as session:
        return apply_claimed(session=session, proposal_id=proposal_id, public_url=public_url, now=now)


def apply_claimed(*, session: Session, proposal_id: int, public_url: str, now: datetime) -> str:
    """Claim and apply in the caller's transaction (a group decision applies all its members in one)."""
    if not proposals.claim_for_apply(session=session, proposal_id=proposal_id, now=now):
        return "already_applied"
    proposal = proposals.get_proposal(session=session, proposal_id=proposal_id)
    _APPLY[proposal.kind](session, proposal, public_url, now)
    return "applied"


def apply_rejected(*, engine: Engine, proposal_id: int, now: datetime) -> str:
    with transaction(engine) as session:
        return reject_in(session=session, proposal_id=proposal_id, now=now)


def reject_in(*, session: Session, proposal_id: int, now: datetime) -> str:
    proposal = proposals.get_proposal(session=session, proposal_id=proposal_id)
    if proposal.kind == "review_application" and proposal.application_id is not None:
        _decline(session, proposal, now)
        return "declined"
    return "rejected"


def _admit(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    assert proposal.application_id is not None
    partner = applications.admit_application(session=session, application_id=proposal.application_id)
    skus = [row.sku for row in ledger_view.best_selling_skus(session=session, since=now - timedelta(days=30),
                                                            until=now, limit=WELCOME_SKUS)]
    links = create_links(session=session, partner_id=partner.id, public_url=public_url)
    links += create_links(session=session, partner_id=partner.id, skus=skus, public_url=public_url) if skus else []
    titles = ledger_view.product_titles(session=session, skus=skus)
    context = {
        "name": partner.name,
        "program": ledger_view.program_name(session=session),
        "ref_code": partner.ref_code,
        "links": [{"url": link.url, "sku": link.sku, "title": titles.get(link.sku or "", "")} for link in links],
    }
    outbox.queue_message(
        session=session,
        dedupe_key=f"welcome:{partner.id}",
        channel="email",
        recipient=partner.email,
        kind="welcome",
        partner_id=partner.id,
        subject=f"Welcome to {context['program']}",
        body_text=render("letters/welcome.txt.j2", **context),
        body_html=render("letters/welcome.html.j2", **context),
    )


def _decline(session: Session, proposal: Proposal, now: datetime) -> None:
    assert proposal.application_id is not None
    application = applications.decline_application(session=session, application_id=proposal.application_id)
    program = ledger_view.program_name(session=session)
    outbox.queue_message(
        session=session,
        dedupe_key=f"decline:{application.id}",
        channel="email",
        recipient=application.email,
        kind="decline",
        subject=f"Your application to {program}",
        body_text=render("letters/decline.txt.j2", name=application.name, program=program),
    )


def _decline_approved(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    _decline(session, proposal, now)


def applied_payload(proposal: Proposal) -> Mapping[str, Any]:
    """What a human approved (maybe edited), or for a proposal decided before edits existed, what was proposed."""
    return proposal.approved_payload if proposal.approved_payload is not None else proposal.payload


def _note(proposal: Proposal) -> str:
    edited = {k: v for k, v in applied_payload(proposal).items() if proposal.payload.get(k) != v}
    suffix = " (edited: " + ", ".join(f"{k} {v}" for k, v in sorted(edited.items())) + ")" if edited else ""
    return f"proposal {proposal.id}: {proposal.summary}{suffix}"


def _tier_bump(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    assert proposal.partner_id is not None
    bump = read_payload(TierBump, applied_payload(proposal))
    points = bump.points_over(rule_changes.effective_percent(body=rule_changes.current_rules(session=session, now=now),
                                                             partner_id=proposal.partner_id))
    rule_changes.bump_partner_rate(
        session=session, partner_id=proposal.partner_id, points=points, now=now, note=_note(proposal)
    )


def _commission_change(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    change = read_payload(CommissionChange, applied_payload(proposal))
    if change.partner_ids is not None:  # an experiment's winner (workflows.experiments): its rate for its cohort
        rule_changes.set_partner_rates(
            session=session, partner_ids=change.partner_ids, percent=change.percent, now=now, note=_note(proposal)
        )
        return
    assert change.sku is not None  # the model admits a SKU or a cohort, never neither
    rule_changes.set_sku_rate(session=session, sku=change.sku, percent=change.percent, now=now, note=_note(proposal))


def _flash_incentive(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    flash = read_payload(FlashIncentive, applied_payload(proposal))
    rule_changes.add_flash_incentive(
        session=session,
        sku=flash.sku,
        bonus_percent=flash.bonus_percent,
        start=now,
        end=now + timedelta(days=flash.days),
        now=now,
        note=_note(proposal),
    )


def _offboard(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    assert proposal.partner_id is not None
    partner = ledger_view.set_partner_status(session=session, partner_id=proposal.partner_id, status="offboarded")
    record(session=session, actor=Actor.parse(proposal.decided_by or "system"), action="partner_offboarded",
           subject=f"partner:{partner.id}", details={"proposal_id": proposal.id}, now=now)
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


def _clawback(session: Session, proposal: Proposal, public_url: str, now: datetime) -> None:
    """The partner owes the amount back; the clawback account is netted from its next payout."""
    assert proposal.partner_id is not None
    amount = read_payload(Clawback, applied_payload(proposal)).amount_cents
    book(
        session=session,
        postings=[
            transfer(
                ref=f"proposal:{proposal.id}:clawback",
                kind="clawback",
                ts=now,
                debit=partner_account(proposal.partner_id, "clawback"),
                credit=EXPENSE,
                amount=amount,
                memo=proposal.summary,
            )
        ],
    )


_APPLY = {
    "approve_application": _admit,
    "review_application": _admit,
    "reject_application": _decline_approved,
    "tier_bump": _tier_bump,
    "commission_change": _commission_change,
    "flash_incentive": _flash_incentive,
    "offboard_partner": _offboard,
    "clawback": _clawback,
}
