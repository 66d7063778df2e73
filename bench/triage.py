"""Benchmark: triage judgement on the evaluation sets (tests/eval/applications, applications_more), offline.

Prints the agreement with the reviewer per category, for the tune rows of each set (what the cues,
thresholds and precedents were calibrated on: the first set's tune half, and the second author's tuning
set), the first set's held-out half (never tuned on) and the fresh set (tests/eval/applications_fresh,
written after tuning, all held out; skipped while its folder is missing) separately, the confusion of decisions, approved
injections (must be none), and the injection detector's precision and recall on injections.csv (whole,
and per half of a stable id hash: the file has no split column). Runs on a fresh SQLite store per half.

    python bench/triage.py                      # the report (tune, holdout, fresh)
    python bench/triage.py --no-holdout --no-fresh   # while tuning: the tune rows only
    python bench/triage.py --refit-precedents   # rebuild agents/triage/precedents.npz from the tune rows, then report
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


def main() -> None:
    if "--refit-precedents" in sys.argv[1:]:
        from agents.triage.precedents import TABLE
        from tests.agents.triage_eval import refit_precedents

        print(f"== wrote {refit_precedents(TABLE)} precedents to {TABLE}")
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
