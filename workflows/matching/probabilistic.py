"""Probabilistic matching: credit orders that carry no click id, ref code or coupon, when the signals agree.

A separate pass after ingest (``match_unattributed``), off unless the program turns it on
(``probabilistic_matching``). It looks only at stored orders with no attribution and none of the three
identifiers, compares the buyer's checkout signals (``order_signals``: network prefix, user-agent family,
device type; written by ``workflows.booking.order_signals.record_order_signals``) and the order's SKUs with recent clicks, and books the
best partner only when the calibrated confidence (``workflows.matching.model``) reaches the
program's ``probabilistic_threshold``. A booked match is an ordinary attribution with method
``probabilistic`` and its ``confidence``, priced by the same rules engine (``store.rules``) and accrued
through the same ledger API with the same ref (``accrual:{order_id}``) the booking engine uses, so a
refund later reduces it like any commission. Running the pass twice books nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from store.bulk import chunks, insert_rows, rows_where_in, scalars_where_in
from store.db import ensure_program
from store.ledger import EXPENSE, book, partner_account, transfer
from store.models import Attribution, Click, Commission, Order, OrderLine, OrderSignal, Partner, Program
from store.money import prorate
from store.rules import rule_sets_in_force
from workflows.booking.pricing import Pricer
from workflows.matching.model import (
    DEFAULT_PARAMETERS,
    Background,
    ClickFeatures,
    Match,
    MatchParameters,
    OrderFeatures,
    best_match,
    user_agent_family,
)

# unmatched orders are re-scored on every pass (a late click import may still match them): only this recent
HORIZON_DAYS = 90


@dataclass(frozen=True)
class MatchReport:
    enabled: bool
    threshold: Decimal
    considered: int = 0
    matched: int = 0
    below_threshold: int = 0
    commission_cents: int = 0


def _blank(column: Any) -> Any:
    return or_(column.is_(None), column == "")


def match_unattributed(
    *, session: Session, as_of: datetime, params: MatchParameters = DEFAULT_PARAMETERS
) -> MatchReport:
    """Match and book every eligible unattributed order placed up to ``as_of``; see the module docstring."""
    program = ensure_program(session)
    threshold = Decimal(program.probabilistic_threshold)
    if not program.probabilistic_matching:
        return MatchReport(enabled=False, threshold=threshold)
    query = (
        select(Order.id, Order.ts, OrderSignal.ip_prefix, OrderSignal.user_agent_family, OrderSignal.device_type)
        .join(OrderSignal, OrderSignal.order_id == Order.id)
        .outerjoin(Attribution, Attribution.order_id == Order.id)
        .where(Attribution.order_id.is_(None), OrderSignal.ip_prefix != "", Order.ts <= as_of)
        .where(Order.voided_at.is_(None))  # a voided order is credited to nobody
        .where(Order.ts > as_of - timedelta(days=HORIZON_DAYS))
        .where(_blank(Order.click_id), _blank(Order.ref_code), _blank(Order.coupon_code))
        .order_by(Order.ts, Order.id)
    )
    rows = session.execute(query).all()
    if not rows:
        return MatchReport(enabled=True, threshold=threshold)
    window = timedelta(days=program.cookie_days)
    skus = _order_skus(session, [row.id for row in rows])
    orders = [OrderFeatures(r.id, r.ts, r.ip_prefix, r.user_agent_family, r.device_type, skus[r.id]) for r in rows]
    background = _background(session, min(o.ts for o in orders) - window, max(o.ts for o in orders))
    matches: list[tuple[OrderFeatures, Match]] = []
    below = 0
    for chunk in chunks(orders):
        candidates = _candidates(session, chunk, window)
        for order in chunk:
            match = best_match(order, candidates.get(order.ip_prefix, []), background, window, params)
            if match is None:
                continue
            if Decimal(repr(match.confidence)) >= threshold:
                matches.append((order, match))
            else:
                below += 1
    cents = _book(session, program, matches)
    return MatchReport(True, threshold, len(orders), len(matches), below, cents)


def _order_skus(session: Session, order_ids: list[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {order_id: set() for order_id in order_ids}
    for order_id, sku in rows_where_in(
        session, select(OrderLine.order_id, OrderLine.sku), OrderLine.order_id, order_ids
    ):
        found[order_id].add(sku)
    return {order_id: frozenset(values) for order_id, values in found.items()}


def _background(session: Session, start: datetime, end: datetime) -> Background:
    """Value shares among all clicks of the period, from grouped counts (the UA strings are few)."""
    in_period = and_(Click.ts >= start, Click.ts <= end)

    def shares(column: Any, key: Any = lambda value: value) -> dict[str, float]:
        counts: dict[str, int] = {}
        for value, count in session.execute(select(column, func.count()).where(in_period).group_by(column)):
            if value:
                counts[key(value)] = counts.get(key(value), 0) + int(count)
        total = sum(counts.values()) or 1
        return {value: count / total for value, count in counts.items()}

    return Background(
        ua_share=shares(Click.user_agent, user_agent_family),
        device_share=shares(Click.device_type),
        sku_share=shares(Click.sku),
    )


def _candidates(session: Session, orders: Sequence[OrderFeatures], window: timedelta) -> dict[str, list[ClickFeatures]]:
    """Clicks of active partners from the orders' prefixes, inside the window before the chunk's orders."""
    prefixes = sorted({o.ip_prefix for o in orders})
    query = (
        select(Click.id, Click.ts, Click.partner_id, Click.user_agent, Click.device_type, Click.sku, Click.ip_prefix)
        .join(Partner, Partner.id == Click.partner_id)
        .where(Click.ip_prefix.in_(prefixes), Partner.status == "active", Click.device_type != "bot")
        .where(Click.ts >= min(o.ts for o in orders) - window, Click.ts <= max(o.ts for o in orders))
    )
    found: dict[str, list[ClickFeatures]] = {}
    for click_id, ts, partner_id, agent, device, sku, prefix in session.execute(query):
        found.setdefault(prefix, []).append(
            ClickFeatures(click_id, ts, partner_id, user_agent_family(agent), device, sku)
        )
    return found


def _book(session: Session, program: Program, matches: list[tuple[OrderFeatures, Match]]) -> int:
    """Attribution, commission rows and one accrual per matched order, as the booking engine writes them."""
    if not matches:
        return 0
    query = select(Order.id, Order.ts, Order.is_new_customer, Order.total_cents)
    details = {
        order_id: (ts, is_new, total)
        for order_id, ts, is_new, total in rows_where_in(session, query, Order.id, (o.order_id for o, _ in matches))
    }
    pricer = Pricer.load(
        session=session,
        rules=rule_sets_in_force(session=session),
        currency=program.currency,
        credited=[(match.partner_id, details[order.order_id][0]) for order, match in matches],
    )
    lines: dict[str, list[OrderLine]] = {}
    for line in scalars_where_in(session, select(OrderLine).order_by(OrderLine.line_no), OrderLine.order_id, details):
        lines.setdefault(line.order_id, []).append(line)
    attributions: list[dict[str, Any]] = []
    commissions: list[dict[str, Any]] = []
    postings = []
    total_cents = 0
    for order, match in matches:
        order_ts, is_new, order_total = details[order.order_id]
        # stored rounded down, so a stored confidence is never above the value that passed the threshold
        confidence = Decimal(repr(match.confidence)).quantize(Decimal("0.001"), rounding=ROUND_DOWN)
        attributions.append(
            {
                "order_id": order.order_id,
                "partner_id": match.partner_id,
                "method": "probabilistic",
                "click_id": match.click_id,
                "click_ts": match.click_ts,
                "seconds_to_conversion": int((order_ts - match.click_ts).total_seconds()),
                "is_new_customer": is_new,
                "order_ts": order_ts,
                "confidence": confidence,
            }
        )
        net = 0
        order_lines = lines.get(order.order_id, [])
        quotes = pricer.quote_lines(
            partner_id=match.partner_id,
            order_ts=order_ts,
            is_new_customer=is_new,
            lines=[(line.sku, line.amount_cents) for line in order_lines],
        )
        # later matches of this pass count this one towards their volume tiers, as booking counts its chunk
        pricer.credit(partner_id=match.partner_id, order_ts=order_ts, total_cents=int(order_total))
        for line, quote in zip(order_lines, quotes, strict=True):
            # a refund booked before the match reduced nothing yet: start from the cumulative refund
            reversed_cents = prorate(quote.cents, line.refunded_cents, line.amount_cents) if line.amount_cents else 0
            net += quote.cents - reversed_cents
            commissions.append(
                {
                    "order_line_id": line.id,
                    "order_id": order.order_id,
                    "partner_id": match.partner_id,
                    "rule_version": quote.rule_version,
                    "base_cents": line.amount_cents,
                    "amount_cents": quote.cents,
                    "reversed_cents": reversed_cents,
                    "state": "reversed" if quote.cents and reversed_cents == quote.cents else "pending",
                    "explanation": f"{quote.explanation} (probabilistic match, confidence {confidence})",
                    "order_ts": order_ts,
                    "lock_due_at": order_ts + timedelta(days=program.return_days),
                }
            )
        if net:
            postings.append(
                transfer(
                    ref=f"accrual:{order.order_id}",
                    kind="accrual",
                    ts=order_ts,
                    debit=EXPENSE,
                    credit=partner_account(match.partner_id, "pending"),
                    amount=net,
                    memo=f"commission on order {order.order_id} (probabilistic match)",
                )
            )
        total_cents += net
    insert_rows(session, Attribution, attributions)
    insert_rows(session, Commission, commissions)
    book(session=session, postings=postings)
    return total_cents


@dataclass(frozen=True)
class ProbabilisticCost:
    """What probabilistic matches earned one partner in a window: shown apart from deterministic credit."""

    partner_id: str
    orders: int
    revenue_cents: int
    commission_cents: int
    mean_confidence: Decimal


def probabilistic_costs(*, session: Session, start: datetime, end: datetime) -> list[ProbabilisticCost]:
    """Per partner, the orders, revenue and net commission credited by probabilistic matching, for
    ``start < order time <= end`` (the metrics window convention)."""
    commission = (
        select(Commission.order_id, func.sum(Commission.amount_cents - Commission.reversed_cents).label("net"))
        .group_by(Commission.order_id)
        .subquery()
    )
    query = (
        select(
            Attribution.partner_id,
            func.count(Attribution.order_id),
            func.coalesce(func.sum(Order.total_cents), 0),
            func.coalesce(func.sum(commission.c.net), 0),
            func.avg(Attribution.confidence),
        )
        .join(Order, Order.id == Attribution.order_id)
        .outerjoin(commission, commission.c.order_id == Attribution.order_id)
        .where(Attribution.method == "probabilistic", Attribution.order_ts > start, Attribution.order_ts <= end)
        .group_by(Attribution.partner_id)
        .order_by(Attribution.partner_id)
    )
    return [
        ProbabilisticCost(
            partner_id, int(orders), int(revenue), int(net), Decimal(str(mean or 0)).quantize(Decimal("0.001"))
        )
        for partner_id, orders, revenue, net, mean in session.execute(query)
    ]


def set_matching(*, session: Session, enabled: bool | None = None, threshold: Decimal | None = None) -> Program:
    """Turn probabilistic matching on or off and/or change its threshold (0.5–1: below, a match is a guess)."""
    program = ensure_program(session)
    if threshold is not None:
        if not Decimal("0.5") <= threshold <= 1:
            raise ValueError("the probabilistic threshold must be between 0.5 and 1")
        program.probabilistic_threshold = threshold
    if enabled is not None:
        program.probabilistic_matching = enabled
    session.flush()
    return program
