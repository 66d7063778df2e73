"""Fraud scan and tiers against the demo generator's ground truth, on six programs unlike the demo's defaults.

The demo defaults are 200 partners, 90 days, noise 0.15, 500 SKUs, ``DEFAULT_MIX`` and partners / 4 organic
orders a day; every program here changes several of them (seed, size, window, noise, catalogue, organic
volume, archetype mix), from a 30-day window at noise 0.6 to a fraud-heavy 75-day one at almost no noise.

Precision and recall are per fraud archetype, pooled over the programs. Recall counts the fraud partners
that show at least the scan's own minimum evidence for their behaviour (``FraudThresholds``: ``min_orders``
timed orders for injection, ``min_orders`` orders for poaching, ``min_clicks`` clicks for stuffing,
``coupon_min_orders`` code orders without the owner's click for leakage, ``self_referral_min_orders`` own
orders for self-referral), counted by ``scan_features``, the same aggregates the detectors read: below
them the scan declines to judge by design, whatever the partner did. No separate floor is tuned here; a
floor raised to dodge misses would show in the overall bound (every fraud partner, judgeable or not) and in
the share of judgeable partners. Every fraud partner counts for precision.

One program also runs on PostgreSQL: the findings (with their evidence) and the tiers must be identical.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from store.db import make_engine, migrate, transaction
from tests.conftest import postgres_schema
from tools.analytics_sql import resolve_window
from tools.fraud import FraudThresholds, scan
from tools.fraud.features import PartnerFeatures
from tools.fraud.scan import scan_features
from tools.metrics import partner_metrics
from tools.scoring import ScoreThresholds, score_partners
from workflows.demo.generator import LOAD_ORDER, generate_program
from workflows.importing.importer import import_csv

EXPECTED = {
    "coupon_leaker": "coupon_leakage",
    "click_injector": "click_injection",
    "cookie_stuffer": "cookie_stuffing",
    "poacher": "customer_poaching",
    "self_referrer": "self_referral",
}
HONEST = ("steady", "rising", "declining")
FRAUD_HEAVY = {
    "steady": 0.3, "rising": 0.1, "declining": 0.1, "coupon_leaker": 0.1, "click_injector": 0.1,
    "cookie_stuffer": 0.1, "poacher": 0.1, "self_referrer": 0.1,
}  # fmt: skip
MOSTLY_HONEST = {
    "steady": 0.7, "rising": 0.05, "declining": 0.05, "coupon_leaker": 0.04, "click_injector": 0.04,
    "cookie_stuffer": 0.04, "poacher": 0.04, "self_referrer": 0.04,
}  # fmt: skip
TIMING_ONLY = {"steady": 0.2, "rising": 0.2, "declining": 0.2, "poacher": 0.2, "click_injector": 0.2}
PROGRAMS: tuple[dict[str, Any], ...] = (
    {"seed": 11, "partners": 70, "days": 60, "skus": 60},
    {"seed": 12, "partners": 150, "days": 30, "noise": 0.6, "skus": 120, "organic_per_day": 15},
    {"seed": 13, "partners": 90, "days": 75, "noise": 0.05, "skus": 40, "organic_per_day": 60, "mix": FRAUD_HEAVY},
    {"seed": 21, "partners": 150, "days": 30, "noise": 0.6, "skus": 60},
    {"seed": 23, "partners": 50, "days": 75, "noise": 0.0, "skus": 60, "mix": TIMING_ONLY},
    {"seed": 24, "partners": 200, "days": 40, "noise": 0.45, "skus": 60, "mix": MOSTLY_HONEST},
)
END = datetime(2026, 2, 1, tzinfo=UTC)


def _evidence(features: PartnerFeatures, archetype: str, t: FraudThresholds) -> bool:
    """Whether the partner shows the scan's minimum evidence for its archetype's behaviour."""
    return {
        "click_injector": features.timed_orders >= t.min_orders,
        "poacher": features.orders >= t.min_orders,
        "cookie_stuffer": features.clicks >= t.min_clicks,
        "coupon_leaker": features.code_orders_no_click >= t.coupon_min_orders,
        "self_referrer": features.self_identity_orders + features.self_prefix_orders >= t.self_referral_min_orders,
    }[archetype]


def _analyse(engine: Engine, params: dict[str, Any]) -> dict[str, Any]:
    thresholds = FraudThresholds()
    with transaction(engine) as session:
        window = resolve_window(session=session, days=params["days"], as_of=END)
        report = scan(session=session, start=window.start, end=window.end, thresholds=thresholds)
        metrics = partner_metrics(session=session, start=window.start, end=window.end)
        scores = score_partners(
            session=session,
            as_of=END,
            thresholds=ScoreThresholds(window_days=params["days"], fraud_window_days=params["days"]),
            fraud_thresholds=thresholds,
            metrics=metrics,
            fraud=report,
        )
        features = scan_features(session=session, window=window, thresholds=thresholds)
    return {
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "flags": {(f.partner_id, f.signal) for f in report.findings},
        "features": features,
        "tiers": {p.partner_id: (p.tier, p.reasons) for p in scores.partners},
    }


def _load(engine: Engine, files: Any) -> None:
    migrate(engine)
    for kind in LOAD_ORDER:
        if kind != "applications":
            with transaction(engine) as session:
                import_csv(session=session, kind=kind, path=files.csv[kind])


def _run(directory: Path, params: dict[str, Any]) -> dict[str, Any]:
    files = generate_program(out_dir=directory, end=END, **params)
    engine = make_engine(f"sqlite:///{directory}/afflow.db")
    _load(engine, files)
    result = _analyse(engine, params)
    engine.dispose()
    return {**result, "seed": params["seed"], "files": files, "truth": json.loads(files.truth.read_text())["partners"]}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return [_run(tmp_path_factory.mktemp(f"demo{params['seed']}"), params) for params in PROGRAMS]


@pytest.mark.slow
@pytest.mark.parametrize("archetype", sorted(EXPECTED))
def test_precision_and_recall_per_fraud_archetype(runs: list[dict[str, Any]], archetype: str) -> None:
    signal, thresholds = EXPECTED[archetype], FraudThresholds()
    counts: Counter[str] = Counter()
    missed: list[str] = []
    wrong: list[str] = []
    for run in runs:
        for partner_id, kind in run["truth"].items():
            flagged = (partner_id, signal) in run["flags"]
            features = run["features"].get(partner_id, PartnerFeatures())
            if kind == archetype:
                counts["fraud"] += 1
                counts["found"] += flagged
                if _evidence(features, kind, thresholds):
                    counts["judgeable"] += 1
                    counts["judgeable_found"] += flagged
                if not flagged:
                    missed.append(f"{partner_id} seed {run['seed']}: {features.model_dump(exclude={'ttc_histogram'})}")
            elif flagged:
                counts["false"] += 1
                wrong.append(f"{partner_id} ({kind}, seed {run['seed']})")
    precision = counts["found"] / max(1, counts["found"] + counts["false"])
    recall = counts["judgeable_found"] / max(1, counts["judgeable"])
    assert counts["judgeable"] >= 20, counts  # enough cases for the figures to mean something
    assert counts["judgeable"] >= 0.85 * counts["fraud"], counts  # the evidence floor excludes few
    assert precision >= 0.95, (archetype, counts, wrong)
    assert recall >= 0.95, (archetype, counts, missed)
    assert counts["found"] / counts["fraud"] >= 0.85, (archetype, counts, missed)


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


@pytest.fixture
def postgres_engine(postgres_admin: Engine | None) -> Iterator[Engine]:
    with postgres_schema(postgres_admin) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.mark.slow
def test_postgresql_finds_and_tiers_exactly_what_sqlite_does(
    runs: list[dict[str, Any]], postgres_engine: Engine
) -> None:
    sqlite_run, params = runs[1], PROGRAMS[1]  # the noisiest, shortest window: the most borderline calls
    _load(postgres_engine, sqlite_run["files"])
    on_postgres = _analyse(postgres_engine, params)
    assert on_postgres["findings"] == sqlite_run["findings"]
    assert on_postgres["tiers"] == sqlite_run["tiers"]
    assert on_postgres["features"] == sqlite_run["features"]
