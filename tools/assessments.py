"""Partner content to audit (fetched pages or imported samples) and the audit's stored judgements.

Judgements go to ``partner_assessments`` (kinds ``content`` and ``brand_fit``), which the quality score
reads. Fetched page text is untrusted data, stored as-is for the audit to fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import Application, Partner, PartnerAssessment, PartnerContent

_TAG = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
MAX_TEXT = 6000


@dataclass(frozen=True, slots=True)
class ContentSample:
    partner_id: str
    name: str
    source: str
    text: str


def page_text(html: str) -> str:
    return re.sub(r"\s+", " ", _TAG.sub(" ", html)).strip()[:MAX_TEXT]


def fetch_content(
    *, session: Session, partner_id: str, url: str, client: httpx.Client, now: datetime
) -> PartnerContent:
    """Fetch one partner page and store its text; HTTP errors propagate to the caller."""
    response = client.get(url, follow_redirects=True, timeout=15)
    response.raise_for_status()
    row = PartnerContent(partner_id=partner_id, url=url, text=page_text(response.text), fetched_at=now)
    session.add(row)
    session.flush()
    return row


def content_to_audit(*, session: Session) -> list[ContentSample]:
    """Per active partner, its newest stored content, else the sample content of the application that admitted it."""
    names = dict(session.execute(select(Partner.id, Partner.name).where(Partner.status == "active")).all())
    newest = select(func.max(PartnerContent.id)).group_by(PartnerContent.partner_id)
    samples: dict[str, ContentSample] = {}
    for row in session.scalars(select(PartnerContent).where(PartnerContent.id.in_(newest))):
        if row.partner_id in names:
            samples[row.partner_id] = ContentSample(
                row.partner_id, names[row.partner_id], row.url or "content", row.text
            )
    for app in session.scalars(select(Application).where(Application.partner_id.is_not(None))):
        pid = app.partner_id
        if pid in names and pid not in samples and app.sample_content.strip():
            samples[pid] = ContentSample(pid, names[pid], f"application {app.id}", app.sample_content)
    return [samples[pid] for pid in sorted(samples)]


def record_assessment(*, session: Session, partner_id: str, kind: str, score: int, summary: str, now: datetime) -> None:
    session.add(PartnerAssessment(partner_id=partner_id, kind=kind, score=score, summary=summary, created_at=now))
