"""Benchmark: triage judgement on the evaluation sets (tests/eval/applications, applications_more), offline.

Prints the agreement with the reviewer per category, for the tune rows of each set (what the cues,
thresholds and precedents were calibrated on: the first set's tune half, and the second author's tuning
set), the first set's held-out half (never tuned on) and the fresh set (tests/eval/applications_fresh,
written after tuning, all held out; skipped while its folder is missing) separately, the confusion of decisions, approved
injections (must be none), and the injection detector's precision and recall on injections.csv (whole,
and per half of a stable id hash: the file has no split column). Runs on a fresh SQLite store per half.

    python bench/triage.py                      # the report (tune, holdout, fresh)
    python bench/triage.py --no-holdout --no-fresh   # while tuning: the tune rows only
    python bench/triage.py --cv                 # leave-one-author-out: fit on two authors' sets, score the third
    python bench/triage.py --refit              # refit precedents.npz and learned.npz on all three sets, then report

Since the learned layer (agents/triage/learned.py) and the precedent table are fitted on every row of the three
authors' sets, the tune, holdout and fresh figures are on training rows: the honest figures are --cv
(leave-one-author-out, everything fitted from labels refitted per fold) and the split fresh2
(tests/eval/applications_fresh2, a fourth author's set in no fitting; ``--no-fresh2`` leaves it out):

    python bench/triage.py --no-tune --no-holdout --no-fresh   # the held-out fourth author's set only
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.db import make_engine, migrate
from tests.agents.triage_eval import (
    REFUSED,
    SOURCES,
    SPLITS,
    Agreement,
    agreement,
    injection_detection,
    labels,
    triage_split,
)


def report_split(split: str) -> None:
    if not labels(split=split):
        print(f"== {split}: no labelled applications (set not written yet?)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/triage.db")
        migrate(engine)
        started = time.perf_counter()
        decisions = triage_split(engine, Path(tmp), split=split)
        elapsed = time.perf_counter() - started
        engine.dispose()
    print(f"== {split}: {len(decisions)} applications in {elapsed:.1f} s")
    for source in SOURCES:
        scored = agreement(decisions, split=split, source=source)
        if scored.by_category:
            report(f"{split} / {source}", decisions, scored)


def report(title: str, decisions: dict[str, dict[str, Any]], scored: Agreement) -> None:
    print(f"-- {title}")
    for category, (agreed, total) in scored.by_category.items():
        print(f"  {category:<18} {agreed:>3}/{total:<3} {agreed / total:.2f}")
    print(f"  {'overall':<18} {scored.overall:.3f}")
    print("  confusion (label -> decision): " + ", ".join(
        f"{label}->{got}: {n}" for (label, got), n in sorted(scored.confusion.items()) if label != got))
    refused = sorted(app_id for app_id, d in decisions.items() if d["decision"] == REFUSED)
    if refused:
        print(f"  refused by the importer: {', '.join(refused)}")
    print(f"  approved injections: {scored.approved_injections or 'none'}")
    print(f"  approved against the reviewer (reject or escalate labelled): {len(scored.wrong_approvals)}")


def report_cv() -> None:
    """Leave-one-author-out, the rules alone (precedents refitted per fold) and with the learned layer."""
    from tests.agents.triage_eval import leave_one_author_out, screened_authors

    started = time.perf_counter()
    screened = screened_authors()
    print(f"== leave-one-author-out: {len(screened.labels)} applications screened in {time.perf_counter() - started:.0f} s")
    for title, layer in (("rules and precedents", False), ("with the learned layer", True)):
        folds = leave_one_author_out(screened, learned_layer=layer)
        print(f"-- {title}: mean {sum(f.overall for f in folds) / len(folds):.3f}")
        for fold in folds:
            cells = " ".join(f"{c} {a}/{n}" for c, (a, n) in fold.by_category.items())
            print(f"  {fold.author:<19} {fold.overall:.3f}  approved injections {fold.approved_injections}  {cells}")


def main() -> None:
    if "--cv" in sys.argv[1:]:
        report_cv()
        return
    if "--refit" in sys.argv[1:]:
        from agents.triage.learned import WEIGHTS
        from agents.triage.precedents import TABLE
        from tests.agents.triage_eval import refit

        print(f"== wrote {refit(precedents=TABLE, weights=WEIGHTS)}")
    splits = [s for s in SPLITS if f"--no-{s}" not in sys.argv[1:]]
    for split in splits:
        report_split(split)
    print("== injections.csv")
    for half in ("tune", "holdout", None):
        detection = injection_detection(half=half)
        print(f"  {half or 'all':<8} precision {detection.precision:.3f} recall {detection.recall:.3f} "
              f"(tp {detection.true_positive}, fp {detection.false_positive}, fn {detection.false_negative}, "
              f"tn {detection.true_negative})")


if __name__ == "__main__":
    main()
