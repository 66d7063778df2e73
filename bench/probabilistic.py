"""Precision and recall of probabilistic matching on generated programs whose truth is known.

Each seed generates a program (partners, clicks with IPs and user agents, orders; some affiliate buyers
lose their click id, others buy organically), writes it as CSV, loads it through ``import_csv`` like a
user would, records the buyers' checkout signals, runs ``match_unattributed`` at the lowest allowed
threshold (0.5) and scores each booked match against the truth at several thresholds (a match's
confidence does not depend on the threshold, so one run serves all). ``--fit`` prints the model
parameters measured on the generated truth (how ``MatchParameters`` defaults were calibrated).

``--demo-seeds`` also scores the demo program (``workflows.demo``: every order carries its checkout IP and
user agent; some partner-driven orders lost their cookie, their partner named only in ``demo_truth.json``),
loaded with ``load_program`` and matched the same way. Its click log has no carrier NAT pools, so its
look-alikes come only from shared networks and returning households: an easier case than the seeds above.

    python bench/probabilistic.py [--seeds 1 2 3] [--visitors 12000] [--fit] [--demo-seeds 7 8] [--demo-partners 200]

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from store.db import ensure_program, make_engine, migrate, transaction
from store.models import Attribution
from workflows.booking.clicks import hash_ip
from workflows.booking.order_signals import OrderSignalIn, record_order_signals
from workflows.demo import generate_program, load_program, run_ledger_history
from workflows.importing.importer import import_csv
from workflows.matching.model import user_agent_family
from workflows.matching.probabilistic import match_unattributed, set_matching

START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 30
USER_AGENTS = {
    "desktop": [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    ],
    "mobile": [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1",
    ],
}


@dataclass
class Visitor:
    home: str
    carrier: str
    kind: str
    user_agent: str

    def network(self, rng: random.Random) -> str:
        if self.kind == "mobile":
            return self.home if rng.random() < 0.5 else self.carrier
        return self.home if rng.random() < 0.92 else f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}"


@dataclass
class Program:
    clicks: list[list[object]] = field(default_factory=list)
    orders: list[list[object]] = field(default_factory=list)
    signals: list[OrderSignalIn] = field(default_factory=list)
    truth: dict[str, str | None] = field(default_factory=dict)  # order without identifiers -> partner or None
    true_pairs: list[tuple[dict[str, object], dict[str, object]]] = field(default_factory=list)


def _ip(network: str, rng: random.Random) -> str:
    return f"{network}.{rng.randrange(1, 255)}"


def generate(seed: int, visitors: int, partners: int = 50, skus: int = 200) -> Program:
    """Affiliate visitors click (1–3 times) and some buy; 45% of buyers lose the click id; organic buyers add noise."""
    rng = random.Random(seed)
    carriers = [f"100.{64 + i}.{rng.randrange(256)}" for i in range(25)]  # CGNAT: many buyers share these
    sku_weights = [1 / (rank + 1) for rank in range(skus)]
    program = Program()

    def visitor() -> Visitor:
        kind = "mobile" if rng.random() < 0.55 else "desktop"
        home = f"10.{rng.randrange(256)}.{rng.randrange(256)}"
        return Visitor(home, rng.choice(carriers), kind, rng.choice(USER_AGENTS[kind]))

    def order_row(order_id: str, ts: datetime, who: Visitor, click_id: str, items: list[str]) -> None:
        for sku in items:
            program.orders.append(
                [order_id, ts.isoformat(), f"cust-{order_id}", click_id, "", "", "USD", sku, 1, "40.00"]
            )
        agent = (
            who.user_agent
            if rng.random() < 0.9
            else rng.choice(USER_AGENTS["desktop" if who.kind == "mobile" else "mobile"])
        )
        program.signals.append(OrderSignalIn(order_id=order_id, ip=_ip(who.network(rng), rng), user_agent=agent))

    end = START + timedelta(days=DAYS)
    for index in range(visitors):
        who = visitor()
        partner = f"p{rng.randrange(partners):03d}"
        ts = START + timedelta(seconds=rng.randrange(DAYS * 86400))
        last: dict[str, object] = {}
        for click_no in range(rng.choice((1, 1, 1, 2, 3))):
            ts += timedelta(minutes=rng.randrange(1, 240))
            sku = f"SKU-{rng.choices(range(skus), sku_weights)[0]:03d}"
            click_id = f"c{index}-{click_no}"
            row = [click_id, ts.isoformat(), partner, _ip(who.network(rng), rng), who.user_agent, "", "", sku, ""]
            program.clicks.append(row)
            last = {"id": click_id, "ts": ts, "prefix": row[3], "ua": who.user_agent, "sku": sku}
        if rng.random() >= 0.08:
            continue
        order_ts = ts + timedelta(hours=rng.expovariate(1 / 20))
        if order_ts >= end or order_ts - ts > timedelta(days=DAYS):
            continue
        order_id = f"o{index}"
        items = [str(last["sku"]) if rng.random() < 0.7 else f"SKU-{rng.randrange(skus):03d}"]
        keeps_click_id = rng.random() < 0.55
        order_row(order_id, order_ts, who, str(last["id"]) if keeps_click_id else "", items)
        if not keeps_click_id:
            program.truth[order_id] = partner
            signal = program.signals[-1]
            program.true_pairs.append(({"ts": order_ts, "ip": signal.ip, "ua": signal.user_agent, "skus": items}, last))
    organic = int(len(program.truth) * 0.65 / 0.35)
    for index in range(organic):
        who = visitor()
        order_id = f"g{index}"
        order_row(
            order_id,
            START + timedelta(seconds=rng.randrange(DAYS * 86400)),
            who,
            "",
            [f"SKU-{rng.randrange(skus):03d}"],
        )
        program.truth[order_id] = None
    return program


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run_seed(seed: int, visitors: int, workdir: Path) -> tuple[Program, dict[str, tuple[str, Decimal]]]:
    program = generate(seed, visitors)
    engine = make_engine(f"sqlite:///{workdir}/seed{seed}.db")
    migrate(engine)
    partner_rows = [[f"p{i:03d}", f"Partner {i}", f"p{i}@example.com", "blog", 1000, "0.05", "", ""] for i in range(50)]
    files = [
        ("partners", _write(workdir / "partners.csv", ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"], partner_rows)),
        ("clicks", _write(workdir / "clicks.csv", ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"], program.clicks)),
        ("orders", _write(workdir / "orders.csv", ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price"], program.orders)),
    ]  # fmt: skip
    with transaction(engine) as session:
        for kind, path in files:
            import_csv(session=session, kind=kind, path=path)
        salt = ensure_program(session).ip_salt
        record_order_signals(session=session, signals=program.signals, salt=salt)
        set_matching(session=session, enabled=True, threshold=Decimal("0.5"))
    with transaction(engine) as session:
        match_unattributed(session=session, as_of=START + timedelta(days=DAYS + 1))
        rows = session.execute(
            select(Attribution.order_id, Attribution.partner_id, Attribution.confidence).where(
                Attribution.method == "probabilistic"
            )
        ).all()
    engine.dispose()
    return program, {order_id: (partner_id, Decimal(confidence or 0)) for order_id, partner_id, confidence in rows}


def run_demo(
    seed: int, partners: int, days: int, workdir: Path
) -> tuple[dict[str, str], dict[str, tuple[str, Decimal]]]:
    """(lost-cookie order -> true partner, probabilistic matches at >= 0.5) of one demo program."""
    files = generate_program(out_dir=workdir / f"demo{seed}", seed=seed, partners=partners, days=days, end=START)
    engine = make_engine(f"sqlite:///{workdir}/demo{seed}.db")
    migrate(engine)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=files.end)
    with transaction(engine) as session:
        set_matching(session=session, enabled=True, threshold=Decimal("0.5"))
    with transaction(engine) as session:
        match_unattributed(session=session, as_of=files.end)
        rows = session.execute(
            select(Attribution.order_id, Attribution.partner_id, Attribution.confidence).where(
                Attribution.method == "probabilistic"
            )
        ).all()
    engine.dispose()
    lost = json.loads(files.truth.read_text(encoding="utf-8"))["lost_cookie_orders"]
    truth = {order_id: str(item["partner_id"]) for order_id, item in lost.items()}
    return truth, {order_id: (partner_id, Decimal(confidence or 0)) for order_id, partner_id, confidence in rows}


def demo_figures(seeds: list[int], partners: int, days: int, thresholds: list[Decimal]) -> None:
    totals = {t: [0, 0] for t in thresholds}
    lost_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            started = time.perf_counter()
            truth, matches = run_demo(seed, partners, days, Path(tmp))
            lost_total += len(truth)
            print(f"demo seed {seed} ({partners} partners, {days} days): {len(truth)} lost-cookie orders, "
                  f"matched {len(matches)} at >= 0.5 in {time.perf_counter() - started:.1f}s")  # fmt: skip
            for threshold in thresholds:
                chosen = [(o, p) for o, (p, c) in matches.items() if c >= threshold]
                totals[threshold][0] += len(chosen)
                totals[threshold][1] += sum(1 for o, p in chosen if truth.get(o) == p)
    print(f"\ndemo seeds {seeds}: {lost_total} lost-cookie orders")
    print("threshold  matched  precision  recall")
    for threshold, (matched, correct) in totals.items():
        precision = correct / matched if matched else float("nan")
        print(f"{threshold!s:>9}  {matched:7d}  {precision:9.3f}  {correct / max(lost_total, 1):6.3f}")


def fit(programs: list[Program]) -> None:
    pairs = [pair for program in programs for pair in program.true_pairs]
    prefix = [hash_ip(o["ip"], "")[1] == hash_ip(c["prefix"], "")[1] for o, c in pairs]  # type: ignore[arg-type]
    same_prefix = [(o, c) for (o, c), same in zip(pairs, prefix, strict=True) if same]
    ua = [user_agent_family(str(o["ua"])) == user_agent_family(str(c["ua"])) for o, c in same_prefix]
    sku = [c["sku"] in o["skus"] for o, c in same_prefix]  # type: ignore[operator]
    gaps = [(o["ts"] - c["ts"]).total_seconds() / 3600 for o, c in pairs]  # type: ignore[operator]
    no_id = sum(len(p.truth) for p in programs)
    print("fitted on", len(pairs), "true pairs:")
    print(f"  prior={len(pairs) / no_id:.3f} prefix_match={sum(prefix) / len(prefix):.3f}")
    print(
        f"  ua_match={sum(ua) / len(ua):.3f} sku_match={sum(sku) / len(sku):.3f} gap_mean_hours={statistics.mean(gaps):.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[101, 102, 103])
    parser.add_argument("--visitors", type=int, default=12000)
    parser.add_argument("--fit", action="store_true", help="print parameters measured on the truth of the seeds")
    parser.add_argument("--demo-seeds", type=int, nargs="*", default=[], help="also score these demo programs")
    parser.add_argument("--demo-partners", type=int, default=200)
    parser.add_argument("--demo-days", type=int, default=90)
    args = parser.parse_args()
    thresholds = [Decimal(t) for t in ("0.5", "0.7", "0.8", "0.9", "0.95")]
    totals = {t: [0, 0] for t in thresholds}  # threshold -> [matched, correct]
    recoverable = 0
    programs = []
    bins: dict[str, list[tuple[Decimal, bool]]] = {"0.5-0.7": [], "0.7-0.9": [], "0.9-0.95": [], "0.95-1": []}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            started = time.perf_counter()
            program, matches = run_seed(seed, args.visitors, Path(tmp))
            programs.append(program)
            truth_positive = sum(1 for partner in program.truth.values() if partner is not None)
            recoverable += truth_positive
            print(f"seed {seed}: {len(program.clicks)} clicks, {len(program.truth)} orders without identifiers "
                  f"({truth_positive} truly affiliate), matched {len(matches)} at >= 0.5 "
                  f"in {time.perf_counter() - started:.1f}s")  # fmt: skip
            for order_id, (partner_id, confidence) in matches.items():
                edges = [("0.95-1", "0.95"), ("0.9-0.95", "0.9"), ("0.7-0.9", "0.7"), ("0.5-0.7", "0")]
                label = next(name for name, low in edges if confidence >= Decimal(low))
                bins[label].append((confidence, program.truth.get(order_id) == partner_id))
            for threshold in thresholds:
                chosen = [(o, p) for o, (p, c) in matches.items() if c >= threshold]
                totals[threshold][0] += len(chosen)
                totals[threshold][1] += sum(1 for o, p in chosen if program.truth.get(o) == p)
    print(f"\nall seeds: {recoverable} truly affiliate orders without identifiers")
    print("threshold  matched  precision  recall")
    for threshold, (matched, correct) in totals.items():
        precision = correct / matched if matched else float("nan")
        print(f"{threshold!s:>9}  {matched:7d}  {precision:9.3f}  {correct / recoverable:6.3f}")
    print("\nreliability (is the confidence a probability?)\nconfidence  matches  mean confidence  share correct")
    for label, items in bins.items():
        if items:
            mean = sum(c for c, _ in items) / len(items)
            print(f"{label:>10}  {len(items):7d}  {mean:15.3f}  {sum(ok for _, ok in items) / len(items):13.3f}")
    if args.fit:
        fit(programs)
    if args.demo_seeds:
        print()
        demo_figures(args.demo_seeds, args.demo_partners, args.demo_days, thresholds)


if __name__ == "__main__":
    main()
