"""A partner's own orders: bought by the partner itself, from its own network, or from an account farm.

Identity is compared with the keys the store actually holds, hashed the same way (``store.identity``):
an order's customer id is the platform's id, a webhook guest's ``email_key`` or (older CSVs) a raw e-mail;
a ``/r/`` click's ``customer_ref`` is the shop's customer id. A partner's identity is its e-mail's keys
plus every platform customer id that checked out with the partner's mailbox (``order_signals.mailbox_key``,
so ``me+deals@…`` counts as ``me@…``). Three ways an order credited to a partner is its own:

- ``identity``: the order's customer, or the crediting click's ``customer_ref``, is the partner;
- ``prefix``: the crediting click, or the checkout, came from a network prefix where the partner's
  identity was seen (its home network); a partner never seen anywhere has no such prefix;
- ``farm``: one checkout IP placing orders for many distinct accounts, several of them within a day, at
  least ``farm_share`` of that IP's buyers credited to this partner: accounts opened to buy through its
  own link.

Partners and identity keys are few: the candidate orders are fetched by index look-ups and matched in
Python (an identity list would otherwise have to travel into every query as a table).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from store.identity import email_key, mailbox_key
from store.models import Attribution, Click, Order, OrderSignal, Partner
from tools.analytics_sql import Window, without_jit
from tools.fraud.features import PartnerFeatures, orders_in_window

CHUNK = 5000  # keys per IN list: few statements (SQLite takes 32,766 parameters)
FARM_BURST = timedelta(hours=24)
FARM_BURST_ACCOUNTS = 3
How = Literal["identity", "prefix", "farm"]


@dataclass
class OwnOrders:
    """One partner's own orders in the window: order id -> (ts, the first way it matched)."""

    orders: dict[str, tuple[datetime, How]] = field(default_factory=dict)

    def add(self, order_id: str, ts: datetime, how: How) -> None:
        self.orders.setdefault(order_id, (ts, how))

    def count(self, how: How) -> int:
        return sum(1 for _, matched in self.orders.values() if matched == how)

    def ordered(self) -> list[tuple[str, datetime]]:
        """(order id, ts), earliest first."""
        return sorted(
            ((order_id, ts) for order_id, (ts, _) in self.orders.items()), key=lambda item: (item[1], item[0])
        )


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _normal(identity: str | None) -> str:
    """Raw e-mails compare case-insensitively; hashed keys and platform ids as stored."""
    if not identity:
        return ""
    return identity.strip().lower() if "@" in identity else identity


def partner_identities(*, session: Session) -> dict[str, set[str]]:
    """identity key (customer id / customer_ref as stored) -> the partners it belongs to."""
    owners: dict[str, set[str]] = {}
    mailboxes: dict[str, set[str]] = {}
    for partner_id, email in session.execute(select(Partner.id, Partner.email)):
        mailbox = mailbox_key(email)
        for key in {_normal(email), email_key(email), mailbox} - {""}:
            owners.setdefault(key, set()).add(partner_id)
        if mailbox:
            mailboxes.setdefault(mailbox, set()).add(partner_id)
    for chunk in _chunks(sorted(mailboxes)):
        tied = select(Order.customer_id, OrderSignal.mailbox_key).join(Order, Order.id == OrderSignal.order_id)
        for customer_id, mailbox in session.execute(tied.where(OrderSignal.mailbox_key.in_(chunk)).distinct()):
            owners.setdefault(_normal(customer_id), set()).update(mailboxes[mailbox])
    return owners


def _home_prefixes(*, session: Session, owners: dict[str, set[str]]) -> dict[str, set[str]]:
    """partner -> network prefixes where its identity was seen: its own checkouts and clicks, any time."""
    homes: dict[str, set[str]] = {}
    keys = sorted(owners)
    for chunk in _chunks(keys):
        checkouts = (
            select(Order.customer_id, OrderSignal.ip_prefix)
            .join(OrderSignal, OrderSignal.order_id == Order.id)
            .where(Order.customer_id.in_(chunk), OrderSignal.ip_prefix != "")
        )
        clicks = select(Click.customer_ref, Click.ip_prefix).where(Click.customer_ref.in_(chunk), Click.ip_prefix != "")
        for query in (checkouts, clicks):
            for identity, prefix in session.execute(query.distinct()):
                for partner_id in owners.get(_normal(identity), ()):
                    homes.setdefault(partner_id, set()).add(prefix)
    return homes


def own_orders(
    *, session: Session, window: Window, farm_min_accounts: int, farm_share: Decimal
) -> dict[str, OwnOrders]:
    """partner -> its own orders among those credited to it in ``window`` (see the module docstring).

    Only the orders that could match are read: by an identity key (index look-ups on the order's customer
    id and on the crediting click's ``customer_ref``; raw e-mails in customer ids compared case-insensitively),
    of the partners with a home network, and from the checkout IPs that bought for ``farm_min_accounts``+
    accounts in the window (one GROUP BY over the checkout signals).
    """
    with without_jit(session=session):  # a few dozen IN-list look-ups, each too cheap to compile
        return _own_orders(session=session, window=window, farm_min_accounts=farm_min_accounts, farm_share=farm_share)


