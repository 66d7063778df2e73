"""Late clicks credit the right store's order when two stores use the same order id.

Orders are keyed by their store (``workflows.booking.store_keys``): Shopify's 5001 keeps the bare id, a later
WooCommerce 5001 is stored as ``woocommerce:5001``. An order waiting for its click is found by its own store's
key, so the click credits that order, and only that one, whichever store it came from; a refund booked while
it waited is reversed from its own commission.
"""

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

TWO_LINES = (("SKU-1", 1, 4500), ("SKU-2", 1, 1000))


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    return engine


def credited(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        return {
            order_id: partner_id
            for order_id, partner_id in session.execute(select(Attribution.order_id, Attribution.partner_id))
        }


def statuses(engine: Engine) -> dict[tuple[str, str], str]:
    with transaction(engine) as session:
        rows = session.execute(select(InboxEvent.source, InboxEvent.external_id, InboxEvent.status))
        return {(source, key): status for source, key, status in rows}


def test_a_late_click_credits_the_clashing_store_order_that_waited_for_it(program: Engine, tmp_path: Path) -> None:
    book(program, order("5001", T0, click_id="c-shop"), source="shopify")
    book(program, order("5001", T0, click_id="c-woo", customer="cust-2"), source="woocommerce")
    click(program, tmp_path, "c-woo", "p2", day(-1))  # only WooCommerce's click arrives
    assert credited(program) == {"woocommerce:5001": "p2"}
    assert statuses(program) == {("shopify", "order:5001"): "waiting", ("woocommerce", "order:5001"): "booked"}
    click(program, tmp_path, "c-shop", "p1", day(-1))
    assert credited(program) == {"woocommerce:5001": "p2", "5001": "p1"}
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (450, 450)


def test_reconcile_credits_the_store_order_and_reverses_the_refund_it_took_while_waiting(program: Engine) -> None:
    book(program, order("5001", T0, ref="REF-p1"), source="shopify")  # credited at once, keeps the bare id
    book(program, order("5001", T0, click_id="c-woo", customer="cust-2", lines=TWO_LINES), source="woocommerce")
    book(program, refund("r1", "5001", day(2), 1000, sku="SKU-2"), source="woocommerce")  # its own order's line
    with transaction(program) as session:  # the click stored by the live redirect, found by reconcile
        record_clicks(session=session, clicks=[ClickIn(click_id="c-woo", ts=T0, partner_id="p2")], salt="s")
    with transaction(program) as session:
        report = reconcile(session=session, as_of=day(3))
    assert (report.late_credited, report.still_waiting) == (1, 0)
    assert credited(program) == {"5001": "p1", "woocommerce:5001": "p2"}
    first, second = commissions(program, "woocommerce:5001")
    assert (first.amount_cents, first.reversed_cents, second.amount_cents, second.reversed_cents) == (450, 0, 100, 100)
    [shopify_line] = commissions(program, "5001")
    assert shopify_line.reversed_cents == 0  # WooCommerce's refund never touches Shopify's order
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (450, 450)
    with transaction(program) as session:
        refs = sorted(session.scalars(select(LedgerTransaction.ref)))
        assert refs == ["accrual:5001", "accrual:woocommerce:5001", "reversal:late:woocommerce:5001"]
        assert unbalanced_transactions(session=session) == []
