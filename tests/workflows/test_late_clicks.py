"""Attribution that does not depend on arrival order: an order imported before its click waits for it,
and the click's import (or reconcile) credits it exactly as if the click had come first."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import unbalanced_transactions
from store.models import Attribution, InboxEvent, LedgerTransaction
from tests.workflows.booking import T0, balance, book, click, commissions, day, order, partners, refund
from workflows.booking.clicks import record_clicks
from workflows.booking.events import ClickIn
from workflows.booking.lifecycle import reconcile


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    return engine


def statuses(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        return {key: status for key, status in session.execute(select(InboxEvent.external_id, InboxEvent.status))}


def test_order_before_its_click_waits_and_the_clicks_import_credits_it(program: Engine, tmp_path: Path) -> None:
    report = book(program, order("o1", T0, click_id="c1"), order("o2", T0, ref="REF-p2"), order("o3", T0))
    assert (report.booked, report.attributed, report.unattributed, report.waiting) == (3, 1, 1, 1)
    assert statuses(program)["order:o1"] == "waiting"
    assert balance(program, "p1").pending == 0
    click(program, tmp_path, "c1", "p1", day(-1))  # the clicks file arrives after the orders file
    assert statuses(program)["order:o1"] == "booked"
    (line,) = commissions(program, "o1")
    assert (line.partner_id, line.amount_cents, line.state) == ("p1", 450, "pending")
    assert balance(program, "p1").pending == 450
    with transaction(program) as session:
        assert session.scalar(select(Attribution.method).where(Attribution.order_id == "o1")) == "click"


def test_a_late_click_outside_the_cookie_window_gives_no_credit(program: Engine, tmp_path: Path) -> None:
    book(program, order("o1", day(40), click_id="c1"))
    click(program, tmp_path, "c1", "p1", day(0))  # 40 days before the order, the window is 30
    assert statuses(program)["order:o1"] == "booked"  # its click is known: it waits no more
    assert commissions(program, "o1") == []


def test_refund_booked_while_waiting_is_reversed_from_the_late_commission(program: Engine, tmp_path: Path) -> None:
    book(program, order("o1", T0, click_id="c1", lines=(("SKU-1", 1, 4500), ("SKU-2", 1, 1000))))
    book(program, refund("r1", "o1", day(2), 1000, sku="SKU-2"))
    with transaction(program) as session:
        reconcile(session=session, as_of=day(3))  # nothing to credit yet
    assert statuses(program)["order:o1"] == "waiting"
    click(program, tmp_path, "c1", "p1", day(-1))
    first, second = commissions(program, "o1")
    assert (first.amount_cents, first.reversed_cents, first.state) == (450, 0, "pending")
    assert (second.amount_cents, second.reversed_cents, second.state) == (100, 100, "reversed")
    assert balance(program, "p1").pending == 450
    with transaction(program) as session:
        kinds = sorted(session.scalars(select(LedgerTransaction.ref)))
        assert kinds == ["accrual:o1", "reversal:late:o1"]
        assert unbalanced_transactions(session=session) == []


def test_reconcile_credits_orders_whose_click_was_stored_another_way(program: Engine) -> None:
    book(program, order("o1", day(1), click_id="c1"))
    # the live redirect stores clicks without looking for waiting orders: reconcile finds them
    with transaction(program) as session:
        record_clicks(session=session, clicks=[ClickIn(click_id="c1", ts=T0, partner_id="p2")], salt="s")
    with transaction(program) as session:
        report = reconcile(session=session, as_of=day(2))
    assert (report.late_credited, report.still_waiting) == (1, 0)
    assert balance(program, "p2").pending == 450
    with transaction(program) as session:
        again = reconcile(session=session, as_of=day(2))
    assert again.late_credited == 0
    assert balance(program, "p2").pending == 450
