"""Booking refunds: reduce the refunded lines' commissions proportionally, from wherever they now sit.

A refund names one SKU's line(s), or none (spread over the whole order in proportion to what is still
refundable). Each line tracks its cumulative ``refunded_cents``; its commission's ``reversed_cents`` is
always ``prorate(commission, refunded, line amount)`` of the *cumulative* refund, rounded half-even, so any
sequence of partial refunds ends exactly where one refund of the same total would (no drift). A full
refund reverses the whole commission (state ``reversed``). The reduction is booked from the account the
commission sits in: pending or locked (Dr that account, Cr expense) or, once paid, as a clawback
(Dr ``partner:{id}:clawback``, Cr expense) netted from the partner's next payout. One posting per refund,
ref ``refund:{refund_id}``. A refund whose order is not stored yet is ``parked`` (replayed by reconcile);
a refund larger than what its line(s) still hold is ``failed`` with the amounts (never capped: a wrong
amount is a data error to fix at the source, not money to guess).
A refund of an order booked from another currency (``workflows.booking.fx``) converts at that order's rate:
stated in the order's original currency (``RefundEvent.currency``), it is allocated over the lines' original
amounts and each line's refunded amount becomes ``prorate(line amount, original refunded, original amount)``,
so a full refund reverses exactly what was booked; stated in the program currency, it is allocated as any
other. The refund row keeps the program amount and, for the former, the original currency and amount. A
refund in a third currency is ``failed`` naming both. A refund on a voided order is ``failed``.
Only an order's current lines count: a line superseded by a replacement (``order_lines.replaced_by``) had
its commission reversed in full by ``reverse_in_full``, the same accounts as a refund of its whole amount.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.bulk import chunks, existing_keys, insert_rows, rows_where_in
from store.db import ensure_program
from store.ledger import EXPENSE, Posting, book, partner_account
from store.models import Commission, Order, OrderLine, Refund
from store.money import human_money, prorate
from workflows.booking.events import RefundEvent
from workflows.booking.orders import BOOKED, DUPLICATE, Outcome

PARKED = Outcome("parked")
_ACCOUNT_FOR_STATE = {"pending": "pending", "locked": "locked", "paid": "clawback"}


@dataclass(slots=True)
class _Line:
    id: int
    sku: str
    amount: int
    refunded: int
    commission: _LineCommission | None = None
    original_amount: int | None = None  # a converted order's line in its original currency
    original_refunded: int | None = None


@dataclass(slots=True)
class _LineCommission:
    id: int
    partner_id: str
    amount: int
    reversed: int
    state: str


def book_refunds(*, session: Session, refunds: Sequence[tuple[int, str, RefundEvent]]) -> dict[int, Outcome]:
    """Book ``(inbox id, source, refund)`` items; return each item's outcome keyed by inbox id."""
    outcomes: dict[int, Outcome] = {}
    currency = ensure_program(session).currency
    known = existing_keys(session, Refund.id, [refund.refund_id for _, _, refund in refunds])
    lines = _load_lines(session, sorted({refund.order_id for _, _, refund in refunds}))
    original_currency = _load_originals(session, lines)
    voided = _voided(session, list(lines))
    touched_lines: dict[int, _Line] = {}
    refund_rows: list[dict[str, Any]] = []
    postings: list[Posting] = []
    for inbox_id, source, refund in refunds:
        if refund.refund_id in known:
            outcomes[inbox_id] = DUPLICATE
            continue
        order_lines = lines.get(refund.order_id)
        if order_lines is None:
            outcomes[inbox_id] = PARKED
            continue
        if refund.order_id in voided:
            outcomes[inbox_id] = Outcome(
                "failed",
                f"refund {refund.refund_id}: order {refund.order_id} was voided on {voided[refund.order_id]:%Y-%m-%d} "
                "(afflow orders void): its commission is reversed and a refund on it cannot be booked",
            )
            continue
        targets = [line for line in order_lines if refund.sku is None or line.sku == refund.sku]
        if not targets:
            outcomes[inbox_id] = Outcome("failed", f"order {refund.order_id} has no line for SKU {refund.sku}")
            continue
        stated_in = (refund.currency or currency).upper()
        paid_in = original_currency.get(refund.order_id, currency.upper())
        in_original = stated_in == paid_in != currency.upper()
        if stated_in not in (paid_in, currency.upper()):
            outcomes[inbox_id] = Outcome(
                "failed",
                f"refund {refund.refund_id} is in {stated_in}, but order {refund.order_id} was paid in {paid_in} "
                f"and is booked in {currency.upper()}",
            )
            continue
        refundable = sum(_remaining(line, in_original) for line in targets)
        if refund.amount_cents > refundable:
            where = f"SKU {refund.sku}" if refund.sku is not None else "the order"
            outcomes[inbox_id] = Outcome(
                "failed",
                f"refund {refund.refund_id} of {human_money(refund.amount_cents, stated_in)} exceeds the "
                f"{human_money(refundable, stated_in)} still refundable on order {refund.order_id} ({where})",
            )
            continue
        known.add(refund.refund_id)
        outcomes[inbox_id] = BOOKED
        legs: dict[str, int] = {}
        refunded_before = sum(line.refunded for line in targets)
        for line, share in zip(targets, _allocate(refund.amount_cents, targets, in_original), strict=True):
            if share:
                touched_lines[line.id] = line
                _refund_line_in(line, share, legs, in_original)
        refund_rows.append(
            {
                "id": refund.refund_id,
                "order_id": refund.order_id,
                "ts": refund.ts,
                "sku": refund.sku,
                # in the program currency: what the lines' refunded amounts moved by
                "amount_cents": sum(line.refunded for line in targets) - refunded_before,
                "source": source,
                "original_currency": stated_in if in_original else None,
                "original_amount_cents": refund.amount_cents if in_original else None,
            }
        )
        if any(legs.values()):
            paid_back = any(code.endswith(":clawback") for code in legs)
            total = sum(legs.values())
            postings.append(
                Posting(
                    ref=f"refund:{refund.refund_id}",
                    kind="clawback" if paid_back else "reversal",
                    ts=refund.ts,
                    legs=(*sorted(legs.items()), (EXPENSE, -total)),
                    memo=f"refund {refund.refund_id} on order {refund.order_id}",
                )
            )
    _write(session, refund_rows, list(touched_lines.values()), postings)
    return outcomes


