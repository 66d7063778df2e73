"""Per-partner fraud features for one window: a handful of GROUP BY queries that run inside the database.

Each query returns one row per partner (or per partner and bucket); the detectors in ``tools.fraud.signals``
only compare these aggregates. Time-to-conversion comes from ``attributions.seconds_to_conversion``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from store.models import Attribution, Click, Coupon, Order, Partner
from tools.analytics_sql import Window, utc_day

# Upper bounds (seconds) of the time-to-conversion histogram buckets; the last bucket is open-ended.
TTC_BUCKETS: tuple[int, ...] = (10, 30, 60, 300, 900, 3600, 14_400, 86_400, 259_200, 604_800, 2_592_000)
SAMPLE_CHUNK = 200
CREDITING_METHODS = ("click", "cross_device", "probabilistic", "ref")
# rendered as the literal '' (not a bound parameter): SQLite uses a partial index only when the query's
# WHERE spells out the index's own condition
NO_REFERRER: ColumnElement[str] = literal_column("''")


class PartnerFeatures(BaseModel):
    clicks: int = 0
    no_referrer_clicks: int = 0
    ip_prefixes: int = 0
    top_prefix_clicks: int = 0
    orders: int = 0
    returning_orders: int = 0
    timed_orders: int = 0
    fast_orders: int = 0
    slow_orders: int = 0
    returning_quick_orders: int = 0
    minute_orders: int = 0  # converted after fast_seconds but within quick_seconds of the click
    ttc_histogram: list[int] = Field(default_factory=lambda: [0] * (len(TTC_BUCKETS) + 1))
    self_identity_orders: int = 0
    self_prefix_orders: int = 0
    code_orders: int = 0
    code_orders_no_click: int = 0
    code_customers_no_click: int = 0
    code_days_no_click: int = 0
    code_peak_day_no_click: int = 0
    code_other_partners: int = 0


def ttc_bucket(seconds: Any) -> Any:
    """SQL CASE mapping seconds to a histogram bucket index."""
    return case(
        *[(seconds < bound, index) for index, bound in enumerate(TTC_BUCKETS)],
        else_=len(TTC_BUCKETS),
    )


def collect_features(
    *, session: Session, window: Window, fast_seconds: int, slow_seconds: int, quick_seconds: int
) -> dict[str, PartnerFeatures]:
    features: dict[str, PartnerFeatures] = {}

    def merge(rows: Iterable[Any], names: tuple[str, ...]) -> None:
        for row in rows:
            target = features.setdefault(str(row[0]), PartnerFeatures())
            for name, value in zip(names, row[1:], strict=True):
                setattr(target, name, int(value or 0))

    merge(session.execute(_click_query(window)), ("clicks", "ip_prefixes", "top_prefix_clicks"))
    merge(session.execute(_no_referrer_query(window)), ("no_referrer_clicks",))
    merge(
        session.execute(_order_query(window, fast_seconds, slow_seconds, quick_seconds)),
        (
            "orders",
            "returning_orders",
            "timed_orders",
            "fast_orders",
            "slow_orders",
            "returning_quick_orders",
            "minute_orders",
        ),
    )
    for partner_id, bucket, count in session.execute(_histogram_query(window)):
        features.setdefault(str(partner_id), PartnerFeatures()).ttc_histogram[int(bucket)] = int(count)
    merge(session.execute(_self_referral_query(window)), ("self_identity_orders", "self_prefix_orders"))
    merge(session.execute(_coupon_query(window)), ("code_orders", "code_orders_no_click", "code_customers_no_click"))
    merge(session.execute(_coupon_days_query(window)), ("code_days_no_click", "code_peak_day_no_click"))
    merge(session.execute(_coupon_crediting_query(window)), ("code_other_partners",))
    return features


def _click_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Clicks, distinct IP prefixes and the busiest prefix's clicks, in one pass.

    Reads only ``ix_clicks_partner_prefix_ts``: the inner GROUP BY walks that index in its own order, so
    neither the table nor a sort is touched (SQLite would otherwise sort every click of the window).
    """
    per_prefix = (
        select(Click.partner_id.label("partner_id"), Click.ip_prefix.label("ip_prefix"), func.count().label("clicks"))
        .where(Click.ts > window.start, Click.ts <= window.end)
        .group_by(Click.partner_id, Click.ip_prefix)
        .subquery()
    )
    known_prefix = per_prefix.c.ip_prefix != ""
    return select(
        per_prefix.c.partner_id,
        func.sum(per_prefix.c.clicks),
        func.sum(case((known_prefix, 1), else_=0)),
        func.max(case((known_prefix, per_prefix.c.clicks), else_=0)),
    ).group_by(per_prefix.c.partner_id)


