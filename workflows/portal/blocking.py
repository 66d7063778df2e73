"""Blocking an abnormal partner account, reversibly.

Blocking sets ``partners.status = 'blocked'`` (attribution credits only active partners, so its links and
codes stop crediting new orders) and ``partners.commissions_held = true`` (the ledger engine neither locks
nor pays a held partner's commissions: ``workflows.booking.lifecycle`` and ``workflows.booking.payouts`` skip it). Nothing
in the ledger is written or reversed: unblocking restores both flags and the held commissions resume their
normal lifecycle at the next reconcile. Every change is written to the audit log with who and why.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import Partner


class BlockingError(ValueError):
    """The partner is unknown or not in a state this change applies to."""


def block_partner(*, session: Session, partner_id: str, actor: Actor, reason: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise BlockingError(f"unknown partner {partner_id!r}")
    if not reason.strip():
        raise BlockingError("say why the account is blocked (the reason goes to the audit log)")
    if partner.status == "offboarded":
        raise BlockingError(f"partner {partner_id!r} is offboarded")
    previous = {"status": partner.status, "commissions_held": partner.commissions_held}
    partner.status, partner.commissions_held = "blocked", True
    record(
        session=session,
        actor=actor,
        action="partner_blocked",
        subject=f"partner:{partner_id}",
        details={"reason": reason.strip(), "previous": previous},
    )
    return partner


def unblock_partner(*, session: Session, partner_id: str, actor: Actor, reason: str = "") -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise BlockingError(f"unknown partner {partner_id!r}")
    if partner.status != "blocked" and not partner.commissions_held:
        raise BlockingError(f"partner {partner_id!r} is not blocked")
    partner.status, partner.commissions_held = "active", False
    record(
        session=session,
        actor=actor,
        action="partner_reinstated",
        subject=f"partner:{partner_id}",
        details={"reason": reason},
    )
    return partner
