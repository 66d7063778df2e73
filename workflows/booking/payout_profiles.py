"""A partner's payout profile and tax forms: what ``payout_readiness`` checks, written here and only here.

- ``set_payout_profile``: a manager sets the method (stripe | paypal | bank_csv) and its details, the country
  and the tax id; ``verify_stripe_account`` records that the connected account is verified (the verification
  follows the account id: a changed account is unverified again).
- ``store_tax_form``: the promoter's upload through the portal. The document is written under the configured
  tax-forms directory (``AFFLOW_TAX_FORMS_DIR``) with a random name, never into the database, and a new
  ``tax_forms`` row (status ``submitted``) points at it with its SHA-256. Only PDF, PNG and JPEG up to
  ``MAX_TAX_FORM_BYTES``, checked by their first bytes, not by what the browser claims.
- ``set_tax_form_status``: a manager verifies, rejects or expires the newest form, or records a paper form.

Every change is audited with its typed actor; bad input raises ``ProfileError`` naming the field and writes
nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import Partner, PayoutAccount, PayoutProfile, TaxForm
from workflows.booking.payout_readiness import PAYOUT_METHODS, TAX_FORM_STATUSES, TAX_FORM_TYPES, current_tax_forms

MAX_TAX_FORM_BYTES = 5 * 1024 * 1024 - 64 * 1024  # under the app's 5 MiB body limit, with room for the form fields
DOCUMENT_KINDS = ((b"%PDF-", "application/pdf", ".pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
                  (b"\xff\xd8\xff", "image/jpeg", ".jpg"))  # fmt: skip
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


class ProfileError(ValueError):
    """Bad input for a payout profile or a tax form; ``field`` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.problem = field, message


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """Fields to set; None leaves a field as it is, "" clears it."""

    method: str | None = None
    paypal_email: str | None = None
    bank_account_name: str | None = None
    bank_account_number: str | None = None
    country: str | None = None
    tax_id: str | None = None


