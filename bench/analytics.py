"""Analytics benchmark: metrics, fraud scan and partner scores on a large generated program.

Generates (numpy, seeded) 10,000 partners, 5,000,000 clicks and 1,000,000 order lines with attributions
and commissions over 60 days, about 1 % of partners each injecting clicks, stuffing cookies, leaking
coupons, poaching or self-referring. Rows are built column-wise from numpy arrays and bulk-loaded in
chunks straight into a fresh migrated store (sqlite3 ``executemany`` / PostgreSQL ``COPY``), with the big
tables' secondary indexes dropped during the load and rebuilt after it (the usual bulk-load practice; the
schema afterwards is the migrated one). PostgreSQL is ``VACUUM ANALYZE``d after the load, as autovacuum does
after a bulk insert (since PostgreSQL 13 it vacuums insert-only tables too, which sets the visibility map that
index-only scans need; this machine's server runs with autovacuum off, so the bench does it);
SQLite is left as an application leaves it (no ``ANALYZE``).

Then, in a child process (so its peak RSS is the analytics' own), times: a raw ``GROUP BY partner_id``
over all clicks (the baseline, measured in the same run), ``partner_metrics`` over the 30-day performance
window, ``fraud.scan`` over the tiers' 90-day fraud look-back (so all 60 generated days) and
``score_partners`` reusing both (what ``afflow partners score`` and the tiering agent
do), wall and CPU time of the client process each.

No finding may be lost to speed: each backend's findings (partner, signal, severity) and a digest of the
three whole reports are compared across the backends, and with ``--findings FILE`` against the ones a
previous run wrote there (the generator is seeded: the same sizes give the same program). A run whose
findings or reports differ says which and exits 1. ``bench/analytics_findings.json`` holds those of the
default sizes as the code before the set-based rewrite (6db135d^) computed them.

    python bench/analytics.py [--partners N] [--clicks N] [--lines N] [--skip-sqlite] [--skip-postgres]
                              [--findings FILE] [--reuse FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import numpy as np
from sqlalchemy import Engine, Index, insert, text
from sqlalchemy.schema import CreateIndex

from store.db import make_engine, migrate, transaction
from store.models import Base, Coupon, Partner, Product
from tools.analytics_sql import resolve_window
from tools.fraud import FraudThresholds, scan
from tools.metrics import partner_metrics
from tools.scoring import ScoreThresholds, score_partners

END = datetime(2026, 3, 1, tzinfo=UTC)
DAYS = 60
POSTGRES_URL = "postgresql://root@127.0.0.1:5432/test"
HONEST, INJECTOR, STUFFER, LEAKER, POACHER, SELF = range(6)
CHUNK = 500_000
BULK_TABLES = ("clicks", "orders", "order_lines", "attributions", "commissions")
Column = Sequence[Any]


class Loader:
    """Bulk rows into one table, column-wise: sqlite3 ``executemany`` or PostgreSQL ``COPY`` (text format)."""

    def __init__(self, url: str) -> None:
        self.dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
        self.engine = make_engine(url)
        self.sqlite: sqlite3.Connection | None = None
        if self.dialect == "sqlite":
            self.sqlite = sqlite3.connect(url.removeprefix("sqlite:///"))
            self.sqlite.execute("PRAGMA synchronous=OFF")
            self.sqlite.execute("PRAGMA cache_size=-1000000")  # 1 GB page cache: index builds stay in memory

    def timestamps(self, age_seconds: np.ndarray) -> list[str]:
        """Seconds before END -> the column text each backend stores (SQLite: naive UTC, PostgreSQL: with offset).

        A table of day prefixes and one of 86,400 times of day: two list look-ups per value instead of a
        datetime per value (START is midnight, so day and second of day split cleanly).
        """
        suffix = "+00" if self.dialect == "postgresql" else ".000000"
        start = END - timedelta(days=DAYS)
        days = [(start + timedelta(days=d)).strftime("%Y-%m-%d ") for d in range(DAYS + 1)]
        times = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{suffix}" for s in range(86_400)]
        day, second = np.divmod((DAYS * 86_400 - age_seconds).astype(np.int64), 86_400)
        return [days[d] + times[s] for d, s in zip(day.tolist(), second.tolist(), strict=True)]

    def boolean(self, values: np.ndarray) -> Column:
        return ["t" if v else "f" for v in values.tolist()] if self.dialect == "postgresql" else values.tolist()

    def rows(self, table: str, columns: dict[str, Column]) -> None:
        names = list(columns)
        if self.sqlite is not None:
            marks = ",".join("?" * len(names))
            self.sqlite.executemany(
                f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})", zip(*columns.values(), strict=True)
            )
            self.sqlite.commit()
            return
        texts = [[r"\N" if v is None else str(v) for v in column] for column in columns.values()]
        buffer = io.StringIO()
        for row in zip(*texts, strict=True):
            buffer.write("\t".join(row))
            buffer.write("\n")
        raw = self.engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({','.join(names)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                copy.write(buffer.getvalue())
            raw.commit()
        finally:
            raw.close()

    def execute(self, statement: str) -> None:
        if self.sqlite is not None:
            self.sqlite.execute(statement)
            self.sqlite.commit()
            return
        with self.engine.begin() as connection:
            connection.execute(text(statement))

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        self.engine.dispose()


def secondary_indexes() -> list[Index]:
    return [index for name in BULK_TABLES for index in Base.metadata.tables[name].indexes]


def chunks(total: int) -> Iterator[slice]:
    for start in range(0, total, CHUNK):
        yield slice(start, min(total, start + CHUNK))


def generate(load: Loader, *, partners: int, clicks: int, lines: int, seed: int) -> dict[str, int]:
    """Fill the store; returns row counts. Ids are zero-padded so primary keys grow in order."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(6, size=partners, p=[0.95, 0.01, 0.01, 0.01, 0.01, 0.01])
    pids = [f"p{i:05d}" for i in range(partners)]
    emails = [f"{pid}@creators.example" for pid in pids]
    skus = [f"SKU-{i:04d}" for i in range(500)]
    prices = rng.integers(1_000, 20_000, size=500)
    with transaction(load.engine) as session:  # small reference tables: Core inserts fill the defaults
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
    prefixes = [f"{a}.{b}.{c}" for a, b, c in rng.integers(1, 255, size=(50_000, 3)).tolist()]
    stuffer = kind[click_partner] == STUFFER
    prefix_index = np.where(stuffer, click_partner % 7, rng.integers(0, 50_000, size=clicks))
    no_referrer = stuffer | (rng.random(clicks) < 0.08)
    for part in chunks(clicks):
        size = part.stop - part.start
        load.rows("clicks", {
            "id": [f"k{n:07d}" for n in range(part.start, part.stop)],
            "ts": load.timestamps(click_age[part]),
            "partner_id": [pids[p] for p in click_partner[part].tolist()],
            "ip_hash": [""] * size,
            "ip_prefix": [prefixes[x] for x in prefix_index[part].tolist()],
            "user_agent": ["Mozilla/5.0"] * size,
            "device_type": ["mobile"] * size,
            "referrer": ["" if nr else "https://blog.example/p" for nr in no_referrer[part].tolist()],
            "landing_url": ["https://shop.example.com"] * size,
        })  # fmt: skip

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
    leakers = np.flatnonzero(kind == LEAKER)
    leak = np.flatnonzero(order_partner[attributed:] == -1)[: partners // 100 * 40] + attributed
    coupon_owner = np.full(orders, -1)
    if leakers.size:
        coupon_owner[leak] = rng.choice(leakers, size=leak.size)
    else:
        leak = leak[:0]
    by_time = np.argsort(-order_age, kind="stable")
    first_seen = np.zeros(orders, dtype=bool)
    _, first_positions = np.unique(customers[by_time], return_index=True)
    first_seen[by_time[first_positions]] = True
    line_count = np.clip(rng.geometric(0.7, size=orders), 1, 4)
    line_count[-1] += max(0, lines - int(line_count.sum()))
    line_order = np.repeat(np.arange(orders), line_count)[:lines]
    line_sku = rng.integers(0, 500, size=lines)
    line_qty = rng.choice((1, 1, 1, 2, 3), size=lines)
    line_amount = prices[line_sku] * line_qty
    refunded = np.where(rng.random(lines) < 0.1, line_amount // 2, 0)
    order_total = np.bincount(line_order, weights=line_amount, minlength=orders).astype(np.int64)

    order_ids = [f"o{n:07d}" for n in range(orders)]
    order_ts = load.timestamps(order_age)
    customer_ids = [f"cus{c}" for c in customers.tolist()]
    for n in self_orders.tolist():
        customer_ids[n] = emails[int(partner_of[n])]
    click_ids = [f"k{c:07d}" for c in click_of.tolist()]
    for part in chunks(orders):
        load.rows("orders", {
            "id": order_ids[part],
            "ts": order_ts[part],
            "customer_id": customer_ids[part],
            "click_id": [click_ids[n] if n < attributed else None for n in range(part.start, part.stop)],
            "coupon_code": [f"C{pids[o]}" if o >= 0 else None for o in coupon_owner[part].tolist()],
            "currency": ["USD"] * (part.stop - part.start),
            "source": ["csv"] * (part.stop - part.start),
            "total_cents": order_total[part].tolist(),
            "is_new_customer": load.boolean(first_seen[part]),
        })  # fmt: skip
    for part in chunks(lines):
        load.rows("order_lines", {
            "id": list(range(part.start + 1, part.stop + 1)),
            "order_id": [order_ids[o] for o in line_order[part].tolist()],
            "line_no": list(range(part.start, part.stop)),
            "sku": [skus[s] for s in line_sku[part].tolist()],
            "quantity": line_qty[part].tolist(),
            "unit_price_cents": prices[line_sku[part]].tolist(),
            "amount_cents": line_amount[part].tolist(),
            "refunded_cents": refunded[part].tolist(),
        })  # fmt: skip

    # attributions: every click-attributed order, then the leaked-coupon orders credited to the code's owner
    credited_order = np.concatenate([np.arange(attributed), leak])
    credited_partner = np.concatenate([partner_of, coupon_owner[leak]])
    by_click = np.concatenate([np.ones(attributed, dtype=bool), np.zeros(leak.size, dtype=bool)])
    click_ts = load.timestamps(click_age[click_of])
    for part in chunks(credited_order.size):
        numbers, clicked = credited_order[part].tolist(), by_click[part].tolist()
        load.rows("attributions", {
            "order_id": [order_ids[n] for n in numbers],
            "partner_id": [pids[p] for p in credited_partner[part].tolist()],
            "method": ["click" if c else "coupon" for c in clicked],
            "click_id": [click_ids[n] if c else None for n, c in zip(numbers, clicked, strict=True)],
            "click_ts": [click_ts[n] if c else None for n, c in zip(numbers, clicked, strict=True)],
            "seconds_to_conversion": [int(delay[n]) if c else None for n, c in zip(numbers, clicked, strict=True)],
            "is_new_customer": load.boolean(first_seen[credited_order[part]]),
            "order_ts": [order_ts[n] for n in numbers],
        })  # fmt: skip

    owner = np.full(orders, -1)
    owner[credited_order] = credited_partner
    line_owner = owner[line_order]
    paid = np.flatnonzero(line_owner >= 0)  # lines of credited orders get a 10% commission
    amount = line_amount[paid] // 10
    reversed_amount = amount * refunded[paid] // np.maximum(line_amount[paid], 1)
    for part in chunks(paid.size):
        line_numbers = paid[part]
        stamps = [order_ts[o] for o in line_order[line_numbers].tolist()]
        size = part.stop - part.start
        load.rows("commissions", {
            "id": list(range(part.start + 1, part.stop + 1)),
            "order_line_id": (line_numbers + 1).tolist(),
            "order_id": [order_ids[o] for o in line_order[line_numbers].tolist()],
            "partner_id": [pids[p] for p in line_owner[line_numbers].tolist()],
            "rule_version": [1] * size,
            "base_cents": line_amount[line_numbers].tolist(),
            "amount_cents": amount[part].tolist(),
            "reversed_cents": reversed_amount[part].tolist(),
            "state": ["pending"] * size,
            "explanation": ["10% default"] * size,
            "order_ts": stamps,
            "lock_due_at": stamps,
        })  # fmt: skip
    return {"partners": partners, "clicks": clicks, "orders": orders, "order_lines": lines,
            "attributions": int(credited_order.size), "commissions": int(paid.size)}  # fmt: skip


def timed(figures: dict[str, float], name: str) -> Any:
    class Timer:
        def __enter__(self) -> None:
            self.wall, self.cpu = time.perf_counter(), time.process_time()

        def __exit__(self, *exc: object) -> None:
            figures[f"{name}_s"] = time.perf_counter() - self.wall
            figures[f"{name}_cpu_s"] = time.process_time() - self.cpu

    return Timer()


def peak_rss_mb() -> float:
    """This process's own peak RSS: ``VmHWM`` where Linux has it.

    Not ``ru_maxrss``: Linux carries it across fork and exec, so a spawned child would report the
    generating parent's peak (a first full run printed 1.76 GB for both backends: the generator's size).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mapped_file_mb() -> float:
    """This process's resident pages of mapped files now (``RssFile``): SQLite's memory map of the store is there,
    page cache the kernel can reclaim, counted in the peak RSS beside the heap."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("RssFile:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(url: str, queue: Any) -> None:
    """Run in a child process: time each analytics call (wall and this process's CPU), report its peak RSS."""
    engine = make_engine(url)
    figures: dict[str, float] = {}
    with transaction(engine) as session:
        with timed(figures, "baseline"):
            session.execute(text("SELECT partner_id, COUNT(*) FROM clicks GROUP BY partner_id")).all()
        thresholds = ScoreThresholds()
        window = resolve_window(session=session, days=thresholds.window_days)
        look_back = resolve_window(session=session, days=thresholds.fraud_window_days)  # what the tiers judge by
        with timed(figures, "metrics"):
            metrics = partner_metrics(session=session, start=window.start, end=window.end)
        with timed(figures, "scan"):
            fraud = scan(session=session, start=look_back.start, end=look_back.end, thresholds=FraudThresholds())
        with timed(figures, "scores"):
            scores = score_partners(
                session=session,
                as_of=window.end,
                thresholds=thresholds,
                fraud_thresholds=FraudThresholds(),
                metrics=metrics,
                fraud=fraud,
            )
    figures["partners_reported"] = len(metrics.partners)
    figures["findings"] = len(fraud.findings)
    figures["purged"] = sum(1 for p in scores.partners if p.tier == "purge")
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["mapped_file_mb"] = mapped_file_mb()
    judged = {
        "findings": sorted([f.partner_id, f.signal, f.severity] for f in fraud.findings),
        "digests": {
            name: digest(report) for name, report in (("metrics", metrics), ("fraud", fraud), ("scores", scores))
        },
    }
    queue.put((figures, judged))


def digest(report: Any) -> str:
    """SHA-256 of a report's JSON (keys sorted): equal digests, equal reports, every number and sample id."""
    return hashlib.sha256(json.dumps(report.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


def differences(label: str, judged: dict[str, Any], reference: dict[str, Any], against: str) -> list[str]:
    """What ``judged`` lost or gained against ``reference``: findings by (partner, signal, severity), reports by digest."""
    found = {tuple(f) for f in judged["findings"]}
    expected = {tuple(f) for f in reference["findings"]}
    problems = [f"[{label}] finding lost against {against}: {f}" for f in sorted(expected - found)]
    problems += [f"[{label}] finding new against {against}: {f}" for f in sorted(found - expected)]
    problems += [
        f"[{label}] {name} report differs from {against}"
        for name, value in judged["digests"].items()
        if reference["digests"].get(name) != value
    ]
    return problems


def build(url: str, args: argparse.Namespace) -> tuple[dict[str, int], dict[str, float]]:
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    load = Loader(url)
    phases: dict[str, float] = {}
    started = time.perf_counter()
    indexes = secondary_indexes()
    for index in indexes:
        load.execute(f"DROP INDEX {index.name}")
    counts = generate(load, partners=args.partners, clicks=args.clicks, lines=args.lines, seed=7)
    phases["load_s"] = time.perf_counter() - started
    started = time.perf_counter()
    for index in indexes:  # on the loader's own connection: SQLite's big page cache serves the sort
        load.execute(str(CreateIndex(index).compile(dialect=load.engine.dialect)))
    if load.dialect == "postgresql":  # outside a transaction block, as VACUUM must be
        with load.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    phases["indexes_s"] = time.perf_counter() - started
    load.close()
    return counts, phases


def run(url: str, label: str, args: argparse.Namespace, *, reuse: bool = False) -> dict[str, Any]:
    """Build (or, with ``reuse``, migrate the store already there), measure, print; returns findings and digests."""
    if reuse:
        engine = make_engine(url)
        migrate(engine)  # a store kept from an older schema gets the newer indexes (built on its rows)
        engine.dispose()
        print(f"[{label}] reused {url} (migrated to head; no rows generated)")
    else:
        counts, phases = build(url, args)
        print(f"[{label}] generated {counts}: rows {phases['load_s']:.1f} s + indexes {phases['indexes_s']:.1f} s")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=measure, args=(url, queue))
    child.start()
    figures, judged = cast(tuple[dict[str, float], dict[str, Any]], queue.get())
    child.join()
    baseline = figures["baseline_s"]
    total = figures["metrics_s"] + figures["scan_s"] + figures["scores_s"]
    for name in ("baseline", "metrics", "scan", "scores"):
        print(f"[{label}] {name:<8} wall {figures[f'{name}_s']:7.2f} s   client CPU {figures[f'{name}_cpu_s']:7.2f} s")
    print(f"[{label}] metrics + scan + scores: {total:.2f} s wall = {total / baseline:.1f}× the baseline "
          f"GROUP BY over all clicks ({baseline:.2f} s)")  # fmt: skip
    print(f"[{label}] peak RSS of the analytics process {figures['peak_rss_mb']:.0f} MB "
          f"(of which mapped files at the end, the store's memory map among them: {figures['mapped_file_mb']:.0f} MB); "
          f"{figures['partners_reported']:.0f} partners, {figures['findings']:.0f} findings, "
          f"{figures['purged']:.0f} purged")  # fmt: skip
    return judged


def postgres_schema_url(admin: Engine, schema: str) -> str:
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--clicks", type=int, default=5_000_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--findings", type=Path, help="compare with the findings there, or write them there")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="FILE",
        help="SQLite store kept at FILE: generated there when absent, measured as it is when present (the sizes "
        "must be the ones it was generated with); for timing the analytics again without regenerating",
    )
    args = parser.parse_args()
    print(f"{args.partners} partners, {args.clicks} clicks, {args.lines} order lines")
    judged: dict[str, dict[str, Any]] = {}
    if not args.skip_sqlite and args.reuse is not None:
        judged["sqlite"] = run(f"sqlite:///{args.reuse}", "sqlite", args, reuse=args.reuse.exists())
    elif not args.skip_sqlite:
        with tempfile.TemporaryDirectory() as directory:
            judged["sqlite"] = run(f"sqlite:///{Path(directory) / 'bench.db'}", "sqlite", args)
    if not args.skip_postgres:
        admin = make_engine(POSTGRES_URL)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        try:
            url: str | None = postgres_schema_url(admin, schema)
        except Exception as exc:  # an unreachable server only skips the PostgreSQL figures
            print(f"[postgresql] skipped: {exc}")
            url = None
        if url is not None:
            try:
                judged["postgresql"] = run(url, "postgresql", args)
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    sys.exit(1 if check_findings(judged, args) else 0)


def check_findings(judged: dict[str, dict[str, Any]], args: argparse.Namespace) -> list[str]:
    """Compare the backends with each other and with ``--findings`` (written there when absent); print what differs."""
    problems: list[str] = []
    if len(judged) == 2:
        problems += differences("postgresql", judged["postgresql"], judged["sqlite"], "sqlite")
    sizes = {"partners": args.partners, "clicks": args.clicks, "lines": args.lines}
    compared = args.findings is not None and args.findings.exists()
    if args.findings is not None and judged:
        if compared:
            reference = json.loads(args.findings.read_text())
            if reference["sizes"] != sizes:
                problems.append(f"{args.findings} holds the findings of {reference['sizes']}, not of {sizes}")
            else:
                for label, result in judged.items():
                    problems += differences(label, result, reference, str(args.findings))
        else:
            first = next(iter(judged.values()))
            args.findings.write_text(json.dumps({"sizes": sizes, **first}, indent=1) + "\n")
            print(f"findings and report digests written to {args.findings}")
    for problem in problems:
        print(problem)
    checked = " and ".join(judged) + (f" against {args.findings}" if compared else "")
    print(f"findings: {'DIFFERENT' if problems else 'the same'} ({checked})")
    return problems


if __name__ == "__main__":
    main()
