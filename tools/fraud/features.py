"""Per-partner fraud features for one window: a handful of GROUP BY queries that run inside the database.

Each query returns one row per partner (or per partner and bucket); the detectors in ``tools.fraud.signals``
only compare these aggregates. Time-to-conversion comes from ``attributions.seconds_to_conversion``.
Coupon-code features live in ``tools.fraud.coupons``, the partner's own orders in ``tools.fraud.self_referral``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from store.models import Attribution, Click
from tools.analytics_sql import Window, unindexed

# Upper bounds (seconds) of the time-to-conversion histogram buckets; the last bucket is open-ended.
TTC_BUCKETS: tuple[int, ...] = (10, 30, 60, 300, 900, 3600, 14_400, 86_400, 259_200, 604_800, 2_592_000)
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


def from_search_page(referrer: Any) -> ColumnElement[bool]:
    """Whether ``referrer`` is a search engine's results page, whatever the case of its host: SQLite's LIKE
    ignores ASCII case and PostgreSQL's does not, so the referrer is lowered for both to judge alike."""
    lowered = func.lower(referrer)
    return or_(*(lowered.like(pattern) for pattern in SEARCH_RESULT_PAGES))


def merge_rows(features: dict[str, PartnerFeatures], rows: Iterable[Any], names: tuple[str, ...]) -> None:
    """Set ``names`` from rows of (partner_id, *values), creating a partner's features on first sight."""
    for row in rows:
        target = features.setdefault(str(row[0]), PartnerFeatures())
        for name, value in zip(names, row[1:], strict=True):
            if name.startswith("ttc_"):  # a bucket of the time-to-conversion histogram
                target.ttc_histogram[int(name.removeprefix("ttc_"))] = int(value or 0)
            else:
                setattr(target, name, int(value or 0))


def collect_click_and_order_features(
    *, session: Session, window: Window, fast_seconds: int, slow_seconds: int, quick_seconds: int
) -> dict[str, PartnerFeatures]:
    features: dict[str, PartnerFeatures] = {}
    network = _network_query(window, session.get_bind().dialect.name)
    merge_rows(features, session.execute(network), ("clicks", "ip_prefixes", "top_prefix_clicks", "devices"))
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
            *(f"ttc_{index}" for index in range(len(TTC_BUCKETS) + 1)),
        ),
    )
    return features


def _network_query(window: Window, dialect: str) -> Select[*tuple[Any, ...]]:
    """Clicks, distinct IP prefixes, the busiest prefix's clicks and distinct devices (hashed IPs), per partner.

    Both forms read only ``ix_clicks_partner_prefix_device_ts``, in its own order. PostgreSQL streams a
    GROUP BY (partner, prefix) under a GROUP BY partner; SQLite sorts the inner groups' rows for the outer
    one (a row per partner and prefix: millions at scale), so there prefixes and devices are counted distinct
    in one GROUP BY partner and the busiest prefix is a correlated look-up per partner (10.7 s against 6.3 s
    of SQLite CPU at 5M clicks; on PostgreSQL that form leaves the covering index for the table).
    """
    in_window = and_(Click.ts > window.start, Click.ts <= window.end)
    if dialect == "sqlite":
        return _network_query_flat(window)
    device = case((Click.ip_hash != "", Click.ip_hash))
    per_prefix = (
        select(
            Click.partner_id.label("partner_id"),
            Click.ip_prefix.label("ip_prefix"),
            func.count().label("clicks"),
            func.count(distinct(device)).label("devices"),
        )
        .where(in_window)
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


def _network_query_flat(window: Window) -> Select[*tuple[Any, ...]]:
    same_partner = aliased(Click, name="same_partner")
    busiest_prefix = (
        select(func.count())
        .where(
            same_partner.partner_id == Click.partner_id,
            same_partner.ip_prefix != "",
            same_partner.ts > window.start,
            same_partner.ts <= window.end,
        )
        .group_by(same_partner.ip_prefix)
        .order_by(func.count().desc())
        .limit(1)
        .correlate(Click)
        .scalar_subquery()
    )
    # an IP lies in one prefix: a device is a (prefix, hash) pair, as the sum of each prefix's distinct hashes was
    device = case((Click.ip_hash != "", Click.ip_prefix + "|" + Click.ip_hash))
    return (
        select(
            Click.partner_id,
            func.count(),
            func.count(distinct(case((Click.ip_prefix != "", Click.ip_prefix)))),
            func.coalesce(busiest_prefix, 0),
            func.count(distinct(device)),
        )
        .where(Click.ts > window.start, Click.ts <= window.end)
        .group_by(Click.partner_id)
    )


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
    # the click's referrer only for a returning order that was not at checkout: a key look-up where the
    # condition needs it, not an outer join (PostgreSQL hashed every click for it)
    searched = exists().where(credited_click.id == Attribution.click_id, from_search_page(credited_click.referrer))
    intercepted = and_(returning, or_(seconds < quick_seconds, searched))
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
            *_histogram_columns(seconds),
        )
        .where(orders_in_window(window))
        .group_by(unindexed(Attribution.partner_id))
    )


def _histogram_columns(seconds: Any) -> list[ColumnElement[Any]]:
    """The time-to-conversion histogram as one conditional count per bucket (``TTC_BUCKETS``: below the first bound, ..., from the last one), so that
    the histogram comes from the order features' own pass over the attributions instead of a second one."""
    bounds: tuple[int | None, ...] = (None, *TTC_BUCKETS, None)
    columns: list[ColumnElement[Any]] = []
    for low, high in pairwise(bounds):
        inside = [seconds.is_not(None)]
        if low is not None:
            inside.append(seconds >= low)
        if high is not None:
            inside.append(seconds < high)
        columns.append(func.sum(case((and_(*inside), 1), else_=0)))
    return columns


def sample_ids(
    *, session: Session, ids: Select[*tuple[Any, ...]], partner_ids: Iterable[str], limit: int
) -> dict[str, list[str]]:
    """Up to ``limit`` ids per partner from ``ids`` (columns: partner_id, id, ts), earliest first.

    One ``ORDER BY ts LIMIT n`` per flagged partner: each walks an index for a few rows, where a window
    function would rank every row of a partner with millions of clicks. SQLAlchemy compiles the statement once
    and writes each partner into it as a literal when it runs. As server-side parameters (of one statement per
    partner, or of UNION ALLs of 200 parts) a connection that scans again lets PostgreSQL switch to a generic
    plan after five runs, blind to how many clicks the partner has: the third scan of the 10k / 5M / 1M bench
    on one connection took 51 s of server CPU instead of 9; with literals five in a row took 9-10 s each.
    """
    partner_col, id_col, ts_col = list(ids.selected_columns)[:3]
    partner: BindParameter[str] = bindparam("sampled_partner", type_=String(), literal_execute=True)
    earliest = ids.where(partner_col == partner).order_by(ts_col, id_col).limit(limit)
    samples: dict[str, list[str]] = {}
    for partner_id in sorted(set(partner_ids)):
        for row in session.execute(earliest, {"sampled_partner": partner_id}):
            samples.setdefault(str(row[0]), []).append(str(row[1]))
    return samples
