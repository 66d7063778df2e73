"""Judging the fraud scan on two families of programs written by people who did not read the detectors.

- ``demo``: six programs of the demo generator (``workflows.demo``), unlike its defaults (seed, size,
  window, noise, catalogue, organic volume, archetype mix);
- ``eval``: the independent family ``tests.eval.programs`` (``PROGRAMS``, ``write_program``), each spec
  ``tune`` or ``holdout``: the holdout programs are reported, never tuned on.

A program is written to CSV, loaded through the importer (rules published first, as a user would), and
judged the way a user's weekly cycle judges it: the tiering and commissions agents run offline at the
program's end with the tiers' fraud look-back set to the program's window; their shared analytics cache
holds the fraud report and the tiers, and the store holds the proposals they opened. ``figures`` then
compares the findings with the program's truth: per archetype precision and recall, honest partners
purged, and partners with a high-severity finding that got neither an offboarding nor a clawback proposal.

Recall counts the fraud partners showing the minimum evidence their archetype's detector needs
(``judgeable``); below it the scan declines to judge by design. The floors are the scan's own thresholds,
read from ``FraudThresholds``, except poaching's, which asks whether the partner's order count could prove
an overwhelming returning share at the program's median at all (fewer orders cannot, whatever they show).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from agents import analysis
from agents.commissions.graph import run as run_commissions
from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.runs import run_agent
from agents.tiering.graph import run as run_tiering
from store.db import migrate, transaction
from store.models import Proposal
from store.rules import RuleSetBody, publish_rule_set
from tests.agents.config import agent_config
from tests.eval.programs import PROGRAMS as EVAL_SPECS
from tests.eval.programs import ProgramSpec, write_program
from tools.analytics_sql import binomial_upper_tail
from tools.fraud import FraudReport, FraudThresholds
from tools.fraud.features import PartnerFeatures
from tools.fraud.scan import scan_features
from tools.scoring import ScoreReport, ScoreThresholds
from workflows.demo.generator import generate_program
from workflows.importing.importer import import_csv

KINDS = ("partners", "products", "coupons", "clicks", "orders", "refunds")
SIGNALS = (
    "click_injection",
    "click_spamming",
    "cookie_stuffing",
    "self_referral",
    "coupon_leakage",
    "customer_poaching",
)
DEMO_SIGNAL = {
    "coupon_leaker": "coupon_leakage",
    "click_injector": "click_injection",
    "cookie_stuffer": "cookie_stuffing",
    "poacher": "customer_poaching",
    "self_referrer": "self_referral",
}
DEMO_END = datetime(2026, 2, 1, tzinfo=UTC)
FRAUD_HEAVY = {
    "steady": 0.3, "rising": 0.1, "declining": 0.1, "coupon_leaker": 0.1, "click_injector": 0.1,
    "cookie_stuffer": 0.1, "poacher": 0.1, "self_referrer": 0.1,
}  # fmt: skip
MOSTLY_HONEST = {
    "steady": 0.7, "rising": 0.05, "declining": 0.05, "coupon_leaker": 0.04, "click_injector": 0.04,
    "cookie_stuffer": 0.04, "poacher": 0.04, "self_referrer": 0.04,
}  # fmt: skip
TIMING_ONLY = {"steady": 0.2, "rising": 0.2, "declining": 0.2, "poacher": 0.2, "click_injector": 0.2}
DEMO_PROGRAMS: tuple[dict[str, Any], ...] = (
    {"seed": 11, "partners": 70, "days": 60, "skus": 60},
    {"seed": 12, "partners": 150, "days": 30, "noise": 0.6, "skus": 120, "organic_per_day": 15},
    {"seed": 13, "partners": 90, "days": 75, "noise": 0.05, "skus": 40, "organic_per_day": 60, "mix": FRAUD_HEAVY},
    {"seed": 21, "partners": 150, "days": 30, "noise": 0.6, "skus": 60},
    {"seed": 23, "partners": 50, "days": 75, "noise": 0.0, "skus": 60, "mix": TIMING_ONLY},
    {"seed": 24, "partners": 200, "days": 40, "noise": 0.45, "skus": 60, "mix": MOSTLY_HONEST},
)


@dataclass(frozen=True)
class Case:
    family: str  # "demo" | "eval"
    name: str
    split: str  # "tune" | "holdout"
    demo: dict[str, Any] | None = None
    spec: ProgramSpec | None = None


@dataclass(frozen=True)
class Written:
    case: Case
    csv: dict[str, Path]
    rules: Path
    start: datetime
    end: datetime
    truth: dict[str, str]  # partner -> the signal its archetype should raise, or "honest"
    detail: dict[str, str]  # partner -> profile / strength, for reports


@dataclass
class Judged:
    written: Written
    report: FraudReport
    scores: ScoreReport
    features: dict[str, PartnerFeatures]
    proposals: dict[str, set[str]]  # partner -> kinds of the proposals opened for it
    flags: set[tuple[str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.flags = {(f.partner_id, f.signal) for f in self.report.findings}


def demo_cases() -> list[Case]:
    return [Case("demo", f"demo-{params['seed']}", "tune", demo=params) for params in DEMO_PROGRAMS]


def eval_cases(split: str | None = None) -> list[Case]:
    return [Case("eval", s.name, s.split, spec=s) for s in EVAL_SPECS if split is None or s.split == split]


def write(case: Case, directory: Path) -> Written:
    if case.demo is not None:
        files = generate_program(out_dir=directory, end=DEMO_END, **case.demo)
        kinds = json.loads(files.truth.read_text())["partners"]
        truth = {pid: DEMO_SIGNAL.get(kind, "honest") for pid, kind in kinds.items()}
        start = DEMO_END - timedelta(days=case.demo["days"])
        return Written(case, {k: files.csv[k] for k in KINDS}, files.rules, start, DEMO_END, truth, kinds)
    assert case.spec is not None
    written = write_program(case.spec, directory)
    partners = written["partners"]
    truth = {pid: p["archetype"] for pid, p in partners.items()}
    detail = {pid: p["profile"] + (f" ({p['strength']})" if p["strength"] else "") for pid, p in partners.items()}
    start, end = datetime.fromisoformat(written["start"]), datetime.fromisoformat(written["end"])
    csv = {kind: directory / f"{kind}.csv" for kind in KINDS}
    return Written(case, csv, directory / "rules.json", start, end, truth, detail)


def load(engine: Engine, written: Written) -> None:
    """Migrate, publish the program's rules from well before its history, import every CSV (one file each)."""
    migrate(engine)
    with transaction(engine) as session:
        body = RuleSetBody.model_validate_json(written.rules.read_text(encoding="utf-8"))
        publish_rule_set(session=session, body=body, effective_from=written.start - timedelta(days=400))
    for kind in KINDS:
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=written.csv[kind])


