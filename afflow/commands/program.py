"""``afflow init`` and ``afflow program set|show``: the program's own settings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, settings, user_errors
from afflow.commands.matching import parse_threshold
from store.money import format_money

if TYPE_CHECKING:
    from store.models import Program

program_app = typer.Typer(help="Show or change the program's settings.", no_args_is_help=True)


def program_view(program: Program) -> dict[str, Any]:
    return {
        "name": program.name,
        "currency": program.currency,
        "cookie_days": program.cookie_days,
        "return_days": program.return_days,
        "timezone": program.timezone,
        "shop_url": program.shop_url,
        "brand_guide": program.brand_guide,
        "probabilistic_matching": program.probabilistic_matching,
        "probabilistic_threshold": str(program.probabilistic_threshold),
        "allow_unknown_skus": program.allow_unknown_skus,
        "min_payout": format_money(program.min_payout_cents, program.currency),
        "require_payout_method": program.require_payout_method,
        "require_tax_form": program.require_tax_form,
    }


def init(as_json: bool = JsonOption) -> None:
    """Create or migrate the database."""
    from store.db import database_label

    with user_errors(as_json=as_json):
        url = settings().database_url
        open_store()
        emit(
            {"database": database_label(url), "status": "ready"},
            as_json=as_json,
            render=lambda: console.print(f"[green]database ready[/] ({database_label(url)})"),
        )


@program_app.command("set")
def program_set(
    name: str | None = typer.Option(None, help="Program name."),
    currency: str | None = typer.Option(None, help="ISO 4217 currency code, e.g. USD."),
    cookie_days: int | None = typer.Option(None, min=1, max=365, help="Attribution cookie window in days."),
    return_days: int | None = typer.Option(None, min=0, max=365, help="Return window before commissions lock."),
    timezone: str | None = typer.Option(None, help="IANA time zone, e.g. Europe/Berlin."),
    shop_url: str | None = typer.Option(None, help="Shop base URL; product pages are {shop_url}/products/{sku}."),
    brand_guide: str | None = typer.Option(None, help="Brand guide text, or @FILE to read it from a file."),
    probabilistic_matching: bool | None = typer.Option(
        None, "--probabilistic-matching/--no-probabilistic-matching", help="Match orders nothing identifies."
    ),
    probabilistic_threshold: str | None = typer.Option(None, help="Minimum confidence to book a match, 0.5-1."),
    allow_unknown_skus: bool | None = typer.Option(
        None,
        "--allow-unknown-skus/--no-allow-unknown-skus",
        help="Book order lines whose SKU is not in the catalog (reported) instead of refusing the file.",
    ),
    min_payout: str | None = typer.Option(
        None, help="Minimum net payout in the program currency, e.g. 50.00; smaller balances carry over."
    ),
    require_payout_method: bool | None = typer.Option(
        None,
        "--require-payout-method/--no-require-payout-method",
        help="Pay only partners with a verified Stripe account, a PayPal e-mail or bank details.",
    ),
    require_tax_form: bool | None = typer.Option(
        None, "--require-tax-form/--no-require-tax-form", help="Pay only partners whose tax form is verified."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Change the program's settings (only the options given)."""
    from store.audit import record
    from store.db import ensure_program, transaction
    from tools.links import shop_url_problem

    with user_errors(as_json=as_json):
        changes: dict[str, Any] = {
            "name": name,
            "cookie_days": cookie_days,
            "return_days": return_days,
            "shop_url": shop_url.rstrip("/") if shop_url else None,
        }
        if shop_url is not None and (problem := shop_url_problem(shop_url)) is not None:
            raise UserError("bad_option", f"--shop-url: {shop_url!r} {problem}")
        if currency is not None:
            if len(currency) != 3 or not currency.isalpha():
                raise UserError("bad_option", f"--currency: {currency!r} is not a 3-letter ISO 4217 code")
            changes["currency"] = currency.upper()
        if timezone is not None:
            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise UserError("bad_option", f"--timezone: unknown time zone {timezone!r}") from exc
            changes["timezone"] = timezone
        if brand_guide is not None:
            changes["brand_guide"] = _read_text_option(brand_guide)
        changes["probabilistic_matching"] = probabilistic_matching
        changes["allow_unknown_skus"] = allow_unknown_skus
        changes["require_payout_method"] = require_payout_method
        changes["require_tax_form"] = require_tax_form
        if probabilistic_threshold is not None:
            changes["probabilistic_threshold"] = parse_threshold(probabilistic_threshold)
        with transaction(open_store()) as session:
            program = ensure_program(session)
            if min_payout is not None:
                changes["min_payout_cents"] = _min_payout_cents(min_payout, currency or program.currency)
            changed: dict[str, Any] = {}
            for key, value in changes.items():
                if value is not None and value != getattr(program, key):
                    # the brand guide is long text: the log says it changed, not what it says
                    was = getattr(program, key)
                    changed[key] = "changed" if key == "brand_guide" else {"from": str(was), "to": str(value)}
                    setattr(program, key, value)
            if changed:
                record(session=session, actor=cli_actor(), action="program_settings_changed", subject="program",
                       details=changed)
            view = program_view(program)
        emit(view, as_json=as_json, render=lambda: _render(view))


@program_app.command("show")
def program_show(as_json: bool = JsonOption) -> None:
    """The program's settings (the brand guide is what triage and audits judge fit against)."""
    from store.db import ensure_program, transaction

    with user_errors(as_json=as_json), transaction(open_store()) as session:
        view = program_view(ensure_program(session))
    emit(view, as_json=as_json, render=lambda: _render(view))


def _min_payout_cents(text: str, currency: str) -> int:
    from store.money import MoneyError, parse_money

    try:
        cents = parse_money(text, currency)
    except MoneyError as exc:
        raise UserError("bad_option", f"--min-payout: {exc}") from exc
    if cents < 0:
        raise UserError("bad_option", f"--min-payout: {text!r} is negative")
    return cents


def _read_text_option(value: str) -> str:
    if not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError("bad_option", f"--brand-guide: cannot read {path}: {exc.strerror}") from exc


def _render(view: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in view.items():
        shown = str(value)
        table.add_row(f"[bold]{key}[/]", shown if len(shown) < 120 else shown[:117] + "...")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(program_app, name="program")
