"""Applications and admitting partners: the triage agent's evidence queries and an approved proposal's effects.

Evidence is computed here (benchmarks from the active partners, links to existing or blocked partners by
email or channel); the admission itself only runs when a human approved it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Application, Partner, Program, Proposal

OPEN_PROPOSAL_STATUSES = ("pending", "approved", "applied", "rejected")


@dataclass(frozen=True, slots=True)
class ApplicationView:
    application_id: str
    name: str
    email: str
    platform: str
    channel_url: str
    audience_size: int
    engagement_rate: Decimal
    niche: str
    sample_content: str


@dataclass(frozen=True, slots=True)
class Benchmarks:
    """Medians over active partners (the program's own yardstick); zero when there are none yet."""

    median_audience: int
    median_engagement: Decimal
    partners: int


@dataclass(frozen=True, slots=True)
class PartnerLink:
    partner_id: str
    status: str
    matched_on: str


def program_brand_guide(*, session: Session) -> str:
    program = session.get(Program, 1)
    return program.brand_guide if program is not None else ""


def applications_to_triage(*, session: Session) -> list[ApplicationView]:
    """Pending applications without a proposal a human has seen or is seeing (expired ones are re-triaged)."""
    proposed = select(Proposal.application_id).where(
        Proposal.application_id.is_not(None), Proposal.status.in_(OPEN_PROPOSAL_STATUSES)
    )
    rows = session.scalars(
        select(Application)
        .where(Application.status == "pending", Application.id.not_in(proposed))
        .order_by(Application.submitted_at, Application.id)
    )
    return [
        ApplicationView(
            application_id=a.id,
            name=a.name,
            email=a.email,
            platform=a.platform,
            channel_url=a.channel_url,
            audience_size=a.audience_size,
            engagement_rate=Decimal(a.engagement_rate),
            niche=a.niche,
            sample_content=a.sample_content,
        )
        for a in rows
    ]


def partner_benchmarks(*, session: Session) -> Benchmarks:
    rows = session.execute(
        select(Partner.audience_size, Partner.engagement_rate).where(Partner.status == "active")
    ).all()
    if not rows:
        return Benchmarks(median_audience=0, median_engagement=Decimal(0), partners=0)
    return Benchmarks(
        median_audience=int(median(int(r[0]) for r in rows)),
        median_engagement=Decimal(median(Decimal(r[1]) for r in rows)),
        partners=len(rows),
    )


def _channel_key(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip().lower()).rstrip("/")


def linked_partners(*, session: Session, email: str, channel_url: str) -> list[PartnerLink]:
    """Existing partners sharing the applicant's email or channel (a blocked one is a strong signal)."""
    links: list[PartnerLink] = []
    for partner in session.scalars(select(Partner).where(func.lower(Partner.email) == email.strip().lower())):
        links.append(PartnerLink(partner_id=partner.id, status=partner.status, matched_on="email"))
    key = _channel_key(channel_url)
    if key:
        for partner in session.scalars(select(Partner).where(func.lower(Partner.channel).contains(key))):
            if all(link.partner_id != partner.id for link in links):
                links.append(PartnerLink(partner_id=partner.id, status=partner.status, matched_on="channel"))
    return links


def admit_application(*, session: Session, application_id: str) -> Partner:
    """Create the partner for an approved application (idempotent: an admitted one returns its partner)."""
    application = session.get(Application, application_id)
    if application is None:
        raise LookupError(f"application {application_id} does not exist")
    if application.partner_id is not None:
        existing = session.get(Partner, application.partner_id)
        if existing is not None:
            return existing
    partner_id = _free_partner_id(session, f"app-{application.id}")
    partner = Partner(
        id=partner_id,
        name=application.name,
        email=application.email,
        channel=application.channel_url,
        audience_size=application.audience_size,
        engagement_rate=application.engagement_rate,
        ref_code=_free_ref_code(session, application.name),
        coupon_code=None,
        network="direct",
        status="active",
    )
    session.add(partner)
    application.status = "approved"
    application.partner_id = partner_id
    session.flush()
    return partner


def decline_application(*, session: Session, application_id: str) -> Application:
    application = session.get(Application, application_id)
    if application is None:
        raise LookupError(f"application {application_id} does not exist")
    application.status = "rejected"
    return application


def _free_partner_id(session: Session, wanted: str) -> str:
    candidate = wanted[:64]
    while session.get(Partner, candidate) is not None:
        candidate = f"{wanted[:56]}-{secrets.token_hex(3)}"
    return candidate


def _free_ref_code(session: Session, name: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "", name.lower())[:12] or "partner"
    while True:
        code = f"{stem}{secrets.token_hex(2)}"
        if session.scalar(select(Partner.id).where(Partner.ref_code == code)) is None:
            return code