def reverse_earlier_refunds(*, session: Session, order_ids: Sequence[str], ts: datetime) -> int:
    """Apply refunds booked before these orders were credited to their new commissions; return postings booked.

    A late-credited order's lines may already carry refunds (booked while it had no partner): its fresh
    commissions are reduced by exactly what those refunds would have reversed, one posting per order
    (ref ``reversal:late:{order_id}``), the same arithmetic as ``_refund_line``.
    """
    lines = _load_lines(session, sorted(order_ids))
    touched: list[_Line] = []
    postings: list[Posting] = []
    for order_id, order_lines in sorted(lines.items()):
        legs: dict[str, int] = {}
        for line in order_lines:
            if line.refunded and line.commission is not None and not line.commission.reversed:
                refunded, line.refunded = line.refunded, 0
                _refund_line(line, refunded, legs)
                touched.append(line)
        if any(legs.values()):
            total = sum(legs.values())
            postings.append(
                Posting(
                    ref=f"reversal:late:{order_id}",
                    kind="reversal",
                    ts=ts,
                    legs=(*sorted(legs.items()), (EXPENSE, -total)),
                    memo=f"refunds on order {order_id} booked before its click arrived",
                )
            )
    _write(session, [], touched, postings)
    return len(postings)


@dataclass(frozen=True, slots=True)
class Reversal:
    """What ``reverse_in_full`` took back from one order: in total, and of it as a clawback (already paid)."""

    reversed_cents: int
    clawback_cents: int


