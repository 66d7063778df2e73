"""The outboxes' lease and backoff (``workflows.delivery.lease``), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from store.db import transaction
from store.models import OutboxMessage
from tools.outbox import queue_message
from workflows.delivery.lease import LEASE, backoff, claim

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _queued(engine: Engine, key: str) -> int:
    with transaction(engine) as session:
        queue_message(session=session, dedupe_key=key, channel="email", recipient="a@example.com", kind="brief",
                      subject="s", body_text="b")  # fmt: skip
        message_id = session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key))
    assert message_id is not None
    return message_id


def _claim(engine: Engine, ids: list[int], now: datetime) -> list[int]:
    with transaction(engine) as session:
        return claim(session=session, outbox=OutboxMessage, ids=ids, now=now)


def test_of_two_concurrent_claimers_one_wins_each_row(engine: Engine) -> None:
    ids = [_queued(engine, f"m{number}") for number in range(20)]
    start = threading.Barrier(2)
    won: list[list[int]] = []

    def claimer() -> None:
        start.wait()
        won.append(_claim(engine, ids, NOW))

    threads = [threading.Thread(target=claimer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won, key=len) == [[], ids]
    with transaction(engine) as session:
        attempts = set(session.scalars(select(OutboxMessage.attempts)))
    assert attempts == {1}


def test_a_lease_holds_until_it_expires_then_the_row_can_be_claimed_again(engine: Engine) -> None:
    message_id = _queued(engine, "m")
    assert _claim(engine, [message_id], NOW) == [message_id]
    assert _claim(engine, [message_id], NOW + LEASE - timedelta(seconds=1)) == []
    assert _claim(engine, [message_id], NOW + LEASE) == [message_id]  # the first claimer died mid-send
    with transaction(engine) as session:
        message = session.get_one(OutboxMessage, message_id)
    assert (message.status, message.attempts, message.next_attempt_at) == ("queued", 2, NOW + 2 * LEASE)


def test_a_sent_row_is_not_claimed(engine: Engine) -> None:
    message_id = _queued(engine, "m")
    with transaction(engine) as session:
        session.get_one(OutboxMessage, message_id).status = "sent"
    assert _claim(engine, [message_id], NOW + timedelta(days=1)) == []


def test_backoff_doubles_from_a_minute_up_to_six_hours() -> None:
    assert [backoff(attempts) for attempts in range(1, 11)] == [
        timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 64, 128, 256, 360)
    ]


def test_a_longer_retry_after_wins_over_the_backoff() -> None:
    assert (backoff(1, 90), backoff(3, 90), backoff(9, 86_400)) == (
        timedelta(seconds=90),
        timedelta(minutes=4),
        timedelta(days=1),
    )
