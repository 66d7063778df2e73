"""The ``afflow`` command line: the composition root that wires settings, store, workflows and agents."""

from __future__ import annotations

import typer

from afflow.commands import register_all

app = typer.Typer(
    name="afflow",
    help="An auditable affiliate-program ledger with agents that propose and humans who decide.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
register_all(app)


def main() -> None:
    app()
