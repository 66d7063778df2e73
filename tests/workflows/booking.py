"""Small programs for the booking-engine tests, built only through the public API.

Partners, coupons and clicks enter through the CSV importer; orders and refunds through
``workflows.booking.ingest``; lifecycle and payouts through their own services.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import PartnerBalance, balances
from store.models import Commission
from workflows.booking.events import InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.booking.ingest import IngestReport, ingest
from workflows.importing.importer import import_csv

T0 = datetime(2026, 1, 1, tzinfo=UTC)
HEADERS = {
    "partners": "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code",
    "coupons": "code,partner_id,exclusive",
    "clicks": "click_id,ts,partner_id,ip,user_agent,referrer,landing_url,sku,customer_ref",
}


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def load(engine: Engine, directory: Path, kind: str, rows: list[str]) -> None:
    path = directory / f"{kind}.csv"
    path.write_text("\n".join([HEADERS[kind], *rows]) + "\n", encoding="utf-8")
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


def partners(engine: Engine, directory: Path, *ids: str) -> None:
    """Active partners with ref code ``REF-{id}`` and partner coupon ``CODE-{id}``."""
    load(
        engine, directory, "partners", [f"{p},Partner {p},{p}@example.com,blog,1000,0.05,REF-{p},CODE-{p}" for p in ids]
    )


def click(
    engine: Engine, directory: Path, click_id: str, partner_id: str, ts: datetime, customer_ref: str = ""
) -> None:
    row = f"{click_id},{ts.isoformat()},{partner_id},203.0.113.7,Mozilla/5.0,,https://shop.example.com/,,{customer_ref}"
    load(engine, directory, "clicks", [row])


def order(
    order_id: str,
    ts: datetime,
    *,
    customer: str = "cust-1",
    click_id: str | None = None,
    ref: str | None = None,
    coupon: str | None = None,
    lines: tuple[tuple[str, int, int], ...] = (("SKU-1", 1, 4500),),
    customer_order_count: int | None = None,
    currency: str = "USD",
) -> OrderEvent:
    return OrderEvent(
        order_id=order_id,
        ts=ts,
        customer_id=customer,
        click_id=click_id,
        ref_code=ref,
        coupon_code=coupon,
        currency=currency,
        lines=tuple(OrderLineIn(sku=s, quantity=q, unit_price_cents=p) for s, q, p in lines),
        customer_order_count=customer_order_count,
    )


def refund(refund_id: str, order_id: str, ts: datetime, amount: int, sku: str | None = None) -> RefundEvent:
    return RefundEvent(refund_id=refund_id, order_id=order_id, ts=ts, sku=sku, amount_cents=amount)


def book(engine: Engine, *events: InboxPayload, source: str = "csv") -> IngestReport:
    with transaction(engine) as session:
        return ingest(session=session, source=source, events=list(events))


def balance(engine: Engine, partner_id: str) -> PartnerBalance:
    with transaction(engine) as session:
        found = balances(session=session, partner_id=partner_id)
    return found[0] if found else PartnerBalance(partner_id, 0, 0, 0, 0)


def commissions(engine: Engine, order_id: str) -> list[Commission]:
    with transaction(engine) as session:
        return list(session.scalars(select(Commission).where(Commission.order_id == order_id).order_by(Commission.id)))
