"""Per-partner fraud features for one window: a handful of GROUP BY queries that run inside the database.

Each query returns one row per partner (or per partner and bucket); the detectors in ``tools.fraud.signals``
only compare these aggregates. Time-to-conversion comes from ``attributions.seconds_to_conversion``.
Coupon-code features live in ``tools.fraud.coupons``, the partner's own orders in ``tools.fraud.self_referral``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from store.models import Attribution, Click
from tools.analytics_sql import Window

# Upper bounds (seconds) of the time-to-conversion histogram buckets; the last bucket is open-ended.
TTC_BUCKETS: tuple[int, ...] = (10, 30, 60, 300, 900, 3600, 14_400, 86_400, 259_200, 604_800, 2_592_000)
SAMPLE_CHUNK = 200
# How an order reaches a partner through its own traffic (a click, the same shopper's click on another
# device, a ref link, a probabilistic match) rather than through a code alone.
CREDITING_METHODS = ("click", "cross_device", "probabilistic", "ref")
# Referrers of a search engine's result pages: an affiliate link clicked there was placed on the results
# page itself (paid search), which on the brand's own name intercepts shoppers already looking for it.
# Webmail (mail.google.com) and other subdomains are deliberately not matched.
SEARCH_RESULT_PAGES = (
    "%://www.google.%", "%://google.%", "%://www.bing.com%", "%://bing.com%", "%://search.yahoo.com%",
    "%://duckduckgo.com%", "%://www.ecosia.org%", "%://search.brave.com%", "%://yandex.%", "%://www.baidu.com%",
)  # fmt: skip
# rendered as the literal '' (not a bound parameter): SQLite uses a partial index only when the query's
# WHERE spells out the index's own condition
NO_REFERRER: ColumnElement[str] = literal_column("''")


class PartnerFeatures(BaseModel):
    clicks: int = 0
    no_referrer_clicks: int = 0
    ip_prefixes: int = 0
    top_prefix_clicks: int = 0
    devices: int = 0  # distinct hashed IPs the clicks came from
    orders: int = 0
    credited_orders: int = 0  # brought by the partner's own traffic (``CREDITING_METHODS``)
    returning_orders: int = 0
    timed_orders: int = 0
    fast_orders: int = 0
    slow_orders: int = 0
    returning_quick_orders: int = 0
    returning_intercepted_orders: int = 0  # returning, and the click came at checkout or from a search page
    minute_orders: int = 0  # converted after fast_seconds but within quick_seconds of the click
    ttc_histogram: list[int] = Field(default_factory=lambda: [0] * (len(TTC_BUCKETS) + 1))
    self_identity_orders: int = 0
    self_prefix_orders: int = 0
    self_farm_orders: int = 0
    exclusive_codes: int = 0  # exclusive coupon codes the partner owns
    code_orders: int = 0
    code_orders_no_click: int = 0
    code_customers_no_click: int = 0
    code_new_customers_no_click: int = 0
    code_days_no_click: int = 0
    code_peak_day_no_click: int = 0
    code_other_partners: int = 0


def ttc_bucket(seconds: Any) -> Any:
    """SQL CASE mapping seconds to a histogram bucket index."""
    return case(
        *[(seconds < bound, index) for index, bound in enumerate(TTC_BUCKETS)],
        else_=len(TTC_BUCKETS),
    )


def from_search_page(referrer: Any) -> ColumnElement[bool]:
    return or_(*(referrer.like(pattern) for pattern in SEARCH_RESULT_PAGES))


def merge_rows(features: dict[str, PartnerFeatures], rows: Iterable[Any], names: tuple[str, ...]) -> None:
    """Set ``names`` from rows of (partner_id, *values), creating a partner's features on first sight."""
    for row in rows:
        target = features.setdefault(str(row[0]), PartnerFeatures())
        for name, value in zip(names, row[1:], strict=True):
            setattr(target, name, int(value or 0))