def judge(engine: Engine, written: Written) -> Judged:
    """Run tiering then commissions offline at the program's end; read their fraud report, tiers, proposals."""
    days = round((written.end - written.start).total_seconds() / 86_400)
    config = agent_config(score_thresholds=ScoreThresholds(fraud_window_days=days), fraud_thresholds=FraudThresholds())
    cache: dict[str, Any] = {}
    for agent, body in (("tiering", run_tiering), ("commissions", run_commissions)):
        run_agent(agent=agent, engine=engine, config=config, now=written.end, body=body, cache=cache)
    context = AgentContext(
        engine=engine, reasoner=OfflineReasoner(), now=written.end, public_url=config.public_url,
        score_thresholds=config.score_thresholds, fraud_thresholds=config.fraud_thresholds, cache=cache,
    )  # fmt: skip
    scores = analysis.partner_scores(context)
    _, look_back = analysis.scoring_windows(context)
    report = analysis.fraud_report(context, start=look_back.start, end=look_back.end)
    with transaction(engine) as session:
        features = scan_features(session=session, window=report.window, thresholds=config.fraud_thresholds)
        proposals: dict[str, set[str]] = {}
        for partner_id, kind in session.execute(select(Proposal.partner_id, Proposal.kind)):
            if partner_id is not None:
                proposals.setdefault(partner_id, set()).add(kind)
    return Judged(written, report, scores, features, proposals)


