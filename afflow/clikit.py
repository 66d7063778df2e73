"""What every CLI command shares: opening the store, reading time options, printing human or JSON output,
and user errors.

A user mistake becomes one red line (or ``{"error": {...}}`` with ``--json``) and a non-zero exit;
anything else is a bug and keeps its traceback. Every command module imports this one, so it must never
import the store, settings or pydantic at module level: ``afflow X --help`` pays for whatever is here.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NoReturn, overload

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from afflow.settings import Settings
    from store.audit import Actor

console = Console()
error_console = Console(stderr=True)

JsonOption = typer.Option(False, "--json", help="Print one JSON document on stdout.")


@dataclass
class UserError(Exception):
    """A problem the user can fix; ``details`` carries file / line / field specifics."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def fail(error: UserError, *, as_json: bool) -> NoReturn:
    if as_json:
        payload = {"error": {"code": error.code, "message": error.message, "details": error.details}}
        sys.stdout.write(json.dumps(payload, indent=2, default=str) + "\n")
    else:
        error_console.print(f"[bold red]error:[/] {error.message}", highlight=False)
        for line in error.details.get("lines", []):
            error_console.print(f"  [red]•[/] {line}", highlight=False)
    raise typer.Exit(code=1)


@contextmanager
def user_errors(*, as_json: bool) -> Iterator[None]:
    """Turn known user mistakes into a clean exit; let real bugs raise. An LLM endpoint that refuses the
    configured key, model or request is one: the line names the model, the endpoint and the server's message."""
    from pydantic import ValidationError

    from agents.llm_errors import LLMRefused  # import-light: no openai

    try:
        yield
    except UserError as error:
        fail(error, as_json=as_json)
    except LLMRefused as error:
        fail(UserError(error.code, str(error), error.details()), as_json=as_json)
    except ValidationError as error:
        lines = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        fail(UserError("invalid_input", "invalid input", {"lines": lines}), as_json=as_json)


def settings() -> Settings:
    from pydantic import ValidationError

    from afflow.settings import get_settings

    try:
        return get_settings()
    except ValidationError as error:
        lines = [f"AFFLOW_{str(e['loc'][0]).upper()}: {e['msg']}" for e in error.errors()]
        fail(UserError("bad_setting", "a setting is invalid", {"lines": lines}), as_json="--json" in sys.argv)


def open_store() -> Engine:
    """The configured database, created or migrated to the current schema (``afflow.wiring.open_store``)."""
    from afflow import wiring

    return wiring.open_store(settings())


def cli_actor() -> Actor:
    """The person at this terminal, as the audit log and a proposal's ``decided_by`` name them (``cli:<login>``)."""
    from store.audit import Actor

    return Actor("cli", getpass.getuser())


TIME_FORM = "a date or date-time such as 2024-05-01 or 2024-05-01T13:30:00+02:00 (UTC when no offset)"


MAX_ID = 2**31 - 1  # store.db.MAX_ROW_ID, the id columns' range (not imported here: --help stays light)


@overload
def parse_time(value: str | None, *, option: str, default: datetime) -> datetime: ...
@overload
def parse_time(value: str | None, *, option: str, default: None = None) -> datetime | None: ...
def parse_time(value: str | None, *, option: str, default: datetime | None = None) -> datetime | None:
    """A time option's value as an aware UTC datetime; ``default`` when the option was not given.

    The one rule for every command: ISO 8601 (``datetime.fromisoformat``: ``Z`` or ``+02:00`` offsets,
    ``T`` or a space between date and time); a value without offset is UTC; a date alone is 00:00 UTC of
    that date (no option reads a date as the end of that day). Anything else is a ``UserError`` naming the
    option and the expected form.
    """
    if value is None:
        return default
    from workflows.booking.bounds import time_problem  # here, not at import: --help stays light

    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UserError("bad_option", f"{option}: {value!r} is not an ISO 8601 time; expected {TIME_FORM}") from exc
    aware = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    problem = time_problem(aware)  # before converting (year 1 at +05:00 overflows) and before any command adds a day
    if problem is not None:
        raise UserError("bad_option", f"{option}: {problem}")
    return aware.astimezone(UTC)


def print_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A rich table of text cells on the console: the human rendering of a list view."""
    from rich.table import Table  # here, not at module level: ``--help`` never renders one

    table = Table(*columns)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def emit(data: Any, *, as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    else:
        render()
