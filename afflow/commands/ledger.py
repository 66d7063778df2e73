"""``afflow ledger balance|reconcile`` and ``afflow payouts create|export``: finance's view of the ledger.

Money in JSON is a decimal string in the program currency; times are ISO 8601 with offset.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import (
    MAX_ID,
    JsonOption,
    UserError,
    cli_actor,
    console,
    emit,
    error_console,
    open_store,
    parse_time,
    user_errors,
)
from store.money import format_money

if TYPE_CHECKING:
    from store.ledger import PartnerBalance

ledger_app = typer.Typer(help="Balances and the lifecycle clock.", no_args_is_help=True)
payouts_app = typer.Typer(help="Payout batches for finance.", no_args_is_help=True)
AsOfOption = typer.Option(None, "--as-of", help="ISO 8601 time (UTC if no offset); default now.")


def _table(columns: list[str], rows: list[list[str]]) -> None:
    table = Table(*columns)
    for row in rows:
        table.add_row(*row)
    console.print(table)


MONEY_FIELDS = ("pending", "locked", "paid", "clawback")


def balances_view(found: list[PartnerBalance], currency: str) -> dict[str, Any]:
    """``afflow ledger balance --json`` (and the REST API's ``/ledger/balances``)."""
    return {
        "currency": currency,
        "partners": [
            {"partner_id": b.partner_id} | {f: format_money(getattr(b, f), currency) for f in MONEY_FIELDS}
            for b in found
        ],
    }


@ledger_app.command("balance")
def ledger_balance(
    partner: str | None = typer.Option(None, "--partner", help="Only this partner id."), as_json: bool = JsonOption
) -> None:
    """Pending / locked / paid / clawback per partner, derived from ledger entries."""
    from store.db import ensure_program, transaction
    from store.ledger import PartnerBalance, balances
    from store.models import Partner

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        currency = ensure_program(session).currency
        if partner is not None and session.get(Partner, partner) is None:
            raise UserError("unknown_partner", f"--partner: no partner {partner!r}")
        found = balances(session=session, partner_id=partner)
        if partner is not None and not found:
            found = [PartnerBalance(partner_id=partner, pending=0, locked=0, paid=0, clawback=0)]
        view = balances_view(found, currency)
    emit(
        view,
        as_json=as_json,
        render=lambda: _table(
            ["partner", *MONEY_FIELDS], [[p["partner_id"], *(p[f] for f in MONEY_FIELDS)] for p in view["partners"]]
        ),
    )


@ledger_app.command("reconcile")
def ledger_reconcile(as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """Replay parked events whose order arrived, credit orders whose click arrived, lock matured commissions."""
    from store.db import ensure_program, transaction
    from workflows.booking.lifecycle import reconcile

    with user_errors(as_json=as_json):
        moment = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        engine = open_store()
        spinner = error_console.status("reconciling...", spinner="dots") if not as_json else nullcontext()
        with spinner, transaction(engine) as session:
            currency = ensure_program(session).currency
            report = reconcile(session=session, as_of=moment)
    view = {
        "as_of": report.as_of.isoformat(),
        "replayed": report.replayed,
        "still_parked": report.still_parked,
        "late_credited": report.late_credited,
        "still_waiting": report.still_waiting,
        "locked_commissions": report.locked_commissions,
        "locked": format_money(report.locked_cents, currency),
        "currency": currency,
        "partners": [
            {"partner_id": p.partner_id, "commissions": p.commissions, "amount": format_money(p.amount_cents, currency)}
            for p in report.partners
        ],
    }
    emit(
        view,
        as_json=as_json,
        render=lambda: console.print(
            f"replayed {view['replayed']} parked event(s) ({view['still_parked']} still parked); "
            f"credited {view['late_credited']} order(s) whose click arrived late ({view['still_waiting']} still "
            "waiting for their click); "
            f"locked {view['locked_commissions']} commission(s) worth {view['locked']} {currency}"
        ),
    )


@payouts_app.command("create")
def payouts_create(as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """Pay every payable partner its locked commissions net of open clawbacks, as one batch."""
    from store.audit import record
    from store.db import transaction
    from workflows.booking.payouts import create_payout_batch

    with user_errors(as_json=as_json):
        moment = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        with transaction(open_store()) as session:
            result = create_payout_batch(session=session, as_of=moment)
            if result.batch_id is not None:  # booked paid in the same step
                record(session=session, actor=cli_actor(), action="payout_batch_created_paid",
                       subject=f"payout_batch:{result.batch_id}",
                       details={"total_cents": result.total_cents, "partners": len(result.items)})  # fmt: skip
    money = result.currency
    view = {
        "batch_id": result.batch_id,
        "as_of": result.as_of.isoformat(),
        "currency": money,
        "total": format_money(result.total_cents, money),
        "items": [
            {
                "partner_id": item.partner_id,
                "gross": format_money(item.gross_cents, money),
                "clawback": format_money(item.clawback_cents, money),
                "net": format_money(item.net_cents, money),
                "commission_count": item.commission_count,
            }
            for item in result.items
        ],
        "held": [
            {"partner_id": h.partner_id, "locked": format_money(h.locked_cents, money), "reason": h.reason}
            for h in result.held
        ],
        "message": result.reason or f"batch {result.batch_id} created",
    }
    emit(view, as_json=as_json, render=lambda: _render_batch(view))


def _render_batch(view: dict[str, Any]) -> None:
    console.print(view["message"])
    if view["items"]:
        keys = ["partner_id", "gross", "clawback", "net", "commission_count"]
        _table(keys, [[str(item[k]) for k in keys] for item in view["items"]])
        console.print(f"total {view['total']} {view['currency']}")
    if view["held"]:
        console.print(f"[yellow]held[/] {len(view['held'])} partner(s) under review (not paid):")
        _table(["partner_id", "locked", "reason"], [[h["partner_id"], h["locked"], h["reason"]] for h in view["held"]])


@payouts_app.command("export")
def payouts_export(
    batch: int = typer.Argument(..., min=1, max=MAX_ID, help="The payout batch id."),
    file_format: str = typer.Option("csv", "--format", help="Export format: csv."),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    as_json: bool = JsonOption,
) -> None:
    """Export a payout batch (partner_id,name,email,gross,clawback,net,currency,commission_count)."""
    from store.db import transaction
    from workflows.booking.payouts import UnknownBatch, export_batch_csv

    with user_errors(as_json=as_json):
        if file_format != "csv":
            raise UserError("bad_option", f"--format: {file_format!r} is not supported; use csv")
        with transaction(open_store()) as session:
            try:
                text = export_batch_csv(session=session, batch_id=batch)
            except UnknownBatch as exc:
                raise UserError("unknown_batch", str(exc)) from exc
        rows = text.count("\n") - 1
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UserError("bad_option", f"--output: cannot write {output}: {exc.strerror}") from exc
    if output is None and not as_json:
        typer.echo(text, nl=False)
        return
    view = {"batch_id": batch, "format": "csv", "output": str(output) if output else None, "rows": rows}
    if output is None:
        view["csv"] = text
    emit(view, as_json=as_json, render=lambda: console.print(f"wrote {rows} row(s) to {output}"))


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
    app.add_typer(payouts_app, name="payouts")
