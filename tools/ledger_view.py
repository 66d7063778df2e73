"""Read-side queries the agents need beyond ``tools.metrics``: best sellers, per-partner SKU conversions,
partner contacts, commission on given orders, orders paid in another currency than the program's (what the
customer paid beside what was booked), and a partner status change an approved proposal makes.

Sales here are what was sold: a voided order (``afflow orders void``) and a replaced order's superseded lines
(``afflow import orders --replace``) sold nothing and are never counted, as in ``tools.metrics``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.bulk import IN_CHUNK, rows_where_in, scalars_where_in
from store.models import (
    Attribution,
    Click,
    Commission,
    InboxEvent,
    Order,
    OrderLine,
    OutboxMessage,
    Partner,
    Product,
    Program,
)

SOLD_LINE = OrderLine.replaced_by.is_(None)  # a replaced order's superseded lines sold nothing
VOIDED = select(Order.id).where(Order.voided_at.is_not(None))  # orders voided by a correction sold nothing


@dataclass(frozen=True, slots=True)
class SkuSales:
    sku: str
    units: int
    revenue_cents: int


@dataclass(frozen=True, slots=True)
class PartnerContact:
    partner_id: str
    name: str
    email: str
    channel: str
    network: str
    audience_size: int
    status: str


@dataclass(frozen=True, slots=True)
class PaidAmount:
    """What the customer paid in another currency than the program's, and the rate it was booked at
    (``workflows.booking.fx``: program units per unit of ``currency``, as text, and the rate's date)."""

    currency: str
    amount_cents: int  # in ``currency``'s minor units
    fx_rate: str
    fx_rate_date: date | None


@dataclass(frozen=True, slots=True)
class ForeignOrder:
    order_id: str
    partner_id: str
    ts: datetime
    paid: PaidAmount
    booked_cents: int  # the order's total in the program's currency


@dataclass(frozen=True, slots=True)
class LineOriginal:
    """A converted order line as the customer paid it: the line's amount, and its order's total."""

    line: PaidAmount
    order_total_cents: int


def program_name(*, session: Session) -> str:
    program = session.get(Program, 1)
    return program.name if program is not None else "our affiliate program"


def program_currency(*, session: Session) -> str:
    program = session.get(Program, 1)
    return program.currency if program is not None else "USD"


def best_selling_skus(*, session: Session, since: datetime, until: datetime, limit: int) -> list[SkuSales]:
    """Program-wide best sellers by attributed units in [since, until)."""
    query = (
        select(OrderLine.sku, func.sum(OrderLine.quantity), func.sum(OrderLine.amount_cents))
        .join(Attribution, Attribution.order_id == OrderLine.order_id)
        .where(Attribution.order_ts >= since, Attribution.order_ts < until)
        .where(SOLD_LINE, Attribution.order_id.not_in(VOIDED))
        .group_by(OrderLine.sku)
        .order_by(func.sum(OrderLine.quantity).desc(), OrderLine.sku)
        .limit(limit)
    )
    return [SkuSales(sku=sku, units=int(units), revenue_cents=int(rev)) for sku, units, rev in session.execute(query)]


def partner_sku_sales(
    *, session: Session, since: datetime, until: datetime, partner_ids: Sequence[str] | None = None
) -> dict[str, list[SkuSales]]:
    """Per partner, the SKUs its attributed orders sold in the window, best first (one set-based query)."""
    query = (
        select(Attribution.partner_id, OrderLine.sku, func.sum(OrderLine.quantity), func.sum(OrderLine.amount_cents))
        .join(OrderLine, OrderLine.order_id == Attribution.order_id)
        .where(Attribution.order_ts >= since, Attribution.order_ts < until)
        .where(SOLD_LINE, Attribution.order_id.not_in(VOIDED))
        .group_by(Attribution.partner_id, OrderLine.sku)
    )
    if partner_ids is not None and len(partner_ids) <= IN_CHUNK:
        query = query.where(Attribution.partner_id.in_(list(partner_ids)))
    wanted = set(partner_ids) if partner_ids is not None else None
    sales: dict[str, list[SkuSales]] = {}
    for pid, sku, units, revenue in session.execute(query):
        if wanted is None or pid in wanted:
            sales.setdefault(pid, []).append(SkuSales(sku=sku, units=int(units), revenue_cents=int(revenue)))
    for rows in sales.values():
        rows.sort(key=lambda row: (-row.units, row.sku))
    return sales


def product_titles(*, session: Session, skus: Iterable[str]) -> dict[str, str]:
    return {sku: title for sku, title in rows_where_in(session, select(Product.sku, Product.title), Product.sku, skus)}


def partner_contacts(*, session: Session, status: str | None = "active") -> dict[str, PartnerContact]:
    query = select(Partner).order_by(Partner.id)
    if status is not None:
        query = query.where(Partner.status == status)
    return {
        p.id: PartnerContact(
            partner_id=p.id,
            name=p.name,
            email=p.email,
            channel=p.channel,
            network=p.network,
            audience_size=p.audience_size,
            status=p.status,
        )
        for p in session.scalars(query)
    }


def set_partner_status(*, session: Session, partner_id: str, status: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise LookupError(f"partner {partner_id} does not exist")
    partner.status = status
    return partner


def commission_on_orders(*, session: Session, partner_id: str, order_ids: Sequence[str]) -> int:
    """Net commission (booked minus reversed) the partner earned on these orders: what a clawback recovers."""
    net = select(func.coalesce(func.sum(Commission.amount_cents - Commission.reversed_cents), 0)).where(
        Commission.partner_id == partner_id
    )
    return sum(int(chunk_total or 0) for chunk_total in scalars_where_in(session, net, Commission.order_id, order_ids))


def foreign_currency_orders(*, session: Session, since: datetime, until: datetime) -> list[ForeignOrder]:
    """Attributed orders in (since, until] paid in another currency than the program's, oldest first (not voided)."""
    query = (
        select(Order.id, Attribution.partner_id, Order.ts, Order.original_currency, Order.original_total_cents,
               Order.fx_rate, Order.fx_rate_date, Order.total_cents)
        .join(Attribution, Attribution.order_id == Order.id)
        .where(Attribution.order_ts > since, Attribution.order_ts <= until)
        .where(Order.original_currency.is_not(None), Order.voided_at.is_(None))
        .order_by(Order.ts, Order.id)
    )  # fmt: skip
    return [
        ForeignOrder(order_id, partner_id, ts, PaidAmount(str(currency), int(paid or 0), rate or "", rate_date), booked)
        for order_id, partner_id, ts, currency, paid, rate, rate_date, booked in session.execute(query)
    ]


def line_originals(*, session: Session, order_line_ids: Iterable[int]) -> dict[int, LineOriginal]:
    """By order line id: what the customer paid for the line and the order, for lines of converted orders only."""
    query = select(
        OrderLine.id, Order.original_currency, OrderLine.original_amount_cents, Order.original_total_cents,
        Order.fx_rate, Order.fx_rate_date,
    ).join(Order, Order.id == OrderLine.order_id).where(Order.original_currency.is_not(None))  # fmt: skip
    return {
        line_id: LineOriginal(PaidAmount(str(currency), int(amount or 0), rate or "", rate_date), int(total or 0))
        for line_id, currency, amount, total, rate, rate_date in rows_where_in(
            session, query, OrderLine.id, order_line_ids
        )
    }


def outbox_counts(*, session: Session, since: datetime) -> dict[str, int]:
    """Messages queued since ``since`` by kind (briefs, nudges, ...), for the weekly report."""
    rows = session.execute(
        select(OutboxMessage.kind, func.count()).where(OutboxMessage.created_at > since).group_by(OutboxMessage.kind)
    )
    return {kind: int(count) for kind, count in rows}


def first_event_received_at(*, session: Session) -> datetime | None:
    """When the store first received an order, refund or other event: products created later are new arrivals."""
    value = session.scalar(select(func.min(InboxEvent.received_at)))
    return value if isinstance(value, datetime) else None


def first_event_ts(*, session: Session) -> datetime | None:
    """The earliest click or attributed order (how much partner history a comparison can use).

    Unattributed store orders are left out: a shop's older order history says nothing about its partners;
    voided ones too (a test order booked by mistake is no history).
    """
    first_order = select(func.min(Attribution.order_ts)).where(Attribution.order_id.not_in(VOIDED))
    times = [session.scalar(select(func.min(Click.ts))), session.scalar(first_order)]
    known = [ts for ts in times if isinstance(ts, datetime)]
    return min(known) if known else None
