"""Store platforms' webhooks: signature checks and payload mapping into the event inbox.

One module per platform (``shopify``, ``woocommerce``, ``stripe``), each with ``verify`` (raises
``SignatureError``) and ``map_webhook`` (raises ``MalformedPayload``, returns inbox events; an unsubscribed
topic maps to nothing). ``PLATFORMS`` is what the HTTP app serves at ``POST /webhooks/{name}``. Nothing
here touches the database: the HTTP layer enqueues what the mappers return.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from workflows.events import InboxPayload
from workflows.webhooks import shopify, stripe, woocommerce
from workflows.webhooks.common import MalformedPayload, SignatureError

__all__ = ["PLATFORMS", "MalformedPayload", "Platform", "SignatureError"]


@dataclass(frozen=True)
class Platform:
    name: str
    verify: Callable[[bytes, Mapping[str, str], str, datetime], None]
    map_webhook: Callable[[bytes, Mapping[str, str], str], list[InboxPayload]]
    is_ping: Callable[[bytes, Mapping[str, str]], bool] = lambda _body, _headers: False


PLATFORMS: dict[str, Platform] = {
    "shopify": Platform(
        name="shopify",
        verify=lambda body, headers, secret, _now: shopify.verify(body=body, headers=headers, secret=secret),
        map_webhook=lambda body, headers, currency: shopify.map_webhook(body=body, headers=headers, currency=currency),
    ),
    "woocommerce": Platform(
        name="woocommerce",
        verify=lambda body, headers, secret, _now: woocommerce.verify(body=body, headers=headers, secret=secret),
        map_webhook=lambda body, headers, currency: woocommerce.map_webhook(
            body=body, headers=headers, currency=currency
        ),
        is_ping=woocommerce.is_ping,
    ),
    "stripe": Platform(
        name="stripe",
        verify=lambda body, headers, secret, now: stripe.verify(body=body, headers=headers, secret=secret, now=now),
        map_webhook=lambda body, headers, currency: stripe.map_webhook(body=body, headers=headers, currency=currency),
    ),
}
