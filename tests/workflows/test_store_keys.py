"""Orders are keyed by their store: the same id from two stores books twice, and a refund only ever reaches
its own store's order (issue 17: a WooCommerce refund on 5001 reversed the Shopify order 5001's commission)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import unbalanced_transactions
from store.models import InboxEvent, Order
from tests.workflows.booking import T0, balance, book, click, commissions, day, order, partners, refund
from workflows.booking.ingest import enqueue, process_pending


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    click(engine, tmp_path, "c1", "p1", day(-1))
    click(engine, tmp_path, "c2", "p2", day(-1))
    return engine


def drain(engine: Engine, source: str, *events: object) -> None:
    with transaction(engine) as session:
        enqueue(session=session, source=source, events=list(events))  # type: ignore[arg-type]
    with transaction(engine) as session:
        process_pending(session=session)


def orders(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        return {order_id: source for order_id, source in session.execute(select(Order.id, Order.source))}


def test_the_same_order_id_from_two_stores_books_both(program: Engine) -> None:
    drain(program, "shopify", order("5001", T0, click_id="c1"))
    drain(program, "woocommerce", order("5001", T0, click_id="c2", customer="woo-1"))
    assert orders(program) == {"5001": "shopify", "woocommerce:5001": "woocommerce"}
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (450, 450)


def test_a_refund_reverses_only_its_own_stores_order(program: Engine) -> None:
    drain(program, "shopify", order("5001", T0, click_id="c1"))
    drain(program, "woocommerce", order("5001", T0, click_id="c2", customer="woo-1"))
    drain(program, "woocommerce", refund("9", "5001", day(1), 4500))
    (shopify_commission,) = commissions(program, "5001")
    (woo_commission,) = commissions(program, "woocommerce:5001")
    assert (shopify_commission.reversed_cents, woo_commission.reversed_cents) == (0, 450)
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (450, 0)
    with transaction(program) as session:
        assert unbalanced_transactions(session=session) == []


def test_a_refund_for_an_order_its_store_never_sent_is_parked_not_matched_to_another_store(program: Engine) -> None:
    drain(program, "shopify", order("5001", T0, click_id="c1"))
    drain(program, "woocommerce", refund("9", "5001", day(1), 4500))
    assert balance(program, "p1").pending == 450
    with transaction(program) as session:
        assert session.scalar(select(InboxEvent.status).where(InboxEvent.kind == "refund")) == "parked"
    drain(program, "woocommerce", order("5001", T0, click_id="c2", customer="woo-1"))  # now its order arrives
    with transaction(program) as session:
        assert session.scalar(select(InboxEvent.status).where(InboxEvent.kind == "refund")) == "booked"
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (450, 0)


def test_refund_ids_are_per_store_too(program: Engine) -> None:
    drain(program, "shopify", order("5001", T0, click_id="c1"))
    drain(program, "woocommerce", order("7", T0, click_id="c2", customer="woo-1"))
    drain(program, "shopify", refund("55", "5001", day(1), 1000))
    drain(program, "woocommerce", refund("55", "7", day(1), 1000))  # not a duplicate of Shopify's refund 55
    assert (balance(program, "p1").pending, balance(program, "p2").pending) == (350, 350)


def test_csv_file_books_under_the_store_it_names(program: Engine) -> None:
    book(program, order("5001", T0, click_id="c1"), source="shopify")
    drain(program, "shopify", refund("9", "5001", day(1), 4500))
    assert balance(program, "p1").pending == 0
