"""Payout batches: pay each ready partner its locked commissions, net of the clawbacks it still owes.

``plan_payout(*, session, as_of)`` (read only) decides, per partner with commissions locked by ``as_of``:
gross = the locked amount, offset = min(open clawback, gross), net = gross - offset; a partner is paid when
``workflows.booking.payout_readiness`` finds no reason to hold it (blocked, commissions held, under review: a
pending ``offboard_partner`` or ``clawback`` proposal, an open high-severity fraud finding, no payout method or
no tax form where the program requires them) and its net reaches the program's ``min_payout_cents``. Everyone
else is *held*: left out with every reason, its commissions stay locked and carry over to the next batch.
``create_payout_batch`` books that plan. The posting ``payout:{batch}:{partner}`` is Dr ``locked`` gross,
Cr ``clawback`` offset, Cr ``paid`` net; a clawback larger than the gross stays open for the next batch.
Commissions are marked ``paid`` with the batch id by set-based UPDATEs and the items are summed from the rows
carrying that batch id, so a concurrent run cannot pay a commission twice. The batch keeps the held partners
and their reasons (``held``). Nothing to pay creates no batch. What happens after (sent, paid) is batch
metadata (``workflows.booking.payout_status``): the ledger records the payout once, here.

``export_batch_csv`` renders a batch for finance: partner_id,name,email,gross,clawback,net,currency,commission_count,
through ``tools.spreadsheet_csv`` (a name like ``=HYPERLINK(...)`` is text in the sheet, never a formula).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.bulk import chunks
from store.db import ensure_program
from store.ledger import Posting, balances, book, partner_account
from store.models import Commission, Partner, PayoutBatch, PayoutItem
from store.money import format_money
from tools.spreadsheet_csv import write_csv
from workflows.booking.payout_readiness import HoldReason, hold_reasons

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
    """A partner with locked commissions left out of a batch, and every reason (``payout_readiness``)."""

    partner_id: str
    locked_cents: int
    reasons: tuple[HoldReason, ...]

    @property
    def reason(self) -> str:
        return "; ".join(r.message for r in self.reasons)

    def as_dict(self) -> dict[str, Any]:
        return {
            "partner_id": self.partner_id,
            "locked_cents": self.locked_cents,
            "reasons": [r.as_dict() for r in self.reasons],
        }


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
    already_created: bool = False  # the confirm token had created this batch before: nothing new was booked


@dataclass(frozen=True)
class PayoutPlan:
    """What a batch at ``as_of`` would pay (``lines``; commission counts are those locked now) and hold."""

    as_of: datetime
    currency: str
    min_payout_cents: int
    lines: tuple[PayoutLine, ...]
    held: tuple[HeldPartner, ...]

    @property
    def total_cents(self) -> int:
        return sum(line.net_cents for line in self.lines)

    @property
    def held_cents(self) -> int:
        return sum(h.locked_cents for h in self.held)


class UnknownBatch(LookupError):
    """The payout batch id does not exist."""


def plan_payout(*, session: Session, as_of: datetime) -> PayoutPlan:
    """Read only: who a batch at ``as_of`` pays, how much, and who it holds and why (the portal's preview)."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    program = ensure_program(session)
    owed = {p: v for p, v in _locked_by_partner(session, as_of).items() if v[1] > 0}
    reasons = hold_reasons(session=session, program=program, partner_ids=owed)
    open_clawbacks = {b.partner_id: b.clawback for b in balances(session=session)}
    lines: list[PayoutLine] = []
    held: list[HeldPartner] = []
    for partner_id, (count, gross) in sorted(owed.items()):
        offset = min(max(open_clawbacks.get(partner_id, 0), 0), gross)
        why = list(reasons[partner_id])
        if gross - offset < program.min_payout_cents:
            minimum = format_money(program.min_payout_cents, program.currency)
            net = format_money(gross - offset, program.currency)
            why.append(HoldReason("below_minimum", f"below minimum: {net} is less than the minimum payout {minimum}"))
        if why:
            held.append(HeldPartner(partner_id, gross, tuple(why)))
        else:
            lines.append(PayoutLine(partner_id, gross, offset, gross - offset, count))
    return PayoutPlan(as_of, program.currency, program.min_payout_cents, tuple(lines), tuple(held))


def create_payout_batch(
    *, session: Session, as_of: datetime, actor: Actor | None = None, confirm_token: str | None = None
) -> PayoutResult:
    """Book a batch for the partners ``plan_payout`` finds ready; ``actor`` is audited as its creator.

    ``confirm_token`` (the portal's confirm step) creates at most one batch: given again, it returns the batch it
    created, books nothing and audits nothing.
    """
    if confirm_token is not None:
        existing = session.scalar(select(PayoutBatch).where(PayoutBatch.confirm_token == confirm_token))
        if existing is not None:
            return _result_of(session, existing)
    plan = plan_payout(session=session, as_of=as_of)
    if not plan.lines:
        reason = (
            "nothing to pay: no locked commissions" if not plan.held else "nothing to pay: no partner is payable"
        )
        return PayoutResult(as_of=as_of, currency=plan.currency, reason=reason, held=plan.held)
    batch = PayoutBatch(
        as_of=as_of,
        currency=plan.currency,
        total_cents=0,
        created_by=str(actor) if actor is not None else None,
        held=[h.as_dict() for h in plan.held],
        confirm_token=confirm_token,
    )
    session.add(batch)
    session.flush()  # a second submit of the same token stops here, on the unique constraint
    offsets = {line.partner_id: line.clawback_cents for line in plan.lines}
    paid = _mark_paid(session, batch.id, as_of, sorted(offsets))
    lines: list[PayoutLine] = []
    postings: list[Posting] = []
    for partner_id, (count, gross) in sorted(paid.items()):
        offset = min(offsets[partner_id], gross)
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
    if actor is not None:
        record(session=session, actor=actor, action="payout_batch_created_paid", subject=f"payout_batch:{batch.id}",
               details={"total_cents": batch.total_cents, "partners": len(lines), "held": len(plan.held)})  # fmt: skip
    return PayoutResult(as_of, plan.currency, batch.id, batch.total_cents, tuple(lines), held=plan.held)


def _result_of(session: Session, batch: PayoutBatch) -> PayoutResult:
    items = session.scalars(select(PayoutItem).where(PayoutItem.batch_id == batch.id).order_by(PayoutItem.partner_id))
    return PayoutResult(
        as_of=batch.as_of,
        currency=batch.currency,
        batch_id=batch.id,
        total_cents=batch.total_cents,
        items=tuple(
            PayoutLine(i.partner_id, i.gross_cents, i.clawback_cents, i.net_cents, i.commission_count) for i in items
        ),
        held=held_of(batch),
        already_created=True,
    )


def held_of(batch: PayoutBatch) -> tuple[HeldPartner, ...]:
    """The partners ``batch`` left out, as recorded when it was created."""
    return tuple(
        HeldPartner(
            str(h["partner_id"]),
            int(h["locked_cents"]),
            tuple(HoldReason(r["code"], r["message"]) for r in h.get("reasons", [])),
        )
        for h in batch.held or []
    )


def _locked_by_partner(session: Session, as_of: datetime) -> dict[str, tuple[int, int]]:
    """(commission count, locked amount) by partner, for every partner with commissions locked by ``as_of``."""
    query = (
        select(Commission.partner_id, func.count(), func.sum(Commission.amount_cents - Commission.reversed_cents))
        .where(Commission.state == "locked", Commission.locked_at <= as_of)
        .group_by(Commission.partner_id)
    )
    return {partner_id: (int(count), int(total or 0)) for partner_id, count, total in session.execute(query)}


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
