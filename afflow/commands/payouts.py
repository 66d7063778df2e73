"""``afflow payouts``: finance's batches, from preview to paid, and the holds that keep partners out of them.

``preview`` / ``create`` (who is paid, who is held and why), ``list`` / ``show``, ``mark-sent`` / ``mark-paid``
(the batch's status; the ledger booked the payout at ``create``), ``export``, ``findings`` (high-severity
fraud findings that hold payouts until a human clears or confirms them) and ``tax-report`` (year-end totals).
Money in JSON is a decimal string in the program currency; times are ISO 8601 with offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from afflow.clikit import (
    MAX_ID,
    JsonOption,
    UserError,
    cli_actor,
    console,
    emit,
    open_store,
    parse_time,
    print_table,
    settings,
    user_errors,
)
from store.money import format_money

if TYPE_CHECKING:
    from store.models import FraudFinding
    from workflows.booking.payouts import HeldPartner, PayoutLine

payouts_app = typer.Typer(help="Payout batches for finance.", no_args_is_help=True)
findings_app = typer.Typer(help="High-severity fraud findings that hold payouts until decided.", no_args_is_help=True)
payouts_app.add_typer(findings_app, name="findings")
AsOfOption = typer.Option(None, "--as-of", help="ISO 8601 time (UTC if no offset); default now.")
BatchArgument = typer.Argument(..., min=1, max=MAX_ID, help="The payout batch id.")


@payouts_app.command("preview")
def payouts_preview(as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """What `payouts create` would pay and hold now, without booking anything."""
    from store.db import transaction
    from workflows.booking.payouts import plan_payout

    with user_errors(as_json=as_json):
        moment = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        with transaction(open_store()) as session:
            plan = plan_payout(session=session, as_of=moment)
    money = plan.currency
    view = {
        "as_of": plan.as_of.isoformat(),
        "currency": money,
        "total": format_money(plan.total_cents, money),
        "held_total": format_money(plan.held_cents, money),
        "min_payout": format_money(plan.min_payout_cents, money),
        **_paid_and_held(plan.lines, plan.held, money),
        "message": f"would pay {len(plan.lines)} partner(s), hold {len(plan.held)}",
    }
    emit(view, as_json=as_json, render=lambda: _render_batch(view))


@payouts_app.command("create")
def payouts_create(as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """Pay every ready partner its locked commissions net of open clawbacks, as one batch; list who is held."""
    from store.db import transaction
    from workflows.booking.payouts import create_payout_batch

    with user_errors(as_json=as_json):
        moment = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        with transaction(open_store()) as session:
            result = create_payout_batch(session=session, as_of=moment, actor=cli_actor())
    money = result.currency
    view = {
        "batch_id": result.batch_id,
        "status": "created" if result.batch_id is not None else None,
        "as_of": result.as_of.isoformat(),
        "currency": money,
        "total": format_money(result.total_cents, money),
        **_paid_and_held(result.items, result.held, money),
        "message": result.reason or f"batch {result.batch_id} created",
    }
    emit(view, as_json=as_json, render=lambda: _render_batch(view))


def _paid_and_held(lines: Sequence[PayoutLine], held: Sequence[HeldPartner], currency: str) -> dict[str, Any]:
    """The ``items`` and ``held`` of a batch's view, whether it is previewed or created (``_render_batch``)."""
    from workflows.booking.payout_status import held_view, line_view

    return {"items": [line_view(line, currency) for line in lines], "held": [held_view(h, currency) for h in held]}


def _render_batch(view: dict[str, Any]) -> None:
    """``preview``, ``create`` and ``show``: who is paid (and the total), then who is held and why."""
    console.print(view["message"])
    if view["items"]:
        keys = ["partner_id", "gross", "clawback", "net", "commission_count"]
        print_table(keys, [[str(item[k]) for k in keys] for item in view["items"]])
        console.print(f"total {view['total']} {view['currency']}")
    if view["held"]:
        console.print(f"[yellow]held[/] {len(view['held'])} partner(s), not paid (their balance carries over):")
        held = [[h["partner_id"], h["locked"], h["reason"]] for h in view["held"]]
        print_table(["partner_id", "locked", "reason"], held)


