"""Claiming outbox rows with a lease, and rescheduling failed sends with exponential backoff.

Every outbox uses it: ``workflows.delivery.outbox`` (Slack and email messages),
``workflows.delivery.conversion_senders`` (GA4 and Meta conversions) and ``workflows.delivery.webhooks_out``
(signed outbound webhooks). A row is *due* while it is ``queued``
and its ``next_attempt_at`` is unset or past. ``claim`` takes due rows with one conditional UPDATE: it
counts the attempt and moves ``next_attempt_at`` to the end of the lease, so a concurrent claimer's UPDATE
finds the row no longer due and skips it (PostgreSQL re-checks the condition after the winner commits;
SQLite runs writers one at a time). A claimer that dies mid-send leaves the row ``queued``; it is due again
when the lease ends. The caller sends outside any transaction, then records the outcome: ``sent``,
``failed``, or ``queued`` again at ``now + backoff(attempts)``.

This module never sends anything and never decides whether an error is worth a retry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, true, update
from sqlalchemy.orm import Session

from store.models import ConversionOutbox, OutboxMessage, WebhookDelivery

LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
Outbox = type[OutboxMessage] | type[ConversionOutbox] | type[WebhookDelivery]


def due(outbox: Outbox, now: datetime) -> ColumnElement[bool]:
    """Rows of ``outbox`` waiting to be sent at ``now``: queued, never tried, retry time or lease passed."""
    return and_(outbox.status == "queued", or_(outbox.next_attempt_at.is_(None), outbox.next_attempt_at <= now))


def claim(
    *,
    session: Session,
    outbox: Outbox,
    ids: Sequence[int],
    now: datetime,
    also: ColumnElement[bool] | None = None,
    lease: timedelta = LEASE,
) -> list[int]:
    """Claim those of ``ids`` that are due (and match ``also``) until ``now + lease``; return the ids won."""
    if not ids:
        return []
    claimed = session.scalars(
        update(outbox)
        .where(outbox.id.in_(list(ids)), due(outbox, now), true() if also is None else also)
        .values(attempts=outbox.attempts + 1, next_attempt_at=now + lease)
        .returning(outbox.id)
    )
    return sorted(claimed)


def backoff(attempts: int, retry_after_seconds: int | None = None) -> timedelta:
    """The wait before the next try after ``attempts`` tries: 1, 2, 4 ... minutes, capped at 6 hours; a
    receiver's ``Retry-After`` wins when it is longer."""
    delay: timedelta = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return max(delay, timedelta(seconds=retry_after_seconds or 0))
