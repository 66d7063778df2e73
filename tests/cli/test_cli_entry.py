"""The installed entry point loads only the module behind the command it runs, and still knows them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("langgraph", "openai", "fastapi", "uvicorn")
RUN_MAIN = """
import json, sys
HEAVY = json.loads(sys.argv[2])
sys.argv = ["afflow", *json.loads(sys.argv[1])]
from afflow.cli import main
try:
    main()
except SystemExit as exit:
    code = exit.code
else:
    code = 0
print(json.dumps({"code": code, "heavy": [m for m in HEAVY if m in sys.modules]}), file=sys.stderr)
"""


def _main(args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    env = {"PATH": "/usr/bin:/bin", "AFFLOW_DATABASE_URL": f"sqlite:///{tmp_path}/afflow.db"}
    done = subprocess.run(
        [sys.executable, "-c", RUN_MAIN, json.dumps(args), json.dumps(HEAVY)], capture_output=True, text=True, env=env, timeout=120
    )
    return done, json.loads(done.stderr.strip().splitlines()[-1])


def test_ledger_command_runs_without_importing_agents_or_http(tmp_path: Path) -> None:
    done, outcome = _main(["ledger", "balance", "--json"], tmp_path)
    assert outcome == {"code": 0, "heavy": []}
    assert json.loads(done.stdout) == {"currency": "USD", "partners": []}


def test_unknown_command_is_refused_with_a_suggestion_from_the_command_table(tmp_path: Path) -> None:
    done, outcome = _main(["ledgr"], tmp_path)
    assert outcome == {"code": 2, "heavy": []}
    assert "No such command 'ledgr'. Did you mean 'ledger'?" in done.stderr
