"""``afflow inbox list [--status S ...] [--source S] [--since TS] | retry ID | dismiss ID --reason T``: the inbox.

Every order and refund goes through the inbox (``inbox_events``) before it is booked. ``list`` shows what
is not booked, oldest first, with why: ``failed`` (booking refused it: the reason), ``parked`` (a refund
whose order has not arrived, an order without an exchange rate), ``waiting`` (an order booked without credit whose click is not known yet),
``pending`` (queued). ``retry`` sends a failed event back to the queue once its cause is fixed and books it;
``dismiss`` records, with a reason, that a person gave a failed event up. Nothing here deletes an event. The reads are ``tools.inbox_view``'s, shared with the weekly report.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import MAX_ID, JsonOption, UserError, cli_actor, console, emit, open_store, parse_time, user_errors

if TYPE_CHECKING:
    from tools.inbox_view import InboxRow

inbox_app = typer.Typer(help="Events received and not booked: failed, parked, waiting, pending.", no_args_is_help=True)

STATUS_HELP = (
    "pending | waiting | parked | failed | booked | duplicate | dismissed; repeatable "
    "(default: pending, waiting, parked, failed)."
)
NEXT_STEP = {
    "failed": "fix the cause, then `afflow inbox retry ID`",
    "parked": "a refund's order must arrive from the same store (webhook, or `afflow import orders --source "
    "STORE`); an order needs what its reason names (e.g. `afflow import fx_rates`)",
    "waiting": "import its clicks (`afflow import clicks`) or run `afflow ledger reconcile`",
    "pending": "booked by the next drain of `afflow serve`",
    "dismissed": "given up by a person (see `afflow audit`); `afflow inbox retry ID` still books it",
}


def event_view(row: InboxRow, now: datetime) -> dict[str, Any]:
    age = row.age(now)
    return {
        "id": row.id,
        "source": row.source,
        "kind": row.kind,
        "external_id": row.external_id,
        "order_id": row.order_id,
        "status": row.status,
        "reason": row.reason,
        "received_at": row.received_at.isoformat(),
        "processed_at": row.processed_at.isoformat() if row.processed_at else None,
        "age_seconds": int(age.total_seconds()),
        "age": _age_text(int(age.total_seconds())),
    }


@inbox_app.command("list")
def list_command(
    status: list[str] = typer.Option([], "--status", metavar="STATUS", help=STATUS_HELP),
    source: str | None = typer.Option(
        None, "--source", help="Only events from this store or door (shopify, csv, ...)."
    ),
    since: str | None = typer.Option(None, "--since", help="Only events received at or after this time (ISO 8601)."),
    limit: int = typer.Option(1000, "--limit", min=1, max=100_000, help="At most this many events, the oldest."),
    as_json: bool = JsonOption,
) -> None:
    """Events not booked (or of --status), oldest first: id, store, kind, order id, status, reason, age."""
    from store.db import transaction
    from tools.inbox_view import OPEN_STATUSES, STATUSES, list_events

    with user_errors(as_json=as_json):
        bad = [s for s in status if s not in STATUSES]
        if bad:
            raise UserError("bad_option", f"--status: {', '.join(map(repr, bad))} is not one of {', '.join(STATUSES)}",
                            {"status": bad})  # fmt: skip
        start = parse_time(since, option="--since")
        now = datetime.now(UTC)
        with transaction(open_store()) as session:
            found = list_events(session=session, statuses=status or OPEN_STATUSES, source=source, since=start,
                                limit=limit)  # fmt: skip
        data = {"events": [event_view(row, now) for row in found.rows], "total": found.total,
                "counts": {s: found.counts.get(s, 0) for s in STATUSES}}  # fmt: skip
        emit(data, as_json=as_json, render=lambda: _render(data))


@inbox_app.command("retry")
def retry_command(
    inbox_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Inbox event id (see `afflow inbox list`)."),
    as_json: bool = JsonOption,
) -> None:
    """Send a failed (or dismissed) event back to the queue and book it now; another status is left as it is."""
    from store.db import transaction
    from tools.inbox_view import get_event
    from workflows.booking.inbox import RETRYABLE, UnknownInboxEvent, requeue_failed
    from workflows.booking.ingest import process_pending

    with user_errors(as_json=as_json):
        engine = open_store()
        try:
            with transaction(engine) as session:
                before, failed_with = requeue_failed(session=session, inbox_id=inbox_id, actor=cli_actor())
        except UnknownInboxEvent as exc:
            raise UserError("not_found", str(exc), {"inbox_id": inbox_id}) from exc
        retried = before in RETRYABLE
        if retried:
            with transaction(engine) as session:  # what the inbox worker does: book the queue, oldest first
                process_pending(session=session)
        with transaction(engine) as session:
            row = get_event(session=session, inbox_id=inbox_id)
        assert row is not None  # events are never deleted
        data = {**event_view(row, datetime.now(UTC)), "retried": retried, "previous_status": before,
                "failed_with": failed_with if retried else None}  # fmt: skip
        if retried and row.status == "failed":
            raise UserError("still_failed", f"inbox event {inbox_id} failed again: {row.reason}", data)
        emit(data, as_json=as_json, render=lambda: _render_retry(data))


@inbox_app.command("dismiss")
def dismiss_command(
    inbox_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Inbox event id (see `afflow inbox list`)."),
    reason: str = typer.Option(..., "--reason", help="Why it will never be booked (kept with it and audited)."),
    as_json: bool = JsonOption,
) -> None:
    """Give up a failed event that can never book (its store sent a corrected one): kept, audited, retryable."""
    from store.db import transaction
    from tools.inbox_view import get_event
    from workflows.booking.inbox import UnknownInboxEvent, dismiss_failed

    with user_errors(as_json=as_json):
        if not reason.strip():
            raise UserError("bad_option", "--reason: say why the event will never be booked", {"inbox_id": inbox_id})
        engine = open_store()
        try:
            with transaction(engine) as session:
                before, failed_with = dismiss_failed(session=session, inbox_id=inbox_id, actor=cli_actor(),
                                                     reason=reason.strip())  # fmt: skip
                row = get_event(session=session, inbox_id=inbox_id)
        except UnknownInboxEvent as exc:
            raise UserError("not_found", str(exc), {"inbox_id": inbox_id}) from exc
        assert row is not None
        if before not in ("failed", "dismissed"):  # dismissing twice changes nothing and is no mistake
            raise UserError("not_failed", f"inbox event {inbox_id} is {before}, not failed: only a failed event is "
                            "dismissed", {"inbox_id": inbox_id, "status": before})  # fmt: skip
        data = {**event_view(row, datetime.now(UTC)), "dismissed": before == "failed", "previous_status": before,
                "failed_with": failed_with if before == "failed" else None}  # fmt: skip
        emit(
            data,
            as_json=as_json,
            render=lambda: console.print(f"inbox event {inbox_id} dismissed (retry still books it)", highlight=False),
        )


def _render(data: dict[str, Any]) -> None:
    rows = data["events"]
    if not rows:
        console.print("no events")
        return
    table = Table("id", "source", "kind", "order", "status", "age", "received", "reason")
    for row in rows:
        table.add_row(str(row["id"]), row["source"], row["kind"], row["order_id"] or "", row["status"], row["age"],
                      row["received_at"][:19], row["reason"] or "")  # fmt: skip
    console.print(table)
    if data["total"] > len(rows):
        console.print(f"{len(rows)} of {data['total']} shown (the oldest); raise --limit for more")
    for status in dict.fromkeys(row["status"] for row in rows):
        if status in NEXT_STEP:
            console.print(f"{status}: {NEXT_STEP[status]}", highlight=False)


def _render_retry(data: dict[str, Any]) -> None:
    if data["retried"]:
        console.print(f"inbox event {data['id']} ({data['external_id']}): failed -> {data['status']}", highlight=False)
    else:
        console.print(f"inbox event {data['id']} is {data['status']}, not failed: nothing to retry"
                      + (f" ({data['reason']})" if data["reason"] else ""), highlight=False)  # fmt: skip


def _age_text(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    if days:
        return f"{days}d {rest // 3600}h"
    hours, rest = divmod(rest, 3600)
    return f"{hours}h {rest // 60}m" if hours else f"{rest // 60}m"


def register(app: typer.Typer) -> None:
    app.add_typer(inbox_app, name="inbox")