def _no_referrer_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Clicks without a referrer per partner: served by the partial index ``ix_clicks_no_referrer``."""
    return (
        select(Click.partner_id, func.count())
        .where(Click.referrer == NO_REFERRER, Click.ts > window.start, Click.ts <= window.end)
        .group_by(Click.partner_id)
    )


def _in_window(window: Window) -> Any:
    return and_(Attribution.order_ts > window.start, Attribution.order_ts <= window.end)


def _order_query(window: Window, fast_seconds: int, slow_seconds: int, quick_seconds: int) -> Select[*tuple[Any, ...]]:
    seconds = Attribution.seconds_to_conversion
    returning_quick = and_(Attribution.is_new_customer.is_(False), seconds < quick_seconds)
    return (
        select(
            Attribution.partner_id,
            func.count(),
            func.sum(case((Attribution.is_new_customer, 0), else_=1)),
            func.count(seconds),
            func.sum(case((seconds < fast_seconds, 1), else_=0)),
            func.sum(case((seconds >= slow_seconds, 1), else_=0)),
            func.sum(case((returning_quick, 1), else_=0)),
            func.sum(case((and_(seconds >= fast_seconds, seconds < quick_seconds), 1), else_=0)),
        )
        .where(_in_window(window))
        .group_by(Attribution.partner_id)
    )


def _histogram_query(window: Window) -> Select[*tuple[Any, ...]]:
    bucket = ttc_bucket(Attribution.seconds_to_conversion).label("bucket")
    return (
        select(Attribution.partner_id, bucket, func.count())
        .where(_in_window(window), Attribution.seconds_to_conversion.is_not(None))
        .group_by(Attribution.partner_id, bucket)
    )


def self_referral_orders() -> tuple[Select[*tuple[Any, ...]], ColumnElement[bool], ColumnElement[bool]]:
    """(attributed orders joined to what self-referral needs, identity match, own-IP-prefix match).

    Identity: the order's customer id, or the crediting click's logged-in ``customer_ref``, is the partner's
    email. Prefix: the crediting click came from a network prefix where the partner itself was seen
    logged in (a click anywhere carrying the partner's email as ``customer_ref``). The partner's own
    prefixes are one GROUP BY over the clicks that carry a partner's email (an index probe per partner),
    outer-joined by (partner, prefix): no correlated subquery per order.
    """
    credited_click = aliased(Click, name="credited_click")
    own_click = aliased(Click, name="own_click")
    own_partner = aliased(Partner, name="own_partner")
    own_prefixes = (
        select(own_partner.id.label("partner_id"), own_click.ip_prefix.label("ip_prefix"))
        .join(own_click, own_click.customer_ref == func.lower(own_partner.email))
        .where(own_click.ip_prefix != "")
        .group_by(own_partner.id, own_click.ip_prefix)
        .subquery("own_prefixes")
    )
    email = func.lower(Partner.email)
    # coalesce: a click without customer_ref must make ``identity`` false, not NULL (NOT NULL is NULL, and
    # "not identity but own prefix" would then never count)
    click_identity = func.lower(func.coalesce(credited_click.customer_ref, ""))
    identity = or_(func.lower(Order.customer_id) == email, click_identity == email)
    own_prefix = own_prefixes.c.partner_id.is_not(None)
    joined: Select[*tuple[Any, ...]] = (
        select(Attribution.order_id)
        .join(Partner, Partner.id == Attribution.partner_id)
        .join(Order, Order.id == Attribution.order_id)
        .outerjoin(credited_click, credited_click.id == Attribution.click_id)
        .outerjoin(
            own_prefixes,
            and_(
                own_prefixes.c.partner_id == Attribution.partner_id,
                own_prefixes.c.ip_prefix == credited_click.ip_prefix,
            ),
        )
    )
    return joined, identity, own_prefix


def _self_referral_query(window: Window) -> Select[*tuple[Any, ...]]:
    joined, identity, own_prefix = self_referral_orders()
    return (
        joined.with_only_columns(
            Attribution.partner_id,
            func.sum(case((identity, 1), else_=0)),
            func.sum(case((and_(~identity, own_prefix), 1), else_=0)),
        )
        .where(_in_window(window))
        .group_by(Attribution.partner_id)
    )


def leaked_code_orders() -> tuple[Select[*tuple[Any, ...]], ColumnElement[bool]]:
    """(orders-with-an-exclusive-code join, "not brought by the code's owner") for coupon leakage.

    An order carrying a partner's exclusive code was *not* brought by that partner when the order is not
    credited to the owner through its own click, cross-device click or ref link.
    """
    owner_credit = aliased(Attribution, name="owner_credit")
    joined: Select[*tuple[Any, ...]] = (
        select(Order.id)
        .join(
            Coupon, and_(Coupon.code == Order.coupon_code, Coupon.exclusive.is_(True), Coupon.partner_id.is_not(None))
        )
        .outerjoin(owner_credit, owner_credit.order_id == Order.id)
    )
    not_brought = or_(
        owner_credit.partner_id.is_(None),
        owner_credit.partner_id != Coupon.partner_id,
        owner_credit.method.not_in(CREDITING_METHODS),
    )
    return joined, not_brought


def _coupon_query(window: Window) -> Select[*tuple[Any, ...]]:
    joined, not_brought = leaked_code_orders()
    return (
        joined.with_only_columns(
            Coupon.partner_id,
            func.count(),
            func.sum(case((not_brought, 1), else_=0)),
            func.count(distinct(case((not_brought, Order.customer_id)))),
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


def _coupon_crediting_query(window: Window) -> Select[*tuple[Any, ...]]:
    """How many *other* partners got credit for orders carrying the code (the code travels beyond its owner)."""
    joined, _ = leaked_code_orders()
    other = aliased(Attribution, name="other_credit")
    return (
        joined.with_only_columns(Coupon.partner_id, func.count(distinct(other.partner_id)))
        .join(other, and_(other.order_id == Order.id, other.partner_id != Coupon.partner_id))
        .where(Order.ts > window.start, Order.ts <= window.end)
        .group_by(Coupon.partner_id)
    )


def sample_ids(
    *, session: Session, ids: Select[*tuple[Any, ...]], partner_ids: Iterable[str], limit: int
) -> dict[str, list[str]]:
    """Up to ``limit`` ids per partner from ``ids`` (columns: partner_id, id, ts), earliest first.

    One ``ORDER BY ts LIMIT n`` per flagged partner, glued with UNION ALL in chunks: each part walks an index
    for a few rows, where a window function would rank every row of a partner with millions of clicks.
    """
    partner_col, id_col, ts_col = list(ids.selected_columns)[:3]
    wanted = sorted(set(partner_ids))
    samples: dict[str, list[str]] = {}
    for start in range(0, len(wanted), SAMPLE_CHUNK):
        parts = [
            select(ids.where(partner_col == partner_id).order_by(ts_col, id_col).limit(limit).subquery())
            for partner_id in wanted[start : start + SAMPLE_CHUNK]
        ]
        for row in session.execute(union_all(*parts)):
            samples.setdefault(str(row[0]), []).append(str(row[1]))
    return samples
