"""The ``afflow`` command line: the composition root that wires settings, store, workflows and agents.

``app`` holds every command (tests and ``afflow --help`` use it); ``main``, the installed entry point,
registers only the module behind the command being run, so a ledger query does not pay for importing
the agents and the HTTP stack.
"""

from __future__ import annotations

import sys

import typer

from afflow.commands import COMMAND_MODULES, register_all, register_module

HELP = "An auditable affiliate-program ledger with agents that propose and humans who decide."


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="afflow", help=HELP, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
    )

    @app.callback()
    def root() -> None:
        """An auditable affiliate-program ledger with agents that propose and humans who decide."""

    return app


def full_app() -> typer.Typer:
    app = build_app()
    register_all(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    """``from afflow.cli import app``: the app with every command, built on first use."""
    if name == "app":
        return full_app()
    raise AttributeError(name)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    module = COMMAND_MODULES.get(command)
    if module is None:  # --help, no command, a typo: the full app lists and suggests
        full_app()()
        return
    single = build_app()
    register_module(single, module)
    single(prog_name="afflow")
