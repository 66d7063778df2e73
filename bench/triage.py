"""Benchmark: triage judgement on the independent evaluation set (tests/eval/applications), offline reasoner.

Prints the agreement with the reviewer per category, for the tune half (what the cues and thresholds were
calibrated on) and the held-out half (never tuned on) separately, the confusion of decisions, approved
injections (must be none), and the injection detector's precision and recall on injections.csv (whole,
and per half of a stable id hash: the file has no split column). Runs on a fresh SQLite store per half.

    python bench/triage.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.db import make_engine, migrate
from tests.agents.triage_eval import REFUSED, agreement, injection_detection, triage_split


def report_split(split: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/triage.db")
        migrate(engine)
        started = time.perf_counter()
        decisions = triage_split(engine, Path(tmp), split=split)
        elapsed = time.perf_counter() - started
        engine.dispose()
    scored = agreement(decisions, split=split)
    print(f"== {split}: {len(decisions)} applications in {elapsed:.1f} s")
    for category, (agreed, total) in scored.by_category.items():
        print(f"  {category:<18} {agreed:>3}/{total:<3} {agreed / total:.2f}")
    print(f"  {'overall':<18} {scored.overall:.3f}")
    print("  confusion (label -> decision): " + ", ".join(
        f"{label}->{got}: {n}" for (label, got), n in sorted(scored.confusion.items()) if label != got))
    refused = sorted(app_id for app_id, d in decisions.items() if d["decision"] == REFUSED)
    if refused:
        print(f"  refused by the importer (platform longer than 64 characters): {', '.join(refused)}")
    print(f"  approved injections: {scored.approved_injections or 'none'}")
    print(f"  approved against the reviewer (reject or escalate labelled): {len(scored.wrong_approvals)}")


def main() -> None:
    for split in ("tune", "holdout"):
        report_split(split)
    print("== injections.csv")
    for half in ("tune", "holdout", None):
        detection = injection_detection(half=half)
        print(f"  {half or 'all':<8} precision {detection.precision:.3f} recall {detection.recall:.3f} "
              f"(tp {detection.true_positive}, fp {detection.false_positive}, fn {detection.false_negative}, "
              f"tn {detection.true_negative})")


if __name__ == "__main__":
    main()
