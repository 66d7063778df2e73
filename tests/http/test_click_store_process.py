"""The click store process (``workflows.http.clickstore``): it commits the spool segments a server hands over,
never one a live server still writes, and no click is lost whichever of the two processes is killed.

Real processes on SQLite and PostgreSQL: a click store process on its own (``store_process_command``), and the
one a real ``afflow serve`` starts.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from frontdoor import seed_program, wait_until
from serve_process import ServeProcess, redirect_load
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import Click
from tools.links import create_links
from workflows.http.clickrows import redirect_row
from workflows.http.clickstore import URL_VARIABLE, store_process_command
from workflows.http.spool import ClickSpool, encode_row


def stored_ids(engine: Engine) -> set[str]:
    with transaction(engine) as session:
        return set(session.scalars(select(Click.id)))


def click(click_id: str) -> bytes:
    row = redirect_row(
        click_id=click_id, ts=datetime.now(UTC), partner_id="p1", link_code="L1", ip="203.0.113.9",
        user_agent="Mozilla/5.0", referrer="", landing_url="https://shop.example/?afflow_cid=" + click_id,
        sku="S1", customer_ref=None, salt="salt",
    )  # fmt: skip
    return encode_row(row)


def children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").glob("*/children") for child in task.read_text().split()]


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_handed_over_segments_are_committed_and_a_live_one_is_left_alone(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    seed_program(engine, tmp_path)
    spool_dir = tmp_path / "spool"
    spool = ClickSpool(spool_dir)
    spool.append(click("handed-1"))
    spool.append(click("handed-2"))
    handed = spool.rotate()
    os.close(handed.fd)  # what the server does every flush interval: unlocked, the segment is the store's
    spool.append(click("still-written"))  # the current segment: locked by this (live) process
    store = subprocess.Popen(
        store_process_command(spool_dir=spool_dir, interval=0.05, parent_pid=os.getpid()),
        env={**os.environ, URL_VARIABLE: db_url},
    )
    try:
        wait_until(lambda: not handed.path.exists(), timeout=60, what="the handed-over segment committed")
        assert stored_ids(engine) == {"handed-1", "handed-2"}
        time.sleep(0.3)  # several more passes: the live segment must survive them all
        assert spool.current.path.exists() and stored_ids(engine) == {"handed-1", "handed-2"}
        store.send_signal(signal.SIGTERM)
        assert store.wait(timeout=60) == 0
    finally:
        if store.poll() is None:
            store.kill()
            store.wait()
    spool.close()  # not empty: kept for the next start-up to replay
    assert spool.current.path.exists()


def test_killing_either_process_loses_no_answered_click(db_url: str, engine: Engine, tmp_path: Path) -> None:
    seed_program(engine, tmp_path)
    with transaction(engine) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="http://127.0.0.1")
    spool_dir = tmp_path / "spool"
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(spool_dir), "AFFLOW_SCHEDULER_ENABLED": "false"}
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        assert server.process is not None
        [first_store] = children(server.process.pid)
        os.kill(first_store, signal.SIGKILL)  # the click store dies: the server starts another, nothing is lost
        answered = asyncio.run(_load(server.base_url, link.code, seconds=3.0))
        wait_until(lambda: len(children(server.process.pid)) == 1, timeout=60, what="a new click store process")  # type: ignore[union-attr]
        [second_store] = children(server.process.pid)
        assert second_store != first_store
        wait_until(lambda: answered <= stored_ids(engine), timeout=60, what="clicks stored by the new click store")

        answered |= asyncio.run(_load(server.base_url, link.code, seconds=1.0))
        server.process.kill()  # SIGKILL the server: its click store commits the open segment, then exits
        server.process.wait(timeout=60)
        wait_until(lambda: not alive(second_store), timeout=60, what="the orphaned store to exit")
        assert answered <= stored_ids(engine), "a click answered before the server's SIGKILL was lost"
        assert not list(spool_dir.glob("*.jsonl")), server.log()
        assert server.process.returncode == -signal.SIGKILL
    finally:
        server.kill_if_running()


async def _load(base_url: str, code: str, *, seconds: float) -> set[str]:
    result = await redirect_load(
        base_url, code, concurrency=8, max_requests=100_000, max_seconds=seconds, stop=asyncio.Event()
    )
    assert result.answered, "the load got no 302 at all"
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        assert (await client.get("/healthz")).status_code == 200
    return result.answered
