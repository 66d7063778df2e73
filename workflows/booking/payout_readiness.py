"""Is a partner payable? Every reason a payout batch leaves a partner out, with words a person can act on.

``hold_reasons(session=..., program=..., partner_ids=...)`` answers, per partner, the reasons it is *not*
ready (an empty list: ready). Reasons, in this order:

- ``blocked`` / ``on_hold``: the partner is blocked, or a manager holds its commissions;
- ``under_review``: a pending ``offboard_partner`` or ``clawback`` proposal is about it;
- ``fraud_finding``: an open high-severity fraud finding (``workflows.booking.fraud_holds``) waits for a human;
- ``no_payout_method``: the program requires one (``program.require_payout_method``) and the partner has no
  usable method: a Stripe Connect account a manager verified, a PayPal e-mail, or bank details for the CSV;
- ``no_tax_form``: the program requires one (``program.require_tax_form``) and the partner's newest tax form is
  missing, waiting for review, rejected or expired.

``below_minimum`` is decided by the batch itself (it needs the net after clawbacks). This module only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.bulk import chunks
from store.models import FraudFinding, Partner, PayoutAccount, PayoutProfile, Program, Proposal, TaxForm

HoldCode = Literal[
    "blocked", "on_hold", "under_review", "fraud_finding", "no_payout_method", "no_tax_form", "below_minimum"
]
PAYOUT_METHODS = ("stripe", "paypal", "bank_csv")
TAX_FORM_TYPES = ("W-9", "W-8BEN", "W-8BEN-E", "equivalent")
TAX_FORM_STATUSES = ("submitted", "verified", "rejected", "expired")
_Row = TypeVar("_Row", Partner, PayoutProfile, PayoutAccount)


@dataclass(frozen=True, slots=True)
class HoldReason:
    code: HoldCode
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def hold_reasons(*, session: Session, program: Program, partner_ids: Iterable[str]) -> dict[str, list[HoldReason]]:
    """partner id -> why it cannot be paid now (empty: ready), for each of ``partner_ids``."""
    wanted = sorted(set(partner_ids))
    reasons: dict[str, list[HoldReason]] = {partner_id: [] for partner_id in wanted}
    if not wanted:
        return reasons
    partners = _rows(session, Partner, Partner.id, wanted)
    for partner_id in wanted:
        partner = partners.get(partner_id)
        if partner is not None and partner.status == "blocked":
            reasons[partner_id].append(HoldReason("blocked", "blocked"))
        if partner is not None and partner.commissions_held:
            reasons[partner_id].append(HoldReason("on_hold", "commissions held by a manager"))
    for partner_id, message in partners_under_review(session=session, partner_ids=wanted).items():
        reasons[partner_id].append(HoldReason("under_review", message))
    for partner_id, message in _open_findings(session, wanted).items():
        reasons[partner_id].append(HoldReason("fraud_finding", message))
    if program.require_payout_method:
        profiles = _rows(session, PayoutProfile, PayoutProfile.partner_id, wanted)
        accounts = _rows(session, PayoutAccount, PayoutAccount.partner_id, wanted)
        for partner_id in wanted:
            problem = payout_method_problem(profiles.get(partner_id), accounts.get(partner_id))
            if problem is not None:
                reasons[partner_id].append(HoldReason("no_payout_method", problem))
    if program.require_tax_form:
        forms = current_tax_forms(session=session, partner_ids=wanted)
        for partner_id in wanted:
            problem = tax_form_problem(forms.get(partner_id))
            if problem is not None:
                reasons[partner_id].append(HoldReason("no_tax_form", problem))
    return reasons


def payout_method_problem(profile: PayoutProfile | None, account: PayoutAccount | None) -> str | None:
    """Why the partner's payout method cannot be paid to, or None when it can."""
    method = profile.method if profile is not None else None
    if method is None and account is None:
        return "no payout method: add a verified Stripe account, a PayPal e-mail or bank details"
    if method in (None, "stripe"):  # no method chosen but a connected account saved: that account
        if account is None:
            return "no payout method: Stripe chosen but no connected account is recorded"
        if not stripe_verified(account):
            return f"no payout method: Stripe account {account.stripe_account_id} is not verified yet"
        return None
    if method == "paypal":
        return None if profile is not None and profile.paypal_email else "no payout method: PayPal e-mail missing"
    if profile is not None and profile.bank_account_name and profile.bank_account_number:
        return None
    return "no payout method: bank transfer chosen but the account holder or number is missing"