def reverse_in_full(*, session: Session, orders: Mapping[str, tuple[str, str]], ts: datetime) -> dict[str, Reversal]:
    """Reverse what remains of the current lines' commissions of ``orders`` (order id -> (ledger ref, memo)).

    A refund of every line's whole amount, as far as the ledger goes: each commission's remaining
    ``amount - reversed`` is taken from where it sits (pending, locked, or once paid as a clawback netted from
    the next payout) and the commission becomes ``reversed``; one posting per order under its ref. The lines'
    refunded amounts are untouched (no money went back to the customer). Used by order corrections.
    """
    lines = _load_lines(session, sorted(orders))
    touched: list[_LineCommission] = []
    postings: list[Posting] = []
    reversals: dict[str, Reversal] = {}
    for order_id, order_lines in sorted(lines.items()):
        legs: dict[str, int] = {}
        for line in order_lines:
            commission = line.commission
            if commission is None or commission.state == "reversed":
                continue
            remaining = commission.amount - commission.reversed
            if remaining:
                account = partner_account(commission.partner_id, _ACCOUNT_FOR_STATE[commission.state])
                legs[account] = legs.get(account, 0) + remaining
            commission.reversed, commission.state = commission.amount, "reversed"
            touched.append(commission)
        clawback = sum(amount for code, amount in legs.items() if code.endswith(":clawback"))
        reversals[order_id] = Reversal(sum(legs.values()), clawback)
        if any(legs.values()):
            ref, memo = orders[order_id]
            legs_in_order = (*sorted(legs.items()), (EXPENSE, -sum(legs.values())))
            kind = "clawback" if clawback else "reversal"
            postings.append(Posting(ref=ref, kind=kind, ts=ts, legs=legs_in_order, memo=memo))
    if touched:
        session.execute(
            update(Commission), [{"id": c.id, "reversed_cents": c.reversed, "state": c.state} for c in touched]
        )
    book(session=session, postings=postings)
    return reversals


def _voided(session: Session, order_ids: list[str]) -> dict[str, datetime]:
    query = select(Order.id, Order.voided_at).where(Order.voided_at.is_not(None))
    rows = rows_where_in(session, query, Order.id, order_ids)
    return {order_id: voided_at for order_id, voided_at in rows if voided_at is not None}


def _remaining(line: _Line, in_original: bool) -> int:
    """What a line still holds: in the program currency, or in its order's original currency."""
    if in_original and line.original_amount is not None:
        return line.original_amount - (line.original_refunded or 0)
    return line.amount - line.refunded


def _refund_line_in(line: _Line, share: int, legs: dict[str, int], in_original: bool) -> None:
    """Refund ``share`` of a line, stated in the program currency or (``in_original``) in the order's own.

    In the original currency the line's refunded amount follows the cumulative original refund at the line's
    own ratio, so refunding a line's whole original amount refunds its whole booked amount (no drift).
    """
    if in_original and line.original_amount is not None:
        line.original_refunded = (line.original_refunded or 0) + share
        target = prorate(line.amount, line.original_refunded, line.original_amount) if line.original_amount else 0
        _refund_line(line, max(target - line.refunded, 0), legs)
        return
    _refund_line(line, share, legs)
    if line.original_amount is not None:  # keep the original-currency view of a converted line in step
        mirrored = prorate(line.original_amount, line.refunded, line.amount) if line.amount else 0
        line.original_refunded = max(line.original_refunded or 0, mirrored)