@payouts_app.command("list")
def payouts_list(
    status: str | None = typer.Option(None, "--status", help="Only batches in this status: created, sent or paid."),
    as_json: bool = JsonOption,
) -> None:
    """Payout batches, newest first: status, total, partners paid and held, who created, sent and paid them."""
    from store.db import transaction
    from workflows.booking.payout_status import NEXT_STATUS, batch_view, list_batches

    with user_errors(as_json=as_json):
        if status is not None and status not in (*NEXT_STATUS, "paid"):
            raise UserError("bad_option", f"--status: {status!r} is not one of created, sent, paid")
        with transaction(open_store()) as session:
            views = [
                batch_view(s.batch) | {"partners": s.partners, "held_count": s.held}
                for s in list_batches(session=session, status=status)
            ]
    emit(
        {"batches": views},
        as_json=as_json,
        render=lambda: print_table(
            ["batch", "status", "as of", "total", "partners", "held", "created by", "sent", "paid"],
            [
                [str(v["batch_id"]), v["status"], v["as_of"][:10], f"{v['total']} {v['currency']}", str(v["partners"]),
                 str(v["held_count"]), v["created_by"] or "", _who(v["sent_at"], v["sent_by"]),
                 _who(v["paid_at"], v["paid_by"])]
                for v in views
            ],
        ),
    )  # fmt: skip


def _who(at: str | None, by: str | None) -> str:
    return f"{at[:16]} {by or ''}".strip() if at else ""


@payouts_app.command("show")
def payouts_show(batch: int = BatchArgument, as_json: bool = JsonOption) -> None:
    """One batch: its status history, the partners it paid and those it held, with their reasons."""
    from store.db import transaction
    from store.models import PayoutBatch
    from workflows.booking.payout_status import batch_json

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        row = session.get(PayoutBatch, batch)
        if row is None:
            raise UserError("unknown_batch", f"payout batch {batch} does not exist")
        view = batch_json(session=session, batch=row)
    view["message"] = f"batch {batch}: {view['status']}"
    emit(view, as_json=as_json, render=lambda: _render_batch(view))


def _move(batch: int, to: str, note: str, as_json: bool) -> None:
    from store.db import transaction
    from workflows.booking.payout_status import BatchStatusRefused, batch_view, move_batch
    from workflows.booking.payouts import UnknownBatch

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                moved = move_batch(session=session, batch_id=batch, to="sent" if to == "sent" else "paid",
                                   actor=cli_actor(), now=datetime.now(UTC), note=note)  # fmt: skip
                view = batch_view(moved)
        except UnknownBatch as exc:
            raise UserError("unknown_batch", str(exc)) from exc
        except BatchStatusRefused as exc:
            raise UserError("bad_status", str(exc)) from exc
    emit(view, as_json=as_json, render=lambda: console.print(f"batch {batch} is now {view['status']}"))


NoteOption = typer.Option("", "--note", help="Free text kept in the audit log (e.g. the bank's reference).")


@payouts_app.command("mark-sent")
def payouts_mark_sent(batch: int = BatchArgument, note: str = NoteOption, as_json: bool = JsonOption) -> None:
    """Record that a created batch's money left (bank file or PayPal payout submitted): created -> sent."""
    _move(batch, "sent", note, as_json)


@payouts_app.command("mark-paid")
def payouts_mark_paid(batch: int = BatchArgument, note: str = NoteOption, as_json: bool = JsonOption) -> None:
    """Record that a sent batch arrived (finance confirmed it): sent -> paid. The ledger is not touched."""
    _move(batch, "paid", note, as_json)


