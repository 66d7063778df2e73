"""Outbound webhook events, recorded from what the store already holds: each fact becomes one event, once.

Nothing that books, decides or pays has to remember to emit: ``record_events`` reads the facts that
happened since the oldest endpoint subscribed to their type was added (commissions and their accrual, lock, refund and payout
postings, clawback postings, payout batches, partners, proposals and their decisions), gives each a stable
``event_id`` (``commission.created:42``: the receiver's idempotency key), freezes its payload, and queues one
delivery per subscribed endpoint. Run again, it records nothing twice (the unique ``event_id``). A fact older
than every endpoint is never sent: adding a receiver does not replay the program's history to it.

``subject`` orders deliveries: every event of one partner (or of one proposal or payout batch) is delivered
in the order it was recorded, after the earlier ones of that subject were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from store.bulk import existing_keys, insert_ignoring_duplicates, rows_where_in, scalars_where_in
from store.models import (
    Commission,
    LedgerTransaction,
    Partner,
    PayoutBatch,
    Proposal,
    Refund,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from store.money import format_money
from tools.analytics_sql import program_currency
from tools.row_views import commission_view, partner_view, payout_view

EVENT_TYPES = (
    "commission.created", "commission.reversed", "commission.locked", "clawback.created", "payout.created",
    "payout.paid", "partner.created", "partner.tier_changed", "partner.offboarded", "proposal.created",
    "proposal.decided",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    type: str
    key: str  # what makes the event unique within its type
    subject: str
    occurred_at: datetime
    data: dict[str, Any]

    @property
    def event_id(self) -> str:
        return f"{self.type}:{self.key}"


def record_events(*, session: Session, now: datetime) -> int:
    """Record the facts since the oldest endpoint's creation as events and queue their deliveries; how many."""
    endpoints = list(session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))
    if not endpoints:
        return 0
    since: dict[str, datetime] = {}  # per event type, when its first subscriber was added
    for endpoint in endpoints:
        for kind in subscribed(endpoint):
            since[kind] = min(since.get(kind, endpoint.created_at), endpoint.created_at)
    currency = program_currency(session=session)
    facts = [
        fact
        for source, kinds in _SOURCES
        if kinds & since.keys()
        for fact in source(session, min(since[k] for k in kinds & since.keys()), currency)
        if fact.type in since and fact.occurred_at >= since[fact.type]
    ]
    known = existing_keys(session, WebhookEvent.event_id, [f.event_id for f in facts])
    new = sorted((f for f in facts if f.event_id not in known), key=lambda f: (f.occurred_at, f.event_id))
    if not new:
        return 0
    insert_ignoring_duplicates(session, WebhookEvent, [
        {"event_id": f.event_id, "type": f.type, "subject": f.subject, "occurred_at": f.occurred_at, "created_at": now,
         "payload": {"id": f.event_id, "type": f.type, "occurred_at": f.occurred_at.isoformat(), "data": f.data}}
        for f in new
    ], key=["event_id"])  # fmt: skip
    ids = {event_id: row_id for event_id, row_id in rows_where_in(
        session, select(WebhookEvent.event_id, WebhookEvent.id), WebhookEvent.event_id, [f.event_id for f in new])}  # fmt: skip
    deliveries = [
        {"endpoint_id": e.id, "event_row_id": ids[f.event_id], "status": "queued", "attempts": 0, "created_at": now}
        for f in new for e in endpoints if f.type in subscribed(e) and f.occurred_at >= e.created_at
    ]  # fmt: skip
    insert_ignoring_duplicates(session, WebhookDelivery, deliveries, key=["endpoint_id", "event_row_id"])
    return len(new)


def subscribed(endpoint: WebhookEndpoint) -> set[str]:
    return {e for e in endpoint.events.split(",") if e}


Source = Callable[[Session, datetime, str], Iterable[Fact]]