def _own_orders(
    *, session: Session, window: Window, farm_min_accounts: int, farm_share: Decimal
) -> dict[str, OwnOrders]:
    owners = partner_identities(session=session)
    homes = _home_prefixes(session=session, owners=owners)
    credited_click = aliased(Click, name="credited_click")

    def of_click(column: InstrumentedAttribute[Any]) -> Any:
        """The crediting click's ``column``, looked up by its key for each order the query keeps: an outer join
        let PostgreSQL hash all the clicks once per chunk (minutes at 5M clicks and a hundred chunks)."""
        return select(column).where(credited_click.id == Attribution.click_id).scalar_subquery()

    columns = (
        Attribution.partner_id,
        Attribution.order_id,
        Attribution.order_ts,
        Order.customer_id,
        of_click(credited_click.customer_ref),
        of_click(credited_click.ip_prefix),
        OrderSignal.ip_prefix,
        OrderSignal.ip_hash,
    )
    credited = (
        select(*columns)
        .join(Order, Order.id == Attribution.order_id)
        .outerjoin(OrderSignal, OrderSignal.order_id == Attribution.order_id)
        .where(orders_in_window(window))
    )
    identity_clicks: set[str] = set()  # clicks carrying an identity key (index look-ups on customer_ref)
    queries = [credited.where(Order.customer_id.contains("@"))]
    for chunk in _chunks(sorted(owners)):
        queries.append(credited.where(Order.customer_id.in_(chunk)))
        identity_clicks.update(session.scalars(select(Click.id).where(Click.customer_ref.in_(chunk))))
    busy = _busy_checkout_ips(session=session, window=window, min_accounts=farm_min_accounts)
    for column, values in (
        (Attribution.click_id, identity_clicks),
        (Attribution.partner_id, set(homes)),
        (OrderSignal.ip_hash, set(busy)),
    ):
        queries += [credited.where(column.in_(chunk)) for chunk in _chunks(sorted(values))]
    rows = {row[1]: row for query in queries for row in session.execute(query)}
    found: dict[str, OwnOrders] = {}
    accounts: dict[tuple[str, str], list[tuple[datetime, str]]] = {}  # (partner, checkout IP) -> (ts, customer)
    for partner_id, order_id, ts, customer, ref, click_prefix, checkout_prefix, checkout_ip in rows.values():
        if partner_id in owners.get(_normal(customer), ()) or partner_id in owners.get(_normal(ref), ()):
            found.setdefault(partner_id, OwnOrders()).add(order_id, ts, "identity")
        elif homes.get(partner_id, set()) & {click_prefix or "", checkout_prefix or ""} - {""}:
            found.setdefault(partner_id, OwnOrders()).add(order_id, ts, "prefix")
        if checkout_ip in busy:
            accounts.setdefault((partner_id, checkout_ip), []).append((ts, customer))
    farms = {
        key
        for key, orders in accounts.items()
        if len(customers := {customer for _, customer in orders}) >= farm_min_accounts
        and len(customers) >= farm_share * busy[key[1]]
        and _bursts(orders)
    }
    for partner_id, order_id, ts, _, _, _, _, checkout_ip in rows.values():
        if (partner_id, checkout_ip) in farms:
            found.setdefault(partner_id, OwnOrders()).add(order_id, ts, "farm")
    return found


def _busy_checkout_ips(*, session: Session, window: Window, min_accounts: int) -> dict[str, int]:
    """Checkout IPs that bought for ``min_accounts``+ distinct accounts in the window -> how many accounts."""
    per_ip = (
        select(OrderSignal.ip_hash, func.count(func.distinct(Order.customer_id)))
        .join(Order, Order.id == OrderSignal.order_id)
        .where(Order.ts > window.start, Order.ts <= window.end, OrderSignal.ip_hash != "")
        .group_by(OrderSignal.ip_hash)
        .having(func.count(func.distinct(Order.customer_id)) >= min_accounts)
    )
    return {str(ip): int(count) for ip, count in session.execute(per_ip)}


def _bursts(orders: list[tuple[datetime, str]]) -> bool:
    """Whether ``FARM_BURST_ACCOUNTS`` distinct accounts ordered within one ``FARM_BURST``: what tells a farm
    from a shared network (the people behind one office or campus address buy on their own days; accounts
    opened to buy through one's own link are used one after the other)."""
    ordered = sorted(orders)
    for index, (start, _) in enumerate(ordered):
        burst = {customer for ts, customer in ordered[index:] if ts - start <= FARM_BURST}
        if len(burst) >= FARM_BURST_ACCOUNTS:
            return True
    return False


def apply_own_orders(features: dict[str, PartnerFeatures], own: dict[str, OwnOrders]) -> None:
    for partner_id, orders in own.items():
        target = features.setdefault(partner_id, PartnerFeatures())
        target.self_identity_orders = orders.count("identity")
        target.self_prefix_orders = orders.count("prefix")
        target.self_farm_orders = orders.count("farm")
