"""``afflow audit [--since TS] [--actor A] [--json]``: who did what, from the append-only audit log.

Rule sets published, proposals decided or edited, partners blocked, offboarded or reinstated, API and MCP
writes, scheduled scans: each row names its actor (``slack:U123``, ``portal:ann@example.com``,
``cli:ann``, ``agent:tiering``, ``api-key:3:crm``, ``scheduler:scan_for_fraud``). Reading only.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, console, emit, open_store, parse_time, user_errors


def audit(
    since: str | None = typer.Option(None, "--since", help="Only rows at or after this time (ISO 8601)."),
    actor: str | None = typer.Option(
        None, "--actor", help="One actor (slack:U123) or every actor of a kind (slack, portal, cli, api-key, ...)."
    ),
    limit: int = typer.Option(1000, "--limit", min=1, max=100_000, help="At most this many rows, the newest."),
    as_json: bool = JsonOption,
) -> None:
    """Who did what: the audit log's rows, oldest first."""
    from store.audit import entries
    from store.db import transaction

    with user_errors(as_json=as_json):
        start = parse_time(since, option="--since")
        with transaction(open_store()) as session:
            rows = [
                {"id": row.id, "ts": row.ts.isoformat(), "actor": row.actor, "action": row.action,
                 "subject": row.subject, "details": row.details}
                for row in entries(session=session, since=start, actor=actor, limit=limit)
            ]  # fmt: skip
        emit({"entries": rows}, as_json=as_json, render=lambda: _render(rows))


def _render(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no audit entries")
        return
    table = Table("time", "actor", "action", "subject", "details")
    for row in rows:
        details = ", ".join(f"{key}={value}" for key, value in row["details"].items())
        table.add_row(row["ts"][:19], row["actor"], row["action"], row["subject"], details)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
