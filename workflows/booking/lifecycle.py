"""The order lifecycle's clock: replay parked events, credit orders whose click arrived late, then lock
commissions past the return window.

``reconcile(*, session, as_of)`` is safe to run any number of times: replayed refunds are idempotent by
refund id and ledger ref, and a commission locks exactly once: one set-based ``UPDATE ... WHERE state =
'pending'`` stamps the rows it moves with the run id (``commissions.lock_run``), and exactly those rows are
summed into one lock posting per partner per run (Dr ``partner:{id}:pending``, Cr ``partner:{id}:locked``,
ref ``lock:{run}:{partner}``).
Commissions of a partner on hold (``partners.commissions_held``) do not lock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from store.ledger import Posting, book, partner_account, transfer
from store.models import Commission, InboxEvent, Partner
from workflows.booking.ingest import replay_parked
from workflows.booking.late_clicks import credit_waiting_orders
from workflows.experiments.service import stop_due
from workflows.matching.probabilistic import match_unattributed


@dataclass(frozen=True, slots=True)
class PartnerLock:
    partner_id: str
    commissions: int
    amount_cents: int


@dataclass(frozen=True)
class ReconcileReport:
    as_of: datetime
    replayed: int = 0
    still_parked: int = 0
    late_credited: int = 0
    still_waiting: int = 0
    locked_commissions: int = 0
    locked_cents: int = 0
    partners: tuple[PartnerLock, ...] = field(default_factory=tuple)
    probabilistic_matches: int = 0
    experiments_stopped: int = 0


def reconcile(*, session: Session, as_of: datetime) -> ReconcileReport:
    """Replay parked refunds whose order now exists, credit waiting orders whose click is now stored, then
    lock every commission due by ``as_of``."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    replayed = replay_parked(session=session)
    late = credit_waiting_orders(session=session, as_of=as_of)
    # hooks (workflows.matching.probabilistic, workflows.experiments): a no-op unless the program enabled matching
    # or an experiment's period ended; before locking, so what they book follows the same lifecycle
    matched = match_unattributed(session=session, as_of=as_of)
    stopped = stop_due(session=session, now=as_of)
    still_parked = session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "parked"))
    locks = lock_matured_commissions(session=session, as_of=as_of)
    return ReconcileReport(
        as_of=as_of,
        replayed=replayed,
        still_parked=int(still_parked or 0),
        late_credited=late.credited,
        still_waiting=late.still_waiting,
        locked_commissions=sum(lock.commissions for lock in locks),
        locked_cents=sum(lock.amount_cents for lock in locks),
        partners=tuple(locks),
        probabilistic_matches=matched.matched,
        experiments_stopped=len(stopped),
    )


def lock_matured_commissions(*, session: Session, as_of: datetime) -> list[PartnerLock]:
    """Move pending commissions whose return window ended by ``as_of`` to locked; book it per partner.

    Two set-based statements and no rows through Python: one UPDATE stamps the rows it locks with this
    run's id, one GROUP BY over that stamp sums what to move (a million lines lock in one pass).
    """
    run = f"{as_of:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    held = select(Partner.id).where(Partner.commissions_held.is_(True))
    session.execute(
        update(Commission)
        .where(Commission.state == "pending", Commission.lock_due_at <= as_of, Commission.partner_id.not_in(held))
        .values(state="locked", locked_at=as_of, lock_run=run)
        .execution_options(synchronize_session=False)
    )
    totals = session.execute(
        select(Commission.partner_id, func.count(), func.sum(Commission.amount_cents - Commission.reversed_cents))
        .where(Commission.state == "locked", Commission.lock_run == run)
        .group_by(Commission.partner_id)
        .order_by(Commission.partner_id)
    ).all()
    postings: list[Posting] = [
        transfer(
            ref=f"lock:{run}:{partner_id}",
            kind="lock",
            ts=as_of,
            debit=partner_account(partner_id, "pending"),
            credit=partner_account(partner_id, "locked"),
            amount=int(amount),
            memo=f"{count} commissions past the return window",
        )
        for partner_id, count, amount in totals
        if amount
    ]
    book(session=session, postings=postings)
    return [PartnerLock(partner_id, int(count), int(amount or 0)) for partner_id, count, amount in totals]