@payouts_app.command("export")
def payouts_export(
    batch: int = BatchArgument,
    file_format: str = typer.Option("csv", "--format", help="csv (every item), bank-csv or paypal-csv."),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    as_json: bool = JsonOption,
) -> None:
    """Export a payout batch: csv (partner_id,name,email,gross,clawback,net,currency,commission_count), or the
    items paid by bank transfer (bank-csv) or PayPal (paypal-csv) for the bank's or PayPal's upload."""
    from store.db import transaction
    from workflows.booking.payout_files import FORMATS, export_method_csv
    from workflows.booking.payouts import UnknownBatch, export_batch_csv

    with user_errors(as_json=as_json):
        if file_format not in ("csv", *FORMATS):
            raise UserError("bad_option", f"--format: {file_format!r} is not supported; use csv, bank-csv or paypal-csv")
        with transaction(open_store()) as session:
            try:
                text = (
                    export_batch_csv(session=session, batch_id=batch)
                    if file_format == "csv"
                    else export_method_csv(session=session, batch_id=batch, file_format=file_format)
                )
            except UnknownBatch as exc:
                raise UserError("unknown_batch", str(exc)) from exc
        rows = text.count("\n") - 1
        _write_output(text, output)
    if output is None and not as_json:
        typer.echo(text, nl=False)
        return
    view = {"batch_id": batch, "format": file_format, "output": str(output) if output else None, "rows": rows}
    if output is None:
        view["csv"] = text
    emit(view, as_json=as_json, render=lambda: console.print(f"wrote {rows} row(s) to {output}"))


def _write_output(text: str, output: Path | None) -> None:
    """Write an export to ``--output`` when given; a path that cannot be written is the user's to fix."""
    if output is None:
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError("bad_option", f"--output: cannot write {output}: {exc.strerror}") from exc


