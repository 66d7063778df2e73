"""What every CLI command shares: opening the store, printing human or JSON output, and user errors.

A user mistake becomes one red line (or ``{"error": {...}}`` with ``--json``) and a non-zero exit;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy import Engine

from afflow.settings import Settings, get_settings
from store.db import make_engine, migrate

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
    """Turn known user mistakes into a clean exit; let real bugs raise."""
    try:
        yield
    except UserError as error:
        fail(error, as_json=as_json)
    except ValidationError as error:
        lines = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        fail(UserError("invalid_input", "invalid input", {"lines": lines}), as_json=as_json)


def settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as error:
        lines = [f"AFFLOW_{str(e['loc'][0]).upper()}: {e['msg']}" for e in error.errors()]
        fail(UserError("bad_setting", "a setting is invalid", {"lines": lines}), as_json="--json" in sys.argv)


def open_store() -> Engine:
    """The configured database, created or migrated to the current schema."""
    engine = make_engine(settings().database_url)
    migrate(engine)
    return engine


def emit(data: Any, *, as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    else:
        render()
