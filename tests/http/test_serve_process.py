"""A real ``afflow serve`` process: crash it under load and count clicks; signed webhooks book end to end.

The durability claim under test: every redirect answered 302 has its click stored, even when the process is
SIGKILLed mid-load (the spool is replayed at the next start) or SIGTERMed (the writer flushes on shutdown).
SQLite here; the benchmark runs the same server against PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import signal
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
from frontdoor import seed_program, wait_until
from serve_process import ServeProcess, redirect_load
from sqlalchemy import Engine, select
from webhooks.shop_payloads import (
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    body_of,
    shopify_headers,
    shopify_order,
    shopify_refund,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)

from store.db import make_engine, migrate, transaction
from store.ledger import balances
from store.models import Click
from tools.links import create_links


def stored_click_ids(engine: Engine) -> set[str]:
    with transaction(engine) as session:
        return set(session.scalars(select(Click.id)))


def pending(engine: Engine) -> dict[str, int]:
    with transaction(engine) as session:
        return {balance.partner_id: balance.pending for balance in balances(session=session)}


def send_signed_webhooks(base_url: str, click_id: str) -> None:
    """One order per platform in its documented shape, plus a Shopify refund; each must be accepted."""
    shop = body_of(shopify_order(order_id=5001, click_id=click_id, landing_site=None))
    woo = body_of(woo_order(order_id=6001, meta_data=[{"id": 1, "key": "afflow_ref", "value": "SAMREF"}]))
    lines = json.dumps([{"sku": "S2", "quantity": 2, "unit_amount": 1000}])
    stripe = body_of(
        stripe_event(
            "checkout.session.completed", stripe_session(metadata={"afflow_lines": lines, "afflow_coupon": "PAT10"})
        )
    )
    refund = body_of(shopify_refund(order_id=5001, sku="S2", subtotal="10.00"))
    requests = [
        ("shopify", shop, shopify_headers(shop, "orders/paid")),
        ("woocommerce", woo, woo_headers(woo, "order.updated")),
        ("stripe", stripe, stripe_headers(stripe)),
        ("shopify", refund, shopify_headers(refund, "refunds/create")),
    ]
    for platform, body, headers in requests:
        response = httpx.post(f"{base_url}/webhooks/{platform}", content=body, headers=headers, timeout=60)
        assert response.status_code == 200 and response.json()["new"] >= 1, response.text
    forged = httpx.post(
        f"{base_url}/webhooks/shopify", content=shop, headers=shopify_headers(shop, "orders/paid", "x"), timeout=60
    )
    assert forged.status_code == 401


def test_killed_and_terminated_server_loses_no_answered_click_and_books_webhooks(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/serve.db"
    engine = make_engine(db_url)
    migrate(engine)
    seed_program(engine, tmp_path)
    with transaction(engine) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="http://127.0.0.1")
    env = {
        "AFFLOW_DATABASE_URL": db_url,
        "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
        "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET,
        "AFFLOW_WOOCOMMERCE_SECRET": WOO_SECRET,
        "AFFLOW_STRIPE_SECRET": STRIPE_SECRET,
    }
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        first = httpx.get(f"{server.base_url}/r/{link.code}", timeout=60)
        click_id = parse_qs(urlsplit(first.headers["location"]).query)["afflow_cid"][0]
        send_signed_webhooks(server.base_url, click_id)  # at once: booking must still find the click (flushed first)

        answered_before_kill, errors = asyncio.run(_load_and_signal(server, link.code, signal.SIGKILL))
        in_db_right_after_kill = len(stored_click_ids(engine) & answered_before_kill)
        assert answered_before_kill, server.log()

        server.start()  # replays the dead process's spool before serving
        assert answered_before_kill <= stored_click_ids(engine), "a click answered 302 before SIGKILL was lost"
        wait_until(lambda: pending(engine) == {"p1": 500 - 100 + 200, "p2": 500}, timeout=120, what="webhook bookings")

        answered_before_term, _ = asyncio.run(_load_and_signal(server, link.code, signal.SIGTERM))
        assert server.process is not None and server.process.returncode == 0, server.log()
        assert answered_before_term <= stored_click_ids(engine), "a click answered 302 before SIGTERM was not flushed"
        assert not list((tmp_path / "spool").glob("*.jsonl")), "a clean shutdown leaves no spool behind"
        with transaction(engine) as session:  # the load's X-Forwarded-For came from a trusted (loopback) peer
            prefixes = set(
                session.scalars(select(Click.ip_prefix).where(Click.id.in_(list(answered_before_term)[:500])))
            )
        assert prefixes == {"198.51.100.0/24"}, "the click's IP is the forwarded client's, not the proxy's"
        print(
            f"SIGKILL: {len(answered_before_kill)} answered ({in_db_right_after_kill} in the database at the kill, "
            f"the rest replayed from the spool), {errors} cut off; SIGTERM: {len(answered_before_term)} answered, all stored"
        )

    finally:
        server.kill_if_running()


async def _load_and_signal(server: ServeProcess, code: str, sig: signal.Signals) -> tuple[set[str], int]:
    """Drive redirects, signal the server once 150 have been answered (or after 5 s), return the 302s seen."""
    stop = asyncio.Event()
    task = asyncio.create_task(
        redirect_load(server.base_url, code, concurrency=16, max_requests=50_000, max_seconds=20, stop=stop)
    )
    await asyncio.sleep(0.05)
    await asyncio.to_thread(_wait_for_answers, server, 150, 5.0)
    server.process.send_signal(sig)  # type: ignore[union-attr]
    await asyncio.sleep(0.5)
    stop.set()
    result = await task
    await asyncio.to_thread(server.process.wait, 120)  # type: ignore[union-attr]
    return result.answered, result.errors


def _wait_for_answers(server: ServeProcess, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=5).json()["clicks_recorded"] >= count:
                return
        except httpx.HTTPError:
            pass  # a busy machine: the timeout above bounds the wait
        time.sleep(0.1)