def _load_originals(session: Session, lines: Mapping[str, list[_Line]]) -> dict[str, str]:
    """Fill converted lines' original amounts; return the original currency of each converted order."""
    order_ids = list(lines)
    currencies = {
        order_id: str(currency).upper()
        for order_id, currency in rows_where_in(
            session,
            select(Order.id, Order.original_currency).where(Order.original_currency.is_not(None)),
            Order.id,
            order_ids,
        )
    }
    if not currencies:
        return {}
    by_id = {line.id: line for order_id in currencies for line in lines[order_id]}
    query = select(OrderLine.id, OrderLine.original_amount_cents, OrderLine.original_refunded_cents).where(
        OrderLine.original_amount_cents.is_not(None)
    )
    for line_id, original_amount, original_refunded in rows_where_in(session, query, OrderLine.id, list(by_id)):
        by_id[line_id].original_amount = original_amount
        by_id[line_id].original_refunded = original_refunded or 0
    return currencies


def _allocate(amount: int, targets: list[_Line], in_original: bool = False) -> list[int]:
    """Split ``amount`` (at most what the lines still hold) over them in proportion to it (cumulative rounding)."""
    remaining = [_remaining(line, in_original) for line in targets]
    refundable = sum(remaining)
    if refundable <= 0:
        return [0 for _ in targets]
    shares, cumulative, given = [], 0, 0
    for left in remaining:
        cumulative += left
        upto = prorate(amount, cumulative, refundable)
        shares.append(upto - given)
        given = upto
    return shares


def _refund_line(line: _Line, share: int, legs: dict[str, int]) -> None:
    line.refunded += share
    commission = line.commission
    if commission is None or commission.state == "reversed":
        return
    reversed_now = prorate(commission.amount, line.refunded, line.amount) if line.amount else 0
    delta = reversed_now - commission.reversed
    if delta:
        account = partner_account(commission.partner_id, _ACCOUNT_FOR_STATE[commission.state])
        legs[account] = legs.get(account, 0) + delta
    commission.reversed = reversed_now
    if line.refunded >= line.amount:
        commission.state = "reversed"


def _load_lines(session: Session, order_ids: list[str]) -> dict[str, list[_Line]]:
    lines: dict[str, list[_Line]] = {}
    by_id: dict[int, _Line] = {}
    for chunk in chunks(order_ids):
        query = (
            select(OrderLine.id, OrderLine.order_id, OrderLine.sku, OrderLine.amount_cents, OrderLine.refunded_cents)
            .where(OrderLine.order_id.in_(chunk), OrderLine.replaced_by.is_(None))  # current lines only
            .order_by(OrderLine.order_id, OrderLine.line_no)
            .with_for_update()  # concurrent refunds on one order (several replicas) must not lose updates
        )
        for line_id, order_id, sku, amount, refunded in session.execute(query):
            line = _Line(line_id, sku, amount, refunded)
            lines.setdefault(order_id, []).append(line)
            by_id[line_id] = line
        commissions = (
            select(
                Commission.id,
                Commission.order_line_id,
                Commission.partner_id,
                Commission.amount_cents,
                Commission.reversed_cents,
                Commission.state,
            )
            .where(Commission.order_id.in_(chunk))
            .with_for_update()
        )
        for commission_id, line_id, partner_id, amount, reversed_cents, state in session.execute(commissions):
            if line_id in by_id:  # a superseded line's commission stays reversed with it
                by_id[line_id].commission = _LineCommission(commission_id, partner_id, amount, reversed_cents, state)
    return lines


def _write(session: Session, refund_rows: list[dict[str, Any]], lines: list[_Line], postings: list[Posting]) -> None:
    if refund_rows:
        insert_rows(session, Refund, refund_rows)
    if lines:
        session.execute(update(OrderLine), [{"id": line.id, "refunded_cents": line.refunded} for line in lines])
        converted = [
            {"id": ln.id, "original_refunded_cents": ln.original_refunded}
            for ln in lines
            if ln.original_amount is not None
        ]
        if converted:  # only lines whose original amounts were loaded (``_load_originals``)
            session.execute(update(OrderLine), converted)
    commissions = [line.commission for line in lines if line.commission is not None]
    if commissions:
        session.execute(
            update(Commission),
            [{"id": c.id, "reversed_cents": c.reversed, "state": c.state} for c in commissions],
        )
    book(session=session, postings=postings)
