"""Fraud judgement quality on both program families: per program and archetype precision and recall, pooled.

Writes each program (``tests.tools.fraud_eval``: the six demo-generator programs and the independent
``tests.eval.programs`` family, tune and holdout), loads it into a fresh SQLite store through the importer,
runs the tiering and commissions agents offline as the weekly cycle would, and prints what the quality
test asserts: recall over judgeable partners (and over all), precision, high-severity findings, honest
partners purged, offboarding proposals, high-severity findings left without a proposal. Then the figures
pooled per family and split. Asserts nothing.

    python bench/fraud_quality.py [--family demo|eval] [--split tune|holdout] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.db import make_engine
from tests.tools import fraud_eval
from tests.tools.fraud_eval import ArchetypeFigures, ProgramFigures
from tools.fraud import FraudThresholds


def _run(case: fraud_eval.Case, directory: Path) -> tuple[ProgramFigures, float]:
    started = time.perf_counter()
    written = fraud_eval.write(case, directory)
    engine = make_engine(f"sqlite:///{directory}/afflow.db")
    try:
        fraud_eval.load(engine, written)
        judged = fraud_eval.judge(engine, written)
    finally:
        engine.dispose()
    return fraud_eval.figures(judged, FraudThresholds()), time.perf_counter() - started


def _pooled(rows: list[ProgramFigures]) -> None:
    groups: dict[tuple[str, str], dict[str, ArchetypeFigures]] = defaultdict(lambda: defaultdict(ArchetypeFigures))
    honest: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        key = (row.case.family, row.case.split)
        honest[key][0] += len(row.honest_purged)
        honest[key][1] += row.honest
        for signal, c in row.archetypes.items():
            pooled = groups[key][signal]
            for name in ("fraud", "judgeable", "found", "judgeable_found", "high", "false"):
                setattr(pooled, name, getattr(pooled, name) + getattr(c, name))
    print("\npooled")
    for (family, split), per in sorted(groups.items()):
        purged, total = honest[(family, split)]
        print(f"{family:4} {split:7} honest purged {purged}/{total}")
        for signal, c in per.items():
            print(
                f"     {signal:18} recall {c.recall:5.3f} ({c.judgeable_found}/{c.judgeable} judgeable,"
                f" {c.found}/{c.fraud} all)  precision {c.precision:5.3f} ({c.false} false)  high {c.high}/{c.found}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=("demo", "eval"))
    parser.add_argument("--split", choices=("tune", "holdout"))
    parser.add_argument("--keep", type=Path, help="write the programs and stores here instead of a temporary folder")
    args = parser.parse_args()
    cases = [
        case
        for case in fraud_eval.demo_cases() + fraud_eval.eval_cases()
        if (args.family is None or case.family == args.family) and (args.split is None or case.split == args.split)
    ]
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        rows = []
        for case in cases:
            directory = root / case.name
            directory.mkdir(parents=True, exist_ok=True)
            row, seconds = _run(case, directory)
            rows.append(row)
            print(f"{case.name}: {seconds:.1f} s", file=sys.stderr)
    print("\n".join(fraud_eval.table(rows)))
    for row in rows:
        for signal, c in row.archetypes.items():
            if c.missed or c.wrong:
                print(f"{row.case.name} {signal}: missed {c.missed} wrongly flagged {c.wrong}")
        if row.honest_purged or row.unproposed:
            print(f"{row.case.name}: honest purged {row.honest_purged}; high without proposal {row.unproposed}")
    _pooled(rows)


if __name__ == "__main__":
    main()
