"""``afflow match signals | run | costs``: probabilistic matching of orders nothing identifies, and what it costs.

Turn it on with ``afflow program set --probabilistic-matching [--probabilistic-threshold 0.9]``.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, console, emit, open_store, parse_time, user_errors
from store.money import format_money

if TYPE_CHECKING:
    from workflows.booking.order_signals import OrderSignalIn

match_app = typer.Typer(
    help="Probabilistic matching of orders without click id, ref code or coupon.", no_args_is_help=True
)


def parse_threshold(text: str) -> Decimal:
    """A confidence threshold from the command line: a decimal between 0.5 and 1."""
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise UserError("bad_option", f"--probabilistic-threshold: {text!r} is not a number") from exc
    if not value.is_finite() or not Decimal("0.5") <= value <= 1:
        raise UserError("bad_option", f"--probabilistic-threshold: {text} is not between 0.5 and 1")
    return value


@match_app.command("run")
def match_run(
    as_of: str | None = typer.Option(None, "--as-of", help="Match orders placed up to this time (default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Match and book unattributed orders whose confidence reaches the program's threshold."""
    from store.db import ensure_program, transaction
    from workflows.matching.probabilistic import match_unattributed

    with user_errors(as_json=as_json):
        moment = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        with transaction(open_store()) as session:
            report = match_unattributed(session=session, as_of=moment)
            currency = ensure_program(session).currency
        view = {
            "enabled": report.enabled,
            "threshold": str(report.threshold),
            "considered": report.considered,
            "matched": report.matched,
            "below_threshold": report.below_threshold,
            "commission": format_money(report.commission_cents, currency),
        }
        if not report.enabled:
            view["hint"] = "probabilistic matching is off: afflow program set --probabilistic-matching"
        emit(view, as_json=as_json, render=lambda: _render_pairs(view))


@match_app.command("signals")
def match_signals(
    file: Path = typer.Argument(..., help="CSV with columns order_id,ip,user_agent (checkout signals)."),
    as_json: bool = JsonOption,
) -> None:
    """Load buyers' checkout signals (hashed on arrival, raw IPs never stored); all-or-nothing per file."""
    from store.db import ensure_program, transaction
    from workflows.booking.order_signals import record_order_signals

    with user_errors(as_json=as_json):
        signals = read_signals(file)
        with transaction(open_store()) as session:
            recorded = record_order_signals(session=session, signals=signals, salt=ensure_program(session).ip_salt)
        view = {"file": str(file), "rows": len(signals), "recorded": recorded}
        emit(view, as_json=as_json, render=lambda: _render_pairs(view))


def read_signals(path: Path) -> list[OrderSignalIn]:
    """Parse and validate every row first; any bad row fails the whole file with its line number."""
    from pydantic import ValidationError

    from workflows.booking.order_signals import OrderSignalIn

    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("order_id", "ip", "user_agent") if c not in (reader.fieldnames or [])]
            if missing:
                raise UserError("bad_csv", f"{path.name}: missing column(s) {', '.join(missing)}")
            signals, errors = [], []
            for line, row in enumerate(reader, start=2):
                try:
                    signals.append(
                        OrderSignalIn(
                            order_id=row["order_id"].strip(), ip=row["ip"] or "", user_agent=row["user_agent"] or ""
                        )
                    )
                except ValidationError as exc:
                    errors.append(f"{path.name} line {line}: order_id: {exc.errors()[0]['msg']}")
    except OSError as exc:
        raise UserError("bad_file", f"cannot read {path}: {exc.strerror}") from exc
    if errors:
        raise UserError("bad_csv", f"{path.name}: {len(errors)} bad row(s), nothing loaded", {"lines": errors[:50]})
    return signals


@match_app.command("costs")
def match_costs(
    days: int = typer.Option(30, min=1, max=3650, help="Window length in days, ending now."),
    as_json: bool = JsonOption,
) -> None:
    """Orders, revenue and commission credited by probabilistic matches, per partner (kept apart from metrics)."""
    from store.db import ensure_program, transaction
    from workflows.matching.probabilistic import probabilistic_costs

    with user_errors(as_json=as_json):
        end = datetime.now(UTC)
        start = end - timedelta(days=days)
        with transaction(open_store()) as session:
            costs = probabilistic_costs(session=session, start=start, end=end)
            currency = ensure_program(session).currency
        partners = [
            {
                "partner_id": c.partner_id,
                "orders": c.orders,
                "revenue": format_money(c.revenue_cents, currency),
                "commission": format_money(c.commission_cents, currency),
                "mean_confidence": str(c.mean_confidence),
            }
            for c in costs
        ]
        total = format_money(sum(c.commission_cents for c in costs), currency)
        view: dict[str, Any] = {
            "window": {"start": start.isoformat(), "end": end.isoformat()},
            "currency": currency,
            "commission": total,
            "partners": partners,
        }
        emit(view, as_json=as_json, render=lambda: _render_costs(partners, total))


def _render_pairs(view: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in view.items():
        table.add_row(f"[bold]{key}[/]", str(value))
    console.print(table)


def _render_costs(partners: list[dict[str, Any]], total: str) -> None:
    table = Table("partner", "orders", "revenue", "commission", "mean confidence", title="Probabilistic matches")
    for row in partners:
        table.add_row(row["partner_id"], str(row["orders"]), row["revenue"], row["commission"], row["mean_confidence"])
    console.print(table)
    console.print(f"total commission from probabilistic matches: [bold]{total}[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(match_app, name="match")
