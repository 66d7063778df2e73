"""Fraud scan and tiers against the demo generator's ground truth, on three seeds and differing programs.

Precision and recall are computed per fraud archetype, pooled over the three programs. Recall counts the
fraud partners with enough evidence to be judged (``JUDGEABLE_ORDERS`` attributed orders in the window;
cookie stuffers by clicks): a poacher with five orders is statistically indistinguishable from an honest
partner, and no threshold finds it without flagging honest ones. Every fraud partner, judgeable or not,
still counts for precision and for the looser overall recall bound. SQLite only: equivalence of the SQL
on PostgreSQL is pinned by the other analytics tests; the generator is slow enough that doubling it here
would cost the whole suite minutes.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from store.db import make_engine, migrate, transaction
from tools.analytics_sql import resolve_window
from tools.fraud import FraudThresholds, scan
from tools.metrics import partner_metrics
from tools.scoring import ScoreThresholds, score_partners
from workflows.demo.generator import LOAD_ORDER, generate_program
from workflows.importer import import_csv

EXPECTED = {
    "coupon_leaker": "coupon_leakage",
    "click_injector": "click_injection",
    "cookie_stuffer": "cookie_stuffing",
    "poacher": "customer_poaching",
    "self_referrer": "self_referral",
}
HONEST = ("steady", "rising", "declining")
JUDGEABLE_ORDERS = 10
FRAUD_HEAVY = {
    "steady": 0.3, "rising": 0.1, "declining": 0.1, "coupon_leaker": 0.1, "click_injector": 0.1,
    "cookie_stuffer": 0.1, "poacher": 0.1, "self_referrer": 0.1,
}  # fmt: skip
PROGRAMS = (
    {"seed": 11, "partners": 70, "days": 60},
    {"seed": 12, "partners": 60, "days": 45, "noise": 0.3},
    {"seed": 13, "partners": 80, "days": 50, "mix": FRAUD_HEAVY},
)
END = datetime(2026, 2, 1, tzinfo=UTC)


def _run(directory: Path, params: dict[str, Any]) -> dict[str, Any]:
    files = generate_program(out_dir=directory, skus=60, end=END, **params)
    engine = make_engine(f"sqlite:///{directory}/afflow.db")
    migrate(engine)
    for kind in LOAD_ORDER:
        if kind != "applications":
            with transaction(engine) as session:
                import_csv(session=session, kind=kind, path=files.csv[kind])
    with transaction(engine) as session:
        window = resolve_window(session=session, days=params["days"], as_of=END)
        report = scan(session=session, start=window.start, end=window.end, thresholds=FraudThresholds())
        metrics = partner_metrics(session=session, start=window.start, end=window.end)
        scores = score_partners(
            session=session,
            as_of=END,
            thresholds=ScoreThresholds(window_days=params["days"]),
            fraud_thresholds=FraudThresholds(),
        )
    engine.dispose()
    return {
        "seed": params["seed"],
        "truth": json.loads(files.truth.read_text())["partners"],
        "flags": {(f.partner_id, f.signal) for f in report.findings},
        "orders": {p.partner_id: p.current.orders for p in metrics.partners},
        "clicks": {p.partner_id: p.current.clicks for p in metrics.partners},
        "tiers": {p.partner_id: (p.tier, p.reasons) for p in scores.partners},
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return [_run(tmp_path_factory.mktemp(f"demo{params['seed']}"), params) for params in PROGRAMS]


def _judgeable(run: dict[str, Any], partner_id: str, archetype: str) -> bool:
    if archetype == "cookie_stuffer":
        return bool(run["clicks"].get(partner_id, 0) >= FraudThresholds().min_clicks)
    return bool(run["orders"].get(partner_id, 0) >= JUDGEABLE_ORDERS)


@pytest.mark.slow
@pytest.mark.parametrize("archetype", sorted(EXPECTED))
def test_precision_and_recall_per_fraud_archetype(runs: list[dict[str, Any]], archetype: str) -> None:
    signal = EXPECTED[archetype]
    counts: Counter[str] = Counter()
    missed: list[str] = []
    wrong: list[str] = []
    for run in runs:
        truth, flags = run["truth"], run["flags"]
        for partner_id, kind in truth.items():
            flagged = (partner_id, signal) in flags
            if kind == archetype:
                counts["fraud"] += 1
                counts["found"] += flagged
                if _judgeable(run, partner_id, kind):
                    counts["judgeable"] += 1
                    counts["judgeable_found"] += flagged
                elif not flagged:
                    missed.append(f"{partner_id} ({run['orders'].get(partner_id, 0)} orders)")
            elif flagged:
                counts["false"] += 1
                wrong.append(f"{partner_id} ({kind}, seed {run['seed']})")
    precision = counts["found"] / max(1, counts["found"] + counts["false"])
    recall = counts["judgeable_found"] / max(1, counts["judgeable"])
    assert counts["judgeable"] >= 8, counts  # enough cases for the figures to mean something
    assert precision >= 0.95, (archetype, counts, wrong)
    assert recall >= 0.95, (archetype, counts, missed)
    assert counts["found"] / counts["fraud"] >= 0.8, (archetype, counts, missed)


@pytest.mark.slow
def test_no_honest_partner_is_purged(runs: list[dict[str, Any]]) -> None:
    purged = [
        (partner_id, kind, run["tiers"][partner_id][1])
        for run in runs
        for partner_id, kind in run["truth"].items()
        if kind in HONEST and run["tiers"][partner_id][0] == "purge"
    ]
    assert purged == []
    assert sum(1 for run in runs for tier, _ in run["tiers"].values() if tier == "growth") > 0
