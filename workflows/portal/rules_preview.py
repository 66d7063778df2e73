"""What a proposed rule set would have paid over a recent window, against what the current rules paid.

"Current" is what was actually booked (each commission row records the amount its rule version gave);
"proposed" re-prices the same attributed order lines with ``store.rules.compute_commission`` and the
proposed body, with the same inputs the booking engine uses (SKU, line base, new vs returning customer,
the partner's attributed revenue in the 30 days before the order), through the booking engine's
``workflows.booking.pricing.Pricer``. Refunds are ignored on both sides, so
the comparison is like for like. Pure reads; nothing is published here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from store.models import Attribution, Commission, OrderLine
from store.rules import EPOCH, RuleBook, RuleSetBody, RuleVersion
from tools.analytics_sql import program_currency, resolve_window
from workflows.booking.pricing import Pricer

PREVIEW_VERSION = 0  # the body is not published yet, so its quotes carry no version


@dataclass
class PartnerDelta:
    partner_id: str
    lines: int = 0
    current_cents: int = 0
    proposed_cents: int = 0

    @property
    def change_cents(self) -> int:
        return self.proposed_cents - self.current_cents


@dataclass
class RulePreview:
    start: datetime
    end: datetime
    currency: str
    lines: int = 0
    current_cents: int = 0
    proposed_cents: int = 0
    partners: list[PartnerDelta] = field(default_factory=list)

    @property
    def change_cents(self) -> int:
        return self.proposed_cents - self.current_cents


def preview_rule_set(
    *, session: Session, body: RuleSetBody, days: int = 30, as_of: datetime | None = None,
    partner_ids: Collection[str] | None = None, skus: Collection[str] | None = None,
) -> RulePreview:
    """``partner_ids`` / ``skus`` price only those partners' / SKUs' lines (each line is priced on its own, so a
    subset's figures are the full preview's for those lines)."""
    window = resolve_window(session=session, days=days, as_of=as_of)
    currency = program_currency(session=session)
    preview = RulePreview(start=window.start, end=window.end, currency=currency)
    rows = session.execute(
        select(
            Commission.partner_id,
            Commission.order_ts,
            Commission.base_cents,
            Commission.amount_cents,
            OrderLine.sku,
            Attribution.is_new_customer,
        )
        .join(OrderLine, OrderLine.id == Commission.order_line_id)
        .join(Attribution, Attribution.order_id == Commission.order_id)
        .where(Commission.order_ts > window.start, Commission.order_ts <= window.end)
        .where(Commission.partner_id.in_(list(partner_ids)) if partner_ids is not None else true())
        .where(OrderLine.sku.in_(list(skus)) if skus is not None else true())
    ).all()
    proposed = RuleBook((RuleVersion(PREVIEW_VERSION, EPOCH, body, "preview"),))
    pricer = Pricer.load(
        session=session, rules=proposed, currency=currency, credited=((row.partner_id, row.order_ts) for row in rows)
    )
    by_partner: dict[str, PartnerDelta] = {}
    for partner_id, order_ts, base_cents, booked_cents, sku, is_new in rows:
        [quote] = pricer.quote_lines(
            partner_id=partner_id, order_ts=order_ts, is_new_customer=is_new, lines=[(sku, base_cents)]
        )
        delta = by_partner.setdefault(partner_id, PartnerDelta(partner_id))
        delta.lines += 1
        delta.current_cents += booked_cents
        delta.proposed_cents += quote.cents
    preview.partners = sorted(by_partner.values(), key=lambda d: (-abs(d.change_cents), d.partner_id))
    preview.lines = sum(d.lines for d in preview.partners)
    preview.current_cents = sum(d.current_cents for d in preview.partners)
    preview.proposed_cents = sum(d.proposed_cents for d in preview.partners)
    return preview
