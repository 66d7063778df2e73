"""A webhook never waits for a long import: while another writer holds the database (SQLite's write lock, the way
an all-or-nothing ``afflow import`` holds it until it commits; an exclusive lock on the inbox on PostgreSQL), a
real ``afflow serve`` answers a signed Shopify webhook ``200 spooled`` instead of waiting, and the order books
once the lock is free — once, however often the platform retried, and also after the server was SIGKILLed
between spooling and draining. SQLite and PostgreSQL."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from frontdoor import seed_program, wait_until
from serve_process import ServeProcess
from sqlalchemy import Engine, func, select
from webhooks.shop_payloads import SHOPIFY_SECRET, body_of, shopify_headers, shopify_order

from store.db import transaction
from store.models import Commission, InboxEvent, Order, OrderLine


@contextmanager
def database_held(engine: Engine) -> Iterator[None]:
    """Another writer holding the database until the block ends."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, as an import's open transaction holds it
        else:
            connection.exec_driver_sql("LOCK TABLE inbox_events IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            connection.rollback()


def serve(db_url: str, tmp_path: Path) -> ServeProcess:
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
           "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET}  # fmt: skip
    return ServeProcess(env=env, log_path=tmp_path / "serve.log")


def post_order(server: ServeProcess, order_id: int) -> httpx.Response:
    body = body_of(shopify_order(order_id=order_id, click_id=None))
    return httpx.post(f"{server.base_url}/webhooks/shopify", content=body, headers=shopify_headers(body, "orders/paid"),
                      timeout=60)  # fmt: skip


def booked_once(engine: Engine, order_id: str) -> bool:
    with transaction(engine) as session:
        if session.get(Order, order_id) is None:
            return False
        events = session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.order_id == order_id))
        lines = session.scalar(select(func.count()).select_from(OrderLine).where(OrderLine.order_id == order_id))
        commissions = session.scalar(select(func.count()).select_from(Commission).where(Commission.order_id == order_id))
    assert events == 1 and commissions == lines and lines, (events, lines, commissions)  # one booking, not two
    return True


def spooled_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "spool" / "intake").glob("*.json"))


def test_webhooks_while_the_database_is_held_are_spooled_survive_a_sigkill_and_book_once(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed_program(engine, tmp_path)
    server = serve(db_url, tmp_path)
    restarted = serve(db_url, tmp_path)
    try:
        server.start()
        with database_held(engine):
            first, retried = post_order(server, 7301), post_order(server, 7301)  # the platform retried it
            assert first.status_code == 200 and first.json() == {"status": "spooled", "events": 1, "new": None,
                                                                 "duplicates": None}, first.text  # fmt: skip
            assert retried.status_code == 200 and retried.json()["status"] == "spooled"
            server.stop(signal.SIGKILL)  # killed between spooling and draining
        assert len(spooled_files(tmp_path)) == 2
        with transaction(engine) as session:
            assert session.get(Order, "7301") is None
        restarted.start()
        wait_until(lambda: booked_once(engine, "7301"), timeout=60, what="the spooled order to book")
        wait_until(lambda: not spooled_files(tmp_path), timeout=30, what="the spool to empty")
        after = post_order(restarted, 7302)  # with the database free again, the route enqueues at once
        assert after.status_code == 200 and after.json()["status"] == "queued" and after.json()["new"] == 1
        wait_until(lambda: booked_once(engine, "7302"), timeout=60, what="the next order to book")
    finally:
        server.kill_if_running()
        restarted.kill_if_running()
