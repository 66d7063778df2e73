"""Signature checks: only a request signed with the configured secret over these exact bytes passes."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from webhooks.shop_payloads import (
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    body_of,
    shopify_headers,
    shopify_order,
    stripe_event,
    stripe_headers,
    stripe_session,
    woo_headers,
    woo_order,
)
from workflows.webhooks import SignatureError, shopify, stripe, woocommerce


def test_shopify_accepts_its_own_hmac_and_refunds_a_changed_body() -> None:
    body = body_of(shopify_order())
    headers = shopify_headers(body, "orders/paid")
    shopify.verify(body=body, headers=_lower(headers), secret=SHOPIFY_SECRET)
    with pytest.raises(SignatureError, match="does not match"):
        shopify.verify(body=body.replace(b"20.00", b"2000.00"), headers=_lower(headers), secret=SHOPIFY_SECRET)


def test_shopify_refuses_wrong_secret_and_missing_header() -> None:
    body = body_of(shopify_order())
    with pytest.raises(SignatureError):
        shopify.verify(body=body, headers=_lower(shopify_headers(body, "orders/paid", "other")), secret=SHOPIFY_SECRET)
    with pytest.raises(SignatureError, match="missing"):
        shopify.verify(body=body, headers={}, secret=SHOPIFY_SECRET)


def test_woocommerce_signature_and_unsigned_ping() -> None:
    body = body_of(woo_order())
    woocommerce.verify(body=body, headers=_lower(woo_headers(body, "order.updated")), secret=WOO_SECRET)
    with pytest.raises(SignatureError):
        woocommerce.verify(body=body, headers=_lower(woo_headers(body, "order.updated", "x")), secret=WOO_SECRET)
    assert woocommerce.is_ping(b"webhook_id=7", {})
    assert not woocommerce.is_ping(b"webhook_id=7&x=1", {})
    assert not woocommerce.is_ping(body, {})


def test_stripe_signature_with_rolled_secret_passes() -> None:
    body = body_of(stripe_event("checkout.session.completed", stripe_session()))
    now = int(time.time())
    header = f"t={now},v1={stripe.sign(body, 'whsec_old', now)},v1={stripe.sign(body, STRIPE_SECRET, now)}"
    stripe.verify(body=body, headers={"stripe-signature": header}, secret=STRIPE_SECRET, now=datetime.now(UTC))


@pytest.mark.parametrize("age_seconds", [301, -301, 3600])
def test_stripe_refuses_timestamps_outside_five_minutes(age_seconds: int) -> None:
    body = body_of(stripe_event("checkout.session.completed", stripe_session()))
    headers = _lower(stripe_headers(body, at=int(time.time()) - age_seconds))
    with pytest.raises(SignatureError, match="tolerance"):
        stripe.verify(body=body, headers=headers, secret=STRIPE_SECRET, now=datetime.now(UTC))


def test_stripe_accepts_a_signature_four_minutes_old() -> None:
    body = body_of(stripe_event("checkout.session.completed", stripe_session()))
    headers = _lower(stripe_headers(body, at=int(time.time()) - 240))
    stripe.verify(body=body, headers=headers, secret=STRIPE_SECRET, now=datetime.now(UTC))


@pytest.mark.parametrize("header", ["", "v1=abc", "t=1,v0=abc", "t=x,v1=abc", "garbage"])
def test_stripe_refuses_malformed_signature_headers(header: str) -> None:
    with pytest.raises(SignatureError):
        stripe.verify(body=b"{}", headers={"stripe-signature": header}, secret=STRIPE_SECRET, now=datetime.now(UTC))


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}
