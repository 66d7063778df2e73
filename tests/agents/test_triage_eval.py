"""Triage judged on the independent evaluation set's held-out half (tests/eval/applications, split=holdout).

The applications go through the CSV importer into a real store (SQLite and PostgreSQL) and ``run_agent``
triages them on the offline reasoner, as ``afflow run triage`` does; the labels are read only to score.
The floors are the figures measured when the judgement was last changed (bench/triage.py prints them)
minus a margin of about 0.02 for platform-level float differences; they were never tuned on this half.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.agents.triage_eval import agreement, injection_detection, triage_split

HOLDOUT_AGREEMENT_FLOOR = 0.81
"""Measured on the held-out half (bench/triage.py, SQLite): 0.846 at 5c8f7db, 0.837 at 5315852, 0.865 at 73b6549,
0.837 at 5d77fae (the last of this half's eight scorings); 0.837 less 0.02, rounded down. Tune at 5d77fae, with the
precedent table's own rows skipped (leave-one-out): applications 1.000, applications_more 0.951."""
INJECTION_RECALL_FLOOR = 0.85
INJECTION_PRECISION_FLOOR = 0.9
"""injections.csv, held-out half by id hash: measured recall 0.89, precision 0.94."""


def test_holdout_applications_agree_with_the_reviewer_and_no_injection_is_approved(engine: Engine, tmp_path: Path) -> None:
    decisions = triage_split(engine, tmp_path, split="holdout")
    scored = agreement(decisions, split="holdout")
    assert scored.approved_injections == []
    assert scored.overall >= HOLDOUT_AGREEMENT_FLOOR, scored.by_category
    assert not any(d["decision"] == "approve" for d in decisions.values()
                   if any("instruct the reviewer" in r for r in d.get("reasons", [])))


def test_injection_detector_meets_its_floors_on_the_held_out_half() -> None:
    detection = injection_detection(half="holdout")
    assert detection.recall >= INJECTION_RECALL_FLOOR and detection.precision >= INJECTION_PRECISION_FLOOR, detection
