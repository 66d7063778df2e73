"""Booking throughput on SQLite: ingest of N order lines and reconcile of M lines, against raw sqlite3.

The baseline is measured in the same process: plain ``sqlite3.executemany`` of the same number of
order-line-shaped rows into an indexed table on a WAL file, committed. Prints figures and ratios; asserts
nothing (performance is read, not tested).

    python bench/bench_ingest.py [--lines 200000] [--reconcile-lines 1000000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from store.db import make_engine, migrate, transaction
from store.models import Commission
from workflows.clicks import record_clicks
from workflows.events import ClickIn, OrderEvent, OrderLineIn, RefundEvent
from workflows.importer import import_csv
from workflows.ingest import ingest
from workflows.lifecycle import reconcile

T0 = datetime(2026, 1, 1, tzinfo=UTC)
LINES_PER_ORDER = 2
PARTNERS = 300


def raw_baseline(directory: Path, rows: int) -> float:
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
    start = time.perf_counter()
    connection.executemany(
        "INSERT INTO lines (order_id, line_no, sku, quantity, unit_price_cents, amount_cents, refunded_cents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        data,
    )
    connection.commit()
    elapsed = time.perf_counter() - start
    connection.close()
    return rows / elapsed


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


def bench_ingest(directory: Path, lines: int) -> tuple[float, float]:
    url = f"sqlite:///{directory}/ingest.db"
    engine = make_engine(url)
    migrate(engine)
    seed_partners(url, directory)
    clicks, events = make_events(lines // LINES_PER_ORDER, seed=1)
    with transaction(engine) as session:
        record_clicks(session=session, clicks=clicks, salt="bench")
    start = time.perf_counter()
    with transaction(engine) as session:
        for offset in range(0, len(events), 5000):
            ingest(session=session, source="bench", events=events[offset : offset + 5000])
    ingest_seconds = time.perf_counter() - start
    refunds = [
        RefundEvent(refund_id=f"r{i}", order_id=e.order_id, ts=e.ts + timedelta(days=3), amount_cents=500)
        for i, e in enumerate(events[::10])
    ]
    start = time.perf_counter()
    with transaction(engine) as session:
        ingest(session=session, source="bench", events=refunds)
    refund_rate = len(refunds) / (time.perf_counter() - start)
    engine.dispose()
    return lines / ingest_seconds, refund_rate


def bench_reconcile(directory: Path, lines: int) -> tuple[int, float]:
    """Reconcile (lock) ``lines`` attributed order lines loaded through ingest; returns (locked, seconds)."""
    url = f"sqlite:///{directory}/reconcile.db"
    engine = make_engine(url)
    migrate(engine)
    seed_partners(url, directory)
    _, events = make_events(lines // LINES_PER_ORDER, seed=2)
    events = [e.model_copy(update={"ref_code": f"REF{i % PARTNERS}", "click_id": None}) for i, e in enumerate(events)]
    with transaction(engine) as session:
        for offset in range(0, len(events), 10_000):
            ingest(session=session, source="bench", events=events[offset : offset + 10_000])
    with transaction(engine) as session:
        pending = session.scalar(select(func.count()).select_from(Commission)) or 0
    start = time.perf_counter()
    with transaction(engine) as session:
        report = reconcile(session=session, as_of=T0 + timedelta(days=400))
    seconds = time.perf_counter() - start
    engine.dispose()
    assert report.locked_commissions == pending, (report.locked_commissions, pending)
    return report.locked_commissions, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--reconcile-lines", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        raw = raw_baseline(directory, args.lines)
        print(f"raw sqlite3 executemany baseline: {raw:,.0f} rows/s")
        rate, refund_rate = bench_ingest(directory, args.lines)
        print(f"ingest {args.lines:,} order lines: {rate:,.0f} lines/s = {rate / raw:.1%} of raw (target >= 25%)")
        print(f"ingest refunds: {refund_rate:,.0f} refunds/s")
        if args.reconcile_lines:
            locked, seconds = bench_reconcile(directory, args.reconcile_lines)
            print(f"reconcile: locked {locked:,} commissions in {seconds:.2f} s (target well under 60 s)")


if __name__ == "__main__":
    main()
