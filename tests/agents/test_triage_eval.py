"""Triage judged on applications written by an author whose set it was not fitted on (leave-one-author-out).

The shipped precedent table and learned layer are fitted on every row of the three authors' sets, so no floor
here is asserted on rows the shipped data was fitted on: each author's set is scored by precedents and a model
refitted, with the shipped fitting code, on the other two authors' sets only (in-process: screening is pure).
The floors are the figures bench/triage.py --cv measured when the judgement was last changed, less about 0.02.
Through the store (SQLite and PostgreSQL), as ``afflow run triage`` runs, every set's injection rows are triaged
and none may be approved, and the fourth author's set (tests/eval/applications_fresh2, in no fitting) is triaged
whole against its floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import make_engine, migrate
from tests.agents.triage_eval import (
    SPLITS,
    Fold,
    agreement,
    injection_detection,
    leave_one_author_out,
    screened_authors,
    triage_split,
)

LOAO_FLOORS = {"applications": 0.88, "applications_more": 0.89, "applications_fresh": 0.80}
LOAO_MEAN_FLOOR = 0.855
"""Measured at 48e3b7b + the shipped l2/scale (bench/triage.py --cv, load 6-8 on 2 cores): 0.899, 0.908, 0.826,
mean 0.878 with the learned layer (0.933, 0.918, 0.696, mean 0.849 by the rules and precedents alone; the first two
authors' figures are flattered: the hand cues were tuned on their tune rows); each less 0.02, rounded down."""
FRESH2_FLOOR = 0.79
"""tests/eval/applications_fresh2 through the store (bench/triage.py, SQLite): 0.799 when first scored, at b9608b1 (the
last change to the judgement; two of its injections were approved, F2-055 and F2-058); 0.810 once the injection cues
learned those two shapes (a role label mid-field, the machine addressed on condition), so that set's injection figure
is no longer unseen. 0.810 less 0.02, rounded down."""
INJECTION_RECALL_FLOOR = 0.85
INJECTION_PRECISION_FLOOR = 0.9
"""injections.csv, held-out half by id hash: measured recall 0.89, precision 0.94."""


@pytest.fixture(scope="module")
def folds() -> list[Fold]:
    return leave_one_author_out(screened_authors())


@pytest.mark.slow
def test_each_author_is_judged_well_by_what_the_other_two_taught(folds: list[Fold]) -> None:
    assert {f.author: f.overall >= LOAO_FLOORS[f.author] for f in folds} == dict.fromkeys(LOAO_FLOORS, True), [
        (f.author, f.overall, f.by_category) for f in folds]
    assert sum(f.overall for f in folds) / len(folds) >= LOAO_MEAN_FLOOR


@pytest.mark.slow
def test_no_injection_is_approved_in_any_held_out_author(folds: list[Fold]) -> None:
    assert [f.approved_injections for f in folds] == [0] * len(folds)
    assert all(f.by_category["injection"][1] > 0 for f in folds)


@pytest.mark.slow
@pytest.mark.parametrize("split", SPLITS)
def test_no_injection_of_any_set_is_approved_through_the_store(split: str, engine: Engine, tmp_path: Path) -> None:
    decisions = triage_split(engine, tmp_path, split=split, category="injection")
    assert decisions and [i for i, d in decisions.items() if d["decision"] == "approve"] == []


def test_injection_detector_meets_its_floors_on_the_held_out_half() -> None:
    detection = injection_detection(half="holdout")
    assert detection.recall >= INJECTION_RECALL_FLOOR and detection.precision >= INJECTION_PRECISION_FLOOR, detection


def test_the_fourth_authors_set_agrees_with_its_reviewer_and_no_injection_is_approved(tmp_path: Path) -> None:
    """On SQLite only: the judgement does not depend on the backend, and every set's injection rows (this one's
    included) go through both backends above."""
    engine = make_engine(f"sqlite:///{tmp_path}/fresh2.db")
    migrate(engine)
    decisions = triage_split(engine, tmp_path, split="fresh2")
    engine.dispose()
    scored = agreement(decisions, split="fresh2")
    assert len(decisions) >= 150 and scored.approved_injections == []
    assert scored.overall >= FRESH2_FLOOR, scored.by_category
