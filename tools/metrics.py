"""Partner and program performance metrics over a window, computed with GROUP BY inside the database.

Definitions (money in integer minor units; rates are exact Decimal ratios rounded to 4 places, ``None``
when the denominator is zero; the window convention is in ``tools.analytics_sql``):

- ``clicks``: the partner's clicks in the window. ``orders``: orders attributed to the partner whose order
  time is in the window; ``click_orders``: those credited through a click (``click``, ``cross_device``,
  ``probabilistic``), not a ref link or coupon code. ``conversion_rate`` = click_orders / clicks (a coupon
  partner's code orders would otherwise push it past 100%).
- ``revenue``: gross line amounts of those orders; ``refunded``: what was refunded on them so far;
  ``aov`` = revenue / orders; ``refund_rate`` = orders with any refund / orders.
- ``commission``: net commission on those orders (accrued minus reversed); ``epc`` = commission / clicks
  (what a click earned the partner).
- ``margin_contribution`` = (revenue − refunded) − unit cost of the goods kept − commission. Refunded goods
  are assumed returned: a line's cost is scaled by its kept share (integer arithmetic per line).
- ``new_customer_share`` = attributed orders from first-time customers / orders.
- ``repeat_purchase_rate`` = referred customers who ordered again (through any channel) after their first
  referred order and before the window's end / referred customers.
- ``change``: relative change of clicks, orders, revenue, commission and margin against the previous window
  of the same length.

The program row sums the partners (a customer referred by two partners counts for both) and adds the
store-wide ``all_orders`` / ``all_revenue`` including unattributed orders. Never writes; never loops over
individual clicks or orders in Python.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.models import Attribution, Click, Commission, Order, OrderLine, Partner, Product
from tools.analytics_sql import Window, per_unit_cents, ratio, relative_change

CLICK_METHODS = ("click", "cross_device", "device_hint", "probabilistic")


class Totals(BaseModel):
    """Raw integer aggregates of one partner (or the whole program) over one window."""

    clicks: int = 0
    orders: int = 0
    click_orders: int = 0
    new_customer_orders: int = 0
    refunded_orders: int = 0
    revenue_cents: int = 0
    refunded_cents: int = 0
    cost_of_goods_cents: int = 0
    commission_cents: int = 0
    referred_customers: int = 0
    repeat_customers: int = 0

    @property
    def margin_contribution_cents(self) -> int:
        return self.revenue_cents - self.refunded_cents - self.cost_of_goods_cents - self.commission_cents

    def plus(self, other: Totals) -> Totals:
        return Totals(**{name: getattr(self, name) + getattr(other, name) for name in Totals.model_fields})


class Rates(BaseModel):
    conversion_rate: Decimal | None
    aov_cents: int | None
    epc_cents: int | None
    refund_rate: Decimal | None
    new_customer_share: Decimal | None
    repeat_purchase_rate: Decimal | None
    margin_contribution_cents: int


class Change(BaseModel):
    """Relative change against the previous window (``None``: nothing to compare with)."""

    clicks: Decimal | None
    orders: Decimal | None
    revenue: Decimal | None
    commission: Decimal | None
    margin_contribution: Decimal | None


class PeriodMetrics(BaseModel):
    current: Totals
    previous: Totals
    rates: Rates
    change: Change


class PartnerMetrics(PeriodMetrics):
    partner_id: str
    name: str | None


class ProgramMetrics(PeriodMetrics):
    all_orders: int
    all_revenue_cents: int


class MetricsReport(BaseModel):
    window: Window
    previous_window: Window
    program: ProgramMetrics
    partners: list[PartnerMetrics]


def rates_of(totals: Totals) -> Rates:
    return Rates(
        conversion_rate=ratio(totals.click_orders, totals.clicks),
        aov_cents=per_unit_cents(totals.revenue_cents, totals.orders),
        epc_cents=per_unit_cents(totals.commission_cents, totals.clicks),
        refund_rate=ratio(totals.refunded_orders, totals.orders),
        new_customer_share=ratio(totals.new_customer_orders, totals.orders),
        repeat_purchase_rate=ratio(totals.repeat_customers, totals.referred_customers),
        margin_contribution_cents=totals.margin_contribution_cents,
    )


def change_of(current: Totals, previous: Totals) -> Change:
    return Change(
        clicks=relative_change(current.clicks, previous.clicks),
        orders=relative_change(current.orders, previous.orders),
        revenue=relative_change(current.revenue_cents, previous.revenue_cents),
        commission=relative_change(current.commission_cents, previous.commission_cents),
        margin_contribution=relative_change(current.margin_contribution_cents, previous.margin_contribution_cents),
    )


def only(column: InstrumentedAttribute[str], partner_id: str | None) -> ColumnElement[bool]:
    """No filter for the whole program, else ``column = partner_id``."""
    return true() if partner_id is None else column == partner_id


def window_totals(*, session: Session, window: Window, partner_id: str | None = None) -> dict[str, Totals]:
    """Per-partner ``Totals`` for one window: five GROUP BY queries, merged by partner id."""
    rows: dict[str, dict[str, int]] = {}

    def merge(statement: Select[*tuple[Any, ...]], names: tuple[str, ...]) -> None:
        for row in session.execute(statement):
            target = rows.setdefault(str(row[0]), {})
            for name, value in zip(names, row[1:], strict=True):
                target[name] = int(value or 0)

    in_clicks = and_(Click.ts > window.start, Click.ts <= window.end)
    clicks = select(Click.partner_id, func.count()).where(in_clicks, only(Click.partner_id, partner_id))
    merge(clicks.group_by(Click.partner_id), ("clicks",))

    in_orders = and_(
        Attribution.order_ts > window.start,
        Attribution.order_ts <= window.end,
        only(Attribution.partner_id, partner_id),
        Attribution.order_id.not_in(VOIDED),  # a voided order sold nothing (`afflow orders void`)
    )
    orders = (
        select(
            Attribution.partner_id,
            func.count(),
            func.sum(case((Attribution.method.in_(CLICK_METHODS), 1), else_=0)),
            func.sum(case((Attribution.is_new_customer, 1), else_=0)),
        )
        .where(in_orders)
        .group_by(Attribution.partner_id)
    )
    merge(orders, ("orders", "click_orders", "new_customer_orders"))

    line_cost = OrderLine.quantity * func.coalesce(Product.unit_cost_cents, 0)
    kept_cost = case(
        (
            OrderLine.amount_cents > 0,
            line_cost * (OrderLine.amount_cents - OrderLine.refunded_cents) // OrderLine.amount_cents,
        ),
        else_=line_cost,
    )
    lines = (
        select(
            Attribution.partner_id,
            func.sum(OrderLine.amount_cents),
            func.sum(OrderLine.refunded_cents),
            func.sum(kept_cost),
            func.count(distinct(case((OrderLine.refunded_cents > 0, OrderLine.order_id)))),
        )
        .join(OrderLine, OrderLine.order_id == Attribution.order_id)
        .outerjoin(Product, Product.sku == OrderLine.sku)
        .where(in_orders, OrderLine.replaced_by.is_(None))  # a replaced order's superseded lines sold nothing
        .group_by(Attribution.partner_id)
    )
    merge(lines, ("revenue_cents", "refunded_cents", "cost_of_goods_cents", "refunded_orders"))

    commissions = (
        select(Commission.partner_id, func.sum(Commission.amount_cents - Commission.reversed_cents))
        .where(
            Commission.order_ts > window.start,
            Commission.order_ts <= window.end,
            only(Commission.partner_id, partner_id),
        )
        .group_by(Commission.partner_id)
    )
    merge(commissions, ("commission_cents",))

    merge(_repeat_customers(window=window, partner_id=partner_id), ("referred_customers", "repeat_customers"))
    return {key: Totals(**values) for key, values in rows.items()}


VOIDED = select(Order.id).where(Order.voided_at.is_not(None))
"""Orders voided by a correction: left out of every metric, as their commissions were reversed."""


def _repeat_customers(*, window: Window, partner_id: str | None) -> Select[*tuple[Any, ...]]:
    """Per partner: referred customers in the window, and how many of them ordered again later in it.

    "Ordered again" compares the customer's first order credited to the partner with the customer's latest
    order in the window: one GROUP BY per side and a join, where a correlated ``EXISTS`` per customer would
    probe the orders index once per (partner, customer) pair — hopeless for a customer with thousands of
    orders. Both sides lie in the window, so the latest order needs no look outside it.
    """
    in_window = and_(Attribution.order_ts > window.start, Attribution.order_ts <= window.end)
    first = (
        select(Attribution.partner_id, Order.customer_id, func.min(Attribution.order_ts).label("first_ts"))
        .join(Order, Order.id == Attribution.order_id)
        .where(in_window, only(Attribution.partner_id, partner_id))
        .group_by(Attribution.partner_id, Order.customer_id)
        .subquery("referred")
    )
    latest = (
        select(Order.customer_id, func.max(Order.ts).label("last_ts"))
        .where(Order.ts > window.start, Order.ts <= window.end)
        .group_by(Order.customer_id)
        .subquery("latest")
    )
    ordered_again = latest.c.last_ts > first.c.first_ts
    return (
        select(first.c.partner_id, func.count(), func.sum(case((ordered_again, 1), else_=0)))
        .join(latest, latest.c.customer_id == first.c.customer_id)
        .group_by(first.c.partner_id)
    )


def _store_orders(*, session: Session, window: Window) -> tuple[int, int]:
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(Order.total_cents), 0)).where(
            Order.ts > window.start, Order.ts <= window.end, Order.voided_at.is_(None)
        )
    ).one()
    return int(row[0]), int(row[1])


def partner_metrics(
    *, session: Session, start: datetime, end: datetime, partner_id: str | None = None
) -> MetricsReport:
    """Metrics of every partner (or one) for ``start < ts <= end`` and the program, with the previous window's change.

    Partners with no activity in either window are listed with zeros when they are active in the program,
    so a dormant partner is visible rather than missing.
    """
    window = Window(start=start, end=end)
    previous_window = window.previous()
    current = window_totals(session=session, window=window, partner_id=partner_id)
    previous = window_totals(session=session, window=previous_window, partner_id=partner_id)
    names_query = select(Partner.id, Partner.name, Partner.status)
    if partner_id is not None:
        names_query = names_query.where(Partner.id == partner_id)
    names: dict[str, str | None] = {}
    for pid, name, status in session.execute(names_query):
        if status == "active" or pid in current or pid in previous:
            names[pid] = name
    for pid in (*current, *previous):
        names.setdefault(pid, None)

    partners: list[PartnerMetrics] = []
    program_now, program_before = Totals(), Totals()
    for pid in sorted(names):
        now, before = current.get(pid, Totals()), previous.get(pid, Totals())
        program_now, program_before = program_now.plus(now), program_before.plus(before)
        partners.append(
            PartnerMetrics(
                partner_id=pid,
                name=names[pid],
                current=now,
                previous=before,
                rates=rates_of(now),
                change=change_of(now, before),
            )
        )
    all_orders, all_revenue = _store_orders(session=session, window=window)
    program = ProgramMetrics(
        current=program_now,
        previous=program_before,
        rates=rates_of(program_now),
        change=change_of(program_now, program_before),
        all_orders=all_orders,
        all_revenue_cents=all_revenue,
    )
    return MetricsReport(window=window, previous_window=previous_window, program=program, partners=partners)
