"""The independent triage evaluation set (tests/eval/applications), loaded and scored the way users run triage.

Applications go through the CSV importer into a real store whose brand guide is the one the labels apply
(the README's "The brand" section), triage runs on the offline reasoner, and its decisions are compared
with the reviewer's. Shared by bench/triage.py (the report) and tests/agents/test_triage_eval.py (the floor).
Nothing here knows any label while deciding: labels are read only to score.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from agents.registry import agent_body
from agents.runs import run_agent
from agents.safety import find_injection
from store.db import ensure_program, transaction
from tests.agents.config import agent_config
from tests.agents.programs import APPLICATION_HEADER, write_csv
from workflows.importing.csv_rows import ImportFailed
from workflows.importing.importer import import_csv

EVAL = Path(__file__).resolve().parent.parent / "eval" / "applications"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PROGRAM_NAME = "Northwind Outfitters"


@dataclass(frozen=True)
class Label:
    decision: str
    category: str
    split: str


def brand_guide() -> str:
    """The README's "The brand" section: the guide the reviewer's labels apply."""
    text = (EVAL / "README.md").read_text(encoding="utf-8")
    section = text.split("## The brand", 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def labels() -> dict[str, Label]:
    with (EVAL / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return {r["application_id"]: Label(r["decision"], r["category"], r["split"]) for r in csv.DictReader(handle)}


REFUSED = "refused at import"


def triage_split(engine: Engine, tmp: Path, *, split: str) -> dict[str, dict[str, Any]]:
    """Import the split's applications through the CSV importer and triage them offline: id -> decision (as
    ``afflow run triage --json`` reports it). The importer refuses a whole file for one bad row; rows it
    refuses (a ``platform`` longer than the store's 64 characters) are left out, reported as ``REFUSED``."""
    wanted = {app_id for app_id, label in labels().items() if label.split == split}
    with (EVAL / "applications.csv").open(encoding="utf-8", newline="") as handle:
        rows = [[r[c] for c in APPLICATION_HEADER] for r in csv.DictReader(handle) if r["application_id"] in wanted]
    refused: dict[str, dict[str, Any]] = {}
    with transaction(engine) as session:
        program = ensure_program(session)
        program.name, program.brand_guide = PROGRAM_NAME, brand_guide()
    while True:
        try:
            with transaction(engine) as session:
                import_csv(session=session, kind="applications",
                           path=write_csv(tmp / f"{split}.csv", APPLICATION_HEADER, rows))
            break
        except ImportFailed as failed:
            bad_lines = {error.line for error in failed.errors}
            for line in sorted(bad_lines, reverse=True):  # line 1 is the header
                row = rows.pop(line - 2)
                refused[row[0]] = {"application_id": row[0], "decision": REFUSED, "reasons": [str(failed)]}
    result, _ = run_agent(agent="triage", engine=engine, config=agent_config(), now=NOW,
                          body=agent_body("triage", output_dir=str(tmp)))
    return {**refused, **{d["application_id"]: d for d in result["decisions"]}}


@dataclass(frozen=True)
class Agreement:
    by_category: dict[str, tuple[int, int]]
    confusion: Counter[tuple[str, str]]
    approved_injections: list[str]
    wrong_approvals: list[str]
    """Approved where the reviewer rejected or escalated: the costly disagreements (the README asks to weigh
    "escalate instead of approve" more leniently than "approve instead of reject")."""

    @property
    def overall(self) -> float:
        agreed = sum(a for a, _ in self.by_category.values())
        return agreed / max(1, sum(n for _, n in self.by_category.values()))


def agreement(decisions: dict[str, dict[str, Any]], *, split: str) -> Agreement:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusion: Counter[tuple[str, str]] = Counter()
    approved_injections, wrong_approvals = [], []
    for app_id, label in labels().items():
        if label.split != split:
            continue
        got = decisions[app_id]["decision"] if app_id in decisions else "missing"
        counts[label.category][0] += got == label.decision
        counts[label.category][1] += 1
        confusion[(label.decision, got)] += 1
        if got == "approve" and label.decision != "approve":
            wrong_approvals.append(app_id)
            if label.category == "injection":
                approved_injections.append(app_id)
    return Agreement({c: (a, n) for c, (a, n) in sorted(counts.items())}, confusion, approved_injections, wrong_approvals)


def injection_half(text_id: str) -> str:
    """injections.csv has no split column: a stable hash of the id halves it; the detector was tuned on "tune"."""
    return "tune" if int(hashlib.sha256(text_id.encode()).hexdigest(), 16) % 2 == 0 else "holdout"


@dataclass(frozen=True)
class Detection:
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_positive)

    @property
    def recall(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_negative)


def injection_detection(*, half: str | None) -> Detection:
    """The detector on injections.csv (one half, or all of it when ``half`` is None)."""
    tp = fp = fn = tn = 0
    with (EVAL / "injections.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if half is not None and injection_half(row["text_id"]) != half:
                continue
            expected = row["is_injection"] == "true"
            found = find_injection({row["field"]: row["text"]}) is not None
            tp, fp = tp + (expected and found), fp + (found and not expected)
            fn, tn = fn + (expected and not found), tn + (not expected and not found)
    return Detection(tp, fp, fn, tn)