def judgeable(features: PartnerFeatures, signal: str, report: FraudReport, t: FraudThresholds) -> bool:
    """Whether a partner shows the minimum evidence the detector of ``signal`` needs to judge it at all."""
    if signal == "customer_poaching":
        median = float(report.baselines["returning"]["median"])
        return features.orders >= t.min_orders and _could_prove_share(features.orders, median, t)
    clicks_median = float(report.baselines["clicks"]["median"])
    return {
        "click_injection": features.timed_orders >= t.min_orders,
        "click_spamming": features.clicks >= max(t.min_clicks, float(t.spam_clicks_factor) * clicks_median),
        "cookie_stuffing": features.clicks >= t.min_clicks,
        "coupon_leakage": features.code_orders_no_click >= t.coupon_min_orders,
        "self_referral": features.self_identity_orders + features.self_prefix_orders + features.self_farm_orders
        >= t.self_referral_min_orders,
    }[signal]


def _could_prove_share(orders: int, median: float, t: FraudThresholds) -> bool:
    """An overwhelming returning share (``returning_strong_gap`` of the way to 100%) over ``orders`` orders would
    reach ``significance`` at the program's median rate."""
    share = median + (1 - median) * float(t.returning_strong_gap)
    return binomial_upper_tail(math.ceil(share * orders), orders, Decimal(str(max(median, 0.01)))) < t.significance


@dataclass
class ArchetypeFigures:
    fraud: int = 0
    judgeable: int = 0
    found: int = 0
    judgeable_found: int = 0
    high: int = 0
    false: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false) if self.found + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.judgeable_found / self.judgeable if self.judgeable else 1.0


@dataclass
class ProgramFigures:
    case: Case
    archetypes: dict[str, ArchetypeFigures]
    honest: int
    honest_purged: list[str]
    unproposed: list[str]  # partners with a high-severity finding and neither offboarding nor clawback
    fraud_offboarded: int
    fraud_total: int


def figures(judged: Judged, t: FraudThresholds) -> ProgramFigures:
    written, flags = judged.written, judged.flags
    per: dict[str, ArchetypeFigures] = {signal: ArchetypeFigures() for signal in SIGNALS}
    for partner_id, archetype in written.truth.items():
        features = judged.features.get(partner_id, PartnerFeatures())
        for signal in SIGNALS:
            flagged = (partner_id, signal) in flags
            counts = per[signal]
            if archetype == signal:
                counts.fraud += 1
                counts.found += flagged
                counts.high += any(
                    f.partner_id == partner_id and f.signal == signal and f.severity == "high"
                    for f in judged.report.findings
                )
                if judgeable(features, signal, judged.report, t):
                    counts.judgeable += 1
                    counts.judgeable_found += flagged
                if not flagged:
                    counts.missed.append(f"{partner_id} {written.detail[partner_id]}")
            elif flagged:
                counts.false += 1
                counts.wrong.append(f"{partner_id} {archetype} {written.detail[partner_id]}")
    tiers = {p.partner_id: p for p in judged.scores.partners}
    honest = [pid for pid, archetype in written.truth.items() if archetype == "honest"]
    purged = [
        f"{pid} {written.detail[pid]}: {tiers[pid].reasons[0]}"
        for pid in honest
        if pid in tiers and tiers[pid].tier == "purge"
    ]
    high = {f.partner_id for f in judged.report.findings if f.severity == "high"}
    unproposed = sorted(pid for pid in high if not judged.proposals.get(pid, set()) & {"offboard_partner", "clawback"})
    fraud = [pid for pid, archetype in written.truth.items() if archetype != "honest"]
    offboarded = sum(1 for pid in fraud if "offboard_partner" in judged.proposals.get(pid, set()))
    return ProgramFigures(written.case, {s: c for s, c in per.items() if c.fraud or c.false}, len(honest), purged,
                          unproposed, offboarded, len(fraud))  # fmt: skip


def table(rows: list[ProgramFigures]) -> Iterator[str]:
    """Per program and archetype: judgeable found / judgeable (all fraud), false positives, high severity."""
    for row in rows:
        case = row.case
        yield (
            f"{case.family:4} {case.name:15} {case.split:7} honest purged {len(row.honest_purged)}/{row.honest}"
            f"  offboarding proposed {row.fraud_offboarded}/{row.fraud_total} fraud"
            f"  high without proposal {len(row.unproposed)}"
        )
        for signal, c in row.archetypes.items():
            yield (
                f"     {signal:18} recall {c.recall:5.2f} ({c.judgeable_found}/{c.judgeable} judgeable, {c.found}/{c.fraud}"
                f" all)  precision {c.precision:5.2f} ({c.false} false)  high {c.high}/{c.found}"
            )
