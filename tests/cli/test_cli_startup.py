"""``afflow ... --help`` lists commands without importing the agents, the HTTP stack or numpy.

The root help comes from the static table ``afflow.commands.COMMANDS``; a command's module is imported only
when that command runs or its own help is asked for. The table must say what the modules register.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from afflow.cli import HELP, app
from afflow.commands import COMMANDS, register_module

HEAVY = ("langgraph", "openai", "fastapi", "starlette", "uvicorn", "numpy", "jinja2")
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|(?P<indent>\s*)(?P<module>\S+)$")


def imported_by(*args: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -X importtime -m afflow.cli ARGS``: the process and every module it imported."""
    env = {"PATH": "/usr/bin:/bin", "AFFLOW_DATABASE_URL": f"sqlite:///{tmp_path}/afflow.db", "COLUMNS": "120"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "afflow.cli", *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    modules = {m["module"] for line in done.stderr.splitlines() if (m := IMPORTED.match(line))}
    assert "typer" in modules, done.stderr[-2000:]  # the parse read importtime's report
    return done, modules


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_root_help_lists_every_command_and_imports_no_command_module(tmp_path: Path) -> None:
    done, modules = imported_by("--help", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    commands_panel = done.stdout.split("─ Commands ─", 1)[1]
    listed = re.findall(r"^│ (\S+)\s{2,}", commands_panel, flags=re.MULTILINE)
    assert listed == list(COMMANDS)
    assert heavy_in(modules) == []
    assert sorted(m for m in modules if m.startswith("afflow.commands.")) == []
    assert not {"sqlalchemy", "pydantic_settings", "store.models"} & modules


@pytest.mark.parametrize(
    "args", [["run", "--help"], ["ledger", "balance", "--help"], ["serve", "--help"]], ids=" ".join
)
def test_command_help_imports_neither_agents_nor_http_nor_numpy(args: list[str], tmp_path: Path) -> None:
    done, modules = imported_by(*args, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"Usage: afflow {' '.join(args[:-1])} [OPTIONS]" in done.stdout
    assert heavy_in(modules) == []


def test_ledger_help_imports_no_store(tmp_path: Path) -> None:
    done, modules = imported_by("ledger", "balance", "--help", tmp_path=tmp_path)
    assert "--partner" in done.stdout
    assert not {"sqlalchemy", "store.db", "store.models", "afflow.settings"} & modules


EVERY_HELP = """
import json, sys
from afflow.cli import app, module_commands
from afflow.commands import COMMANDS

def help_of(*args):
    try:
        app([*args, "--help"], prog_name="afflow")
    except SystemExit as exit:
        assert exit.code == 0, (args, exit.code)

name = sys.argv[1]
help_of(name)
command = module_commands(COMMANDS[name].module)[name]
for sub in getattr(command, "commands", {}):
    help_of(name, sub)
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_help_of_a_command_and_its_subcommands_imports_nothing_heavy(name: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EVERY_HELP, name], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert heavy_in(set(json.loads(done.stderr.splitlines()[-1]))) == []


def test_command_table_is_what_the_modules_register() -> None:
    registered: dict[str, tuple[str, str]] = {}
    for module in sorted({entry.module for entry in COMMANDS.values()}):
        typer_app = typer.Typer()
        register_module(typer_app, module)
        for name, command in typer.main.get_group(typer_app).commands.items():
            first_paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0]
            registered[name] = (module, " ".join(first_paragraph.split()))
    assert registered == {name: (entry.module, entry.summary) for name, entry in COMMANDS.items()}


def test_root_help_is_the_help_of_every_command_registered_at_once() -> None:
    eager = typer.Typer(name="afflow", help=HELP, no_args_is_help=True, add_completion=False)
    eager.callback()(lambda: None)
    for module in sorted({entry.module for entry in COMMANDS.values()}):
        register_module(eager, module)
    runner = CliRunner()
    lazy_help = runner.invoke(app, ["--help"], prog_name="afflow", env={"COLUMNS": "120"})
    eager_help = runner.invoke(eager, ["--help"], prog_name="afflow", env={"COLUMNS": "120"})
    assert lazy_help.exit_code == eager_help.exit_code == 0
    assert lazy_help.stdout == eager_help.stdout
