"""``afflow ledger balance|reconcile``: finance's view of the ledger (payout batches: ``afflow.commands.payouts``).

Money in JSON is a decimal string in the program currency; times are ISO 8601 with offset.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import typer

from afflow.clikit import (
    JsonOption,
    UserError,
    console,
    emit,
    error_console,
    open_store,
    parse_time,
    print_table,
    user_errors,
)
from store.money import format_money

if TYPE_CHECKING:
    from store.ledger import PartnerBalance

ledger_app = typer.Typer(help="Balances and the lifecycle clock.", no_args_is_help=True)
AsOfOption = typer.Option(None, "--as-of", help="ISO 8601 time (UTC if no offset); default now.")


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
        render=lambda: print_table(
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


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
