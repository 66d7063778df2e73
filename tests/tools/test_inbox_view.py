"""``tools.inbox_view``: the inbox read the CLI and the weekly report share, on SQLite and PostgreSQL.

Events are booked through the engine's own doors (the CSV path's ``ingest``, the webhooks' ``enqueue`` +
``process_pending``); nothing is written to the inbox by hand.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import transaction
from store.models import utcnow
from tests.workflows.booking import T0, book, day, order, partners, refund
from tools.inbox_view import attention, list_events, reason_pattern
from workflows.booking.ingest import enqueue, process_pending


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1")
    book(engine, *(order(f"o-{n}", T0, ref="REF-p1", customer=f"c-{n}") for n in range(3)))
    return engine


def fail_refunds(engine: Engine, count: int) -> None:
    """Refunds above their 45.00 orders, through the webhooks' queue: each is failed with its reason."""
    events = [refund(f"r-{n}", f"o-{n}", day(1), 9_900 + n) for n in range(count)]
    with transaction(engine) as session:
        enqueue(session=session, source="csv", events=events)
    with transaction(engine) as session:
        assert process_pending(session=session).failed == count


def test_alike_failures_group_once_their_own_ids_and_amounts_are_left_out(program: Engine) -> None:
    fail_refunds(program, 3)
    with transaction(program) as session:
        found = attention(session=session, now=utcnow())
    [group] = found.failed_reasons
    assert (found.failed, group.count) == (3, 3)
    assert group.reason == "refund … of … USD exceeds the … USD still refundable on order … (the order)"
    with transaction(program) as session:
        first = list_events(session=session, statuses=("failed",)).rows[0]
    assert group.example_id == first.id and first.reason is not None and "r-0" in first.reason  # whole in the list


def test_beyond_the_grouping_cap_failed_events_are_still_all_counted(program: Engine) -> None:
    fail_refunds(program, 3)
    with transaction(program) as session:
        found = attention(session=session, now=utcnow(), grouped=2)
    assert found.failed == 3 and sum(group.count for group in found.failed_reasons) == 2


def test_only_refunds_parked_longer_than_the_return_window_are_overdue(program: Engine) -> None:
    book(program, refund("r-lost", "o-never", day(1), 500))
    with transaction(program) as session:
        soon = attention(session=session, now=utcnow() + timedelta(days=29))
        later = attention(session=session, now=utcnow() + timedelta(days=31))
    assert (soon.parked_overdue, later.parked_overdue, later.return_days) == (0, 1, 30)
    assert later.failed == 0 and later.failed_reasons == []


def test_a_reason_pattern_leaves_out_the_events_ids_skus_times_and_numbers() -> None:
    payload = {"order_id": "A-17", "lines": [{"sku": "TENT-2"}]}
    reason = "order A-17 line TENT-2 at 2026-01-01T10:00:00+00:00 costs 1,299.00 (A-170 is another order)"
    assert reason_pattern(reason, payload) == "order … line … at … costs … (A-… is another order)"
