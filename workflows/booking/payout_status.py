"""A payout batch's life after it is booked: created -> sent -> paid, with who moved it and when.

The ledger recorded the payout when the batch was created (``workflows.booking.payouts``: locked -> paid);
``sent`` (the money left: Stripe transfers, a PayPal mass payment or the bank file submitted) and ``paid``
(finance confirmed it arrived) are batch metadata and never touch ledger rows. Each move is forward only,
one step at a time, stamped on the batch (``sent_at``/``sent_by``, ``paid_at``/``paid_by``) and written to
the audit log with its typed actor. Moving a batch to the status it already has is refused, not repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import PayoutBatch, PayoutItem
from store.money import format_money
from workflows.booking.payouts import HeldPartner, PayoutLine, UnknownBatch, held_of

BatchStatus = Literal["created", "sent", "paid"]
NEXT_STATUS: dict[str, BatchStatus] = {"created": "sent", "sent": "paid"}


def line_view(line: PayoutLine, currency: str) -> dict[str, Any]:
    return {
        "partner_id": line.partner_id,
        "gross": format_money(line.gross_cents, currency),
        "clawback": format_money(line.clawback_cents, currency),
        "net": format_money(line.net_cents, currency),
        "commission_count": line.commission_count,
    }


def held_view(held: HeldPartner, currency: str) -> dict[str, Any]:
    """A held partner in JSON: ``reason`` joins the ``reasons`` messages; ``codes`` are stable for scripts."""
    return {
        "partner_id": held.partner_id,
        "locked": format_money(held.locked_cents, currency),
        "reason": held.reason,
        "reasons": [r.as_dict() for r in held.reasons],
    }


def batch_view(batch: PayoutBatch) -> dict[str, Any]:
    """A batch as JSON (``afflow payouts list|show --json``, the portal's ``/finance/batches/{id}.json``)."""
    return {
        "batch_id": batch.id,
        "status": batch.status,
        "as_of": batch.as_of.isoformat(),
        "currency": batch.currency,
        "total": format_money(batch.total_cents, batch.currency),
        "created_at": batch.created_at.isoformat(),
        "created_by": batch.created_by,
        "sent_at": batch.sent_at.isoformat() if batch.sent_at else None,
        "sent_by": batch.sent_by,
        "paid_at": batch.paid_at.isoformat() if batch.paid_at else None,
        "paid_by": batch.paid_by,
        "held": [held_view(h, batch.currency) for h in held_of(batch)],
    }


def batch_json(*, session: Session, batch: PayoutBatch) -> dict[str, Any]:
    """``batch_view`` with its items (``afflow payouts show --json``, the portal's batch JSON)."""
    items = session.scalars(select(PayoutItem).where(PayoutItem.batch_id == batch.id).order_by(PayoutItem.partner_id))
    lines = [PayoutLine(i.partner_id, i.gross_cents, i.clawback_cents, i.net_cents, i.commission_count) for i in items]
    return batch_view(batch) | {"items": [line_view(line, batch.currency) for line in lines]}


class BatchStatusRefused(ValueError):
    """The move is not the batch's next step (already there, skipped a step, or backwards)."""


@dataclass(frozen=True, slots=True)
class BatchSummary:
    batch: PayoutBatch
    partners: int
    held: int


def list_batches(*, session: Session, status: str | None = None, limit: int = 100) -> list[BatchSummary]:
    """The newest ``limit`` batches, newest first, with how many partners each paid and held."""
    query = select(PayoutBatch).order_by(PayoutBatch.id.desc()).limit(limit)
    if status is not None:
        query = query.where(PayoutBatch.status == status)
    batches = list(session.scalars(query))
    counts = dict(
        session.execute(
            select(PayoutItem.batch_id, func.count())
            .where(PayoutItem.batch_id.in_([b.id for b in batches]))
            .group_by(PayoutItem.batch_id)
        ).all()
    )
    return [BatchSummary(b, int(counts.get(b.id, 0)), len(b.held or [])) for b in batches]


def move_batch(
    *, session: Session, batch_id: int, to: BatchStatus, actor: Actor, now: datetime, note: str = ""
) -> PayoutBatch:
    """Move ``batch_id`` one step forward to ``to`` (created -> sent -> paid), stamped and audited."""
    batch = session.get(PayoutBatch, batch_id, with_for_update=True)
    if batch is None:
        raise UnknownBatch(f"payout batch {batch_id} does not exist")
    if NEXT_STATUS.get(batch.status) != to:
        if batch.status == to:
            raise BatchStatusRefused(f"payout batch {batch_id} is already {to}")
        raise BatchStatusRefused(
            f"payout batch {batch_id} is {batch.status}: it can only move to "
            f"{NEXT_STATUS.get(batch.status, 'nothing (paid is final)')}"
        )
    was = batch.status
    batch.status = to
    if to == "sent":
        batch.sent_at, batch.sent_by = now, str(actor)
    else:
        batch.paid_at, batch.paid_by = now, str(actor)
    details: dict[str, object] = {"from": was, "to": to, "total_cents": batch.total_cents}
    if note:
        details["note"] = note
    record(session=session, actor=actor, action=f"payout_batch_{to}", subject=f"payout_batch:{batch_id}",
           details=details, now=now)  # fmt: skip
    session.flush()
    return batch
