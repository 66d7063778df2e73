"""``afflow partners payout-profile show|set|verify-stripe`` and ``afflow partners tax-form``: how a partner is
paid and whether its tax form is on file, as managers keep them (``workflows.booking.payout_profiles``).

Promoters upload tax forms in the portal; here a manager decides their status (or records a paper form).
Mounted on the ``partners`` group by ``afflow.commands.analytics``; imports the store only inside commands.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer
from rich.table import Table

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, open_store, user_errors

profile_app = typer.Typer(help="A partner's payout method, country and tax id.", no_args_is_help=True)
tax_form_app = typer.Typer(help="A partner's tax form status (W-9, W-8BEN, W-8BEN-E, equivalent).", no_args_is_help=True)
PartnerArgument = typer.Argument(..., help="The partner id.")


def mask(value: str | None) -> str | None:
    """A tax id or account number as people may see it: only its last four characters."""
    if not value:
        return None
    return "•" * max(len(value) - 4, 0) + value[-4:]


def readiness_view(partner_id: str) -> dict[str, Any]:
    """The partner's payout profile, newest tax form and every reason a batch would hold it now."""
    from store.db import ensure_program, transaction
    from store.models import Partner, PayoutAccount, PayoutProfile
    from workflows.booking.payout_readiness import current_tax_forms, hold_reasons, stripe_verified

    with transaction(open_store()) as session:
        if session.get(Partner, partner_id) is None:
            raise UserError("unknown_partner", f"no partner {partner_id!r}")
        program = ensure_program(session)
        profile = session.get(PayoutProfile, partner_id)
        account = session.get(PayoutAccount, partner_id)
        form = current_tax_forms(session=session, partner_ids=[partner_id]).get(partner_id)
        reasons = hold_reasons(session=session, program=program, partner_ids=[partner_id])[partner_id]
        return {
            "partner_id": partner_id,
            "method": profile.method if profile else None,
            "paypal_email": profile.paypal_email if profile else None,
            "bank_account_name": profile.bank_account_name if profile else None,
            "bank_account_number": mask(profile.bank_account_number) if profile else None,
            "country": profile.country if profile else None,
            "tax_id": mask(profile.tax_id) if profile else None,
            "stripe_account": account.stripe_account_id if account else None,
            "stripe_verified": bool(account and stripe_verified(account)),
            "tax_form": None
            if form is None
            else {
                "id": form.id,
                "form_type": form.form_type,
                "status": form.status,
                "status_at": form.status_at.isoformat(),
                "submitted_at": form.submitted_at.isoformat(),
                "document": form.stored_name is not None,
            },
            "ready": not reasons,
            "held_because": [r.as_dict() for r in reasons],
        }


def _render(view: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None)
    for key, value in view.items():
        if key == "held_because":
            value = "; ".join(r["message"] for r in value) or "-"
        table.add_row(f"[bold]{key}[/]", "" if value is None else str(value))
    console.print(table)


@profile_app.command("show")
def profile_show(partner: str = PartnerArgument, as_json: bool = JsonOption) -> None:
    """The payout profile and whether the next batch would pay the partner (and if not, why)."""
    with user_errors(as_json=as_json):
        view = readiness_view(partner)
    emit(view, as_json=as_json, render=lambda: _render(view))


@profile_app.command("set")
def profile_set(
    partner: str = PartnerArgument,
    method: str | None = typer.Option(None, "--method", help="stripe, paypal or bank_csv."),
    paypal_email: str | None = typer.Option(None, "--paypal-email", help="PayPal account e-mail."),
    bank_account_name: str | None = typer.Option(None, "--bank-account-name", help="Account holder."),
    bank_account_number: str | None = typer.Option(None, "--bank-account-number", help="IBAN or account number."),
    country: str | None = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 country, e.g. US."),
    tax_id: str | None = typer.Option(None, "--tax-id", help="Tax identification number (shown masked)."),
    as_json: bool = JsonOption,
) -> None:
    """Set the given fields ("" clears one); the audit log names the fields changed, never their values."""
    from store.db import transaction
    from workflows.booking.payout_profiles import ProfileChanges, ProfileError, set_payout_profile

    with user_errors(as_json=as_json):
        changes = ProfileChanges(method, paypal_email, bank_account_name, bank_account_number, country, tax_id)
        try:
            with transaction(open_store()) as session:
                set_payout_profile(session=session, partner_id=partner, changes=changes, actor=cli_actor(),
                                   now=datetime.now(UTC))  # fmt: skip
        except ProfileError as exc:
            raise UserError("bad_option", _option_error(exc)) from exc  # fmt: skip
        view = readiness_view(partner)
    emit(view, as_json=as_json, render=lambda: _render(view))


@profile_app.command("verify-stripe")
def profile_verify_stripe(partner: str = PartnerArgument, as_json: bool = JsonOption) -> None:
    """Record that the partner's Stripe connected account (saved in the portal) completed onboarding."""
    from store.db import transaction
    from workflows.booking.payout_profiles import ProfileError, verify_stripe_account

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                verify_stripe_account(session=session, partner_id=partner, actor=cli_actor(), now=datetime.now(UTC))
        except ProfileError as exc:
            raise UserError("bad_option", str(exc)) from exc
        view = readiness_view(partner)
    emit(view, as_json=as_json, render=lambda: _render(view))


@tax_form_app.command("set-status")
def tax_form_set_status(
    partner: str = PartnerArgument,
    status: str = typer.Option(..., "--status", help="submitted, verified, rejected or expired."),
    form_type: str | None = typer.Option(
        None, "--form-type", help="Record a new form of this type (W-9, W-8BEN, W-8BEN-E, equivalent) received otherwise."
    ),
    reason: str = typer.Option("", "--reason", help="Why (shown to the promoter when rejected or expired)."),
    as_json: bool = JsonOption,
) -> None:
    """Decide the partner's newest tax form (or record one received on paper with --form-type)."""
    from store.db import transaction
    from workflows.booking.payout_profiles import ProfileError, set_tax_form_status

    with user_errors(as_json=as_json):
        try:
            with transaction(open_store()) as session:
                set_tax_form_status(session=session, partner_id=partner, status=status, actor=cli_actor(),
                                    now=datetime.now(UTC), form_type=form_type, reason=reason)  # fmt: skip
        except ProfileError as exc:
            raise UserError("bad_option", _option_error(exc)) from exc  # fmt: skip
        view = readiness_view(partner)
    emit(view, as_json=as_json, render=lambda: _render(view))


def _option_error(exc: Any) -> str:
    """A ``ProfileError`` as the option to fix: ``--country: 'USA' is not ...``."""
    return exc.problem if exc.field == "partner" else f"--{exc.field.replace('_', '-')}: {exc.problem}"


def mount(partners_app: typer.Typer) -> None:
    partners_app.add_typer(profile_app, name="payout-profile")
    partners_app.add_typer(tax_form_app, name="tax-form")
