"""What is in the event inbox and not booked: the one read of ``inbox_events`` for people.

``afflow inbox list``, the weekly report (``agents.summary``) and, later, the REST API read the inbox
through ``list_events`` and ``attention`` so that they always agree on what an event's status, reason
and age are. A row's reason is its stored ``error`` when it has one (why it failed, or why an order is
parked: no exchange rate for its date); otherwise it says what the event waits for (a parked refund its
order, a waiting order its click). The age counts from when the event was received: a parked refund is
looked at again by every reconcile, so its ``processed_at`` says nothing about how long it has waited.
This module only reads.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from store.models import InboxEvent, Program

STATUSES = ("pending", "waiting", "parked", "failed", "booked", "duplicate", "dismissed")
OPEN_STATUSES = ("pending", "waiting", "parked", "failed")  # what a person may have to act on
_REASON_GROUPS = 5
_REASON_CHARS = 160
GROUPED = 2_000  # events whose reasons the report groups (the oldest); beyond, they are only counted


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: int
    source: str  # the store or door it came through: shopify, woocommerce, stripe, conversion, csv, ...
    kind: str  # order | refund
    external_id: str
    order_id: str | None  # the store's own order id (an order's own, a refund's order)
    status: str
    reason: str | None
    received_at: datetime
    processed_at: datetime | None

    def age(self, now: datetime) -> timedelta:
        return max(now - self.received_at, timedelta(0))


@dataclass(frozen=True, slots=True)
class InboxListing:
    rows: list[InboxRow]  # oldest first, at most ``limit``
    total: int  # how many matched, ``limit`` aside
    counts: dict[str, int]  # every status in the inbox, filters aside


@dataclass(frozen=True, slots=True)
class ReasonGroup:
    reason: str  # the reason with the event's own ids left out, so that alike failures group
    count: int
    example_id: int  # the oldest event of the group


@dataclass(frozen=True, slots=True)
class InboxAttention:
    """What the weekly report says about the inbox: failed events, and events parked past the return window."""

    failed: int
    oldest_failed: datetime | None
    failed_reasons: list[ReasonGroup]  # the largest groups first, at most five
    parked_overdue: int  # parked refunds received more than the return window ago: their order never came
    oldest_parked: datetime | None
    return_days: int
    waiting: int  # orders booked without credit whose click id is not known yet
    parked_orders_overdue: int = 0  # orders parked as long (e.g. no exchange rate for their date)
    oldest_parked_order: datetime | None = None
    parked_order_reasons: list[ReasonGroup] = field(default_factory=list)


def list_events(
    *,
    session: Session,
    statuses: Sequence[str] = OPEN_STATUSES,
    source: str | None = None,
    since: datetime | None = None,
    limit: int = 1000,
) -> InboxListing:
    """Events of ``statuses`` (from ``source``, received at or after ``since``), oldest first."""
    unknown = sorted(set(statuses) - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown inbox status {', '.join(unknown)}; expected one of {', '.join(STATUSES)}")
    conditions: list[ColumnElement[bool]] = [InboxEvent.status.in_(sorted(set(statuses)))]
    if source is not None:
        conditions.append(InboxEvent.source == source)
    if since is not None:
        conditions.append(InboxEvent.received_at >= since)
    total = int(session.scalar(select(func.count()).select_from(InboxEvent).where(*conditions)) or 0)
    query = select(InboxEvent).where(*conditions).order_by(InboxEvent.received_at, InboxEvent.id).limit(limit)
    rows = [_row(event) for event in session.scalars(query)]
    counts = {status: int(n) for status, n in session.execute(
        select(InboxEvent.status, func.count()).group_by(InboxEvent.status))}  # fmt: skip
    return InboxListing(rows=rows, total=total, counts=counts)


def get_event(*, session: Session, inbox_id: int) -> InboxRow | None:
    event = session.get(InboxEvent, inbox_id)
    return None if event is None else _row(event)


def attention(*, session: Session, now: datetime, grouped: int = GROUPED) -> InboxAttention:
    """Failed events (all of them: a failed event stays until someone retries it) and parked ones overdue."""
    program = session.get(Program, 1)
    return_days = program.return_days if program is not None else 30
    failed, failed_count, oldest_failed = _reason_groups(session, grouped, InboxEvent.status == "failed")
    overdue = (InboxEvent.status == "parked", InboxEvent.received_at < now - timedelta(days=return_days))
    refunds = (*overdue, InboxEvent.kind == "refund")
    parked_overdue = int(session.scalar(select(func.count()).select_from(InboxEvent).where(*refunds)) or 0)
    oldest_parked = session.scalar(select(func.min(InboxEvent.received_at)).where(*refunds))
    orders, orders_count, oldest_order = _reason_groups(session, grouped, *overdue, InboxEvent.kind == "order")
    waiting = int(session.scalar(select(func.count()).select_from(InboxEvent)
                                 .where(InboxEvent.status == "waiting")) or 0)  # fmt: skip
    return InboxAttention(
        failed=failed_count,
        oldest_failed=oldest_failed,
        failed_reasons=failed[:_REASON_GROUPS],
        parked_overdue=parked_overdue,
        oldest_parked=oldest_parked if isinstance(oldest_parked, datetime) else None,
        return_days=return_days,
        waiting=waiting,
        parked_orders_overdue=orders_count,
        oldest_parked_order=oldest_order,
        parked_order_reasons=orders[:_REASON_GROUPS],
    )


def _reason_groups(
    session: Session, grouped: int, *conditions: ColumnElement[bool]
) -> tuple[list[ReasonGroup], int, datetime | None]:
    """(the reasons of the oldest ``grouped`` events grouped, largest first; how many events there are in all;
    when the oldest was received). The cap keeps the weekly report's read bounded when one cause fails many."""
    query = (
        select(InboxEvent.id, InboxEvent.error, InboxEvent.payload, InboxEvent.received_at)
        .where(*conditions)
        .order_by(InboxEvent.received_at, InboxEvent.id)
        .limit(grouped)
    )
    groups: Counter[str] = Counter()
    examples: dict[str, int] = {}
    oldest: datetime | None = None
    for inbox_id, error, payload, received_at in session.execute(query):
        oldest = oldest or received_at
        key = reason_pattern(error or "no reason recorded", _payload(payload))
        groups[key] += 1
        examples.setdefault(key, inbox_id)
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1], examples[kv[0]]))
    reasons = [ReasonGroup(reason=key, count=count, example_id=examples[key]) for key, count in ordered]
    total = sum(groups.values())
    if total == grouped:
        total = int(session.scalar(select(func.count()).select_from(InboxEvent).where(*conditions)) or 0)
    return reasons, total, oldest


