"""Fraud findings, tiers and proposals against the truth of two program families written without reading the
detectors (``tests.tools.fraud_eval``): six demo-generator programs unlike its defaults, and the independent
family ``tests.eval.programs`` with its tune and holdout programs (the holdout ones are judged here and
reported, never tuned on).

Every program is loaded through the importer and judged by the tiering and commissions agents run offline,
as a weekly cycle would. In every program, for every fraud archetype present: precision and recall of at
least 0.95 (recall over the partners showing the evidence their detector needs, ``fraud_eval.judgeable``;
pooled over a family, the detectors must also find 85% of all fraud partners, judgeable or not); at most 2%
of honest partners tiered purge; every partner with a high-severity finding gets an offboarding or a
clawback proposal. One program of each family also runs on PostgreSQL and must be judged identically.

``pytest -s`` prints the per-program, per-archetype figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import make_engine
from tests.conftest import postgres_schema
from tests.tools import fraud_eval
from tests.tools.fraud_eval import Case, Judged, ProgramFigures
from tools.fraud import FraudThresholds

CASES = fraud_eval.demo_cases() + fraud_eval.eval_cases()
ON_POSTGRESQL = ("demo-12", "cobalt-audio")  # the noisiest demo program; the smallest eval one


def _judge_on_sqlite(case: Case, directory: Path) -> Judged:
    written = fraud_eval.write(case, directory)
    engine = make_engine(f"sqlite:///{directory}/afflow.db")
    try:
        fraud_eval.load(engine, written)
        return fraud_eval.judge(engine, written)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Judged]:
    return {case.name: _judge_on_sqlite(case, tmp_path_factory.mktemp(case.name)) for case in CASES}


@pytest.fixture(scope="module")
def figures(judged: dict[str, Judged]) -> list[ProgramFigures]:
    rows = [fraud_eval.figures(j, FraudThresholds()) for j in judged.values()]
    print("\n" + "\n".join(fraud_eval.table(rows)))
    return rows


@pytest.mark.slow
def test_every_archetype_is_found_precisely_in_every_program(figures: list[ProgramFigures]) -> None:
    failing = [
        (row.case.name, signal, f"precision {c.precision:.2f}", f"recall {c.recall:.2f}", c.missed, c.wrong)
        for row in figures
        for signal, c in row.archetypes.items()
        if c.precision < 0.95 or c.recall < 0.95
    ]
    assert failing == []


@pytest.mark.slow
def test_the_judgeable_floor_leaves_few_fraud_partners_out(figures: list[ProgramFigures]) -> None:
    for family in ("demo", "eval"):
        for signal in fraud_eval.SIGNALS:
            counts = [
                row.archetypes[signal] for row in figures if row.case.family == family and signal in row.archetypes
            ]
            fraud = sum(c.fraud for c in counts)
            if fraud:
                assert sum(c.found for c in counts) >= 0.85 * fraud, (family, signal, [c.missed for c in counts])


@pytest.mark.slow
def test_at_most_two_percent_of_honest_partners_are_purged(figures: list[ProgramFigures]) -> None:
    assert [(row.case.name, row.honest_purged) for row in figures if len(row.honest_purged) > 0.02 * row.honest] == []
    assert all(row.fraud_offboarded for row in figures)


@pytest.mark.slow
def test_every_high_severity_finding_gets_an_offboarding_or_clawback_proposal(figures: list[ProgramFigures]) -> None:
    assert [(row.case.name, row.unproposed) for row in figures if row.unproposed] == []


@pytest.fixture
def postgres_engine(postgres_admin: Engine | None) -> Iterator[Engine]:
    with postgres_schema(postgres_admin) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("name", ON_POSTGRESQL)
def test_postgresql_judges_exactly_what_sqlite_does(
    judged: dict[str, Judged], postgres_engine: Engine, name: str
) -> None:
    on_sqlite = judged[name]
    fraud_eval.load(postgres_engine, on_sqlite.written)
    on_postgres = fraud_eval.judge(postgres_engine, on_sqlite.written)
    assert on_postgres.report.model_dump(mode="json") == on_sqlite.report.model_dump(mode="json")
    assert on_postgres.scores.model_dump(mode="json") == on_sqlite.scores.model_dump(mode="json")
    assert on_postgres.features == on_sqlite.features
    assert on_postgres.proposals == on_sqlite.proposals