def _commissions_created(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    accrual = LedgerTransaction.ref == literal("accrual:") + Commission.order_id
    query = select(Commission, LedgerTransaction.created_at).join(LedgerTransaction, accrual)
    for commission, booked_at in session.execute(query.where(LedgerTransaction.created_at >= since)):
        yield Fact("commission.created", str(commission.id), f"partner:{commission.partner_id}", booked_at,
                   commission_view(commission, currency))  # fmt: skip


def _commissions_locked(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    query = select(Commission).where(Commission.locked_at >= since)
    for commission in session.scalars(query):
        assert commission.locked_at is not None
        yield Fact("commission.locked", str(commission.id), f"partner:{commission.partner_id}", commission.locked_at,
                   commission_view(commission, currency))  # fmt: skip


def _commissions_reversed(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    """A commission fully refunded: dated by the last refund posting of its order."""
    refunded = (
        select(Refund.order_id, func.max(LedgerTransaction.created_at).label("at"))
        .join(LedgerTransaction, LedgerTransaction.ref == literal("refund:") + Refund.id)
        .group_by(Refund.order_id)
        .subquery()
    )
    query = select(Commission, refunded.c.at).join(refunded, refunded.c.order_id == Commission.order_id)
    for commission, at in session.execute(query.where(Commission.state == "reversed", refunded.c.at >= since)):
        yield Fact("commission.reversed", str(commission.id), f"partner:{commission.partner_id}", at,
                   commission_view(commission, currency))  # fmt: skip


def _clawbacks(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    from store.models import LedgerAccount, LedgerEntry

    query = (
        select(LedgerTransaction, LedgerAccount.partner_id, LedgerEntry.amount_cents)
        .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
        .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
        .where(LedgerAccount.kind == "clawback", LedgerEntry.amount_cents > 0, LedgerTransaction.created_at >= since)
    )
    for tx, partner_id, cents in session.execute(query):
        yield Fact("clawback.created", tx.ref, f"partner:{partner_id}", tx.created_at,
                   {"ref": tx.ref, "partner_id": partner_id, "currency": currency,
                    "amount": format_money(cents, currency), "memo": tx.memo, "ts": tx.ts.isoformat()})  # fmt: skip


def _payouts(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    for batch in session.scalars(select(PayoutBatch).where(PayoutBatch.created_at >= since)):
        yield Fact("payout.created", str(batch.id), f"payout:{batch.id}", batch.created_at, payout_view(batch))
        if batch.status == "sent":
            yield Fact("payout.paid", str(batch.id), f"payout:{batch.id}", batch.created_at, payout_view(batch))


def _partners(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    for partner in session.scalars(select(Partner).where(Partner.created_at >= since)):
        yield Fact("partner.created", partner.id, f"partner:{partner.id}", partner.created_at, partner_view(partner))


def _proposals(session: Session, since: datetime, currency: str) -> Iterable[Fact]:
    """Proposals made and decided; an applied tier bump or offboarding is also the partner's own event."""
    ids = session.scalars(select(Proposal.id).where((Proposal.created_at >= since) | (Proposal.decided_at >= since)))
    for proposal in scalars_where_in(session, select(Proposal), Proposal.id, list(ids)):
        data = {"id": proposal.id, "kind": proposal.kind, "status": proposal.status,
                "partner_id": proposal.partner_id, "summary": proposal.summary}  # fmt: skip
        yield Fact("proposal.created", str(proposal.id), f"proposal:{proposal.id}", proposal.created_at, data)
        if proposal.decided_at is not None and proposal.status in ("approved", "rejected", "applied"):
            decided = {**data, "decided_by": proposal.decided_by, "decision_reason": proposal.decision_reason}
            yield Fact("proposal.decided", str(proposal.id), f"proposal:{proposal.id}", proposal.decided_at, decided)
        partner_event = {"tier_bump": "partner.tier_changed", "offboard_partner": "partner.offboarded"}
        if proposal.status == "applied" and proposal.applied_at and proposal.kind in partner_event:
            yield Fact(partner_event[proposal.kind], f"proposal-{proposal.id}", f"partner:{proposal.partner_id}",
                       proposal.applied_at, {**data, "payload": proposal.payload})  # fmt: skip


_SOURCES: tuple[tuple[Source, set[str]], ...] = (
    (_partners, {"partner.created"}),
    (_commissions_created, {"commission.created"}),
    (_commissions_locked, {"commission.locked"}),
    (_commissions_reversed, {"commission.reversed"}),
    (_clawbacks, {"clawback.created"}),
    (_payouts, {"payout.created", "payout.paid"}),
    (_proposals, {"proposal.created", "proposal.decided", "partner.tier_changed", "partner.offboarded"}),
)
