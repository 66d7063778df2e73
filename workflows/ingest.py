"""The event inbox: idempotent intake of orders and refunds, then booking them.

CONTRACT (other modules rely on these signatures; the implementation is being written):

- ``enqueue(*, session, source, events) -> IngestReport``: insert each event into ``inbox_events`` as
  ``pending`` keyed by (source, event.external_id); an existing key is a duplicate and changes nothing.
  Fast: used inside webhook requests.
- ``process_pending(*, session, limit=10_000) -> IngestReport``: book pending events in arrival order:
  orders -> order + lines, attribution, commission per line, accrual postings; refunds -> reversal
  (pending/locked) or clawback (paid); a refund whose order is unknown is ``parked``; an event that can
  never be booked is ``failed`` with ``error`` set. The same order id from two sources books once.
- ``ingest(*, session, source, events) -> IngestReport``: enqueue + book exactly these events inside the
  caller's transaction (the CSV importer). Raises ``EventRejected(index, reason)`` for an event that can
  never be booked (e.g. currency differs from the program's), so the caller can name the CSV line and
  roll back the whole file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from workflows.events import InboxPayload


@dataclass(frozen=True)
class IngestReport:
    received: int = 0
    new: int = 0
    duplicates: int = 0
    booked: int = 0
    parked: int = 0
    failed: int = 0


class EventRejected(ValueError):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"event {index}: {reason}")
        self.index = index
        self.reason = reason


def enqueue(*, session: Session, source: str, events: Sequence[InboxPayload]) -> IngestReport:
    raise NotImplementedError


def process_pending(*, session: Session, limit: int = 10_000) -> IngestReport:
    raise NotImplementedError


def ingest(*, session: Session, source: str, events: Sequence[InboxPayload]) -> IngestReport:
    raise NotImplementedError