def stripe_verified(account: PayoutAccount) -> bool:
    return account.verified_account_id is not None and account.verified_account_id == account.stripe_account_id


def tax_form_problem(form: TaxForm | None) -> str | None:
    if form is None:
        return "no tax form on file (W-9, W-8BEN, W-8BEN-E or your country's equivalent)"
    day = form.status_at.date().isoformat()
    if form.status == "verified":
        return None
    if form.status == "submitted":
        return f"tax form {form.form_type} submitted {form.submitted_at.date().isoformat()}, waiting for review"
    why = f": {form.status_reason}" if form.status_reason else ""
    return f"tax form {form.form_type} {form.status} on {day}{why}; upload a new one"


def current_tax_forms(*, session: Session, partner_ids: list[str]) -> dict[str, TaxForm]:
    """Each partner's newest tax form (the highest id)."""
    found: dict[str, TaxForm] = {}
    for chunk in chunks(partner_ids):
        newest = (
            select(func.max(TaxForm.id)).where(TaxForm.partner_id.in_(chunk)).group_by(TaxForm.partner_id)
        ).scalar_subquery()
        for form in session.scalars(select(TaxForm).where(TaxForm.id.in_(newest))):
            found[form.partner_id] = form
    return found


def partners_under_review(*, session: Session, partner_ids: list[str] | None = None) -> dict[str, str]:
    """Partners a pending offboarding or clawback proposal is about, with the first such proposal as reason."""
    query = (
        select(Proposal.partner_id, Proposal.kind, Proposal.id)
        .where(
            Proposal.status == "pending",
            Proposal.kind.in_(("offboard_partner", "clawback")),
            Proposal.partner_id.is_not(None),
        )
        .order_by(Proposal.id)
    )
    rows = (
        [row for chunk in chunks(partner_ids) for row in session.execute(query.where(Proposal.partner_id.in_(chunk)))]
        if partner_ids is not None
        else list(session.execute(query))
    )
    reasons: dict[str, str] = {}
    for partner_id, kind, proposal_id in sorted(rows, key=lambda row: row[2]):
        what = "offboarding" if kind == "offboard_partner" else "clawback"
        reasons.setdefault(str(partner_id), f"under review: {what} proposal {proposal_id} is pending")
    return reasons


def _open_findings(session: Session, partner_ids: list[str]) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for chunk in chunks(partner_ids):
        query = (
            select(FraudFinding.partner_id, FraudFinding.signal, FraudFinding.id)
            .where(FraudFinding.status == "open", FraudFinding.severity == "high", FraudFinding.partner_id.in_(chunk))
            .order_by(FraudFinding.id)
        )
        for partner_id, signal, finding_id in session.execute(query):
            reasons.setdefault(
                partner_id, f"open high-severity fraud finding {finding_id} ({signal.replace('_', ' ')}) awaits a decision"
            )
    return reasons


def _rows(session: Session, model: type[_Row], key: InstrumentedAttribute[str], ids: list[str]) -> dict[str, _Row]:
    """Rows of ``model`` whose ``key`` column is one of ``ids``, by that key (500 ids per query)."""
    found: dict[str, _Row] = {}
    for chunk in chunks(ids):
        for row in session.scalars(select(model).where(key.in_(chunk))):
            found[str(getattr(row, key.key))] = row
    return found