def collect_click_and_order_features(
    *, session: Session, window: Window, fast_seconds: int, slow_seconds: int, quick_seconds: int
) -> dict[str, PartnerFeatures]:
    features: dict[str, PartnerFeatures] = {}
    merge_rows(
        features, session.execute(_network_query(window)), ("clicks", "ip_prefixes", "top_prefix_clicks", "devices")
    )
    merge_rows(features, session.execute(_no_referrer_query(window)), ("no_referrer_clicks",))
    merge_rows(
        features,
        session.execute(_order_query(window, fast_seconds, slow_seconds, quick_seconds)),
        (
            "orders",
            "credited_orders",
            "returning_orders",
            "timed_orders",
            "fast_orders",
            "slow_orders",
            "returning_quick_orders",
            "returning_intercepted_orders",
            "minute_orders",
        ),
    )
    for partner_id, bucket, count in session.execute(_histogram_query(window)):
        features.setdefault(str(partner_id), PartnerFeatures()).ttc_histogram[int(bucket)] = int(count)
    return features


def _network_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Clicks, distinct IP prefixes, the busiest prefix's clicks and distinct devices (hashed IPs), in one pass.

    Reads only ``ix_clicks_partner_prefix_device_ts``: the inner GROUP BY walks that index in its own order,
    so neither the table nor a sort of the window's clicks is touched; an IP lies in one prefix, so a
    partner's devices are the sum of each prefix's distinct hashes.
    """
    device = case((Click.ip_hash != "", Click.ip_hash))
    per_prefix = (
        select(
            Click.partner_id.label("partner_id"),
            Click.ip_prefix.label("ip_prefix"),
            func.count().label("clicks"),
            func.count(distinct(device)).label("devices"),
        )
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
        func.sum(per_prefix.c.devices),
    ).group_by(per_prefix.c.partner_id)


def _no_referrer_query(window: Window) -> Select[*tuple[Any, ...]]:
    """Clicks without a referrer per partner: served by the partial index ``ix_clicks_no_referrer``."""
    return (
        select(Click.partner_id, func.count())
        .where(Click.referrer == NO_REFERRER, Click.ts > window.start, Click.ts <= window.end)
        .group_by(Click.partner_id)
    )


def orders_in_window(window: Window) -> ColumnElement[bool]:
    return and_(Attribution.order_ts > window.start, Attribution.order_ts <= window.end)


def _order_query(window: Window, fast_seconds: int, slow_seconds: int, quick_seconds: int) -> Select[*tuple[Any, ...]]:
    seconds = Attribution.seconds_to_conversion
    returning = Attribution.is_new_customer.is_(False)
    credited_click = aliased(Click, name="credited_click")
    intercepted = and_(returning, or_(seconds < quick_seconds, from_search_page(credited_click.referrer)))
    return (
        select(
            Attribution.partner_id,
            func.count(),
            func.sum(case((Attribution.method.in_(CREDITING_METHODS), 1), else_=0)),
            func.sum(case((returning, 1), else_=0)),
            func.count(seconds),
            func.sum(case((seconds < fast_seconds, 1), else_=0)),
            func.sum(case((seconds >= slow_seconds, 1), else_=0)),
            func.sum(case((and_(returning, seconds < quick_seconds), 1), else_=0)),
            func.sum(case((intercepted, 1), else_=0)),
            func.sum(case((and_(seconds >= fast_seconds, seconds < quick_seconds), 1), else_=0)),
        )
        .outerjoin(credited_click, credited_click.id == Attribution.click_id)
        .where(orders_in_window(window))
        .group_by(Attribution.partner_id)
    )


def _histogram_query(window: Window) -> Select[*tuple[Any, ...]]:
    bucket = ttc_bucket(Attribution.seconds_to_conversion).label("bucket")
    return (
        select(Attribution.partner_id, bucket, func.count())
        .where(orders_in_window(window), Attribution.seconds_to_conversion.is_not(None))
        .group_by(Attribution.partner_id, bucket)
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
