"""Coverage of the experiment intervals on generated programs where the true effect is planted.

Each seed draws a cohort (tiers with different conversion levels, heavy-tailed click volumes), assigns
it with ``workflows.experiments.assignment.assign`` (stratified by tier) to ``control`` (10%) and
``higher`` (15%), and plants a lift: ``higher`` partners convert ``--lift`` more. Orders are worth
20–120.00 with 40% cost of goods. The population truth is then known exactly:
conversion = E[p] * (1 + lift), margin per click = conversion * E[order] * (1 - 0.4 - rate). The bench
counts how often the 95% intervals of ``workflows.experiments.stats.analyze`` (the same function
``afflow experiments status`` uses) cover the truth: per variant and for the difference to control.

``--e2e N`` also runs N seeds end to end: partners, products, clicks and orders written as CSV and loaded
through ``import_csv``, the experiment created with ``create_experiment`` (its rule-set overrides price
every commission) and analysed from the store with ``analysis_of``.

    python bench/experiments.py [--seeds 300] [--partners 120] [--lift 0.2] [--e2e 3]

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from store.db import make_engine, migrate, transaction
from store.models import Experiment, ExperimentAssignment
from tools.fraud import FraudThresholds
from tools.scoring import ScoreThresholds
from workflows.experiments.assignment import assign
from workflows.experiments.report import analysis_of
from workflows.experiments.service import create_experiment
from workflows.experiments.stats import Analysis, PartnerOutcome, analyze
from workflows.importing.importer import import_csv

RATES = {"control": Decimal(10), "higher": Decimal(15)}
TIER_P = {"growth": (0.03, 0.06), "maintain": (0.015, 0.035), "purge": (0.005, 0.015)}
MEAN_ORDER_CENTS = Decimal(7000)
COGS = Decimal("0.4")
START = datetime(2026, 1, 5, tzinfo=UTC)
DAYS = 28


@dataclass(frozen=True)
class Partner:
    partner_id: str
    tier: str
    clicks: int
    p: float


def draw_partners(rng: random.Random, count: int) -> list[Partner]:
    partners = []
    for index in range(count):
        tier = ("growth", "maintain", "purge")[index % 3]
        low, high = TIER_P[tier]
        partners.append(Partner(f"p{index:03d}", tier, int(rng.lognormvariate(5.0, 0.6)) + 20, rng.uniform(low, high)))
    return partners


def truth(lift: float) -> dict[str, dict[str, Decimal]]:
    mean_p = Decimal(str(sum((low + high) / 2 for low, high in TIER_P.values()) / len(TIER_P)))
    result = {}
    for variant, rate in RATES.items():
        conversion = mean_p * (1 + Decimal(str(lift)) if variant == "higher" else 1)
        margin = conversion * MEAN_ORDER_CENTS * (1 - COGS - rate / 100)
        result[variant] = {"conversion_rate": conversion, "margin_per_click": margin}
    return result


def orders_of(rng: random.Random, partner: Partner, variant: str, lift: float) -> list[int]:
    """Order values in cents for one partner: each click converts with p (times 1 + lift under ``higher``)."""
    p = partner.p * (1 + lift if variant == "higher" else 1)
    return [rng.randrange(2000, 12001) for _ in range(partner.clicks) if rng.random() < p]


def simulate(seed: int, partners: int, lift: float) -> Analysis:
    rng = random.Random(seed)
    cohort = draw_partners(rng, partners)
    assignment = assign(strata={p.partner_id: p.tier for p in cohort}, variants=list(RATES), seed=seed)
    outcomes = []
    for partner in cohort:
        variant = assignment[partner.partner_id]
        values = orders_of(rng, partner, variant, lift)
        revenue = sum(values)
        commission = sum(int((Decimal(v) * RATES[variant] / 100).to_integral_value()) for v in values)
        cogs = int((Decimal(revenue) * COGS).to_integral_value())
        outcomes.append(
            PartnerOutcome(
                partner.partner_id,
                variant,
                partner.clicks,
                len(values),
                revenue,
                commission,
                revenue - cogs - commission,
            )
        )
    return analyze(outcomes=outcomes, variants=list(RATES), finished=True)


class Coverage:
    def __init__(self) -> None:
        self.hits: dict[str, list[bool]] = {}

    def add(self, analysis: Analysis, true: dict[str, dict[str, Decimal]]) -> None:
        for summary in analysis.variants:
            for metric in ("conversion_rate", "margin_per_click"):
                estimate = summary.estimates[metric]
                self._count(f"{summary.variant} {metric}", estimate.low, estimate.high, true[summary.variant][metric])
                if summary.variant != "control":
                    diff = true[summary.variant][metric] - true["control"][metric]
                    versus = summary.versus_control[metric]
                    self._count(f"{summary.variant} - control {metric}", versus.low, versus.high, diff)

    def _count(self, label: str, low: Decimal | None, high: Decimal | None, value: Decimal) -> None:
        self.hits.setdefault(label, []).append(low is not None and high is not None and low <= value <= high)

    def print(self) -> None:
        for label, hits in self.hits.items():
            print(f"  {label:<40} {sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})")


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def end_to_end(seed: int, partners: int, lift: float, workdir: Path) -> Analysis:
    """The same draw, through the real import, rules and metrics (SQLite)."""
    rng = random.Random(seed)
    cohort = draw_partners(rng, partners)
    engine = make_engine(f"sqlite:///{workdir}/e2e{seed}.db")
    migrate(engine)
    partner_rows = [
        [p.partner_id, p.partner_id, f"{p.partner_id}@example.com", "blog", 100, "0.1", "", ""] for p in cohort
    ]
    products = [[f"SKU-{v}", f"Item {v}", f"{v}.00", f"{v * 0.4:.2f}", 100, 100, "misc"] for v in range(20, 121)]
    with transaction(engine) as session:
        import_csv(
            session=session,
            kind="partners",
            path=_write(
                workdir / "partners.csv",
                [
                    "partner_id",
                    "name",
                    "email",
                    "channel",
                    "audience_size",
                    "engagement_rate",
                    "ref_code",
                    "coupon_code",
                ],
                partner_rows,
            ),
        )
        import_csv(
            session=session,
            kind="products",
            path=_write(
                workdir / "products.csv",
                ["sku", "title", "price", "unit_cost", "stock", "stock_target", "category"],
                products,
            ),
        )
        experiment = create_experiment(
            session=session, name=f"seed {seed}", variants=RATES, starts_at=START, ends_at=START + timedelta(days=DAYS),
            seed=seed, now=START, thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds(),
            partner_ids=[p.partner_id for p in cohort],
        )  # fmt: skip
        query = select(ExperimentAssignment).where(ExperimentAssignment.experiment_id == experiment.id)
        assignment = {a.partner_id: a.variant for a in session.scalars(query)}
    tiers_rng = random.Random(seed * 7919)
    clicks: list[list[object]] = []
    orders: list[list[object]] = []
    for partner in cohort:
        values = orders_of(tiers_rng, partner, assignment[partner.partner_id], lift)
        for index in range(partner.clicks):
            ts = START + timedelta(seconds=tiers_rng.randrange(DAYS * 86400 - 7200))
            click_id = f"{partner.partner_id}-c{index}"
            clicks.append([click_id, ts.isoformat(), partner.partner_id, "", "Mozilla/5.0", "", "", "", ""])
            if index < len(values):
                dollars = round(values[index] / 100)
                order_ts = (ts + timedelta(hours=1)).isoformat()
                orders.append(
                    [
                        f"{click_id}-o",
                        order_ts,
                        f"cust-{click_id}",
                        click_id,
                        "",
                        "",
                        "USD",
                        f"SKU-{dollars}",
                        1,
                        f"{dollars}.00",
                    ]
                )
    with transaction(engine) as session:
        import_csv(
            session=session,
            kind="clicks",
            path=_write(
                workdir / "clicks.csv",
                ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"],
                clicks,
            ),
        )
        import_csv(
            session=session,
            kind="orders",
            path=_write(
                workdir / "orders.csv",
                [
                    "order_id",
                    "ts",
                    "customer_id",
                    "click_id",
                    "ref_code",
                    "coupon_code",
                    "currency",
                    "sku",
                    "quantity",
                    "unit_price",
                ],
                orders,
            ),
        )
    with transaction(engine) as session:
        stored = session.get_one(Experiment, experiment.id)
        result = analysis_of(session=session, experiment=stored, now=START + timedelta(days=DAYS))
    engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--partners", type=int, default=120)
    parser.add_argument("--lift", type=float, default=0.2)
    parser.add_argument("--e2e", type=int, default=3, help="seeds also run end to end through the store")
    args = parser.parse_args()
    true = truth(args.lift)
    print(f"planted truth (lift {args.lift}):", {v: {m: f"{x:.5f}" for m, x in t.items()} for v, t in true.items()})
    coverage = Coverage()
    verdicts: dict[str, int] = {}
    started = time.perf_counter()
    for seed in range(1, args.seeds + 1):
        analysis = simulate(seed, args.partners, args.lift)
        coverage.add(analysis, true)
        label = f"{analysis.verdict} {analysis.winner}" if analysis.winner else analysis.verdict
        verdicts[label] = verdicts.get(label, 0) + 1
    print(f"\n{args.seeds} seeds x {args.partners} partners in {time.perf_counter() - started:.1f}s; "
          f"verdicts {verdicts}\ncoverage of the 95% intervals:")  # fmt: skip
    coverage.print()
    if args.e2e:
        e2e = Coverage()
        with tempfile.TemporaryDirectory() as tmp:
            for seed in range(1, args.e2e + 1):
                started = time.perf_counter()
                analysis = end_to_end(seed, args.partners, args.lift, Path(tmp))
                e2e.add(analysis, true)
                higher = analysis.variants[1].versus_control["conversion_rate"]
                print(f"e2e seed {seed}: {time.perf_counter() - started:.1f}s, verdict {analysis.verdict}, "
                      f"conversion lift {higher.value:.5f} [{higher.low:.5f}, {higher.high:.5f}]")  # fmt: skip
        print(f"end-to-end coverage over {args.e2e} seeds:")
        e2e.print()


if __name__ == "__main__":
    main()
