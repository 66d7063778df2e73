"""Booking throughput on SQLite: ingest of N order lines and reconcile of M lines, against raw sqlite3.

The baseline is measured in the same process: plain ``sqlite3.executemany`` of the same number of
order-line-shaped rows into an indexed table on a WAL file, committed. Prints figures and ratios; asserts
nothing (performance is read, not tested).

    python bench/bench_ingest.py [--lines 200000] [--reconcile-lines 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from store.db import make_engine, migrate, transaction
from store.models import Commission
from workflows.booking.clicks import record_clicks
from workflows.booking.events import ClickIn, OrderEvent, OrderLineIn, RefundEvent
from workflows.booking.ingest import ingest
from workflows.booking.lifecycle import reconcile
from workflows.importing.importer import import_csv

T0 = datetime(2026, 1, 1, tzinfo=UTC)
LINES_PER_ORDER = 2
PARTNERS = 300


@dataclass(frozen=True)
class Rate:
    """Throughput by wall clock and by this process's CPU time (the latter is steadier on a shared machine)."""

    wall: float
    cpu: float

    @classmethod
    def measure(cls, count: int, wall_start: float, cpu_start: float) -> Rate:
        return cls(count / (time.perf_counter() - wall_start), count / (time.process_time() - cpu_start))


def raw_baseline(directory: Path, rows: int) -> Rate:
    """Rows per second of raw sqlite3 executemany into an order_lines-like table (+ indexes), committed."""
    connection = sqlite3.connect(directory / "raw.db")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(
        "CREATE TABLE lines (id INTEGER PRIMARY KEY, order_id TEXT, line_no INT, sku TEXT, quantity INT, "
        "unit_price_cents INT, amount_cents INT, refunded_cents INT, UNIQUE (order_id, line_no))"
    )
    connection.execute("CREATE INDEX ix_lines_order ON lines (order_id)")
    connection.execute("CREATE INDEX ix_lines_sku ON lines (sku)")
    data = [(f"o{i // 2}", i % 2, f"SKU-{i % 50}", 1 + i % 3, 1999, 1999 * (1 + i % 3), 0) for i in range(rows)]
    start, cpu = time.perf_counter(), time.process_time()
    connection.executemany(
        "INSERT INTO lines (order_id, line_no, sku, quantity, unit_price_cents, amount_cents, refunded_cents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        data,
    )
    connection.commit()
    rate = Rate.measure(rows, start, cpu)
    connection.close()
    return rate


