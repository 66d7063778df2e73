"""Orders whose click arrived after them: credit them once the click is stored, as if it had come first.

An order carrying a click id nobody has recorded yet is booked unattributed and its inbox event is left
``waiting`` (``workflows.booking.orders``). ``credit_waiting_orders`` looks at waiting orders whose click
is now stored and attributes them with the same rules as at booking (``attribution.attribute``: the click
must lie within the cookie window before the order, its partner must be active); a credit is a new
attribution, new commissions and a new accrual posting through ``orders.credit_orders``, and refunds
booked meanwhile are reversed from them (``refunds.reverse_earlier_refunds``). Nothing booked is updated.
Once its click is known the event is ``booked`` whether or not the click earned credit; an order whose
click never arrives stays ``waiting`` (listed by ``afflow inbox list --status waiting``).
Called by the clicks import (for the clicks it stored) and by ``lifecycle.reconcile`` (for all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.bulk import existing_keys, rows_where_in
from store.db import ensure_program
from store.models import Attribution, Click, InboxEvent, Order
from store.rules import rule_sets_in_force
from workflows.booking.attribution import attribute, load_context
from workflows.booking.events import OrderEvent
from workflows.booking.inbox import record_outcomes
from workflows.booking.orders import BOOKED, credit_orders
from workflows.booking.refunds import reverse_earlier_refunds
from workflows.booking.store_keys import keyed_orders


@dataclass(frozen=True, slots=True)
class LateCredits:
    credited: int = 0  # waiting orders now attributed to a partner
    resolved: int = 0  # waiting orders whose click arrived (credited or not)
    still_waiting: int = 0


def credit_waiting_orders(*, session: Session, as_of: datetime, click_ids: Iterable[str] | None = None) -> LateCredits:
    """Attribute the waiting orders whose click is now stored (only those naming ``click_ids``, if given)."""
    query = (
        select(InboxEvent.id, InboxEvent.source, InboxEvent.payload)
        .where(InboxEvent.status == "waiting", InboxEvent.kind == "order")
        .order_by(InboxEvent.id)
    )
    wanted = None if click_ids is None else set(click_ids)
    items = [
        (inbox_id, source, OrderEvent.model_validate(payload)) for inbox_id, source, payload in session.execute(query)
    ]
    items = [item for item in items if wanted is None or item[2].click_id in wanted]
    # the store's order id -> the stored order's own id (``store_keys``: two stores may share an id)
    waiting = [(inbox_id, event) for inbox_id, _, event in keyed_orders(session, items)]
    if not waiting:
        return LateCredits()
    known = existing_keys(session, Click.id, sorted({e.click_id for _, e in waiting if e.click_id}))
    arrived = [(inbox_id, event) for inbox_id, event in waiting if event.click_id in known]
    # credited meanwhile by another path (probabilistic matching): the first credit stands
    credited_already = existing_keys(session, Attribution.order_id, [event.order_id for _, event in arrived])
    candidates = [event for _, event in arrived if event.order_id not in credited_already]
    program = ensure_program(session)
    context = load_context(session=session, orders=candidates, cookie_days=program.cookie_days)
    credits = {event.order_id: attribute(event, context) for event in candidates}
    is_new_query = select(Order.id, Order.is_new_customer)
    is_new = {order_id: flag for order_id, flag in rows_where_in(session, is_new_query, Order.id, list(credits))}
    rules = rule_sets_in_force(session=session)
    credit_orders(session=session, orders=candidates, credits=credits, is_new=is_new, program=program, rules=rules)
    credited = [order_id for order_id, credit in credits.items() if credit is not None]
    reverse_earlier_refunds(session=session, order_ids=credited, ts=as_of)
    record_outcomes(session=session, outcomes={inbox_id: BOOKED for inbox_id, _ in arrived})
    return LateCredits(credited=len(credited), resolved=len(arrived), still_waiting=len(waiting) - len(arrived))
