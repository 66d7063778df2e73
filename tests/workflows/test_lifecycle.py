"""Reconcile: commissions lock once their return window has passed, parked refunds replay, holds are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import transaction
from tests.workflows.booking import T0, balance, book, click, commissions, day, order, partners, refund
from workflows.booking.ingest import enqueue, process_pending
from workflows.booking.lifecycle import ReconcileReport, reconcile
from workflows.portal.blocking import block_partner


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    click(engine, tmp_path, "c1", "p1", day(-1))
    return engine


def run_reconcile(engine: Engine, as_of: float) -> ReconcileReport:
    with transaction(engine) as session:
        return reconcile(session=session, as_of=day(as_of))


def test_commissions_lock_once_the_return_window_has_passed(program: Engine) -> None:
    book(program, order("o1", T0, click_id="c1"), order("o2", day(5), ref="REF-p2", customer="b"))
    assert run_reconcile(program, 29).locked_commissions == 0
    report = run_reconcile(program, 30)
    assert (report.locked_commissions, report.locked_cents) == (1, 450)
    assert [(p.partner_id, p.commissions, p.amount_cents) for p in report.partners] == [("p1", 1, 450)]
    assert (balance(program, "p1").pending, balance(program, "p1").locked) == (0, 450)
    assert balance(program, "p2").pending == 450
    assert run_reconcile(program, 30).locked_commissions == 0  # running again locks nothing twice
    assert balance(program, "p1").locked == 450
    (commission,) = commissions(program, "o1")
    assert (commission.state, commission.locked_at) == ("locked", day(30))


def test_partially_refunded_commission_locks_what_is_left_and_a_later_refund_reduces_locked(program: Engine) -> None:
    book(program, order("o1", T0, click_id="c1"), refund("r1", "o1", day(3), 1500))
    assert run_reconcile(program, 31).locked_cents == 300
    book(program, refund("r2", "o1", day(32), 1500))
    assert (balance(program, "p1").pending, balance(program, "p1").locked) == (0, 150)
    book(program, refund("r3", "o1", day(33), 1500))
    assert balance(program, "p1").locked == 0
    assert commissions(program, "o1")[0].state == "reversed"


def test_a_parked_refund_books_as_soon_as_its_order_is_processed_from_the_inbox(program: Engine) -> None:
    book(program, refund("r1", "o1", day(2), 4500), source="shopify")  # the store's refund file, then its webhook
    with transaction(program) as session:
        enqueue(session=session, source="shopify", events=[order("o1", T0, click_id="c1")])
    with transaction(program) as session:
        assert process_pending(session=session).replayed == 1
    report = run_reconcile(program, 1)
    assert (report.replayed, report.still_parked) == (0, 0)
    assert commissions(program, "o1")[0].state == "reversed"
    assert balance(program, "p1").pending == 0


def test_reconcile_reports_refunds_still_waiting_for_their_order(program: Engine) -> None:
    book(program, refund("r1", "missing", day(2), 100))
    report = run_reconcile(program, 40)
    assert (report.replayed, report.still_parked) == (0, 1)


def test_held_partner_commissions_do_not_lock(program: Engine) -> None:
    book(program, order("o1", T0, click_id="c1"))
    with transaction(program) as session:
        block_partner(session=session, partner_id="p1", actor="test", reason="investigation")
    assert run_reconcile(program, 40).locked_commissions == 0
    assert balance(program, "p1").pending == 450