def reason_pattern(reason: str, payload: dict[str, Any]) -> str:
    """A failure's reason with what is particular to its event (its ids, SKUs and amounts) left out as ``…``,
    so that the same failure of many events reads as one group: ``refund … of $… exceeds the $… ...``."""
    text = re.sub(r"\s+", " ", reason).strip()
    own = {str(payload.get(key)) for key in ("order_id", "refund_id", "sku") if payload.get(key)}
    own |= {str(line.get("sku")) for line in payload.get("lines") or () if isinstance(line, dict) and line.get("sku")}
    for value in sorted(own, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", "…", text)
    text = re.sub(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?", "…", text)  # times
    text = re.sub(r"\d[\d.,]*", "…", text)
    return text if len(text) <= _REASON_CHARS else text[: _REASON_CHARS - 1] + "…"


def _row(event: InboxEvent) -> InboxRow:
    payload = _payload(event.payload)
    return InboxRow(
        id=event.id,
        source=event.source,
        kind=event.kind,
        external_id=event.external_id,
        order_id=event.order_id,
        status=event.status,
        reason=_reason(event, payload),
        received_at=event.received_at,
        processed_at=event.processed_at,
    )


def _payload(value: Any) -> dict[str, Any]:
    if isinstance(value, str):  # the bulk path stores the JSON text as it is
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def _reason(event: InboxEvent, payload: dict[str, Any]) -> str | None:
    if event.status == "failed":
        return event.error or "no reason recorded"
    if event.status == "parked":  # an order parked for its exchange rate says so (workflows.booking.fx)
        return event.error or f"its order {event.order_id} has not arrived from {event.source}"
    if event.status == "waiting":
        return event.error or f"booked without credit: click {payload.get('click_id')} is not known yet"
    if event.status == "pending":
        return "queued, not booked yet"
    return event.error
