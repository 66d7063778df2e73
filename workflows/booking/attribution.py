"""Who gets credit for an order: click id, cross-device customer match, ref code, then exclusive coupon.

Order of methods (the first that yields an *eligible* partner wins):
  1. ``click``: the click id carried on the order, if that click happened within the program's cookie
     window before the order (an unknown, future or expired click id falls through);
  2. ``cross_device``: the latest click carrying ``customer_ref`` == the order's customer id within the window;
  3. ``ref``: the partner whose ref code the order carries;
  4. ``coupon``: the partner owning the order's coupon as an exclusive coupon (or as its partner coupon code);
  5. ``device_hint``: like 2, through a click whose identity nobody vouched for (an unsigned ``afflow_uid``
     on ``/r/``, stored as ``unverified:{uid}``): anyone can plant one, so it never outranks a ref or coupon.
Ref and coupon codes match case-insensitively (a shopper types ``mara10`` for ``MARA10``).
Only ``active`` partners are eligible: a blocked or offboarded partner's click, ref or coupon gives no
credit and the order falls through to the next method. An order nobody earns is unattributed.

Look-ups are batched per chunk of orders (``load_context``); ``attribute`` is then pure. Nothing here writes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.bulk import rows_where_in, scalars_where_in
from store.models import Click, Coupon, Order, Partner
from workflows.booking.events import UNVERIFIED, OrderEvent


@dataclass(frozen=True, slots=True)
class ClickRef:
    click_id: str
    ts: datetime
    partner_id: str


@dataclass(frozen=True, slots=True)
class Credit:
    """The attribution decision for one order."""

    partner_id: str
    method: str  # click | cross_device | ref | coupon | device_hint
    click_id: str | None = None
    click_ts: datetime | None = None

    def seconds_to_conversion(self, order_ts: datetime) -> int | None:
        return None if self.click_ts is None else int((order_ts - self.click_ts).total_seconds())


@dataclass
class AttributionContext:
    """Everything ``attribute`` needs for one chunk of orders, loaded with a handful of queries."""

    cookie_window: timedelta
    clicks_by_id: dict[str, ClickRef] = field(default_factory=dict)
    clicks_by_customer: dict[str, list[ClickRef]] = field(default_factory=dict)  # sorted by ts
    partner_by_ref: dict[str, str] = field(default_factory=dict)  # keyed by the lower-cased code
    partner_by_coupon: dict[str, str] = field(default_factory=dict)  # keyed by the lower-cased code
    active_partners: set[str] = field(default_factory=set)

    def _in_window(self, click: ClickRef, order_ts: datetime) -> bool:
        return click.ts <= order_ts and order_ts - click.ts <= self.cookie_window

    def _eligible(self, partner_id: str | None) -> bool:
        return partner_id is not None and partner_id in self.active_partners


def attribute(order: OrderEvent, context: AttributionContext) -> Credit | None:
    """The credit for ``order`` by the method order in the module docstring, or None."""
    click = context.clicks_by_id.get(order.click_id) if order.click_id else None
    if click and context._in_window(click, order.ts) and context._eligible(click.partner_id):
        return Credit(click.partner_id, "click", click.click_id, click.ts)
    same_customer = _latest_click(context, context.clicks_by_customer.get(order.customer_id, []), order.ts)
    if same_customer is not None:
        return Credit(same_customer.partner_id, "cross_device", same_customer.click_id, same_customer.ts)
    by_ref = context.partner_by_ref.get(order.ref_code.lower()) if order.ref_code else None
    if context._eligible(by_ref) and by_ref is not None:
        return Credit(by_ref, "ref")
    by_coupon = context.partner_by_coupon.get(order.coupon_code.lower()) if order.coupon_code else None
    if context._eligible(by_coupon) and by_coupon is not None:
        return Credit(by_coupon, "coupon")
    hinted = _latest_click(context, context.clicks_by_customer.get(UNVERIFIED + order.customer_id, []), order.ts)
    if hinted is not None:
        return Credit(hinted.partner_id, "device_hint", hinted.click_id, hinted.ts)
    return None


def _latest_click(context: AttributionContext, history: list[ClickRef], order_ts: datetime) -> ClickRef | None:
    """The latest eligible click of ``history`` (sorted by time) inside the window before the order."""
    for candidate in reversed(history[: bisect_right([c.ts for c in history], order_ts)]):
        if not context._in_window(candidate, order_ts):
            break
        if context._eligible(candidate.partner_id):
            return candidate
    return None


def load_context(*, session: Session, orders: Sequence[OrderEvent], cookie_days: int) -> AttributionContext:
    """Batch-load the clicks, ref codes, coupons and partner statuses that ``orders`` can refer to."""
    context = AttributionContext(cookie_window=timedelta(days=cookie_days))
    if not orders:
        return context
    clicks = select(Click.id, Click.ts, Click.partner_id)
    for click_id, ts, partner_id in rows_where_in(
        session, clicks, Click.id, (o.click_id for o in orders if o.click_id)
    ):
        context.clicks_by_id[click_id] = ClickRef(click_id, ts, partner_id)
    earliest = min(o.ts for o in orders) - context.cookie_window
    latest = max(o.ts for o in orders)
    by_customer = select(Click.id, Click.ts, Click.partner_id, Click.customer_ref).where(
        Click.ts >= earliest, Click.ts <= latest
    )
    for click_id, ts, partner_id, customer_ref in rows_where_in(
        session,
        by_customer,
        Click.customer_ref,
        (ref for o in orders for ref in (o.customer_id, UNVERIFIED + o.customer_id)),
    ):
        if customer_ref is not None:
            context.clicks_by_customer.setdefault(customer_ref, []).append(ClickRef(click_id, ts, partner_id))
    for history in context.clicks_by_customer.values():
        history.sort(key=lambda c: (c.ts, c.click_id))
    ref_codes = sorted({o.ref_code.lower() for o in orders if o.ref_code})
    by_ref = select(Partner.id, Partner.ref_code).order_by(Partner.id)
    for partner_id, ref_code in rows_where_in(session, by_ref, func.lower(Partner.ref_code), ref_codes):
        if ref_code is not None:
            context.partner_by_ref.setdefault(ref_code.lower(), partner_id)
    coupon_codes = sorted({o.coupon_code.lower() for o in orders if o.coupon_code})
    by_coupon = select(Partner.id, Partner.coupon_code).order_by(Partner.id)
    for partner_id, code in rows_where_in(session, by_coupon, func.lower(Partner.coupon_code), coupon_codes):
        if code is not None:
            context.partner_by_coupon.setdefault(code.lower(), partner_id)
    exclusive = (
        select(Coupon.code, Coupon.partner_id)
        .where(Coupon.exclusive.is_(True), Coupon.partner_id.is_not(None))
        .order_by(Coupon.code)
    )
    owners: dict[str, str] = {}
    for code, owner in rows_where_in(session, exclusive, func.lower(Coupon.code), coupon_codes):
        if owner is not None:
            owners.setdefault(code.lower(), owner)
    context.partner_by_coupon |= owners  # the coupons table is authoritative
    candidates = {c.partner_id for c in context.clicks_by_id.values()}
    candidates |= {c.partner_id for history in context.clicks_by_customer.values() for c in history}
    candidates |= set(context.partner_by_ref.values()) | set(context.partner_by_coupon.values())
    active = select(Partner.id).where(Partner.status == "active")
    context.active_partners.update(scalars_where_in(session, active, Partner.id, candidates))
    return context


def earliest_order_times(*, session: Session, customer_ids: Iterable[str]) -> dict[str, datetime]:
    """Each customer's earliest stored order time: an order after it is from a returning customer."""
    earliest: dict[str, datetime] = {}
    query = select(Order.customer_id, func.min(Order.ts)).group_by(Order.customer_id)
    for customer_id, ts in rows_where_in(session, query, Order.customer_id, customer_ids):
        earliest[customer_id] = ts
    return earliest
