"""Payout batches: pay each partner its locked commissions, net of the clawbacks it still owes.

``create_payout_batch(*, session, as_of)`` pays, per eligible partner, every commission locked by
``as_of``: gross = the locked amount, offset = min(open clawback, gross), net = gross - offset. The
posting ``payout:{batch}:{partner}`` is Dr ``locked`` gross, Cr ``clawback`` offset, Cr ``paid`` net;
a clawback larger than the gross stays open for the next batch. Commissions are marked ``paid`` with the
batch id by set-based UPDATEs and the items are summed from the rows carrying that batch id, so a
concurrent run cannot pay a commission twice. Not paid (their commissions stay locked): blocked partners, partners
on hold (``commissions_held``), and a net below the program's ``min_payout_cents``. A partner under review
(a pending ``offboard_partner`` or ``clawback`` proposal) is *held*: left out of the batch, and listed in
``PayoutResult.held`` with the reason, until a human decides. Nothing to pay creates no batch.

``export_batch_csv`` renders a batch for finance: partner_id,name,email,gross,clawback,net,currency,commission_count,
through ``tools.spreadsheet_csv`` (a name like ``=HYPERLINK(...)`` is text in the sheet, never a formula).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from store.bulk import chunks
from store.db import ensure_program
from store.ledger import Posting, balances, book, partner_account
from store.models import Commission, Partner, PayoutBatch, PayoutItem, Proposal
from store.money import format_money
from tools.spreadsheet_csv import write_csv

EXPORT_COLUMNS = ("partner_id", "name", "email", "gross", "clawback", "net", "currency", "commission_count")


@dataclass(frozen=True, slots=True)
class PayoutLine:
    partner_id: str
    gross_cents: int
    clawback_cents: int
    net_cents: int
    commission_count: int


@dataclass(frozen=True, slots=True)
class HeldPartner:
    """A partner with locked commissions left out of a batch while a decision about it is pending."""

    partner_id: str
    locked_cents: int
    reason: str


@dataclass(frozen=True)
class PayoutResult:
    """``batch_id`` is None when there was nothing to pay (``reason`` says why)."""

    as_of: datetime
    currency: str
    batch_id: int | None = None
    total_cents: int = 0
    items: tuple[PayoutLine, ...] = field(default_factory=tuple)
    reason: str = ""
    held: tuple[HeldPartner, ...] = field(default_factory=tuple)


class UnknownBatch(LookupError):
    """The payout batch id does not exist."""


def create_payout_batch(*, session: Session, as_of: datetime) -> PayoutResult:
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    program = ensure_program(session)
    owed = _locked_by_partner(session, as_of)
    review = partners_under_review(session=session)
    held = tuple(HeldPartner(p, gross, review[p]) for p, gross in sorted(owed.items()) if p in review and gross > 0)
    open_clawbacks = {b.partner_id: b.clawback for b in balances(session=session)}
    payable = [
        partner_id
        for partner_id, gross in owed.items()
        if gross > 0
        and partner_id not in review
        and gross - min(open_clawbacks.get(partner_id, 0), gross) >= program.min_payout_cents
    ]
    if not payable:
        reason = "nothing to pay: no locked commissions" if not owed else "nothing to pay: no partner is payable"
        return PayoutResult(as_of=as_of, currency=program.currency, reason=reason, held=held)
    batch = PayoutBatch(as_of=as_of, currency=program.currency, total_cents=0)
    session.add(batch)
    session.flush()
    paid = _mark_paid(session, batch.id, as_of, payable)
    lines: list[PayoutLine] = []
    postings: list[Posting] = []
    for partner_id, (count, gross) in sorted(paid.items()):
        offset = min(max(open_clawbacks.get(partner_id, 0), 0), gross)
        line = PayoutLine(partner_id, gross, offset, gross - offset, count)
        lines.append(line)
        legs = [(partner_account(partner_id, "locked"), gross)]
        legs += [(partner_account(partner_id, "clawback"), -offset)] if offset else []
        legs += [(partner_account(partner_id, "paid"), -line.net_cents)] if line.net_cents else []
        if gross:
            postings.append(
                Posting(ref=f"payout:{batch.id}:{partner_id}", kind="payout", ts=as_of, legs=tuple(legs), memo="payout")
            )
    book(session=session, postings=postings)
    session.execute(
        insert(PayoutItem),
        [
            {
                "batch_id": batch.id,
                "partner_id": line.partner_id,
                "gross_cents": line.gross_cents,
                "clawback_cents": line.clawback_cents,
                "net_cents": line.net_cents,
                "commission_count": line.commission_count,
            }
            for line in lines
        ],
    )
    batch.total_cents = sum(line.net_cents for line in lines)
    session.flush()
    return PayoutResult(as_of, program.currency, batch.id, batch.total_cents, tuple(lines), held=held)


def partners_under_review(*, session: Session) -> dict[str, str]:
    """Partners a pending offboarding or clawback proposal is about, with the first such proposal as reason."""
    query = (
        select(Proposal.partner_id, Proposal.kind, Proposal.id)
        .where(
            Proposal.status == "pending",
            Proposal.kind.in_(("offboard_partner", "clawback")),
            Proposal.partner_id.is_not(None),
        )
        .order_by(Proposal.id)
    )
    reasons: dict[str, str] = {}
    for partner_id, kind, proposal_id in session.execute(query):
        what = "offboarding" if kind == "offboard_partner" else "clawback"
        reasons.setdefault(str(partner_id), f"under review: {what} proposal {proposal_id} is pending")
    return reasons


def _locked_by_partner(session: Session, as_of: datetime) -> dict[str, int]:
    """Locked amounts by partner, leaving out blocked partners and partners on hold."""
    unpayable = select(Partner.id).where((Partner.status == "blocked") | Partner.commissions_held.is_(True))
    query = (
        select(Commission.partner_id, func.sum(Commission.amount_cents - Commission.reversed_cents))
        .where(Commission.state == "locked", Commission.locked_at <= as_of, Commission.partner_id.not_in(unpayable))
        .group_by(Commission.partner_id)
    )
    return {partner_id: int(total or 0) for partner_id, total in session.execute(query)}


def _mark_paid(session: Session, batch_id: int, as_of: datetime, partners: list[str]) -> dict[str, tuple[int, int]]:
    """Set-based: one UPDATE per 500 partners stamps the batch id, one GROUP BY over that id sums it."""
    for chunk in chunks(partners):
        session.execute(
            update(Commission)
            .where(Commission.state == "locked", Commission.locked_at <= as_of, Commission.partner_id.in_(chunk))
            .values(state="paid", payout_batch_id=batch_id)
            .execution_options(synchronize_session=False)
        )
    totals = session.execute(
        select(Commission.partner_id, func.count(), func.sum(Commission.amount_cents - Commission.reversed_cents))
        .where(Commission.payout_batch_id == batch_id, Commission.state == "paid")
        .group_by(Commission.partner_id)
    )
    return {partner_id: (int(count), int(total or 0)) for partner_id, count, total in totals}


def export_batch_csv(*, session: Session, batch_id: int) -> str:
    """The batch as CSV text (header + one row per partner), money as decimal strings."""
    batch = session.get(PayoutBatch, batch_id)
    if batch is None:
        raise UnknownBatch(f"payout batch {batch_id} does not exist")
    rows = session.execute(
        select(PayoutItem, Partner.name, Partner.email)
        .outerjoin(Partner, Partner.id == PayoutItem.partner_id)
        .where(PayoutItem.batch_id == batch_id)
        .order_by(PayoutItem.partner_id)
    ).all()
    return write_csv(
        header=EXPORT_COLUMNS,
        rows=(
            [
                item.partner_id,
                name or "",
                email or "",
                Decimal(format_money(item.gross_cents, batch.currency)),
                Decimal(format_money(item.clawback_cents, batch.currency)),
                Decimal(format_money(item.net_cents, batch.currency)),
                batch.currency,
                item.commission_count,
            ]
            for item, name, email in rows
        ),
    )
