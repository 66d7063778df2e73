"""Webhook to booked: how long after a Shopify order webhook's 200 its commission is in the ledger.

    python bench/webhook_latency.py [--database-url postgresql://root@127.0.0.1:5432/test] [--rate 200]
                                    [--seconds 20]

A real ``afflow serve`` (scheduler on, as deployed) gets a steady open-loop stream of ``--rate`` signed
``orders/paid`` webhooks per second on loopback (each a new order of two lines, credited through the landing
page's ref code), for ``--seconds``. For every order two latencies are taken from the moment its 200 reached
the load generator: until a poller (every 20 ms, its own connection) first sees the order's commissions, and
until the inbox event's ``processed_at`` (recorded at booking, in the booking transaction; the same clock).
Printed: orders sent and answered, the rate achieved, the webhook's response time (from when it was due), p50 / p90 / p99 / max
of both latencies, and how many orders were booked (waiting ``--drain-seconds`` at most after the last one).

A PostgreSQL URL gets a fresh schema for the run, dropped afterwards. Figures, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the documented Shopify payloads
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # before tests/, whose folders share our names

from redirect import free_port, prepare_database, wait_healthy
from sqlalchemy import select, text
from webhooks.shop_payloads import SHOPIFY_SECRET, body_of, shopify_headers, shopify_order

from store.db import make_engine, migrate, transaction
from store.models import Commission, InboxEvent
from workflows.importing.importer import import_csv

PARTNERS = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
)
PRODUCTS = "sku,title,price,unit_cost,stock,stock_target,category\nS1,Shirt,20.00,8.00,100,100,apparel\n"
PRODUCTS += "S2,Hat,10.00,3.00,50,50,apparel\n"
FIRST_ORDER = 7_000_000_000


def seed(db_url: str, workdir: Path) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    for kind, content in (("partners", PARTNERS), ("products", PRODUCTS)):
        path = workdir / f"{kind}.csv"
        path.write_text(content)
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=path)
    engine.dispose()


def signed_orders(count: int, port: int) -> list[bytes]:
    """Whole requests built before the clock starts, so the generator's own cost does not pace it."""
    requests = []
    for number in range(count):
        body = body_of(shopify_order(order_id=FIRST_ORDER + number))
        requests.append(raw_request(body, shopify_headers(body, "orders/paid"), port))
    return requests


class CommissionPoller(threading.Thread):
    """Notes when each order's first commission becomes visible to another connection."""

    def __init__(self, db_url: str, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.engine = make_engine(db_url)
        self.interval = interval
        self.seen: dict[str, float] = {}
        self.stopping = threading.Event()

    def run(self) -> None:
        last_id = 0
        while not self.stopping.is_set():
            with self.engine.connect() as connection:
                rows = connection.execute(
                    select(Commission.id, Commission.order_id).where(Commission.id > last_id).order_by(Commission.id)
                ).all()
            now = time.time()
            for commission_id, order_id in rows:
                self.seen.setdefault(order_id, now)
                last_id = max(last_id, commission_id)
            time.sleep(self.interval)
        self.engine.dispose()


def raw_request(body: bytes, headers: dict[str, str], port: int) -> bytes:
    lines = ["POST /webhooks/shopify HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def send_stream(
    port: int, requests: list[bytes], rate: float, connections: int
) -> tuple[dict[str, float], list[float], dict[str, int], float]:
    """Open loop: request ``i`` is due at ``start + i / rate`` whatever the server's pace, and goes out on the
    first free keep-alive connection of ``connections``; its response time counts from when it was due.

    A bare HTTP/1.1 client on asyncio streams: httpx's pool scans every queued request for each free connection,
    so with a backlog of a few hundred the generator, not the server, set the pace (seen with py-spy)."""
    answered: dict[str, float] = {}  # order id -> wall time its 200 arrived
    response_ms: list[float] = []
    statuses: dict[str, int] = {}
    queue: asyncio.Queue[tuple[int, float, bytes] | None] = asyncio.Queue()

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while (item := await queue.get()) is not None:
            number, due, request = item
            try:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                body = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, StopIteration) as exc:
                statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            response_ms.append((time.perf_counter() - due) * 1000)
            code = int(head.split(b" ", 2)[1])
            status = str(json.loads(body).get("status", "?")) if code == 200 else str(code)
            statuses[status] = statuses.get(status, 0) + 1
            if code == 200:
                answered[str(FIRST_ORDER + number)] = time.time()
        writer.close()

    workers = [asyncio.create_task(connection()) for _ in range(connections)]
    start = time.perf_counter()
    for number, request in enumerate(requests):
        due = start + number / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((number, due, request))
    sending_seconds = time.perf_counter() - start
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return answered, response_ms, statuses, len(requests) / sending_seconds


