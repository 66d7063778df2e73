"""Analytics benchmark: metrics, fraud scan and partner scores on a large generated program.

Generates (numpy, seeded) 10,000 partners, 5,000,000 clicks and 1,000,000 order lines with attributions,
commissions and refunds over 60 days, bulk-loaded straight into a fresh store (sqlite3 ``executemany`` /
PostgreSQL ``COPY``); about 1 % of partners each inject clicks, stuff cookies, leak coupons, poach or
self-refer. Then, in a child process (so its peak RSS is the analytics' own), times ``partner_metrics``,
``fraud.scan`` and ``score_partners`` over a 30-day window, and a raw ``GROUP BY`` over all clicks as the
baseline measured in the same run. Prints figures; asserts nothing.

    python bench/analytics.py [--clicks N] [--lines N] [--partners N] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, text

from store.db import make_engine, migrate, transaction
from store.models import Coupon, Partner, Product
from tools.analytics_sql import resolve_window
from tools.fraud import FraudThresholds, scan
from tools.metrics import partner_metrics
from tools.scoring import ScoreThresholds, score_partners

END = datetime(2026, 3, 1, tzinfo=UTC)
DAYS = 60
POSTGRES_URL = "postgresql://root@127.0.0.1:5432/test"
HONEST, INJECTOR, STUFFER, LEAKER, POACHER, SELF = range(6)
CLICK_COLUMNS = ("id", "ts", "partner_id", "ip_hash", "ip_prefix", "user_agent", "device_type", "referrer", "landing_url",
                 "sku", "customer_ref")  # fmt: skip


def _ts(seconds: np.ndarray, dialect: str) -> list[str]:
    """Seconds before END -> the column text each backend stores (SQLite: naive UTC, PostgreSQL: with offset)."""
    base = np.datetime64(END.replace(tzinfo=None), "s")
    stamps = (base - seconds.astype("timedelta64[s]")).astype(str)
    suffix = "+00:00" if dialect == "postgresql" else ".000000"
    return [s.replace("T", " ") + suffix for s in stamps]


class Loader:
    """Bulk rows into one table: sqlite3 executemany or PostgreSQL COPY."""

    def __init__(self, url: str) -> None:
        self.dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
        self.url = url
        if self.dialect == "sqlite":
            self.sqlite = sqlite3.connect(url.removeprefix("sqlite:///"))
            self.sqlite.execute("PRAGMA synchronous=OFF")
        else:
            self.engine = make_engine(url)

    def rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if self.dialect == "sqlite":
            marks = ",".join("?" * len(columns))
            self.sqlite.executemany(f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})", rows)
            self.sqlite.commit()
            return
        raw = self.engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({','.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            raw.commit()
        finally:
            raw.close()


def generate(url: str, *, partners: int, clicks: int, lines: int, seed: int) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    load = Loader(url)
    dialect = load.dialect
    kind = rng.choice(6, size=partners, p=[0.95, 0.01, 0.01, 0.01, 0.01, 0.01])
    pids = np.array([f"p{i:05d}" for i in range(partners)])
    emails = [f"{pid}@creators.example" for pid in pids]
    skus = [f"SKU-{i:04d}" for i in range(500)]
    prices = rng.integers(1_000, 20_000, size=500)
    with transaction(make_engine(url)) as session:  # small reference tables: Core inserts fill the defaults
        session.execute(insert(Partner), [
            {"id": pid, "name": f"Partner {pid}", "email": email, "channel": "blog", "ref_code": f"R{pid}",
             "coupon_code": f"C{pid}"}
            for pid, email in zip(pids, emails, strict=True)
        ])  # fmt: skip
        session.execute(insert(Coupon), [{"code": f"C{pid}", "partner_id": pid, "exclusive": True} for pid in pids])
        session.execute(insert(Product), [
            {"sku": sku, "title": sku, "price_cents": int(price), "unit_cost_cents": int(price) * 2 // 5, "stock": 100,
             "stock_target": 100, "category": "gear"}
            for sku, price in zip(skus, prices, strict=True)
        ])  # fmt: skip

    weight = rng.lognormal(0, 1.2, size=partners) * np.where(kind == STUFFER, 40, 1)
    click_partner = rng.choice(partners, size=clicks, p=weight / weight.sum())
    click_age = rng.integers(0, DAYS * 86400, size=clicks)
    prefixes = np.array([f"{a}.{b}.{c}" for a, b, c in rng.integers(1, 255, size=(50_000, 3))])
    stuffer = kind[click_partner] == STUFFER
    prefix_index = np.where(stuffer, click_partner % 7, rng.integers(0, 50_000, size=clicks))
    no_referrer = stuffer | (rng.random(clicks) < 0.08)
    for start in range(0, clicks, 500_000):
        part = slice(start, min(clicks, start + 500_000))
        ts = _ts(click_age[part], dialect)
        rows = [
            (f"k{n}", t, pids[p], "", prefixes[x], "Mozilla/5.0", "mobile", "" if nr else "https://blog.example/p",
             "https://shop.example.com", None, None)
            for n, t, p, x, nr in zip(range(part.start, part.stop), ts, click_partner[part], prefix_index[part],
                                      no_referrer[part], strict=True)
        ]  # fmt: skip
        load.rows("clicks", CLICK_COLUMNS, rows)

    orders = lines * 10 // 14
    attributed = orders * 6 // 10
    click_of = rng.choice(np.flatnonzero(~stuffer), size=attributed)
    partner_of = click_partner[click_of]
    delay = np.where(kind[partner_of] == INJECTOR, rng.integers(3, 50, size=attributed),
                     np.minimum(rng.lognormal(8, 1.5, size=attributed), 20 * 86400).astype(np.int64) + 60)  # fmt: skip
    order_age = np.concatenate(
        [np.maximum(click_age[click_of] - delay, 0), rng.integers(0, DAYS * 86400, orders - attributed)]
    )
    customers = rng.zipf(1.3, size=orders) % 400_000
    returning_pool = np.flatnonzero(np.isin(kind[partner_of], (POACHER, STUFFER)))
    customers[returning_pool] = rng.integers(0, 2_000, size=returning_pool.size)
    self_orders = np.flatnonzero(kind[partner_of] == SELF)[::2]
    order_partner = np.concatenate([partner_of, np.full(orders - attributed, -1)])
    leak = np.flatnonzero(order_partner[attributed:] == -1)[: partners // 100 * 40] + attributed
    order_partner_leak = np.flatnonzero(kind == LEAKER)
    coupon_owner = np.full(orders, -1)
    if order_partner_leak.size:
        coupon_owner[leak] = rng.choice(order_partner_leak, size=leak.size)
    order_ts_order = np.argsort(-order_age, kind="stable")
    first_seen = np.zeros(orders, dtype=bool)
    _, first_positions = np.unique(customers[order_ts_order], return_index=True)
    first_seen[order_ts_order[first_positions]] = True
    line_count = np.clip(rng.geometric(0.7, size=orders), 1, 4)
    line_count[-1] += max(0, lines - int(line_count.sum()))
    line_order = np.repeat(np.arange(orders), line_count)[:lines]
    line_sku = rng.integers(0, 500, size=lines)
    line_qty = rng.choice((1, 1, 1, 2, 3), size=lines)
    line_amount = prices[line_sku] * line_qty
    refunded = np.where(rng.random(lines) < 0.1, line_amount // 2, 0)
    order_total = np.bincount(line_order, weights=line_amount, minlength=orders).astype(np.int64)

    order_ts = _ts(order_age, dialect)
    click_ts = _ts(click_age[click_of], dialect)
    customer_ids = [f"cus{c}" for c in customers]
    for n in self_orders:
        customer_ids[n] = emails[partner_of[n]]
    load.rows("orders", ("id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "source",
                         "total_cents", "is_new_customer"),
              [(f"o{n}", order_ts[n], customer_ids[n], f"k{click_of[n]}" if n < attributed else None, None,
                f"C{pids[coupon_owner[n]]}" if coupon_owner[n] >= 0 else None, "USD", "csv", int(order_total[n]),
                bool(first_seen[n])) for n in range(orders)])  # fmt: skip
    load.rows("order_lines", ("id", "order_id", "line_no", "sku", "quantity", "unit_price_cents", "amount_cents",
                              "refunded_cents"),
              [(n + 1, f"o{line_order[n]}", n, skus[line_sku[n]], int(line_qty[n]), int(prices[line_sku[n]]),
                int(line_amount[n]), int(refunded[n])) for n in range(lines)])  # fmt: skip
    credited = [(n, int(partner_of[n]), "click") for n in range(attributed)]
    credited += [(int(n), int(coupon_owner[n]), "coupon") for n in leak if coupon_owner[n] >= 0]
    load.rows("attributions", ("order_id", "partner_id", "method", "click_id", "click_ts", "seconds_to_conversion",
                               "is_new_customer", "order_ts"),
              [(f"o{n}", pids[p], method, f"k{click_of[n]}" if method == "click" else None,
                click_ts[n] if method == "click" else None,
                int(delay[n]) if method == "click" else None, bool(first_seen[n]), order_ts[n])
               for n, p, method in credited])  # fmt: skip
    partner_by_order = {f"o{n}": pids[p] for n, p, _ in credited}
    commission_rows = []
    for n in range(lines):
        order_id = f"o{line_order[n]}"
        owner = partner_by_order.get(order_id)
        if owner is None:
            continue
        amount = int(line_amount[n]) // 10
        commission_rows.append((n + 1, n + 1, order_id, owner, 1, int(line_amount[n]), amount,
                                amount * int(refunded[n]) // max(int(line_amount[n]), 1), "pending", "10% default",
                                order_ts[line_order[n]], order_ts[line_order[n]]))  # fmt: skip
    load.rows("commissions", ("id", "order_line_id", "order_id", "partner_id", "rule_version", "base_cents",
                              "amount_cents", "reversed_cents", "state", "explanation", "order_ts", "lock_due_at"),
              commission_rows)  # fmt: skip
    return {"partners": partners, "clicks": clicks, "orders": orders, "order_lines": lines,
            "attributions": len(credited), "commissions": len(commission_rows)}  # fmt: skip


def measure(url: str, queue: Any) -> None:
    """Run in a child process: time each analytics call, report its peak RSS."""
    engine = make_engine(url)
    figures: dict[str, float] = {}
    with transaction(engine) as session:
        started = time.perf_counter()
        session.execute(text("SELECT partner_id, COUNT(*) FROM clicks GROUP BY partner_id")).all()
        figures["baseline_group_by_clicks_s"] = time.perf_counter() - started
        window = resolve_window(session=session, days=30)
        started = time.perf_counter()
        metrics = partner_metrics(session=session, start=window.start, end=window.end)
        figures["metrics_s"] = time.perf_counter() - started
        started = time.perf_counter()
        fraud = scan(session=session, start=window.start, end=window.end, thresholds=FraudThresholds())
        figures["fraud_scan_s"] = time.perf_counter() - started
        started = time.perf_counter()
        scores = score_partners(
            session=session, as_of=window.end, thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds()
        )
        figures["scores_s"] = time.perf_counter() - started
    figures["partners_reported"] = len(metrics.partners)
    figures["findings"] = len(fraud.findings)
    figures["purged"] = sum(1 for p in scores.partners if p.tier == "purge")
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(figures)


def run(url: str, label: str, args: argparse.Namespace) -> None:
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    started = time.perf_counter()
    counts = generate(url, partners=args.partners, clicks=args.clicks, lines=args.lines, seed=7)
    print(f"[{label}] generated {counts} in {time.perf_counter() - started:.1f} s")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=measure, args=(url, queue))
    child.start()
    figures = queue.get()
    child.join()
    total = figures["metrics_s"] + figures["fraud_scan_s"] + figures["scores_s"]
    baseline = figures["baseline_group_by_clicks_s"]
    print(f"[{label}] metrics {figures['metrics_s']:.2f} s, fraud scan {figures['fraud_scan_s']:.2f} s, "
          f"scores (metrics + scan + tiers) {figures['scores_s']:.2f} s; all three {total:.2f} s")  # fmt: skip
    print(f"[{label}] baseline GROUP BY over all clicks {baseline:.2f} s; all three = {total / baseline:.1f}× baseline")
    print(f"[{label}] peak RSS of the analytics process {figures['peak_rss_mb']:.0f} MB; "
          f"{figures['partners_reported']:.0f} partners, {figures['findings']:.0f} findings, "
          f"{figures['purged']:.0f} purged")  # fmt: skip


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--clicks", type=int, default=5_000_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        run(f"sqlite:///{Path(directory) / 'bench.db'}", "sqlite", args)
    if args.skip_postgres:
        return
    admin = make_engine(POSTGRES_URL)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # an unreachable server only skips the PostgreSQL figures
        print(f"[postgresql] skipped: {exc}")
        return
    try:
        run(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", "postgresql", args)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
