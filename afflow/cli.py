"""The ``afflow`` command line: one app whose commands are loaded only when they run.

``app`` is what the installed entry point (``main``) and the in-process tests invoke. Its root group lists
the commands from the static table ``afflow.commands.COMMANDS``, so ``afflow --help`` imports no command
module, and it imports a command's module only when that command runs or its own help is asked for:
``afflow ledger balance`` does not pay for the agents (langgraph, openai) or the HTTP stack (FastAPI,
uvicorn). Nothing here may import more than typer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from afflow.commands import COMMANDS, register_module

HELP = "An auditable affiliate-program ledger with agents that propose and humans who decide."


@cache
def module_commands(module: str) -> dict[str, click.Command]:
    """The click commands ``afflow.commands.<module>`` registers, by name (imported on first use)."""
    registered = typer.Typer()
    register_module(registered, module)
    return dict(typer.main.get_group(registered).commands)


class _LoadedOnUse(Mapping[str, click.Command]):
    """The root group's commands: every name in the table; a command's module is imported when it is read."""

    def __getitem__(self, name: str) -> click.Command:
        return module_commands(COMMANDS[name].module)[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(TyperGroup):
    """A typer group over ``COMMANDS``: it lists from the table and imports a command's module on use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LoadedOnUse()  # type: ignore[assignment]  # read-only: commands come from the table
        self._listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if self._listing:  # the root's help shows name and summary only: no import for that
            return TyperCommand(cmd_name, help=entry.summary)
        return self.commands[cmd_name]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="afflow",
    cls=LazyGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """An auditable affiliate-program ledger with agents that propose and humans who decide."""


def main() -> None:
    app(prog_name="afflow")


if __name__ == "__main__":
    main()
