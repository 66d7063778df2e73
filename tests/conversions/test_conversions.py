"""Server-side conversions reach GA4 and Meta in their documented shapes: once, retried, hashed only."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import httpx
from conv_program import NOW
from fakes.ga4_server import API_SECRET, MEASUREMENT_ID, FakeGa4
from fakes.meta_server import ACCESS_TOKEN, API_VERSION, PIXEL_ID, FakeMeta
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import ConversionOutbox
from workflows.delivery.conversion_senders import Ga4Destination, MetaDestination, deliver_conversions
from workflows.delivery.conversions import encode_payload, queue_conversions


def _queue(engine: Engine) -> tuple[int, int]:
    with transaction(engine) as session:
        report = queue_conversions(session=session, destinations=["ga4", "meta"], now=NOW)
    return report.purchases, report.refunds


def _ga4(server: FakeGa4) -> Ga4Destination:
    return Ga4Destination(measurement_id=MEASUREMENT_ID, api_secret=API_SECRET, base_url=server.url)


def _meta(server: FakeMeta, token: str = ACCESS_TOKEN) -> MetaDestination:
    return MetaDestination(pixel_id=PIXEL_ID, access_token=token, api_version=API_VERSION, base_url=server.url)


def _rows(engine: Engine) -> dict[str, ConversionOutbox]:
    with transaction(engine) as session:
        return {row.dedupe_key: row for row in session.scalars(select(ConversionOutbox))}


def test_queue_covers_attributed_orders_and_refunds_once(small_program: Engine) -> None:
    assert _queue(small_program) == (6, 2)  # o1, o2, o4 and refund r1, for two destinations
    assert _queue(small_program) == (0, 0)
    keys = set(_rows(small_program))
    assert "ga4:purchase-o3" not in keys and "meta:purchase-o3" not in keys  # unattributed: nothing to send
    assert {"ga4:purchase-o1", "meta:purchase-o2", "ga4:refund-r1", "meta:refund-r1"} <= keys


def test_ga4_receives_documented_purchase_and_refund(small_program: Engine, ga4_server: FakeGa4) -> None:
    _queue(small_program)
    with httpx.Client() as client:
        report = deliver_conversions(engine=small_program, destinations=[_ga4(ga4_server)], client=client, now=NOW)
    assert (report.sent, report.failed) == (4, 0)
    assert ga4_server.validation_messages == []
    assert set(ga4_server.transactions) == {"o1", "o2", "o4"}
    purchase = ga4_server.transactions["o1"]["params"]
    assert purchase["value"] == 45.08 and purchase["currency"] == "USD" and purchase["affiliation"] == "p1"
    assert [(i["item_id"], i["quantity"], i["price"]) for i in purchase["items"]] == [
        ("SKU-1", 2, 19.99),
        ("SKU-2", 1, 5.1),
    ]
    [refund] = ga4_server.other_events
    assert refund["name"] == "refund" and refund["params"]["value"] == 5.1
    email_hash = hashlib.sha256(b"jane.doe@example.com").hexdigest()
    first = next(r for r in ga4_server.requests if r["events"][0]["params"]["transaction_id"] == "o1")
    assert first["user_data"] == {"sha256_email_address": [email_hash]} and first["user_id"] == email_hash
    assert all(b"jane" not in raw.lower() and b"cust-4" not in raw for raw in ga4_server.raw_bodies)
    assert b'"value":45.08' in b"".join(ga4_server.raw_bodies)  # an exact JSON number, not a float artefact
    assert {row.status for row in _rows(small_program).values() if row.destination == "ga4"} == {"sent"}


def test_meta_receives_hashed_events_and_refuses_none_but_stale_ones(
    small_program: Engine, meta_server: FakeMeta
) -> None:
    meta_server.now = NOW.timestamp()
    _queue(small_program)
    with httpx.Client() as client:
        report = deliver_conversions(engine=small_program, destinations=[_meta(meta_server)], client=client, now=NOW)
    assert (report.sent, report.failed, report.retrying) == (3, 1, 0)
    assert set(meta_server.events) == {
        ("Purchase", "purchase-o1"),
        ("Purchase", "purchase-o2"),
        ("Refund", "refund-r1"),
    }
    purchase = meta_server.events[("Purchase", "purchase-o1")]
    assert purchase["user_data"]["em"] == [hashlib.sha256(b"jane.doe@example.com").hexdigest()]
    assert purchase["custom_data"]["value"] == 45.08
    stale = _rows(small_program)["meta:purchase-o4"]  # 20 days old: Meta would reject the whole request
    assert stale.status == "failed" and "7 days" in (stale.last_error or "")
    assert "jane" not in json.dumps(meta_server.requests).lower()


def test_server_errors_are_retried_with_backoff_until_sent(small_program: Engine, meta_server: FakeMeta) -> None:
    meta_server.now = NOW.timestamp()
    meta_server.fail_next(status=503, times=3)
    _queue(small_program)
    with httpx.Client() as client:
        first = deliver_conversions(engine=small_program, destinations=[_meta(meta_server)], client=client, now=NOW)
        assert (first.sent, first.retrying) == (0, 3) and first.failed == 1  # the stale o4 fails for good
        waiting = _rows(small_program)["meta:purchase-o1"]
        assert waiting.status == "queued" and waiting.next_attempt_at == NOW + timedelta(minutes=1)
        too_early = deliver_conversions(engine=small_program, destinations=[_meta(meta_server)], client=client, now=NOW)
        assert too_early.sent == 0
        later = NOW + timedelta(minutes=2)
        second = deliver_conversions(engine=small_program, destinations=[_meta(meta_server)], client=client, now=later)
    assert second.sent == 3
    assert _rows(small_program)["meta:purchase-o1"].attempts == 2


def test_lost_responses_are_resent_and_deduplicated_by_event_id(
    small_program: Engine, ga4_server: FakeGa4, meta_server: FakeMeta
) -> None:
    meta_server.now = NOW.timestamp()
    ga4_server.lose_next_responses(4)
    meta_server.lose_next_responses(3)
    _queue(small_program)
    destinations = [_ga4(ga4_server), _meta(meta_server)]
    with httpx.Client() as client:
        deliver_conversions(engine=small_program, destinations=destinations, client=client, now=NOW)
        deliver_conversions(
            engine=small_program, destinations=destinations, client=client, now=NOW + timedelta(hours=1)
        )
    assert len(ga4_server.requests) == 8 and len(meta_server.requests) == 6  # every event went out twice
    assert set(ga4_server.transactions) == {"o1", "o2", "o4"}  # and counted once
    assert len(meta_server.events) == 3
    assert {r.status for r in _rows(small_program).values() if r.event_id != "purchase-o4"} == {"sent"}


def test_a_rejected_token_fails_without_retrying(small_program: Engine, meta_server: FakeMeta) -> None:
    meta_server.now = NOW.timestamp()
    _queue(small_program)
    with httpx.Client() as client:
        report = deliver_conversions(
            engine=small_program, destinations=[_meta(meta_server, token="wrong")], client=client, now=NOW
        )
    assert (report.sent, report.retrying, report.failed) == (0, 0, 4)
    assert "OAuthException" in (_rows(small_program)["meta:purchase-o1"].last_error or "")


def test_money_is_written_as_exact_json_numbers() -> None:
    text = encode_payload({"value": "1234567890123.45", "items": [{"price": "0.10", "item_id": "0.10"}]})
    assert text == '{"items":[{"item_id":"0.10","price":0.10}],"value":1234567890123.45}'
