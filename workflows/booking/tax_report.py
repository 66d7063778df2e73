"""Year-end tax data: per partner, what it was paid in a year and what finance has on file to report it.

``tax_report(session=..., year=..., threshold_cents=...)`` lists every partner paid in the calendar year (UTC),
the total from the ledger (``tools.statements.paid_by_partner``: payout postings, dated by the batch's as-of time,
the same figure as the partner's yearly earnings statement), its country, newest tax form (type and status), whether
a tax id is on file (only its last four characters are shown) and two flags: ``threshold_reached`` (total at or
above ``threshold_cents``) and ``form_1099_nec`` (reached and a US person: a W-9 on file or country US; a W-8
partner is foreign and gets no 1099-NEC). The threshold is in the program currency, meant for USD programs:
600.00 for payments through 2025, 2,000.00 from 2026 (the One Big Beautiful Bill Act), overridable. ``tax_report_csv``
writes it through ``tools.spreadsheet_csv``. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import chunks
from store.db import ensure_program
from store.models import Partner, PayoutProfile
from store.money import format_money
from tools.spreadsheet_csv import write_csv
from tools.statements import paid_by_partner
from workflows.booking.payout_readiness import current_tax_forms

COLUMNS = (
    "partner_id", "name", "email", "country", "tax_form_type", "tax_form_status", "tax_id_on_file", "tax_id_last4",
    "total_paid", "currency", "threshold_reached", "form_1099_nec",
)  # fmt: skip


def default_threshold_cents(year: int) -> int:
    """The 1099-NEC reporting threshold for payments made in ``year`` (USD cents)."""
    return 60_000 if year <= 2025 else 200_000


@dataclass(frozen=True, slots=True)
class TaxRow:
    partner_id: str
    name: str
    email: str
    country: str
    tax_form_type: str
    tax_form_status: str
    tax_id_last4: str
    total_paid_cents: int
    threshold_reached: bool
    form_1099_nec: bool


@dataclass(frozen=True)
class TaxReport:
    year: int
    currency: str
    threshold_cents: int
    rows: tuple[TaxRow, ...]


def tax_report(*, session: Session, year: int, threshold_cents: int) -> TaxReport:
    program = ensure_program(session)
    paid = paid_by_partner(
        session=session, start=datetime(year, 1, 1, tzinfo=UTC), end=datetime(year + 1, 1, 1, tzinfo=UTC)
    )
    ids = sorted(p for p, total in paid.items() if total > 0)
    partners: dict[str, Partner] = {}
    profiles: dict[str, PayoutProfile] = {}
    for chunk in chunks(ids):
        partners |= {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(chunk)))}
        profiles |= {
            p.partner_id: p for p in session.scalars(select(PayoutProfile).where(PayoutProfile.partner_id.in_(chunk)))
        }
    forms = current_tax_forms(session=session, partner_ids=ids)
    rows = []
    for partner_id in ids:
        partner, profile, form = partners.get(partner_id), profiles.get(partner_id), forms.get(partner_id)
        country = (profile.country if profile else None) or ""
        reached = paid[partner_id] >= threshold_cents
        us_person = (form is not None and form.form_type == "W-9") or country == "US"
        rows.append(
            TaxRow(
                partner_id=partner_id,
                name=partner.name if partner else "",
                email=partner.email if partner else "",
                country=country,
                tax_form_type=form.form_type if form else "",
                tax_form_status=form.status if form else "",
                tax_id_last4=(profile.tax_id or "")[-4:] if profile else "",
                total_paid_cents=paid[partner_id],
                threshold_reached=reached,
                form_1099_nec=reached and us_person,
            )
        )
    return TaxReport(year, program.currency, threshold_cents, tuple(rows))


def tax_report_csv(report: TaxReport) -> str:
    return write_csv(
        header=COLUMNS,
        rows=(
            [r.partner_id, r.name, r.email, r.country, r.tax_form_type, r.tax_form_status,
             "yes" if r.tax_id_last4 else "no", r.tax_id_last4, Decimal(format_money(r.total_paid_cents, report.currency)),
             report.currency, "yes" if r.threshold_reached else "no", "yes" if r.form_1099_nec else "no"]
            for r in report.rows
        ),
    )  # fmt: skip