def processed_times(db_url: str) -> dict[str, float]:
    engine = make_engine(db_url)
    with transaction(engine) as session:
        rows = session.execute(
            select(InboxEvent.order_id, InboxEvent.processed_at).where(
                InboxEvent.source == "shopify", InboxEvent.status == "booked"
            )
        ).all()
    engine.dispose()
    return {
        order_id: processed.replace(tzinfo=processed.tzinfo or UTC).timestamp()
        for order_id, processed in rows
        if order_id is not None and processed is not None
    }


def percentiles(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)

    def pick(quantile: float) -> float:
        return ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]

    return (
        f"p50 {statistics.median(ordered):7.1f}  p90 {pick(0.9):7.1f}  p99 {pick(0.99):7.1f}  max {ordered[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--drain-seconds", type=float, default=120.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="afflow-webhook-bench-"))
    db_url, schema = prepare_database(args.database_url, workdir)
    seed(db_url, workdir)
    port = free_port()
    requests = signed_orders(int(args.rate * args.seconds), port)
    env = {**os.environ, "AFFLOW_DATABASE_URL": db_url, "AFFLOW_SPOOL_DIR": str(workdir / "spool")}
    env |= {"AFFLOW_HOST": "127.0.0.1", "AFFLOW_PORT": str(port), "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET}
    with (workdir / "serve.log").open("wb") as log:
        server = subprocess.Popen(["afflow", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    poller = CommissionPoller(db_url)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(f"{url}/healthz", server)
        poller.start()
        load_start = os.getloadavg()[0]
        answered, response_ms, statuses, achieved = asyncio.run(
            send_stream(port, requests, args.rate, args.connections)
        )
        deadline = time.monotonic() + args.drain_seconds
        while time.monotonic() < deadline and not set(answered) <= set(poller.seen):
            time.sleep(0.1)
        poller.stopping.set()
        poller.join()
        booked_at = processed_times(db_url)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    finally:
        poller.stopping.set()
        if server.poll() is None:
            server.kill()
            server.wait()
    visible = [(poller.seen[order] - at) * 1000 for order, at in answered.items() if order in poller.seen]
    recorded = [(booked_at[order] - at) * 1000 for order, at in answered.items() if order in booked_at]
    backend = "postgresql" if db_url.startswith("postgres") else "sqlite"
    print(
        f"POST /webhooks/shopify orders/paid on loopback, {len(requests)} orders at {args.rate:.0f}/s "
        f"(achieved {achieved:.0f}/s), store: {backend}, {os.cpu_count()} CPUs, load average {load_start:.1f} at "
        f"start, {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"  answers: {dict(sorted(statuses.items()))}; webhook response time {percentiles(response_ms)}")
    print(f"  200 -> commission visible (poll every 20 ms)   {percentiles(visible)}")
    print(f"  200 -> booked (inbox processed_at)             {percentiles(recorded)}")
    print(f"  booked: {len(visible)} of {len(answered)} answered 200 (waited at most {args.drain_seconds:.0f}s)")
    if schema and args.database_url:
        with make_engine(args.database_url).begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
