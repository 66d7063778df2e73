"""Benchmark: webhook latency of a real ``afflow serve`` while a long ``afflow import orders`` runs (issue 17 item 5).

    python bench/lock_stall.py [--lines 200000] [--rate 20] [--baseline-seconds 10]
                               [--database-url postgresql://root@127.0.0.1:5432/test]

The import is one all-or-nothing transaction; on SQLite it holds the write lock until it commits. The server
answers each signed Shopify webhook within its intake lock wait (0.5 s), spooling what the database cannot take
yet. Printed: p50 / p99 / max latency of the webhooks sent at ``--rate`` per second before the import (the
same-run baseline) and during it, the ratio, how many were answered ``spooled``, and whether every webhook's
order was booked once afterwards. A PostgreSQL URL gets a fresh schema, dropped afterwards. Figures, never
asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench.ledger import write_program
from store.db import make_engine, migrate, transaction
from store.models import InboxEvent, Order
from tests.http.serve_process import ServeProcess
from tests.webhooks.shop_payloads import SHOPIFY_SECRET, body_of, shopify_headers, shopify_order
from workflows.importing.importer import import_csv


class Stream:
    """Signed Shopify order webhooks at a steady rate from one thread; latencies and answers kept."""

    def __init__(self, base_url: str, rate: float, first_id: int) -> None:
        self.base_url, self.interval, self.next_id = base_url, 1.0 / rate, first_id
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.sent: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Stream:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with httpx.Client(timeout=120) as client:
            due = time.perf_counter()
            while not self._stop.is_set():
                body = body_of(shopify_order(order_id=self.next_id, click_id=None))
                started = time.perf_counter()
                response = client.post(f"{self.base_url}/webhooks/shopify", content=body,
                                       headers=shopify_headers(body, "orders/paid"))  # fmt: skip
                self.latencies.append(time.perf_counter() - started)
                status = response.json().get("status", str(response.status_code)) if response.status_code == 200 \
                    else str(response.status_code)  # fmt: skip
                self.statuses[status] = self.statuses.get(status, 0) + 1
                self.sent.append(str(self.next_id))
                self.next_id += 1
                due += self.interval
                time.sleep(max(0.0, due - time.perf_counter()))


def figures(latencies: list[float]) -> str:
    if not latencies:
        return "no requests"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{len(ordered)} webhooks, p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms")  # fmt: skip


def run(url: str, work: Path, *, lines: int, rate: float, baseline_seconds: float) -> None:
    engine = make_engine(url)
    migrate(engine)
    paths = write_program(work / "data", lines=lines, seed=17)
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=paths["partners"])
    subprocess.run(["afflow", "program", "set", "--allow-unknown-skus"], env={**os.environ, "AFFLOW_DATABASE_URL": url},
                   check=True, capture_output=True)  # fmt: skip
    env = {"AFFLOW_DATABASE_URL": url, "AFFLOW_SPOOL_DIR": str(work / "spool"), "AFFLOW_SHOPIFY_SECRET": SHOPIFY_SECRET}
    server = ServeProcess(env=env, log_path=work / "serve.log")
    try:
        server.start()
        baseline = Stream(server.base_url, rate, first_id=9_000_000).start()
        time.sleep(baseline_seconds)
        baseline.stop()
        during = Stream(server.base_url, rate, first_id=9_500_000).start()
        started = time.perf_counter()
        done = subprocess.run(["afflow", "import", "orders", str(paths["orders"])], capture_output=True, text=True,
                              env={**os.environ, "AFFLOW_DATABASE_URL": url}, check=False)  # fmt: skip
        import_seconds = time.perf_counter() - started
        during.stop()
        if done.returncode != 0:
            print(f"import failed ({done.returncode}): {done.stdout[-500:]}{done.stderr[-500:]}")
        sent = baseline.sent + during.sent
        deadline = time.monotonic() + 300
        while True:
            with transaction(engine) as session:
                booked = session.scalar(select(func.count()).select_from(Order).where(Order.id.in_(sent))) or 0
                events = session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.order_id.in_(sent)))
            if booked == len(sent) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        base_p50 = statistics.median(baseline.latencies) if baseline.latencies else float("nan")
        during_p50 = statistics.median(during.latencies) if during.latencies else float("nan")
        print(f"  import of {lines} lines: {import_seconds:.1f} s (exit {done.returncode})")
        print(f"  baseline (no import): {figures(baseline.latencies)}; answers {baseline.statuses}")
        print(f"  during the import:    {figures(during.latencies)}; answers {during.statuses}")
        print(f"  p50 during / baseline: {during_p50 / base_p50:.2f}; slowest during: {max(during.latencies, default=0):.2f} s")
        print(f"  booked afterwards: {booked} of {len(sent)} webhook orders, {events} inbox events (one each expected)")
    finally:
        server.kill_if_running()
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--rate", type=float, default=20.0, help="webhooks per second")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL to run there too")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        print("== SQLite")
        run(f"sqlite:///{tmp}/bench.db", Path(tmp) / "sqlite", lines=args.lines, rate=args.rate,
            baseline_seconds=args.baseline_seconds)  # fmt: skip
        if args.database_url:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = make_engine(args.database_url)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                print("== PostgreSQL")
                separator = "&" if "?" in args.database_url else "?"
                url = f"{args.database_url}{separator}options=-csearch_path%3D{schema}"
                run(url, Path(tmp) / "postgresql", lines=args.lines, rate=args.rate,
                    baseline_seconds=args.baseline_seconds)  # fmt: skip
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()


if __name__ == "__main__":
    main()
