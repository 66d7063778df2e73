"""``afflow rules show|set``: read the commission rules in force, publish a new effective-dated version.

Publishing never re-prices commissions already booked; orders at or after ``--effective-from`` use it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, parse_time, user_errors

if TYPE_CHECKING:
    from store.rules import RuleVersion

rules_app = typer.Typer(help="Commission rule sets (versioned, effective-dated).", no_args_is_help=True)


def _version_view(version: RuleVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "effective_from": version.effective_from.isoformat(),
        "note": version.note,
        "body": version.body.to_json(),
    }


@rules_app.command("show")
def rules_show(
    at: str | None = typer.Option(None, "--at", help="Show the version in force at this ISO 8601 time; default now."),
    as_json: bool = JsonOption,
) -> None:
    """The rule set in force, and every published version."""
    from store.db import transaction
    from store.rules import rule_sets_in_force

    with user_errors(as_json=as_json):
        moment = parse_time(at, option="--at", default=datetime.now(UTC))
        with transaction(open_store()) as session:
            book = rule_sets_in_force(session=session)
    view = {
        "in_force": _version_view(book.at(moment)),
        "versions": [
            {"version": v.version, "effective_from": v.effective_from.isoformat(), "note": v.note}
            for v in book.versions
        ],
    }
    emit(view, as_json=as_json, render=lambda: _render(view))


def _render(view: dict[str, Any]) -> None:
    table = Table("version", "effective from", "note")
    for version in view["versions"]:
        table.add_row(str(version["version"]), version["effective_from"], version["note"])
    console.print(table)
    in_force = view["in_force"]
    console.print(f"[bold]in force: version {in_force['version']}[/]")
    console.print_json(data=in_force["body"])


@rules_app.command("set")
def rules_set(
    file: Path = typer.Argument(..., help="A JSON rule set body (see store.rules.RuleSetBody)."),
    effective_from: str | None = typer.Option(None, "--effective-from", help="ISO 8601 time; default now."),
    note: str = typer.Option("", "--note", help="Why this version exists."),
    as_json: bool = JsonOption,
) -> None:
    """Validate FILE.json and publish it as the next rule-set version."""
    from store.audit import record
    from store.db import transaction
    from store.rules import RuleSetBody, publish_rule_set

    with user_errors(as_json=as_json):
        moment = parse_time(effective_from, option="--effective-from", default=datetime.now(UTC))
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError("no_file", f"{file}: cannot read: {exc.strerror}") from exc
        body = RuleSetBody.model_validate_json(text)
        with transaction(open_store()) as session:
            version = publish_rule_set(session=session, body=body, effective_from=moment, note=note)
            record(session=session, actor=cli_actor(), action="rule_set_published", subject=f"rule_set:{version}",
                   details={"effective_from": moment.isoformat(), "note": note})
    view = {"version": version, "effective_from": moment.isoformat(), "note": note}
    emit(view, as_json=as_json, render=lambda: console.print(f"published rule set version {version} from {moment}"))


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