@payouts_app.command("tax-report")
def payouts_tax_report(
    year: int = typer.Option(..., "--year", min=2000, max=2099, help="Calendar year (UTC) of the payouts."),
    file_format: str = typer.Option("csv", "--format", help="Export format: csv."),
    threshold: str | None = typer.Option(
        None, "--threshold", help="1099-NEC threshold in the program currency (default 600.00 to 2025, 2000.00 from 2026)."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write here instead of stdout."),
    as_json: bool = JsonOption,
) -> None:
    """Per partner paid in the year: total paid, country, tax form, tax id on file, the 1099-NEC flag."""
    from store.db import ensure_program, transaction
    from store.money import MoneyError, parse_money
    from workflows.booking.tax_report import default_threshold_cents, tax_report, tax_report_csv

    with user_errors(as_json=as_json):
        if file_format != "csv":
            raise UserError("bad_option", f"--format: {file_format!r} is not supported; use csv")
        with transaction(open_store()) as session:
            currency = ensure_program(session).currency
            try:
                limit = default_threshold_cents(year) if threshold is None else parse_money(threshold, currency)
            except MoneyError as exc:
                raise UserError("bad_option", f"--threshold: {exc}") from exc
            report = tax_report(session=session, year=year, threshold_cents=limit)
        text = tax_report_csv(report)
        _write_output(text, output)
    if output is None and not as_json:
        typer.echo(text, nl=False)
        return
    view: dict[str, Any] = {
        "year": year,
        "currency": report.currency,
        "threshold": format_money(report.threshold_cents, report.currency),
        "partners": len(report.rows),
        "form_1099_nec": sum(r.form_1099_nec for r in report.rows),
        "output": str(output) if output else None,
    }
    if output is None:
        view["csv"] = text
    emit(view, as_json=as_json, render=lambda: console.print(f"wrote {view['partners']} partner(s) to {output}"))


def finding_view(row: FraudFinding) -> dict[str, Any]:
    return {
        "id": row.id,
        "partner_id": row.partner_id,
        "signal": row.signal,
        "severity": row.severity,
        "status": row.status,
        "summary": row.summary,
        "first_seen_at": row.first_seen_at.isoformat(),
        "last_seen_at": row.last_seen_at.isoformat(),
        "decided_by": row.decided_by,
        "decided_at": row.decided_at.isoformat() if row.decided_at else None,
        "decision_reason": row.decision_reason,
    }


def _render_findings(views: list[dict[str, Any]]) -> None:
    print_table(
        ["id", "partner", "signal", "status", "last seen", "decided"],
        [[str(v["id"]), v["partner_id"], v["signal"], v["status"], v["last_seen_at"][:16],
          f"{v['decided_by'] or ''} {v['decision_reason'] or ''}".strip()] for v in views],
    )  # fmt: skip


@findings_app.command("list")
def findings_list(
    status: str | None = typer.Option("open", "--status", help="open (default), cleared, confirmed or all."),
    as_json: bool = JsonOption,
) -> None:
    """Kept high-severity findings; open ones hold their partner's payouts."""
    from store.db import transaction
    from workflows.booking.fraud_holds import list_findings

    with user_errors(as_json=as_json):
        if status not in ("open", "cleared", "confirmed", "all"):
            raise UserError("bad_option", f"--status: {status!r} is not one of open, cleared, confirmed, all")
        with transaction(open_store()) as session:
            views = [finding_view(r) for r in list_findings(session=session, status=None if status == "all" else status)]
    emit({"findings": views}, as_json=as_json, render=lambda: _render_findings(views))


@findings_app.command("scan")
def findings_scan(
    as_of: str | None = typer.Option(None, "--as-of", help="Window end, ISO 8601 (default: the latest click or order)."),
    as_json: bool = JsonOption,
) -> None:
    """Run the fraud scan over the tiers' look-back and keep its high-severity findings (as the daily job does)."""
    from store.db import transaction
    from tools.analytics_sql import resolve_window
    from tools.fraud import scan
    from workflows.booking.fraud_holds import record_findings

    with user_errors(as_json=as_json):
        end = parse_time(as_of, option="--as-of")
        config = settings()
        days = config.score_thresholds.fraud_window_days
        with transaction(open_store()) as session:
            window = resolve_window(session=session, days=days, as_of=end)
            report = scan(session=session, start=window.start, end=window.end, thresholds=config.fraud_thresholds)
            views = [finding_view(r) for r in
                     record_findings(session=session, findings=report.findings, now=datetime.now(UTC), quiet_days=days)]  # fmt: skip
    emit({"findings": views}, as_json=as_json, render=lambda: _render_findings(views))


def _decide(finding: int, decision: str, reason: str, as_json: bool) -> None:
    from store.db import transaction
    from workflows.booking.fraud_holds import FindingAlreadyDecided, UnknownFinding, decide_finding

    with user_errors(as_json=as_json):
        if not reason.strip():
            raise UserError("bad_option", "--reason: say why (it is kept in the audit log)")
        try:
            with transaction(open_store()) as session:
                row = decide_finding(session=session, finding_id=finding, decision="cleared" if decision == "cleared"
                                     else "confirmed", actor=cli_actor(), reason=reason, now=datetime.now(UTC))  # fmt: skip
                view = finding_view(row)
        except UnknownFinding as exc:
            raise UserError("unknown_finding", str(exc)) from exc
        except FindingAlreadyDecided as exc:
            raise UserError("already_decided", str(exc)) from exc
    emit(view, as_json=as_json, render=lambda: console.print(f"finding {finding} {view['status']}"))


FindingArgument = typer.Argument(..., min=1, max=MAX_ID, help="The finding id (afflow payouts findings list).")
ReasonOption = typer.Option(..., "--reason", help="Why (kept in the audit log).")


@findings_app.command("clear")
def findings_clear(finding: int = FindingArgument, reason: str = ReasonOption, as_json: bool = JsonOption) -> None:
    """A false alarm: the finding stops holding the partner's payouts."""
    _decide(finding, "cleared", reason, as_json)


@findings_app.command("confirm")
def findings_confirm(finding: int = FindingArgument, reason: str = ReasonOption, as_json: bool = JsonOption) -> None:
    """Confirmed: the finding stops holding by itself; act through a clawback or offboarding proposal."""
    _decide(finding, "confirmed", reason, as_json)


def register(app: typer.Typer) -> None:
    app.add_typer(payouts_app, name="payouts")
