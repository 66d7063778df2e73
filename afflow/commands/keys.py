"""``afflow keys create NAME --scope S [...] | list | revoke ID``: API keys for the REST API and ``/mcp``.

The key is printed once, by ``create``; the store keeps only its hash (``tools.api_keys``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer
from rich.table import Table

from afflow.clikit import MAX_ID, JsonOption, UserError, console, emit, open_store, user_errors

keys_app = typer.Typer(help="API keys (scoped, shown once, stored hashed) for the REST API and MCP.", no_args_is_help=True)


@keys_app.command("create")
def keys_create(
    name: str = typer.Argument(..., help="What the key is for (e.g. 'warehouse sync')."),
    scope: list[str] = typer.Option(
        ..., "--scope", help="read | links | propose | conversions (repeatable, or comma-separated)."
    ),
    rate_limit: int = typer.Option(120, "--rate-limit", min=1, help="Requests per minute this key may make."),
    as_json: bool = JsonOption,
) -> None:
    """Create a key and print it once: only its hash is stored."""
    from store.db import transaction
    from tools.api_keys import ApiKeyError, create_key

    with user_errors(as_json=as_json):
        scopes = [part for value in scope for part in value.split(",")]
        try:
            with transaction(open_store()) as session:
                key, secret = create_key(
                    session=session, name=name, scopes=scopes, now=datetime.now(UTC), rate_limit_per_minute=rate_limit
                )
        except ApiKeyError as exc:
            raise UserError(exc.code, str(exc)) from exc
        view = {**key.as_json(), "key": secret}
        emit(view, as_json=as_json, render=lambda: _render_created(view))


@keys_app.command("list")
def keys_list(as_json: bool = JsonOption) -> None:
    """Every key: name, prefix, scopes, last use, revocation (never the key itself)."""
    from store.db import transaction
    from tools.api_keys import list_keys

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        rows = [key.as_json() for key in list_keys(session=session)]
    emit({"keys": rows}, as_json=as_json, render=lambda: _render_list(rows))


@keys_app.command("revoke")
def keys_revoke(key_id: int = typer.Argument(..., min=1, max=MAX_ID, help="The key's id (afflow keys list)."), as_json: bool = JsonOption) -> None:
    """Revoke a key: its next request is refused (401)."""
    from store.db import transaction
    from tools.api_keys import ApiKeyError, revoke_key

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                key = revoke_key(session=session, key_id=key_id, now=datetime.now(UTC))
        except ApiKeyError as exc:
            raise UserError(exc.code, str(exc), {"key_id": key_id}) from exc
        view = key.as_json()
        emit(view, as_json=as_json, render=lambda: console.print(f"key {view['id']} ({view['name']}) revoked"))


def _render_created(view: dict[str, Any]) -> None:
    console.print(f"key {view['id']} ({view['name']}), scopes {', '.join(view['scopes'])}:")
    console.print(view["key"], highlight=False, soft_wrap=True)
    console.print("[yellow]shown once: store it now; afflow keeps only its hash[/]")


def _render_list(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no API keys")
        return
    table = Table("id", "name", "prefix", "scopes", "last used", "revoked")
    for row in rows:
        table.add_row(str(row["id"]), row["name"], row["prefix"] + "…", ",".join(row["scopes"]),
                      row["last_used_at"] or "never", row["revoked_at"] or "")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
