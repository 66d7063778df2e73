"""Read models for one partner's page: its numbers, trend, links, messages, payouts and withdrawals.

Headline metrics come from ``tools.metrics`` (the same definitions as ``afflow metrics``); balances from
``store.ledger.balances``. Only the daily trend is computed here, as two GROUP BY queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.db import ensure_program
from store.ledger import PartnerBalance, balances
from store.models import (
    Click,
    Commission,
    FraudFinding,
    OutboxMessage,
    Partner,
    PayoutBatch,
    PayoutItem,
    PayoutProfile,
    Product,
    TaxForm,
    TrackingLink,
    WithdrawalRequest,
)
from store.money import format_money
from tools.analytics_sql import Window, resolve_window, utc_day
from tools.links import share_url
from tools.metrics import PartnerMetrics, partner_metrics
from workflows.booking.payout_readiness import TAX_FORM_TYPES, HoldReason, current_tax_forms, hold_reasons
from workflows.portal.charts import trend_svg

MESSAGE_KINDS = ("brief", "nudge", "welcome")
WINDOW_DAYS = 30


@dataclass(frozen=True)
class LinkRow:
    code: str
    url: str
    sku: str | None
    destination: str


@dataclass(frozen=True)
class PayoutRow:
    batch_id: int
    created_at: str
    status: str
    gross_cents: int
    clawback_cents: int
    net_cents: int


@dataclass(frozen=True)
class PartnerPage:
    partner: Partner
    currency: str
    window: Window
    metrics: PartnerMetrics | None
    balance: PartnerBalance
    min_payout_cents: int
    trend: str
    links: list[LinkRow]
    skus: list[tuple[str, str]]
    messages: list[OutboxMessage]
    payouts: list[PayoutRow]
    withdrawals: list[WithdrawalRequest]
    readiness: PayoutReadiness

    @property
    def can_withdraw(self) -> bool:
        open_request = any(w.status == "requested" for w in self.withdrawals)
        held = self.partner.commissions_held or self.partner.status != "active"
        return (
            not open_request and not held and self.balance.locked > 0 and self.balance.locked >= self.min_payout_cents
        )


PROMOTER_ACTIONABLE = ("no_payout_method", "no_tax_form", "below_minimum")


@dataclass(frozen=True)
class PayoutReadiness:
    """What stands between the partner and its next payout. ``reasons`` are all of them (managers and finance see
    them); a promoter sees the ones it can fix and, for the rest, only that payouts are on hold (an investigation
    is not announced to the partner it is about)."""

    reasons: list[HoldReason]
    tax_form: TaxForm | None
    method: str | None
    tax_form_types: tuple[str, ...]
    open_findings: list[FraudFinding]  # shown to managers, who decide them

    @property
    def actionable(self) -> list[HoldReason]:
        return [r for r in self.reasons if r.code in PROMOTER_ACTIONABLE]

    @property
    def on_hold(self) -> bool:
        return any(r.code not in PROMOTER_ACTIONABLE for r in self.reasons)


def payout_readiness(*, session: Session, partner: Partner, locked_cents: int, clawback_cents: int) -> PayoutReadiness:
    program = ensure_program(session)
    reasons = list(hold_reasons(session=session, program=program, partner_ids=[partner.id])[partner.id])
    net = locked_cents - min(max(clawback_cents, 0), locked_cents)
    if net < program.min_payout_cents:
        minimum = format_money(program.min_payout_cents, program.currency)
        reasons.append(HoldReason("below_minimum", f"your balance is below the minimum payout of {minimum}"))
    profile = session.get(PayoutProfile, partner.id)
    return PayoutReadiness(
        reasons=reasons,
        tax_form=current_tax_forms(session=session, partner_ids=[partner.id]).get(partner.id),
        method=profile.method if profile is not None else None,
        tax_form_types=TAX_FORM_TYPES,
        open_findings=list(
            session.scalars(
                select(FraudFinding)
                .where(FraudFinding.partner_id == partner.id, FraudFinding.status == "open")
                .order_by(FraudFinding.id)
            )
        ),
    )


def partner_balance(*, session: Session, partner_id: str) -> PartnerBalance:
    found = balances(session=session, partner_id=partner_id)
    return found[0] if found else PartnerBalance(partner_id, 0, 0, 0, 0)


def daily_trend(*, session: Session, partner_id: str, window: Window) -> str:
    clicks_by_day = dict(
        session.execute(
            select(utc_day(Click.ts), func.count())
            .where(Click.partner_id == partner_id, Click.ts > window.start, Click.ts <= window.end)
            .group_by(utc_day(Click.ts))
        ).all()
    )
    commission_by_day = dict(
        session.execute(
            select(utc_day(Commission.order_ts), func.sum(Commission.amount_cents - Commission.reversed_cents))
            .where(
                Commission.partner_id == partner_id,
                Commission.order_ts > window.start,
                Commission.order_ts <= window.end,
            )
            .group_by(utc_day(Commission.order_ts))
        ).all()
    )
    days = [(window.start + timedelta(days=offset + 1)).date().isoformat() for offset in range(window.length.days)]
    return trend_svg(
        title=f"Daily clicks and commission (cents), {days[0] if days else ''} to {days[-1] if days else ''}",
        days=days,
        series=(
            ("clicks", "#2457d6", [int(clicks_by_day.get(day, 0)) for day in days]),
            ("commission (cents)", "#1a8f4c", [int(commission_by_day.get(day) or 0) for day in days]),
        ),
    )


def partner_page(*, session: Session, partner: Partner, public_url: str) -> PartnerPage:
    program = ensure_program(session)
    window = resolve_window(session=session, days=WINDOW_DAYS)
    report = partner_metrics(session=session, start=window.start, end=window.end, partner_id=partner.id)
    links = [
        LinkRow(link.code, share_url(public_url=public_url, code=link.code), link.sku, link.destination)
        for link in session.scalars(
            select(TrackingLink).where(TrackingLink.partner_id == partner.id).order_by(TrackingLink.created_at)
        )
    ]
    payouts = [
        PayoutRow(
            batch.id, batch.created_at.isoformat(), batch.status, item.gross_cents, item.clawback_cents, item.net_cents
        )
        for item, batch in session.execute(
            select(PayoutItem, PayoutBatch)
            .join(PayoutBatch, PayoutBatch.id == PayoutItem.batch_id)
            .where(PayoutItem.partner_id == partner.id)
            .order_by(PayoutBatch.id.desc())
        ).all()
    ]
    balance = partner_balance(session=session, partner_id=partner.id)
    return PartnerPage(
        partner=partner,
        currency=program.currency,
        window=window,
        metrics=next((m for m in report.partners if m.partner_id == partner.id), None),
        balance=balance,
        min_payout_cents=program.min_payout_cents,
        trend=daily_trend(session=session, partner_id=partner.id, window=window),
        links=links,
        skus=[(sku, title) for sku, title in session.execute(select(Product.sku, Product.title).order_by(Product.sku))],
        messages=list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.partner_id == partner.id, OutboxMessage.kind.in_(MESSAGE_KINDS))
                .order_by(OutboxMessage.id.desc())
                .limit(50)
            )
        ),
        payouts=payouts,
        withdrawals=list(
            session.scalars(
                select(WithdrawalRequest)
                .where(WithdrawalRequest.partner_id == partner.id)
                .order_by(WithdrawalRequest.id.desc())
            )
        ),
        readiness=payout_readiness(
            session=session, partner=partner, locked_cents=balance.locked, clawback_cents=balance.clawback
        ),
    )