def _partner(session: Session, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise ProfileError("partner", f"no partner {partner_id!r}")
    return partner


def set_payout_profile(
    *, session: Session, partner_id: str, changes: ProfileChanges, actor: Actor, now: datetime
) -> PayoutProfile:
    _partner(session, partner_id)
    values = {k: v.strip() for k, v in vars_of(changes).items() if v is not None}
    if values.get("method") and values["method"] not in PAYOUT_METHODS:
        raise ProfileError("method", f"{values['method']!r} is not one of {', '.join(PAYOUT_METHODS)}")
    if values.get("paypal_email") and not EMAIL.match(values["paypal_email"]):
        raise ProfileError("paypal_email", f"{values['paypal_email']!r} is not an e-mail address")
    if values.get("country"):
        values["country"] = values["country"].upper()
        if not COUNTRY.match(values["country"]):
            raise ProfileError("country", f"{values['country']!r} is not an ISO 3166-1 alpha-2 code such as US or DE")
    for name, limit in (("bank_account_name", 200), ("bank_account_number", 64), ("tax_id", 64)):
        if len(values.get(name, "")) > limit:
            raise ProfileError(name, f"longer than {limit} characters")
    profile = session.get(PayoutProfile, partner_id)
    if profile is None:
        profile = PayoutProfile(partner_id=partner_id)
        session.add(profile)
    changed = []
    for name, value in values.items():
        if getattr(profile, name) != (value or None):
            setattr(profile, name, value or None)
            changed.append(name)
    profile.updated_at, profile.updated_by = now, str(actor)
    session.flush()
    if changed:  # the fields that changed, never their values (bank numbers and tax ids stay out of the log)
        record(session=session, actor=actor, action="payout_profile_changed", subject=f"partner:{partner_id}",
               details={"fields": sorted(changed), "method": profile.method}, now=now)  # fmt: skip
    return profile


def vars_of(changes: ProfileChanges) -> dict[str, str | None]:
    return {name: getattr(changes, name) for name in ProfileChanges.__slots__}


def verify_stripe_account(*, session: Session, partner_id: str, actor: Actor, now: datetime) -> PayoutAccount:
    _partner(session, partner_id)
    account = session.get(PayoutAccount, partner_id)
    if account is None:
        raise ProfileError("stripe_account", f"partner {partner_id} has no Stripe connected account recorded")
    account.verified_account_id, account.verified_at = account.stripe_account_id, now
    record(session=session, actor=actor, action="stripe_account_verified", subject=f"partner:{partner_id}",
           details={"account": account.stripe_account_id}, now=now)  # fmt: skip
    session.flush()
    return account


def document_kind(data: bytes) -> tuple[str, str] | None:
    """(content type, file suffix) of a PDF, PNG or JPEG judged by its first bytes; None for anything else."""
    return next(((kind, suffix) for magic, kind, suffix in DOCUMENT_KINDS if data.startswith(magic)), None)


def store_tax_form(
    *,
    session: Session,
    directory: Path,
    partner_id: str,
    form_type: str,
    original_name: str,
    data: bytes,
    actor: Actor,
    now: datetime,
) -> TaxForm:
    """Write the document under ``directory`` and record it as the partner's newest (``submitted``) form."""
    _partner(session, partner_id)
    if form_type not in TAX_FORM_TYPES:
        raise ProfileError("form_type", f"{form_type!r} is not one of {', '.join(TAX_FORM_TYPES)}")
    if not data:
        raise ProfileError("document", "the file is empty")
    if len(data) > MAX_TAX_FORM_BYTES:
        raise ProfileError("document", f"larger than {MAX_TAX_FORM_BYTES // (1024 * 1024)} MiB")
    kind = document_kind(data)
    if kind is None:
        raise ProfileError("document", "not a PDF, PNG or JPEG file")
    content_type, suffix = kind
    folder = directory / _safe(partner_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{_safe(partner_id)}/{now.strftime('%Y%m%d')}-{secrets.token_hex(8)}{suffix}"
    path = directory / stored_name
    with path.open("xb") as out:  # a fresh random name: never overwrite another form
        out.write(data)
    form = TaxForm(
        partner_id=partner_id,
        form_type=form_type,
        status="submitted",
        submitted_at=now,
        submitted_by=str(actor),
        status_at=now,
        status_by=str(actor),
        stored_name=stored_name,
        original_name=Path(original_name).name[:200] or None,
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    session.add(form)
    session.flush()
    record(session=session, actor=actor, action="tax_form_submitted", subject=f"partner:{partner_id}",
           details={"tax_form_id": form.id, "form_type": form_type, "sha256": form.sha256}, now=now)  # fmt: skip
    return form


def set_tax_form_status(
    *,
    session: Session,
    partner_id: str,
    status: str,
    actor: Actor,
    now: datetime,
    form_type: str | None = None,
    reason: str = "",
) -> TaxForm:
    """Decide the newest form's status; with ``form_type`` (a form received another way, e.g. on paper) record a
    new form of that type with this status instead."""
    _partner(session, partner_id)
    if status not in TAX_FORM_STATUSES:
        raise ProfileError("status", f"{status!r} is not one of {', '.join(TAX_FORM_STATUSES)}")
    if form_type is not None and form_type not in TAX_FORM_TYPES:
        raise ProfileError("form_type", f"{form_type!r} is not one of {', '.join(TAX_FORM_TYPES)}")
    form = current_tax_forms(session=session, partner_ids=[partner_id]).get(partner_id)
    if form_type is not None:
        form = TaxForm(partner_id=partner_id, form_type=form_type, submitted_at=now, submitted_by=str(actor))
        session.add(form)
    elif form is None:
        raise ProfileError("form_type", f"partner {partner_id} has no tax form yet: give its type to record one")
    form.status, form.status_at, form.status_by, form.status_reason = status, now, str(actor), reason.strip()
    session.flush()
    record(session=session, actor=actor, action="tax_form_status_set", subject=f"partner:{partner_id}",
           details={"tax_form_id": form.id, "form_type": form.form_type, "status": status, "reason": reason.strip()},
           now=now)  # fmt: skip
    return form


def _safe(partner_id: str) -> str:
    """A partner id as one path segment: no separators, no dots leading up."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", partner_id)[:64]
    return cleaned or "_"
