"""The demo program: a seeded generator of realistic CSVs and the loader that imports them.

Library use (tests, the analytics quality test)::

    files = generate_program(out_dir=tmp, partners=60, days=45, seed=3, mix={...}, noise=0.3)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=files.end)

Ground truth for quality checks is ``files.truth`` (``demo_truth.json``); it never enters the store.
"""

from workflows.demo.archetypes import ARCHETYPES, DEFAULT_MIX
from workflows.demo.generator import DemoFiles, generate_program
from workflows.demo.loader import DemoSummary, load_program, run_ledger_history, summarize

__all__ = [
    "ARCHETYPES",
    "DEFAULT_MIX",
    "DemoFiles",
    "DemoSummary",
    "generate_program",
    "load_program",
    "run_ledger_history",
    "summarize",
]
