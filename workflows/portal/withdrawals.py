"""Promoters' withdrawal requests: a request for the whole locked balance, honoured by the next payout batch.

A request never moves money by itself; finance's payout batch does, through the ledger engine. The request
only records intent (and is refused below the program's minimum payout, while the partner's commissions
are held, or while another request is open).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.db import ensure_program
from store.models import Partner, PayoutItem, WithdrawalRequest
from store.money import format_money
from workflows.portal.views_partner import partner_balance


class WithdrawalRefused(ValueError):
    """A withdrawal the program's rules do not allow right now; the message says why."""


def request_withdrawal(*, session: Session, partner_id: str, requested_by: str) -> WithdrawalRequest:
    program = ensure_program(session)
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise WithdrawalRefused(f"unknown partner {partner_id!r}")
    if partner.status != "active" or partner.commissions_held:
        raise WithdrawalRefused("payouts to this account are on hold; contact the affiliate manager")
    open_request = session.scalar(
        select(WithdrawalRequest.id).where(
            WithdrawalRequest.partner_id == partner_id, WithdrawalRequest.status == "requested"
        )
    )
    if open_request is not None:
        raise WithdrawalRefused("a withdrawal request is already open")
    locked = partner_balance(session=session, partner_id=partner_id).locked
    if locked <= 0 or locked < program.min_payout_cents:
        raise WithdrawalRefused(
            f"the locked balance {format_money(locked, program.currency)} is below the minimum payout "
            f"{format_money(max(program.min_payout_cents, 1), program.currency)}"
        )
    request = WithdrawalRequest(
        partner_id=partner_id, amount_cents=locked, currency=program.currency, requested_by=requested_by
    )
    session.add(request)
    session.flush()
    return request


def settle_withdrawals(*, session: Session, batch_id: int) -> int:
    """Mark open requests of partners paid in ``batch_id`` as paid by it; returns how many were settled."""
    paid_partners = select(PayoutItem.partner_id).where(PayoutItem.batch_id == batch_id, PayoutItem.net_cents > 0)
    result = session.execute(
        update(WithdrawalRequest)
        .where(WithdrawalRequest.status == "requested", WithdrawalRequest.partner_id.in_(paid_partners))
        .values(status="paid", payout_batch_id=batch_id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
