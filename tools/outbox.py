"""Queueing messages (briefs, nudges, welcomes, declines, summaries) for delivery; another module delivers them.

Enqueueing is idempotent by ``dedupe_key``: re-running an agent for the same week never queues twice.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import insert_new_returning
from store.models import OutboxMessage


def queue_message(
    *,
    session: Session,
    dedupe_key: str,
    channel: str,
    recipient: str,
    kind: str,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    partner_id: str | None = None,
) -> bool:
    """Queue one message; returns False (and changes nothing) when ``dedupe_key`` was queued before."""
    row = {
        "dedupe_key": dedupe_key,
        "channel": channel,
        "recipient": recipient,
        "kind": kind,
        "subject": subject,
        "body_text": body_text,
        "body_html": body_html,
        "partner_id": partner_id,
        "status": "queued",
        "attempts": 0,
    }
    return bool(insert_new_returning(session, OutboxMessage, [row], key=["dedupe_key"], returning=["id"]))


def queued_messages(*, session: Session, kind: str | None = None, partner_id: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind is not None:
        query = query.where(OutboxMessage.kind == kind)
    if partner_id is not None:
        query = query.where(OutboxMessage.partner_id == partner_id)
    return list(session.scalars(query))


def dedupe_keys(*, session: Session, kind: str, prefix: str) -> list[str]:
    """The dedupe keys of messages of ``kind`` starting with ``prefix``: what an agent has already queued."""
    query = select(OutboxMessage.dedupe_key).where(
        OutboxMessage.kind == kind, OutboxMessage.dedupe_key.startswith(prefix, autoescape=True)
    )
    return list(session.scalars(query))
