"""A partner's erasure after offboarding: ``erase_partner`` replaces the person behind an offboarded partner
with tombstones.

Name, e-mail, channel and Slack id of the partner; name, e-mail, channel URL and sample text of its
applications; its portal accounts' e-mails (accounts deactivated, sessions revoked); who requested its
withdrawals; the recipients and bodies of messages to it (queued ones are failed, never sent); its fetched
content. The partner id, its codes, attributions, commissions, payouts and ledger entries stay, so every
commission keeps its attribution and the ledger its balance. Only an offboarded partner can be erased.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import (
    Application,
    OutboxMessage,
    Partner,
    PartnerContent,
    PortalSession,
    PortalUser,
    WithdrawalRequest,
)
from workflows.privacy.customer import ERASED, NotErasable, UnknownSubject


@dataclass(frozen=True, slots=True)
class PartnerErasure:
    partner_id: str
    applications: int
    portal_users: int
    messages: int
    content: int


def erase_partner(*, session: Session, partner_id: str, actor: Actor, now: datetime) -> PartnerErasure:
    """Tombstone an offboarded partner's personal fields (module docstring), in the caller's transaction, recorded
    in the audit log. Raises ``UnknownSubject`` for an unknown id and ``NotErasable`` unless it is offboarded."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise UnknownSubject(f"no partner {partner_id!r}")
    if partner.status != "offboarded":
        raise NotErasable(f"partner {partner_id!r} is {partner.status}; offboard it before erasing its data")
    partner.name, partner.email, partner.channel, partner.slack_user_id = ERASED, "", ERASED, None
    applications = list(session.scalars(select(Application).where(Application.partner_id == partner_id)))
    for application in applications:
        application.name, application.email, application.channel_url = ERASED, "", ""
        application.sample_content = ERASED
    users = list(session.scalars(select(PortalUser).where(PortalUser.partner_id == partner_id)))
    for user in users:
        user.email, user.active = f"erased-{user.id}@erased.invalid", False
    if users:
        session.execute(
            update(PortalSession)
            .where(PortalSession.user_id.in_([user.id for user in users]), PortalSession.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
    session.execute(update(WithdrawalRequest).where(WithdrawalRequest.partner_id == partner_id)
                    .values(requested_by=ERASED).execution_options(synchronize_session=False))  # fmt: skip
    messages = list(session.scalars(select(OutboxMessage).where(OutboxMessage.partner_id == partner_id)))
    for message in messages:
        message.recipient, message.subject, message.body_text, message.body_html = "", ERASED, ERASED, None
        if message.status == "queued":
            message.status, message.last_error = "failed", "partner data erased"
    content = list(session.scalars(select(PartnerContent).where(PartnerContent.partner_id == partner_id)))
    for item in content:
        item.url, item.text = "", ERASED
    session.flush()
    erasure = PartnerErasure(partner_id=partner_id, applications=len(applications), portal_users=len(users),
                             messages=len(messages), content=len(content))  # fmt: skip
    record(session=session, actor=actor, action="partner_data_erased", subject=f"partner:{partner_id}",
           details={"applications": erasure.applications, "portal_users": erasure.portal_users,
                    "messages": erasure.messages, "content": erasure.content}, now=now)  # fmt: skip
    return erasure
