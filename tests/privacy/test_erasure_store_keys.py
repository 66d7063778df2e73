"""Erasure finds a customer's inbox events by their own store's order id, on SQLite and PostgreSQL.

Orders are keyed by their store (``workflows.booking.store_keys``): when WooCommerce sends order 5001 after
Shopify did, the WooCommerce one is stored as ``woocommerce:5001`` while its inbox event still names the
store's id ``5001``. Erasing the WooCommerce buyer must scrub that event, and leave Shopify's buyer alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select

from store.audit import Actor
from store.db import transaction
from store.models import InboxEvent
from tests.workflows.booking import T0, book, order, partners
from workflows.booking.ingest import enqueue, process_pending
from workflows.privacy.customer import erase_customer


def payload_text(engine: Engine) -> dict[str, str]:
    with transaction(engine) as session:
        rows = session.execute(select(InboxEvent.source, InboxEvent.payload))
        return {source: json.dumps(payload) for source, payload in rows}


def test_erasing_the_second_stores_buyer_scrubs_its_event_and_not_the_first_stores(
    engine: Engine, tmp_path: Path
) -> None:
    partners(engine, tmp_path, "p1")
    book(engine, order("5001", T0, customer="ann@example.com", ref="REF-p1"), source="shopify")
    with transaction(engine) as session:  # WooCommerce's 5001 by webhook, after Shopify's
        enqueue(session=session, source="woocommerce", events=[order("5001", T0, customer="bob@example.com")])
    with transaction(engine) as session:
        assert process_pending(session=session).booked == 1
    with transaction(engine) as session:
        erased = erase_customer(session=session, customer_id="bob@example.com", actor=Actor("cli", "dpo"))
    assert (erased.orders, erased.payloads) == (1, 1)
    payloads = payload_text(engine)
    assert "bob@example.com" not in payloads["woocommerce"] and erased.tombstone in payloads["woocommerce"]
    assert "ann@example.com" in payloads["shopify"]
