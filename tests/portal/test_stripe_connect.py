"""The Stripe Connect client against a local server speaking Stripe's wire format."""

from __future__ import annotations

import pytest

from tests.fakes.stripe_server import API_KEY, FakeStripe
from tools.stripe_connect import StripeConnect, StripeError


def test_transfer_is_form_encoded_with_bearer_auth_and_idempotency_key(stripe_server: FakeStripe) -> None:
    with StripeConnect(api_key=API_KEY, base_url=stripe_server.url) as stripe:
        transfer = stripe.create_transfer(
            amount_cents=1234, currency="USD", destination="acct_alice", idempotency_key="k-1", metadata={"batch": "7"}
        )
    assert (transfer.amount_cents, transfer.currency, transfer.destination, transfer.replayed) == (
        1234,
        "USD",
        "acct_alice",
        False,
    )
    path, form, headers = stripe_server.requests[0]
    assert path == "/v1/transfers"
    assert form == {"amount": "1234", "currency": "usd", "destination": "acct_alice", "metadata[batch]": "7"}
    assert headers["idempotency-key"] == "k-1"
    assert stripe_server.transfers[0]["metadata"] == {"batch": "7"}


def test_server_errors_are_retried_with_the_same_key(stripe_server: FakeStripe) -> None:
    stripe_server.fail_next = 2
    with StripeConnect(api_key=API_KEY, base_url=stripe_server.url, backoff_seconds=0) as stripe:
        transfer = stripe.create_transfer(
            amount_cents=500, currency="usd", destination="acct_bob", idempotency_key="k-2"
        )
    assert transfer.id == stripe_server.transfers[0]["id"]
    assert [h["idempotency-key"] for _, _, h in stripe_server.requests] == ["k-2", "k-2", "k-2"]


def test_replaying_a_key_returns_the_first_transfer_and_a_changed_request_is_refused(stripe_server: FakeStripe) -> None:
    with StripeConnect(api_key=API_KEY, base_url=stripe_server.url, backoff_seconds=0) as stripe:
        first = stripe.create_transfer(amount_cents=700, currency="usd", destination="acct_bob", idempotency_key="k-3")
        again = stripe.create_transfer(amount_cents=700, currency="usd", destination="acct_bob", idempotency_key="k-3")
        assert (again.id, again.replayed) == (first.id, True)
        with pytest.raises(StripeError, match="same parameters") as changed:
            stripe.create_transfer(amount_cents=900, currency="usd", destination="acct_bob", idempotency_key="k-3")
    assert changed.value.status == 400
    assert len(stripe_server.transfers) == 1


def test_client_errors_are_final_and_carry_stripes_message(stripe_server: FakeStripe) -> None:
    with (
        StripeConnect(api_key=API_KEY, base_url=stripe_server.url, backoff_seconds=0) as stripe,
        pytest.raises(StripeError, match="No such destination") as missing,
    ):
        stripe.create_transfer(amount_cents=100, currency="usd", destination="acct_ghost", idempotency_key="k-4")
    assert (missing.value.status, missing.value.code) == (400, "resource_missing")
    assert len(stripe_server.requests) == 1
    with (
        StripeConnect(api_key="sk_wrong", base_url=stripe_server.url) as stripe,
        pytest.raises(StripeError, match="Invalid API Key"),
    ):
        stripe.create_transfer(amount_cents=100, currency="usd", destination="acct_bob", idempotency_key="k-5")
