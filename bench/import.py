"""Import benchmark: clicks, order lines and refunds through ``import_csv`` (what ``afflow import`` runs).

Prints figures, never asserts them. Each step runs in its own forked process (so its peak RSS is its own)
beside a baseline measured in the same run on the same rows: ``csv.reader`` + ``sqlite3.executemany`` into a
plain table (no validation, attribution, commissions or ledger), and ``psycopg`` ``COPY`` for PostgreSQL.
The ratio says how much of the database's raw insert speed the whole import keeps.

    python bench/import.py [--clicks 400000] [--lines 200000] [--refunds 20000]
                           [--rss-lines 0] [--postgres-url URL | --no-postgres]

``--rss-lines 1000000`` also imports a file of that many order lines alone and prints its peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from store.db import make_engine, migrate, transaction
from workflows.importing.importer import import_csv

START = datetime(2026, 1, 1, tzinfo=UTC)
PARTNERS = 200
AGENTS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1",
)
KINDS = ("clicks", "orders", "refunds")


def write_files(directory: Path, *, clicks: int, lines: int, refunds: int, seed: int) -> dict[str, Path]:
    """Partners, ``clicks`` clicks over 60 days, ``lines`` order lines (1-3 per order; 20 % carry a click id,
    40 % a ref code, 10 % a coupon) and about ``refunds`` refunds, written line by line (bounded memory)."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {kind: directory / f"{kind}.csv" for kind in ("partners", *KINDS)}
    with paths["partners"].open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code",
                         "coupon_code"])  # fmt: skip
        for n in range(PARTNERS):
            writer.writerow([f"p{n}", f"Partner {n}", f"p{n}@bench.example", "blog", 1000, "0.05", f"REF{n}",
                             f"CPN{n}"])  # fmt: skip
    seconds = 60 * 86_400
    with paths["clicks"].open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku",
                         "customer_ref"])  # fmt: skip
        for n in range(clicks):
            ts = START + timedelta(seconds=seconds * n // max(clicks, 1))
            ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            customer = f"c{rng.randrange(lines // 3 + 1)}" if rng.random() < 0.1 else ""
            writer.writerow([f"k{n}", ts.isoformat(), f"p{rng.randrange(PARTNERS)}", ip, rng.choice(AGENTS),
                             "https://blog.example/post", "https://shop.example/p", f"SKU-{rng.randrange(500)}",
                             customer])  # fmt: skip
    orders_estimate = lines / 1.75
    refund_share = min(1.0, refunds / orders_estimate) if orders_estimate else 0.0
    written = order = 0
    with paths["orders"].open("w", newline="") as orders, paths["refunds"].open("w", newline="") as refund_file:
        order_writer, refund_writer = csv.writer(orders), csv.writer(refund_file)
        order_writer.writerow(["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku",
                               "quantity", "unit_price"])  # fmt: skip
        refund_writer.writerow(["refund_id", "order_id", "ts", "sku", "amount"])
        while written < lines:
            order += 1
            at = seconds * written // lines
            ts = START + timedelta(seconds=at)
            roll = rng.random()
            click = ""
            if roll < 0.2 and clicks:  # a click from up to a day before the order
                earliest = max(0, (at - 86_400) * clicks // seconds)
                click = f"k{rng.randrange(earliest, max(earliest + 1, at * clicks // seconds))}"
            ref = f"REF{rng.randrange(PARTNERS)}" if 0.2 <= roll < 0.6 else ""
            coupon = f"CPN{rng.randrange(PARTNERS)}" if 0.6 <= roll < 0.7 else ""
            customer = f"c{rng.randrange(lines // 3 + 1)}"
            count = min(rng.choice((1, 1, 2, 3)), lines - written)
            for line in range(count):
                sku, quantity, cents = f"SKU-{rng.randrange(500)}", rng.choice((1, 1, 2)), rng.randrange(500, 30_000)
                order_writer.writerow([f"o{order}", ts.isoformat(), customer, click, ref, coupon, "USD", sku, quantity,
                                       f"{cents // 100}.{cents % 100:02d}"])  # fmt: skip
                if line == 0 and rng.random() < refund_share:
                    refund_ts = ts + timedelta(days=rng.uniform(1, 20))
                    amount = quantity * cents // rng.choice((1, 2))
                    refund_writer.writerow([f"r{order}", f"o{order}", refund_ts.isoformat(), sku,
                                            f"{amount // 100}.{amount % 100:02d}"])  # fmt: skip
            written += count
    return paths


def raw_sqlite(path: Path, database: Path) -> tuple[int, float]:
    """Baseline: the file's rows, unparsed, into a plain SQLite table with one executemany; (rows, seconds)."""
    started = time.perf_counter()
    with path.open(newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    table = f"raw_{path.stem}"
    connection.execute(f"CREATE TABLE {table} ({', '.join(header)})")
    connection.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(header))})", rows)
    connection.commit()
    connection.close()
    return len(rows), time.perf_counter() - started


