"""The triage evaluation sets, loaded and scored the way users run triage.

``tests/eval/applications`` (EV-..., split tune/holdout) is the independent set; ``tests/eval/applications_more``
(EX-..., all tune) is a second author's tuning set. "tune" means the tune rows of both; "holdout" only ever
the first set's held-out half, which is scored, never tuned on. ``tests/eval/applications_fresh`` is a third
author's set written after the judgement was tuned, held out entirely: whatever its labels.csv says, its rows
are the split "fresh", never tune or holdout. A set whose folder is not there yet is skipped.

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
EVAL_MORE = EVAL.parent / "applications_more"
EVAL_FRESH = EVAL.parent / "applications_fresh"
EVAL_FRESH2 = EVAL.parent / "applications_fresh2"
SOURCES = {"applications": EVAL, "applications_more": EVAL_MORE, "applications_fresh": EVAL_FRESH,
           "applications_fresh2": EVAL_FRESH2}  # fmt: skip
HOLDOUT_ONLY = {"applications_fresh": "fresh", "applications_fresh2": "fresh2"}
"""Sets never tuned on when they were first scored, and the split all their rows belong to. ``applications_fresh2``
(a fourth author) is in no fitting (``AUTHORS``): it is the held-out set of the shipped learned layer."""
SPLITS = ("tune", "holdout", "fresh", "fresh2")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PROGRAM_NAME = "Northwind Outfitters"


@dataclass(frozen=True)
class Label:
    decision: str
    category: str
    split: str
    source: str = "applications"


def brand_guide() -> str:
    """The README's "The brand" section: the guide the reviewer's labels apply."""
    text = (EVAL / "README.md").read_text(encoding="utf-8")
    section = text.split("## The brand", 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def labels(*, split: str | None = None) -> dict[str, Label]:
    """The labelled applications of every set (a set not present yet is skipped), of one split when ``split``
    names it. Ids are unique within a split (a set written later may reuse another's ids in another split)."""
    found: dict[str, Label] = {}
    for source, folder in SOURCES.items():
        if not (folder / "labels.csv").exists():
            continue
        with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                label = Label(row["decision"], row["category"], HOLDOUT_ONLY.get(source, row["split"]), source)
                if split is not None and label.split != split:
                    continue
                if row["application_id"] in found:
                    raise ValueError(f"{folder / 'labels.csv'}: application_id {row['application_id']} is already "
                                     f"labelled in {found[row['application_id']].source} (split {label.split})")
                found[row["application_id"]] = label
    return found


def application_rows(*, split: str, category: str | None = None) -> list[dict[str, str]]:
    """The split's applications (of one category when ``category`` names it) as CSV dicts, from the sets that have
    rows in it."""
    wanted = {i: label for i, label in labels(split=split).items() if category in (None, label.category)}
    rows: list[dict[str, str]] = []
    for source, folder in SOURCES.items():
        if (folder / "applications.csv").exists() and any(label.source == source for label in wanted.values()):
            with (folder / "applications.csv").open(encoding="utf-8", newline="") as handle:
                rows.extend(r for r in csv.DictReader(handle) if r["application_id"] in wanted)
    return rows


REFUSED = "refused at import"


def triage_split(engine: Engine, tmp: Path, *, split: str, category: str | None = None) -> dict[str, dict[str, Any]]:
    """Import the split's applications through the CSV importer and triage them offline: id -> decision (as
    ``afflow run triage --json`` reports it). The importer refuses a whole file for one bad row; rows it
    refuses are left out, reported as ``REFUSED`` (none since applicant fields take 200 characters)."""
    rows = [[r[c] for c in APPLICATION_HEADER] for r in application_rows(split=split, category=category)]
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


def agreement(decisions: dict[str, dict[str, Any]], *, split: str, source: str | None = None) -> Agreement:
    """Agreement with the reviewer on the split (of one set when ``source`` names it)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusion: Counter[tuple[str, str]] = Counter()
    approved_injections, wrong_approvals = [], []
    for app_id, label in labels(split=split).items():
        if source is not None and label.source != source:
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


AUTHORS = ("applications", "applications_more", "applications_fresh")
"""The labelled sets, one per independent author, listed by name (never a glob over tests/eval: a set being
written for a later held-out scoring must not reach any fitting)."""


@dataclass(frozen=True)
class Screened:
    """Every labelled row of the authors' sets, screened in-process as ``screen_applications`` screens (no partners
    in the store, so no benchmark ratios and no links, as in ``triage_split``), without a precedent vote."""

    labels: list[Label]
    evidence: list[Any]
    fits: list[Any]
    vectors: Any
    """``precedent_text`` vectors, one row per application."""


def screened_authors() -> Screened:
    from decimal import Decimal

    from agents import semantic
    from agents.judging import offline_brand_fit
    from agents.triage.nodes import screen
    from agents.triage.precedents import precedent_text
    from agents.triage.state import ApplicationEvidence

    guide = brand_guide()
    found: list[Label] = []
    evidence: list[Any] = []
    for source in AUTHORS:
        folder = SOURCES[source]
        with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
            by_id = {r["application_id"]: r for r in csv.DictReader(handle)}
        with (folder / "applications.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                label = by_id[row["application_id"]]
                found.append(Label(label["decision"], label["category"], label["split"], source))
                e = ApplicationEvidence(
                    application_id=row["application_id"], name=row["name"], email=row["email"],
                    platform=row["platform"], niche=row["niche"], channel_url=row["channel_url"],
                    sample_content=row["sample_content"], audience_size=int(row["audience_size"]),
                    engagement_rate=Decimal(row["engagement_rate"]), audience_vs_median=None,
                    engagement_vs_median=None, linked_partners=[])
                evidence.append(screen(e, program=PROGRAM_NAME, brand_guide=guide))
    fits = [offline_brand_fit(brand_guide=guide, content=e.sample_content, niche=e.niche) for e in evidence]
    vectors = semantic.embed([precedent_text(niche=e.niche, sample_content=e.sample_content, brand_guide=guide)
                              for e in evidence])
    return Screened(found, evidence, fits, vectors)


def precedent_table(screened: Screened, rows: list[int]) -> Any:
    """The precedent table of ``rows`` (their injection rows left out, as the shipped table is built by ``refit``)."""
    import numpy as np

    from agents.triage.precedents import Table

    kept = [i for i in rows if screened.labels[i].category != "injection"]
    return Table(vectors=screened.vectors[kept].astype(np.float16).astype(np.float32),
                 decisions=[screened.labels[i].decision for i in kept],
                 categories=[screened.labels[i].category for i in kept])


def rule_decisions(screened: Screened, table: Any) -> list[Any]:
    from agents.triage.precedents import votes_of
    from agents.triage.rules import decide_application

    return [decide_application(e.model_copy(update={"precedent": vote}), fit)
            for e, fit, vote in zip(screened.evidence, screened.fits, votes_of(screened.vectors, table), strict=True)]


def fit_layer(screened: Screened, rules: list[Any], rows: list[int], **options: float) -> Any:
    from agents.triage import learned

    return learned.fit([rules[i] for i in rows], screened.vectors[rows], [screened.labels[i].decision for i in rows],
                       **options)  # type: ignore[arg-type]


def layered(screened: Screened, rules: list[Any], model: Any, rows: list[int]) -> list[str]:
    from agents.triage import learned

    shares = model.shares([rules[i] for i in rows], screened.vectors[rows])
    return [learned.decide(rules[i], shares[k], model, screened.vectors[i]).decision for k, i in enumerate(rows)]


@dataclass(frozen=True)
class Fold:
    author: str
    by_category: dict[str, tuple[int, int]]
    approved_injections: int

    @property
    def overall(self) -> float:
        return sum(a for a, _ in self.by_category.values()) / max(1, sum(n for _, n in self.by_category.values()))


def leave_one_author_out(screened: Screened, *, learned_layer: bool = True, **options: float) -> list[Fold]:
    """Each author's set scored by precedents (and the learned layer) fitted on the other two authors' sets only."""
    folds = []
    for author in AUTHORS:
        train = [i for i, label in enumerate(screened.labels) if label.source != author]
        test = [i for i, label in enumerate(screened.labels) if label.source == author]
        rules = rule_decisions(screened, precedent_table(screened, train))
        if learned_layer:
            got = layered(screened, rules, fit_layer(screened, rules, train, **options), test)
        else:
            got = [rules[i].decision for i in test]
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        injections = 0
        for i, decision in zip(test, got, strict=True):
            label = screened.labels[i]
            counts[label.category][0] += decision == label.decision
            counts[label.category][1] += 1
            injections += label.category == "injection" and decision == "approve"
        folds.append(Fold(author, {c: (a, n) for c, (a, n) in sorted(counts.items())}, injections))
    return folds


def refit(*, precedents: Path, weights: Path, screened: Screened | None = None) -> str:
    """Refit the shipped product data on every row of the authors' sets (both halves of the first): the precedent
    table (``agents.triage.precedents``: vectors, decisions, kinds of case, never texts; injection rows left out)
    and the learned layer (``agents.triage.learned``: weights only). Returns what was written."""
    import subprocess

    import numpy as np

    from agents.triage import learned

    screened = screened or screened_authors()
    every = list(range(len(screened.labels)))
    table = precedent_table(screened, every)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=False, cwd=EVAL).stdout.strip()
    built = f"built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at {commit}"
    sets = ", ".join(f"tests/eval/{author}" for author in AUTHORS)
    kept = [i for i in every if screened.labels[i].category != "injection"]
    np.savez_compressed(
        precedents, vectors=np.asarray(table.vectors).astype(np.float16), decisions=np.array(table.decisions),
        categories=np.array(table.categories), ids=np.array([screened.evidence[i].application_id for i in kept]),
        provenance=np.array(f"{len(kept)} applications (all but the injection category) of {sets}, all splits "
                            "(reviewer decisions and categories from their labels.csv), encoded with agents.semantic "
                            f"(USE v3) from niche + sample content without the brand guide's words; {built}; no text"))
    rules = rule_decisions(screened, table)
    model = fit_layer(screened, rules, every)
    learned.save(model, weights, provenance=(
        f"multinomial logistic regression (l2 {learned.L2}, embedding scale {learned.EMBEDDING_SCALE}, balanced "
        f"classes) fitted on {len(every)} applications of {sets}, all splits (reviewer decisions from their "
        f"labels.csv), over the rules' decisions with this precedent table and agents.semantic vectors; {built}; "
        "weights only, no text"))
    return f"{len(kept)} precedents to {precedents}, {len(model.vocabulary)}-cue model to {weights}"
