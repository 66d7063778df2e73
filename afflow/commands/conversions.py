"""``afflow conversions send | status``: server-side conversions to GA4 and Meta through their outbox.

Destinations come from settings: GA4 when ``AFFLOW_GA4_MEASUREMENT_ID`` and ``AFFLOW_GA4_API_SECRET`` are
set, Meta when ``AFFLOW_META_PIXEL_ID`` and ``AFFLOW_META_ACCESS_TOKEN`` are (base URLs overridable with
``AFFLOW_GA4_BASE_URL`` / ``AFFLOW_META_BASE_URL``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, console, emit, open_store, settings, user_errors

conversions_app = typer.Typer(help="Server-side conversions to GA4 and Meta.", no_args_is_help=True)


@conversions_app.command("send")
def conversions_send(
    limit: int = typer.Option(10_000, min=1, help="Send at most this many events in this run."),
    backfill_days: int = typer.Option(
        7, min=1, max=3650, help="Queue orders and refunds of the last N days only (Meta refuses older ones)."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Queue recent attributed orders and refunds not yet queued, then deliver what is due (with retries)."""
    from workflows.delivery.conversion_senders import destinations_from, send_conversions

    with user_errors(as_json=as_json):
        destinations = destinations_from(settings())
        if not destinations:
            raise UserError(
                "not_configured",
                "no conversion destination configured: set AFFLOW_GA4_MEASUREMENT_ID + AFFLOW_GA4_API_SECRET "
                "and/or AFFLOW_META_PIXEL_ID + AFFLOW_META_ACCESS_TOKEN",
            )
        queued, report = send_conversions(
            engine=open_store(),
            destinations=destinations,
            now=datetime.now(UTC),
            limit=limit,
            backfill=timedelta(days=backfill_days),
        )
        view = {
            "destinations": [d.name for d in destinations],
            "queued": {"purchases": queued.purchases, "refunds": queued.refunds},
            "retracted": queued.voids,  # purchases sent before their order was voided, now taken back
            "sent": report.sent,
            "retrying": report.retrying,
            "failed": report.failed,
            "cancelled": report.cancelled,  # not sent: their order was voided first
            "errors": report.errors[:50],
        }
        emit(view, as_json=as_json, render=lambda: _render_pairs(view))


@conversions_app.command("status")
def conversions_status(as_json: bool = JsonOption) -> None:
    """How many conversions are queued, sent or failed, per destination."""
    from sqlalchemy import func, select

    from store.db import transaction
    from store.models import ConversionOutbox

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        rows = session.execute(
            select(ConversionOutbox.destination, ConversionOutbox.status, func.count())
            .group_by(ConversionOutbox.destination, ConversionOutbox.status)
            .order_by(ConversionOutbox.destination, ConversionOutbox.status)
        ).all()
    counts: dict[str, dict[str, int]] = {}
    for destination, status, count in rows:
        counts.setdefault(destination, {"queued": 0, "sent": 0, "failed": 0})[status] = int(count)
    view: dict[str, Any] = {"destinations": counts}
    emit(view, as_json=as_json, render=lambda: _render_counts(counts))


def _render_pairs(view: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in view.items():
        table.add_row(f"[bold]{key}[/]", str(value))
    console.print(table)


def _render_counts(counts: dict[str, dict[str, int]]) -> None:
    table = Table("destination", "queued", "sent", "failed", "cancelled")
    for destination, by_status in counts.items():
        table.add_row(destination, *(str(by_status.get(s, 0)) for s in ("queued", "sent", "failed", "cancelled")))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(conversions_app, name="conversions")