def seed_partners(engine_url: str, directory: Path) -> None:
    path = directory / "partners.csv"
    header = "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code"
    rows = [f"p{i},Partner {i},p{i}@example.com,blog,1000,0.05,REF{i},COUP{i}" for i in range(PARTNERS)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with transaction(make_engine(engine_url)) as session:
        import_csv(session=session, kind="partners", path=path)


def make_events(orders: int, seed: int) -> tuple[list[ClickIn], list[OrderEvent]]:
    rng = random.Random(seed)
    clicks: list[ClickIn] = []
    events: list[OrderEvent] = []
    for i in range(orders):
        ts = T0 + timedelta(seconds=i * 20)
        customer = f"cust{rng.randrange(orders // 2 + 1)}"
        click_id = ref = coupon = None
        method = rng.random()
        if method < 0.5:
            click_id = f"c{i}"
            clicks.append(
                ClickIn(click_id=click_id, ts=ts - timedelta(hours=2), partner_id=f"p{rng.randrange(PARTNERS)}")
            )
        elif method < 0.7:
            ref = f"REF{rng.randrange(PARTNERS)}"
        elif method < 0.8:
            coupon = f"COUP{rng.randrange(PARTNERS)}"
        lines = tuple(
            OrderLineIn(
                sku=f"SKU-{rng.randrange(50)}",
                quantity=1 + rng.randrange(3),
                unit_price_cents=999 + rng.randrange(9000),
            )
            for _ in range(LINES_PER_ORDER)
        )
        events.append(
            OrderEvent(
                order_id=f"o{seed}-{i}", ts=ts, customer_id=customer, click_id=click_id, ref_code=ref,
                coupon_code=coupon, currency="USD", lines=lines,
            )
        )  # fmt: skip
    return clicks, events


def bench_ingest(directory: Path, lines: int) -> tuple[Rate, Rate, Rate]:
    url = f"sqlite:///{directory}/ingest.db"
    engine = make_engine(url)
    migrate(engine)
    seed_partners(url, directory)
    clicks, events = make_events(lines // LINES_PER_ORDER, seed=1)
    with transaction(engine) as session:
        record_clicks(session=session, clicks=clicks, salt="bench")
    start, cpu = time.perf_counter(), time.process_time()
    with transaction(engine) as session:
        for offset in range(0, len(events), 5000):
            ingest(session=session, source="bench", events=events[offset : offset + 5000])
    rate = Rate.measure(lines, start, cpu)
    same_rows = raw_same_rows(directory, directory / "ingest.db", lines)
    refunds = [
        RefundEvent(refund_id=f"r{i}", order_id=e.order_id, ts=e.ts + timedelta(days=3), amount_cents=500)
        for i, e in enumerate(events[::10])
    ]
    start, cpu = time.perf_counter(), time.process_time()
    with transaction(engine) as session:
        ingest(session=session, source="bench", events=refunds)
    refund_rate = Rate.measure(len(refunds), start, cpu)
    engine.dispose()
    return rate, same_rows, refund_rate


BOOKED_TABLES = (
    "inbox_events", "orders", "order_lines", "attributions", "commissions", "ledger_transactions", "ledger_entries",
)  # fmt: skip


def raw_same_rows(directory: Path, booked: Path, lines: int) -> Rate:
    """Order lines per second if raw sqlite3 executemany wrote exactly the rows ingest wrote, into the same schema."""
    url = f"sqlite:///{directory}/same_rows.db"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    source = sqlite3.connect(booked)
    target = sqlite3.connect(directory / "same_rows.db")
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=NORMAL")
    target.execute("PRAGMA foreign_keys=OFF")
    copies = []
    for table in BOOKED_TABLES:
        cursor = source.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        copies.append((sql, cursor.fetchall()))
    source.close()
    start, cpu = time.perf_counter(), time.process_time()
    for sql, rows in copies:
        target.executemany(sql, rows)
    target.commit()
    rate = Rate.measure(lines, start, cpu)
    target.close()
    print(f"  (ingest wrote {sum(len(rows) for _, rows in copies):,} rows in {len(copies)} tables for {lines:,} lines)")
    return rate


def bench_reconcile(directory: Path, lines: int) -> tuple[int, float, float]:
    """Reconcile (lock) ``lines`` pending commissions; returns (locked, wall seconds, CPU seconds).

    To keep the bench short the commission rows are seeded with raw sqlite3 (the sub-ledger rows ingest
    would write); only ``reconcile`` is timed.
    """
    url = f"sqlite:///{directory}/reconcile.db"
    engine = make_engine(url)
    migrate(engine)
    raw = sqlite3.connect(directory / "reconcile.db")
    raw.execute("PRAGMA foreign_keys=OFF")
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    rows = []
    for i in range(lines):
        ordered = T0 + timedelta(seconds=i * 2)
        rows.append(
            (i + 1, f"o{i // 2}", f"p{i % PARTNERS}", 1, 4500, 450 - (i % 7), 0, "pending", "10% of 45.00 (default) = 4.50",
             ordered.strftime(stamp), (ordered + timedelta(days=30)).strftime(stamp))
        )  # fmt: skip
    raw.executemany(
        "INSERT INTO commissions (order_line_id, order_id, partner_id, rule_version, base_cents, amount_cents, "
        "reversed_cents, state, explanation, order_ts, lock_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    raw.commit()
    raw.close()
    start, cpu = time.perf_counter(), time.process_time()
    with transaction(engine) as session:
        report = reconcile(session=session, as_of=T0 + timedelta(days=400))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    with transaction(engine) as session:
        pending = session.scalar(select(func.count()).select_from(Commission).where(Commission.state == "pending"))
    engine.dispose()
    print(f"  (after reconcile: {pending} still pending, {len(report.partners)} lock postings)")
    return report.locked_commissions, seconds, cpu_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--reconcile-lines", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall figures suffer under load)")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        raw = raw_baseline(directory, args.lines)
        print(f"raw sqlite3 executemany baseline: {raw.wall:,.0f} rows/s wall, {raw.cpu:,.0f} rows/s CPU")
        rate, same_rows, refund_rate = bench_ingest(directory, args.lines)
        print(
            f"ingest {args.lines:,} order lines: {rate.wall:,.0f} lines/s wall = {rate.wall / raw.wall:.1%} of raw; "
            f"{rate.cpu:,.0f} lines/s CPU = {rate.cpu / raw.cpu:.1%} of raw (target >= 25%)"
        )
        print(
            f"raw executemany of the very rows ingest wrote: {same_rows.wall:,.0f} lines/s wall, "
            f"{same_rows.cpu:,.0f} lines/s CPU; ingest = {rate.wall / same_rows.wall:.1%} wall, "
            f"{rate.cpu / same_rows.cpu:.1%} CPU of that"
        )
        print(f"ingest refunds: {refund_rate.wall:,.0f} refunds/s wall, {refund_rate.cpu:,.0f} refunds/s CPU")
        if args.reconcile_lines:
            locked, seconds, cpu_seconds = bench_reconcile(directory, args.reconcile_lines)
            print(
                f"reconcile: locked {locked:,} commissions in {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU "
                "(target well under 60 s)"
            )


if __name__ == "__main__":
    main()
