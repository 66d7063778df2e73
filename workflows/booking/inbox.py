"""Rows of the event inbox (``inbox_events``): keyed once per (source, external id), statuses recorded.

Two ways in. ``insert_pending`` is for webhooks: ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, safe when
several replicas receive the same delivery at once. ``new_event_indexes`` + ``insert_processed`` is the
bulk path of ``workflows.booking.ingest.ingest`` (CSV files): look the keys up, book, then write each new row once
with its final status. ``requeue_failed`` puts a failed event back in the queue once its cause is fixed
(``afflow inbox retry``); ``dismiss_failed`` records that a person gave one up, with their reason
(``afflow inbox dismiss``). A failed event is never deleted or silently skipped.
This module only writes inbox rows; booking lives in ``workflows.booking.ingest``, reading them for people
in ``tools.inbox_view``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.bulk import chunks, insert_new_returning, insert_tuples, scalars_where_in
from store.models import InboxEvent, utcnow
from workflows.booking.events import InboxPayload
from workflows.booking.orders import Outcome

_UPDATE_CHUNK = 2_000
_PROCESSED_COLUMNS = (
    "source", "external_id", "kind", "payload", "status", "error", "received_at", "processed_at", "order_id",
)  # fmt: skip


def _first_occurrences(events: Sequence[InboxPayload]) -> dict[str, int]:
    first: dict[str, int] = {}
    for index, event in enumerate(events):
        first.setdefault(event.external_id, index)
    return first


def insert_pending(*, session: Session, source: str, events: Sequence[InboxPayload]) -> list[int | None]:
    """Insert new (source, external id) keys as ``pending``; return each event's inbox id, None for a duplicate."""
    first = _first_occurrences(events)
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "source": source,
            "external_id": external_id,
            "kind": events[index].kind,
            "payload": events[index].model_dump(mode="json"),
            "status": "pending",
            "received_at": now,
            "order_id": events[index].order_id,
        }
        for external_id, index in first.items()
    ]
    returned = insert_new_returning(
        session, InboxEvent, rows, key=["source", "external_id"], returning=["id", "external_id"]
    )
    inserted: dict[str, int] = {external_id: inbox_id for inbox_id, external_id in returned}
    ids: list[int | None] = [None] * len(events)
    for external_id, index in first.items():
        ids[index] = inserted.get(external_id)
    return ids


def new_event_indexes(*, session: Session, source: str, events: Sequence[InboxPayload]) -> list[int]:
    """Indexes (first occurrence of each key) of the events whose (source, external id) is not stored yet."""
    first = _first_occurrences(events)
    query = select(InboxEvent.external_id).where(InboxEvent.source == source)
    stored = set(scalars_where_in(session, query, InboxEvent.external_id, first))
    return sorted(index for external_id, index in first.items() if external_id not in stored)


def insert_processed(
    *, session: Session, source: str, events: Sequence[InboxPayload], outcomes: Mapping[int, Outcome]
) -> None:
    """Write the inbox rows of already-booked events (``outcomes`` keyed by index into ``events``).

    A concurrent writer of the same key makes this fail on the unique key and the caller's transaction roll
    back, so nothing is booked twice; the bulk path is meant for one importer at a time.
    """
    now = utcnow()
    rows = [
        # the payload as JSON text: one fast serialisation, stored as-is
        (source, event.external_id, event.kind, event.model_dump_json(), outcome.status, outcome.error, now, now,
         event.order_id)
        for index, outcome in sorted(outcomes.items())
        for event in (events[index],)
    ]  # fmt: skip
    insert_tuples(session, InboxEvent, _PROCESSED_COLUMNS, rows)


def record_outcomes(*, session: Session, outcomes: Mapping[int, Outcome]) -> None:
    """Write the final status of stored inbox rows set-based (one UPDATE per status and chunk; errors per row)."""
    now = utcnow()
    by_status: dict[str, list[int]] = {}
    for inbox_id, outcome in outcomes.items():
        if outcome.error is None:
            by_status.setdefault(outcome.status, []).append(inbox_id)
    for status, ids in by_status.items():
        for chunk in chunks(ids, _UPDATE_CHUNK):
            session.execute(
                update(InboxEvent)
                .where(InboxEvent.id.in_(chunk))
                .values(status=status, processed_at=now)
                .execution_options(synchronize_session=False)
            )
    failed = [
        {"id": inbox_id, "status": outcome.status, "error": outcome.error, "processed_at": now}
        for inbox_id, outcome in outcomes.items()
        if outcome.error is not None
    ]
    if failed:
        session.execute(update(InboxEvent), failed)


class UnknownInboxEvent(LookupError):
    pass


RETRYABLE = ("failed", "dismissed")


def requeue_failed(*, session: Session, inbox_id: int, actor: Actor) -> tuple[str, str | None]:
    """Set a ``failed`` (or ``dismissed``) event back to ``pending`` (the next drain books it as if it had
    just arrived) and record who did it with the reason it had failed with; return (its status before, that
    reason).

    Any other status is left as it is: retrying twice, or retrying a booked event, changes nothing. Safe
    because a failed event booked nothing (its savepoint was rolled back) and booking is idempotent by the
    business id and the ledger ref. Raises ``UnknownInboxEvent`` when there is no such event.
    """
    event = _locked(session, inbox_id)
    status, error = event.status, event.error
    if status not in RETRYABLE:
        return status, error
    event.status, event.error, event.processed_at = "pending", None, None
    record(session=session, actor=actor, action="inbox_event_retried", subject=f"inbox_event:{inbox_id}",
           details={"source": event.source, "external_id": event.external_id, "failed_with": error})  # fmt: skip
    session.flush()
    return status, error


def dismiss_failed(*, session: Session, inbox_id: int, actor: Actor, reason: str) -> tuple[str, str | None]:
    """Mark a ``failed`` event ``dismissed``: a person decided it will never be booked (its store sent it
    wrong and sent a corrected one). Nothing is deleted: the row keeps why it failed, the audit log who
    dismissed it and why, ``afflow inbox list --status dismissed`` shows it and ``requeue_failed`` can still
    book it. Any other status is left as it is; returns (its status before, the reason it had failed with).
    """
    event = _locked(session, inbox_id)
    status, error = event.status, event.error
    if status != "failed":
        return status, error
    event.status = "dismissed"
    event.error = f"dismissed by {actor}: {reason} (it failed with: {error})"
    record(session=session, actor=actor, action="inbox_event_dismissed", subject=f"inbox_event:{inbox_id}",
           details={"source": event.source, "external_id": event.external_id, "reason": reason,
                    "failed_with": error})  # fmt: skip
    session.flush()
    return status, error


def _locked(session: Session, inbox_id: int) -> InboxEvent:
    event = session.get(InboxEvent, inbox_id, with_for_update=True)
    if event is None:
        raise UnknownInboxEvent(f"no inbox event {inbox_id}")
    return event
