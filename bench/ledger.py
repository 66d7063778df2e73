"""Ledger benchmark: order lines and refunds through the real CSV import path, then reconcile.

Prints figures, never asserts them. Measured in one process, against a baseline measured in the same run:
raw ``sqlite3.executemany`` of the same order-line rows into a plain table (no parsing, attribution,
commissions or ledger) — the ratio says how much of SQLite's raw insert speed the whole booking keeps.

    python bench/ledger.py [--lines 200000] [--reconcile-lines 1000000] [--postgres-url URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, func, select, text

from store.db import make_engine, migrate, transaction
from store.models import Commission
from workflows.booking.lifecycle import reconcile
from workflows.importing.importer import import_csv

START = datetime(2026, 1, 1, tzinfo=UTC)
PARTNERS = 200


def write_program(directory: Path, *, lines: int, seed: int) -> dict[str, Path]:
    """Partners, then ``lines`` order lines (1-3 per order, 70% attributed by ref code or coupon) and refunds
    for about 10% of orders, all within 60 days of ``START``."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {kind: directory / f"{kind}.csv" for kind in ("partners", "orders", "refunds")}
    with paths["partners"].open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code",
                         "coupon_code"])  # fmt: skip
        for n in range(PARTNERS):
            writer.writerow(
                [f"p{n}", f"Partner {n}", f"p{n}@bench.example", "blog", 1000, "0.05", f"REF{n}", f"CPN{n}"]
            )
    seconds = 60 * 86_400
    written = 0
    order = 0
    with paths["orders"].open("w", newline="") as orders, paths["refunds"].open("w", newline="") as refunds:
        order_writer, refund_writer = csv.writer(orders), csv.writer(refunds)
        order_writer.writerow(["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku",
                               "quantity", "unit_price"])  # fmt: skip
        refund_writer.writerow(["refund_id", "order_id", "ts", "sku", "amount"])
        while written < lines:
            order += 1
            ts = START + timedelta(seconds=seconds * written // lines)
            roll = rng.random()
            ref = f"REF{rng.randrange(PARTNERS)}" if roll < 0.55 else ""
            coupon = f"CPN{rng.randrange(PARTNERS)}" if 0.55 <= roll < 0.7 else ""
            customer = f"c{rng.randrange(lines // 3 + 1)}"
            count = min(rng.choice((1, 1, 2, 3)), lines - written)
            for line in range(count):
                sku, quantity, cents = f"SKU-{rng.randrange(500)}", rng.choice((1, 1, 2)), rng.randrange(500, 30_000)
                order_writer.writerow([f"o{order}", ts.isoformat(), customer, "", ref, coupon, "USD", sku, quantity,
                                       f"{cents // 100}.{cents % 100:02d}"])  # fmt: skip
                if line == 0 and rng.random() < 0.1:
                    refund_ts = ts + timedelta(days=rng.uniform(1, 20))
                    amount = quantity * cents // rng.choice((1, 2))
                    refund_writer.writerow([f"r{order}", f"o{order}", refund_ts.isoformat(), sku,
                                            f"{amount // 100}.{amount % 100:02d}"])  # fmt: skip
            written += count
    return paths


def raw_sqlite_rows_per_second(orders: Path, directory: Path) -> tuple[int, float]:
    """The baseline: the same order-line rows, unparsed, into a plain SQLite table with executemany."""
    with orders.open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    connection = sqlite3.connect(directory / "raw.db")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE lines (order_id, ts, customer_id, click_id, ref_code, coupon_code, currency, sku, "
                       "quantity, unit_price)")  # fmt: skip
    started = time.perf_counter()
    connection.executemany("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return len(rows), len(rows) / elapsed


def import_and_reconcile(engine: Engine, paths: dict[str, Path], lines: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=paths["partners"])
    for kind in ("orders", "refunds"):
        started, cpu = time.perf_counter(), time.process_time()
        with transaction(engine) as session:
            report = import_csv(session=session, kind=kind, path=paths[kind])
        figures[f"{kind}_seconds"] = time.perf_counter() - started
        figures[f"{kind}_cpu_seconds"] = time.process_time() - cpu
        figures[f"{kind}_events"] = report.records
        figures[f"{kind}_rows_per_second"] = report.rows / figures[f"{kind}_seconds"]
    figures["lines_per_second"] = lines / figures["orders_seconds"]
    started, cpu = time.perf_counter(), time.process_time()
    with transaction(engine) as session:
        result = reconcile(session=session, as_of=START + timedelta(days=120))
        figures["commissions"] = session.scalar(select(func.count()).select_from(Commission)) or 0
    figures["reconcile_seconds"] = time.perf_counter() - started
    figures["reconcile_cpu_seconds"] = time.process_time() - cpu
    figures["locked_commissions"] = result.locked_commissions
    return figures


def peak_memory_mb() -> float:
    """The process's peak resident set so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(message: str) -> None:
    print(message, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=200_000, help="order lines to import")
    parser.add_argument("--reconcile-lines", type=int, default=1_000_000, help="order lines for the reconcile run")
    parser.add_argument("--postgres-url", default=os.environ.get("AFFLOW_TEST_POSTGRES_URL",
                                                                 "postgresql://root@127.0.0.1:5432/test"))  # fmt: skip
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="afflow-bench-") as tmp:
        work = Path(tmp)
        paths = write_program(work / "csv", lines=args.lines, seed=args.seed)
        rows, raw_rate = raw_sqlite_rows_per_second(paths["orders"], work)
        say(f"baseline  raw sqlite3 executemany: {rows:,} rows at {raw_rate:,.0f} rows/s")

        engine = make_engine(f"sqlite:///{work}/bench.db")
        migrate(engine)
        sqlite_figures = import_and_reconcile(engine, paths, args.lines)
        engine.dispose()
        report("sqlite", sqlite_figures, raw_rate, args.lines)
        say(f"          peak memory so far: {peak_memory_mb():,.0f} MB (ru_maxrss)")

        if not args.no_postgres:
            postgres(args.postgres_url, paths, args.lines, raw_rate)

        if args.reconcile_lines:
            big = write_program(work / "big", lines=args.reconcile_lines, seed=args.seed + 1)
            engine = make_engine(f"sqlite:///{work}/big.db")
            migrate(engine)
            say(f"reconcile: importing {args.reconcile_lines:,} order lines first (this takes a while) ...")
            figures = import_and_reconcile(engine, big, args.reconcile_lines)
            engine.dispose()
            say(f"reconcile sqlite {args.reconcile_lines:,} lines: import {figures['orders_seconds']:.1f} s "
                f"({figures['lines_per_second']:,.0f} lines/s); reconcile locked "
                f"{figures['locked_commissions']:,.0f} of {figures['commissions']:,.0f} commissions in "
                f"{figures['reconcile_seconds']:.1f} s wall, {figures['reconcile_cpu_seconds']:.1f} s CPU")  # fmt: skip
            say(f"          peak memory: {peak_memory_mb():,.0f} MB (ru_maxrss)")


def postgres(url: str, paths: dict[str, Path], lines: int, raw_rate: float) -> None:
    admin = make_engine(url)
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # any connection problem just means "no PostgreSQL figure"
        say(f"postgres  skipped: {url} unreachable ({type(exc).__name__})")
        return
    separator = "&" if "?" in url else "?"
    engine = make_engine(f"{url}{separator}options={quote(f'-csearch_path={schema}')}")
    try:
        migrate(engine)
        report("postgres", import_and_reconcile(engine, paths, lines), raw_rate, lines)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def report(backend: str, figures: dict[str, float], raw_rate: float, lines: int) -> None:
    say(
        f"{backend:<9} import {lines:,} order lines ({figures['orders_events']:,.0f} orders): "
        f"{figures['orders_seconds']:.1f} s wall, {figures['orders_cpu_seconds']:.1f} s CPU, "
        f"{figures['lines_per_second']:,.0f} lines/s = {figures['lines_per_second'] / raw_rate:.1%} of raw sqlite3"
    )
    say(
        f"{'':<9} refunds {figures['refunds_events']:,.0f}: {figures['refunds_seconds']:.1f} s; "
        f"reconcile locked {figures['locked_commissions']:,.0f} commissions in {figures['reconcile_seconds']:.1f} s "
        f"({figures['reconcile_cpu_seconds']:.1f} s CPU)"
    )


if __name__ == "__main__":
    main()