def raw_postgres(path: Path, url: str) -> tuple[int, float]:
    """Baseline: the file's rows, unparsed, into a plain PostgreSQL table through ``COPY``; (rows, seconds)."""
    import psycopg

    started = time.perf_counter()
    with path.open(newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        with connection.cursor() as cursor:
            table = f"raw_{path.stem}_{uuid.uuid4().hex[:6]}"
            cursor.execute(f"CREATE TEMP TABLE {table} ({', '.join(f'{name} text' for name in header)})")
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        connection.commit()
    return len(rows), time.perf_counter() - started


def import_steps(url: str, paths: dict[str, Path], kinds: tuple[str, ...]) -> dict[str, Any]:
    """Import ``kinds`` in order, each in its own transaction, into the store at ``url`` (partners first)."""
    engine = make_engine(url)
    figures: dict[str, Any] = {}
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=paths["partners"])
    for kind in kinds:
        started, cpu = time.perf_counter(), time.process_time()
        with transaction(engine) as session:
            report = import_csv(session=session, kind=kind, path=paths[kind])
        figures[kind] = {"rows": report.rows, "seconds": time.perf_counter() - started,
                         "cpu": time.process_time() - cpu, "booked": report.booked, "created": report.created}  # fmt: skip
    engine.dispose()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _child(queue: multiprocessing.Queue[dict[str, Any]], work: Callable[[], dict[str, Any]]) -> None:
    queue.put(work())


def in_child(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``work`` in a forked process (its peak RSS is its own, not the benchmark's) and return its figures."""
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[dict[str, Any]] = context.Queue()
    process = context.Process(target=_child, args=(queue, work))
    process.start()
    figures = queue.get()
    process.join()
    return figures


def fresh_sqlite(directory: Path, name: str) -> str:
    url = f"sqlite:///{directory}/{name}.db"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


def say(message: str) -> None:
    print(message, flush=True)


def run_backend(backend: str, new_store: Callable[[str], str], paths: dict[str, Path],
                baseline: Callable[[Path], tuple[int, float]]) -> None:  # fmt: skip
    base: dict[str, tuple[int, float]] = {kind: baseline(paths[kind]) for kind in KINDS}
    present = tuple(kind for kind in KINDS if base[kind][0])  # ``--lines 0 --refunds 0``: clicks alone
    steps: list[tuple[str, tuple[str, ...]]] = [(kind, (kind,)) for kind in present]
    if len(present) == len(KINDS):
        steps.append(("all three", KINDS))
    for label, kinds in steps:
        if kinds == ("orders",) or kinds == ("refunds",):
            # orders book against the clicks (attribution), refunds against the orders: import what they need
            # first, untimed, so the timed file meets the store it meets in real use
            needed = KINDS[: KINDS.index(kinds[0])]
            url = new_store(label)
            in_child(lambda url=url, needed=needed: import_steps(url, paths, needed))  # type: ignore[misc]
        else:
            url = new_store(label)
        figures = in_child(lambda url=url, kinds=kinds: import_steps(url, paths, kinds))  # type: ignore[misc]
        rows = sum(figures[kind]["rows"] for kind in kinds)
        seconds = sum(figures[kind]["seconds"] for kind in kinds)
        cpu = sum(figures[kind]["cpu"] for kind in kinds)
        raw_rows = sum(base[kind][0] for kind in kinds)
        raw_rate = raw_rows / sum(base[kind][1] for kind in kinds)
        rate = rows / seconds
        say(f"{backend:<8} {label:<9} {rows:>9,} rows {seconds:7.1f} s ({cpu:6.1f} s CPU) {rate:>9,.0f} rows/s | "
            f"raw {raw_rate:>9,.0f} rows/s | {rate / raw_rate:6.1%} | peak RSS {figures['peak_rss_mb']:,.0f} MB | "
            f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=400_000)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--refunds", type=int, default=20_000)
    parser.add_argument("--rss-lines", type=int, default=0, help="also import an orders file this long, alone")
    parser.add_argument("--postgres-url", default=os.environ.get("AFFLOW_TEST_POSTGRES_URL",
                                                                 "postgresql://root@127.0.0.1:5432/test"))  # fmt: skip
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    say(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with tempfile.TemporaryDirectory(prefix="afflow-bench-import-") as tmp:
        work = Path(tmp)
        paths = write_files(work / "csv", clicks=args.clicks, lines=args.lines, refunds=args.refunds, seed=args.seed)
        if not args.no_sqlite:
            counter = iter(range(1_000))
            run_backend("sqlite", lambda label: fresh_sqlite(work, f"s{next(counter)}"), paths,
                        lambda path: raw_sqlite(path, work / f"raw{next(counter)}.db"))  # fmt: skip
        if not args.no_postgres:
            postgres(args.postgres_url, paths)
        if args.rss_lines:
            big = write_files(work / "big", clicks=0, lines=args.rss_lines, refunds=0, seed=args.seed + 1)
            url = fresh_sqlite(work, "big")
            figures = in_child(lambda: import_steps(url, big, ("orders",)))
            orders = figures["orders"]
            say(f"sqlite   {args.rss_lines:,} order lines alone: {orders['seconds']:.1f} s, "
                f"{orders['rows'] / orders['seconds']:,.0f} rows/s, peak RSS {figures['peak_rss_mb']:,.0f} MB, "
                f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def postgres(url: str, paths: dict[str, Path]) -> None:
    admin = make_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any connection problem just means "no PostgreSQL figure"
        say(f"postgres skipped: {url} unreachable ({type(exc).__name__})")
        return
    schemas: list[str] = []
    separator = "&" if "?" in url else "?"

    def new_store(label: str) -> str:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        schemas.append(schema)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        store = f"{url}{separator}options={quote(f'-csearch_path={schema}')}"
        engine = make_engine(store)
        migrate(engine)
        engine.dispose()
        return store

    try:
        run_backend("postgres", new_store, paths, lambda path: raw_postgres(path, url))
    finally:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
