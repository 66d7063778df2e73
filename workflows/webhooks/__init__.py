"""Store platforms' webhooks: signature checks and payload mapping into the event inbox.

One module per platform (``shopify``, ``woocommerce``, ``stripe``), each with ``verify`` (raises
``SignatureError``) and ``map_webhook`` (raises ``MalformedPayload``, returns inbox events; an unsubscribed
topic maps to nothing). ``PLATFORMS`` is what the HTTP app serves at ``POST /webhooks/{name}``;
``checkout_signals`` reads the buyer's IP and user agent of the delivery's orders (for probabilistic
matching; the HTTP layer records them hashed, as the CSV importer does). Nothing here touches the database:
the HTTP layer enqueues what the mappers return.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workflows.booking.events import InboxPayload, OrderEvent
from workflows.booking.order_signals import OrderSignalIn
from workflows.webhooks import shopify, stripe, woocommerce
from workflows.webhooks.common import MalformedPayload, SignatureError, parse_json_object

__all__ = ["PLATFORMS", "MalformedPayload", "Platform", "SignatureError", "checkout_signals"]


@dataclass(frozen=True)
class Platform:
    name: str
    verify: Callable[[bytes, Mapping[str, str], str, datetime], None]
    map_webhook: Callable[[bytes, Mapping[str, str], str], list[InboxPayload]]
    is_ping: Callable[[bytes, Mapping[str, str]], bool] = lambda _body, _headers: False
    signal: Callable[[Mapping[str, Any]], tuple[str, str]] = lambda _payload: ("", "")


PLATFORMS: dict[str, Platform] = {
    "shopify": Platform(
        name="shopify",
        verify=lambda body, headers, secret, _now: shopify.verify(body=body, headers=headers, secret=secret),
        map_webhook=lambda body, headers, currency: shopify.map_webhook(body=body, headers=headers, currency=currency),
        signal=shopify.checkout_signal,
    ),
    "woocommerce": Platform(
        name="woocommerce",
        verify=lambda body, headers, secret, _now: woocommerce.verify(body=body, headers=headers, secret=secret),
        map_webhook=lambda body, headers, currency: woocommerce.map_webhook(
            body=body, headers=headers, currency=currency
        ),
        is_ping=woocommerce.is_ping,
        signal=woocommerce.checkout_signal,
    ),
    "stripe": Platform(
        name="stripe",
        verify=lambda body, headers, secret, now: stripe.verify(body=body, headers=headers, secret=secret, now=now),
        map_webhook=lambda body, headers, currency: stripe.map_webhook(body=body, headers=headers, currency=currency),
        signal=stripe.checkout_signal,
    ),
}


def checkout_signals(platform: Platform, body: bytes, events: Sequence[InboxPayload]) -> list[OrderSignalIn]:
    """The buyer's checkout IP / user agent for each order a verified, mapped delivery carries ([] if none).

    Raw values: the caller hashes them on the way into the store (``workflows.booking.order_signals``).
    """
    order_ids = [event.order_id for event in events if isinstance(event, OrderEvent)]
    if not order_ids:
        return []
    ip, agent = platform.signal(parse_json_object(body))
    if not ip and not agent:
        return []
    return [OrderSignalIn(order_id=order_id, ip=ip, user_agent=agent) for order_id in order_ids]
