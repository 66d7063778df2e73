"""Coupon-code features: orders carrying a partner's exclusive code that the partner's own traffic did not bring.

Followers typing their creator's code are normal; a code that reaches strangers (a deal site, an
aggregator) shows as code-only orders far beyond what the partner's own clicks bring (``detect_coupon_leakage``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from store.models import Attribution, Coupon, Order
from tools.analytics_sql import Window, utc_day
from tools.fraud.features import CREDITING_METHODS, PartnerFeatures, merge_rows

OWNER_CREDIT = aliased(Attribution, name="owner_credit")
"""The order's attribution as ``leaked_code_orders`` joins it (to whomever the order is credited)."""


def collect_coupon_features(*, session: Session, window: Window, features: dict[str, PartnerFeatures]) -> None:
    owners = select(Coupon.partner_id, func.count()).where(Coupon.exclusive.is_(True), Coupon.partner_id.is_not(None))
    for partner_id, codes in session.execute(owners.group_by(Coupon.partner_id)):
        if str(partner_id) in features:  # a partner without traffic in the window has nothing to judge
            features[str(partner_id)].exclusive_codes = int(codes)
    merge_rows(
        features,
        session.execute(_coupon_query(window)),
        (
            "code_orders",
            "code_orders_no_click",
            "code_customers_no_click",
            "code_new_customers_no_click",
            "code_other_partners",
        ),
    )
    merge_rows(features, session.execute(_coupon_days_query(window)), ("code_days_no_click", "code_peak_day_no_click"))


def leaked_code_orders() -> tuple[Select[*tuple[Any, ...]], ColumnElement[bool]]:
    """(orders-with-an-exclusive-code join, "not brought by the code's owner") for coupon leakage.

    An order carrying a partner's exclusive code was *not* brought by that partner when the order is not
    credited to the owner through its own click, cross-device click or ref link.

    The join's condition is repeated as ``coupon_code IN (the owned exclusive codes)``: without it SQLite walks
    every order of the window by ``ix_orders_ts`` and looks up its code (0.9 s of CPU per coupon query at
    714,000 orders), with it seeks ``ix_orders_coupon_code_ts`` for each owned code (a few thousand orders).
    """
    owner_credit = OWNER_CREDIT
    owned = and_(Coupon.exclusive.is_(True), Coupon.partner_id.is_not(None))
    joined: Select[*tuple[Any, ...]] = (
        select(Order.id)
        .join(Coupon, and_(Coupon.code == Order.coupon_code, owned))
        .outerjoin(owner_credit, owner_credit.order_id == Order.id)
        .where(Order.coupon_code.in_(select(Coupon.code).where(owned).correlate(None)))
    )
    not_brought = or_(
        owner_credit.partner_id.is_(None),
        owner_credit.partner_id != Coupon.partner_id,
        owner_credit.method.not_in(CREDITING_METHODS),
    )
    return joined, not_brought


def _coupon_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Per code owner: orders carrying its codes, those its own traffic did not bring (their customers, new
    ones among them), and how many *other* partners got credit for orders carrying the code (the code travels
    beyond its owner). An order has one attribution (its primary key), so the owner's credit row is also
    the other partner's, and one pass answers both."""
    joined, not_brought = leaked_code_orders()
    return (
        joined.with_only_columns(
            Coupon.partner_id,
            func.count(),
            func.sum(case((not_brought, 1), else_=0)),
            func.count(distinct(case((not_brought, Order.customer_id)))),
            func.sum(case((and_(not_brought, Order.is_new_customer), 1), else_=0)),
            func.count(distinct(case((OWNER_CREDIT.partner_id != Coupon.partner_id, OWNER_CREDIT.partner_id)))),
        )
        .where(Order.ts > window.start, Order.ts <= window.end)
        .group_by(Coupon.partner_id)
    )


def _coupon_days_query(window: Window) -> Select[*tuple[Any, ...]]:
    joined, not_brought = leaked_code_orders()
    per_day = (
        joined.with_only_columns(
            Coupon.partner_id.label("partner_id"), utc_day(Order.ts).label("day"), func.count().label("orders")
        )
        .where(Order.ts > window.start, Order.ts <= window.end, not_brought)
        .group_by(Coupon.partner_id, utc_day(Order.ts))
        .subquery()
    )
    return select(per_day.c.partner_id, func.count(), func.max(per_day.c.orders)).group_by(per_day.c.partner_id)
