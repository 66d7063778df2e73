"""CLI start-up benchmark: how long ``afflow ... --help`` takes, against importing typer and rich.

Prints figures, never asserts them. Every figure is the median wall time of ``--runs`` fresh processes
(the installed ``afflow`` script, as a user runs it), and each is shown as a ratio to the median of
``python -c "import typer, rich"`` measured in the same run, interleaved with the others so that a change
in the machine's load shifts baseline and commands alike. Aims: ``--help`` at most 3x the baseline,
``ledger balance --help`` at most 4x.

    python bench/cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

BASELINE = "import typer, rich"
COMMANDS = (
    ("--help",),
    ("run", "--help"),
    ("ledger", "balance", "--help"),
    ("serve", "--help"),
)


def afflow_script() -> list[str]:
    """The installed entry point next to this interpreter (else on PATH), so the timing includes its shim."""
    beside = os.path.join(os.path.dirname(sys.executable), "afflow")
    found = beside if os.path.exists(beside) else shutil.which("afflow")
    if found is None:
        raise SystemExit("afflow is not installed: pip install -e '.[dev]'")
    return [found]


def wall_seconds(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="processes per command (the median is reported)")
    args = parser.parse_args()
    afflow = afflow_script()
    cases = {f'python -c "{BASELINE}"': [sys.executable, "-c", BASELINE]} | {
        "afflow " + " ".join(command): [*afflow, *command] for command in COMMANDS
    }
    for argv in cases.values():  # warm the file cache and the .pyc files before measuring
        wall_seconds(argv)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, argv in cases.items():
            samples[name].append(wall_seconds(argv))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    base = next(iter(medians.values()))
    width = max(len(name) for name in cases)
    print(f"{'case':<{width}}  median ms  x baseline")
    for name, median in medians.items():
        print(f"{name:<{width}}  {median * 1000:9.0f}  {median / base:10.2f}")
    print(f"{args.runs} runs each; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
