"""``afflow webhooks add URL --events E1,E2 [--secret S] | list | remove ID | resume ID | log | deliver``:
signed outbound webhooks (``workflows.delivery.webhooks_out``). ``deliver`` is one pass, for cron and tests;
``afflow serve`` delivers continuously."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import MAX_ID, JsonOption, UserError, console, emit, open_store, user_errors

if TYPE_CHECKING:
    from store.models import WebhookEndpoint

webhooks_app = typer.Typer(help="Signed outbound webhooks to the brand's other tools.", no_args_is_help=True)


def endpoint_view(endpoint: WebhookEndpoint, *, with_secret: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": endpoint.id,
        "url": endpoint.url,
        "events": endpoint.events.split(","),
        "status": endpoint.status,
        "consecutive_failures": endpoint.consecutive_failures,
        "created_at": endpoint.created_at.isoformat(),
    }
    return view | ({"secret": endpoint.secret} if with_secret else {})


@webhooks_app.command("add")
def webhooks_add(
    url: str = typer.Argument(..., help="Where to POST events (http or https)."),
    events: str = typer.Option(..., "--events", help="Comma-separated event types, e.g. commission.created,payout.paid."),
    secret: str | None = typer.Option(None, "--secret", help="The signing secret (default: a new random one)."),
    as_json: bool = JsonOption,
) -> None:
    """Add an endpoint; events from now on are signed with its secret (printed once)."""
    from store.db import transaction
    from workflows.delivery.webhooks_out import WebhookError, add_endpoint

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                endpoint = add_endpoint(session=session, url=url, events=events.split(","), secret=secret,
                                        now=datetime.now(UTC))  # fmt: skip
                view = endpoint_view(endpoint, with_secret=True)
        except WebhookError as exc:
            raise UserError(exc.code, str(exc)) from exc
        emit(view, as_json=as_json,
             render=lambda: console.print(f"webhook {view['id']} → {view['url']}; secret {view['secret']}"))  # fmt: skip


@webhooks_app.command("list")
def webhooks_list(as_json: bool = JsonOption) -> None:
    """Endpoints, their events and status (a paused one failed too often and waits for `resume`)."""
    from sqlalchemy import select

    from store.db import transaction
    from store.models import WebhookEndpoint

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        rows = [endpoint_view(e) for e in session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id))]
    emit({"webhooks": rows}, as_json=as_json, render=lambda: _render_list(rows))


@webhooks_app.command("remove")
def webhooks_remove(endpoint_id: int = typer.Argument(..., min=1, max=MAX_ID, help="The endpoint's id."), as_json: bool = JsonOption) -> None:
    """Remove an endpoint and its pending deliveries."""
    _change(endpoint_id, as_json=as_json, remove=True)


@webhooks_app.command("resume")
def webhooks_resume(endpoint_id: int = typer.Argument(..., min=1, max=MAX_ID, help="The endpoint's id."), as_json: bool = JsonOption) -> None:
    """Resume a paused endpoint: its waiting deliveries are sent again, in order."""
    _change(endpoint_id, as_json=as_json, remove=False)


def _change(endpoint_id: int, *, as_json: bool, remove: bool) -> None:
    from store.db import transaction
    from workflows.delivery.webhooks_out import WebhookError, remove_endpoint, resume_endpoint

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                if remove:
                    remove_endpoint(session=session, endpoint_id=endpoint_id)
                else:
                    resume_endpoint(session=session, endpoint_id=endpoint_id)
        except WebhookError as exc:
            raise UserError(exc.code, str(exc), {"webhook_id": endpoint_id}) from exc
        view = {"id": endpoint_id, "status": "removed" if remove else "active"}
        emit(view, as_json=as_json, render=lambda: console.print(f"webhook {endpoint_id}: {view['status']}"))


@webhooks_app.command("log")
def webhooks_log(
    endpoint_id: int | None = typer.Option(None, "--webhook", help="Only this endpoint."),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help="Most recent deliveries to show."),
    as_json: bool = JsonOption,
) -> None:
    """Recent deliveries: event, status, attempts, the receiver's last answer."""
    from store.db import transaction
    from workflows.delivery.webhooks_out import delivery_log

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        rows = [
            {"webhook_id": d.endpoint_id, "event_id": e.event_id, "type": e.type, "status": d.status,
             "attempts": d.attempts, "last_status": d.last_status, "last_error": d.last_error,
             "next_attempt_at": d.next_attempt_at.isoformat() if d.next_attempt_at else None,
             "sent_at": d.sent_at.isoformat() if d.sent_at else None}
            for d, e in delivery_log(session=session, endpoint_id=endpoint_id, limit=limit)
        ]  # fmt: skip
    emit({"deliveries": rows}, as_json=as_json, render=lambda: _render_log(rows))


@webhooks_app.command("deliver")
def webhooks_deliver(as_json: bool = JsonOption) -> None:
    """One delivery pass: record new events, send what is due."""
    import httpx

    from workflows.delivery.webhooks_out import deliver_webhooks

    with user_errors(as_json=as_json):
        engine = open_store()
        with httpx.Client(timeout=10.0) as client:
            report = deliver_webhooks(engine=engine, client=client, now=datetime.now(UTC))
        view = {"recorded": report.recorded, "sent": report.sent, "retrying": report.retrying,
                "failed": report.failed, "paused_webhooks": report.paused_endpoints}  # fmt: skip
        emit(view, as_json=as_json, render=lambda: console.print(
            f"{view['recorded']} new event(s); sent {view['sent']}, retrying {view['retrying']}, failed {view['failed']}"
            + (f"; paused webhook(s) {view['paused_webhooks']}" if view["paused_webhooks"] else "")))  # fmt: skip


def _render_list(rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no webhooks")
        return
    table = Table("id", "url", "events", "status", "failures")
    for row in rows:
        status = f"[red]{row['status']}[/]" if row["status"] == "paused" else row["status"]
        table.add_row(str(row["id"]), row["url"], ",".join(row["events"]), status, str(row["consecutive_failures"]))
    console.print(table)


def _render_log(rows: list[dict[str, Any]]) -> None:
    table = Table("webhook", "event", "status", "attempts", "last answer")
    for row in rows:
        table.add_row(str(row["webhook_id"]), row["event_id"], row["status"], str(row["attempts"]),
                      row["last_error"] or str(row["last_status"] or ""))  # fmt: skip
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(webhooks_app, name="webhooks")
