"""Shopify order webhooks -> inbox events.

Signature: ``X-Shopify-Hmac-Sha256`` is the base64 HMAC-SHA256 of the raw body with the app's secret.
Topics (``X-Shopify-Topic``):

- ``orders/paid`` and ``orders/create`` (the latter only once ``financial_status`` shows money taken, so an
  unpaid order waits for ``orders/paid``; both map to the same ``order:{id}`` key and book once);
- ``refunds/create``: one refund event per refunded line (``refund_line_items[].subtotal``, net of
  discounts, without tax), or, for an amount-only refund, the refunded transactions minus shipping refunds
  spread over the order.

Mapping of an order: ``id`` is the order id; ``processed_at`` (else ``created_at``) the time; the click id
comes from ``note_attributes`` (``afflow_cid``, written by the storefront from the afflow cookie) or the
``afflow_cid`` parameter of ``landing_site``; the ref code from ``landing_site_ref`` or a ``ref`` /
``afflow_ref`` landing parameter; the coupon is the first of ``discount_codes``; each line is
``sku`` × ``quantity`` at ``price`` minus its ``discount_allocations`` (gift cards are not products and are
skipped); ``customer.id`` and ``customer.orders_count`` identify new vs returning customers. Refunds already
listed in the order's ``refunds`` are mapped as well, so a late delivery still reverses them.
The buyer's checkout signals (``checkout_signal``) are ``browser_ip`` (else ``client_details.browser_ip``)
and ``client_details.user_agent``.

Currencies: an order's plain amounts (``price``, ``discount_allocations[].amount``) are in the shop's
``currency``, and so is the event. When the customer paid in another ``presentment_currency`` (Shopify
Markets), each line also carries what the customer paid, from ``price_set.presentment_money`` less
``discount_allocations[].amount_set.presentment_money`` (``presentment_cents``), so the order records its
original currency and amounts (``workflows.booking.fx``: the shop's own conversion is booked as it is when the
shop's currency is the program's). An order missing any line's presentment amounts is booked in shop money
alone. A refund's line ``subtotal`` is shop money (its currency from ``subtotal_set.shop_money``);
refund transactions are in their own ``currency`` (the presentment currency), shipping refunds then taken
from ``order_adjustments[].amount_set.presentment_money``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from workflows.booking.events import InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.webhooks.common import (
    CLICK_ID_KEYS,
    REF_KEYS,
    MalformedPayload,
    SignatureError,
    build,
    cents,
    customer_key,
    field,
    first_of,
    in_bounds,
    objects,
    optional,
    parse_json_object,
    price,
    query_params,
    split_line,
    text,
    timestamp,
    with_presentment,
)

SIGNATURE_HEADER = "x-shopify-hmac-sha256"
TOPIC_HEADER = "x-shopify-topic"
PAID_STATUSES = frozenset({"paid", "partially_refunded", "refunded"})


def sign(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def verify(*, body: bytes, headers: Mapping[str, str], secret: str) -> None:
    given = headers.get(SIGNATURE_HEADER)
    if not given:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    if not hmac.compare_digest(sign(body, secret).encode(), given.strip().encode()):
        raise SignatureError("signature does not match the body")


def map_webhook(*, body: bytes, headers: Mapping[str, str], currency: str) -> list[InboxPayload]:
    """Events for a verified delivery; an unsubscribed topic maps to nothing (answered 200, ignored)."""
    topic = headers.get(TOPIC_HEADER, "")
    if topic not in ("orders/create", "orders/paid", "refunds/create"):
        return []
    payload = parse_json_object(body)
    if topic == "refunds/create":
        return list(map_refund(payload, currency=currency))
    status = payload.get("financial_status")
    if topic == "orders/create" and status not in PAID_STATUSES:
        return []
    return map_order(payload)


def map_order(order: Mapping[str, Any]) -> list[InboxPayload]:
    order_id = str(field(order, "id", (int, str), where="order"))
    currency = field(order, "currency", str, where="order")
    landing = query_params(order.get("landing_site"))
    notes = {
        str(note.get("name")): note.get("value")
        for note in objects(order.get("note_attributes"), where="order.note_attributes")
    }
    codes = objects(order.get("discount_codes"), where="order.discount_codes")
    customer = optional(order, "customer", dict, where="order") or {}
    orders_count = customer.get("orders_count")
    presented = order.get("presentment_currency")
    presentment = (
        presented.strip().upper()
        if isinstance(presented, str) and len(presented.strip()) == 3 and presented.strip().upper() != currency.upper()
        else None
    )
    lines = _order_lines(order, currency=currency, presentment=presentment)
    if not lines:
        return []
    if presentment is not None and any(line.presentment_cents is None for line in lines):
        presentment = None
        lines = [line.model_copy(update={"presentment_cents": None}) for line in lines]
    events: list[InboxPayload] = [
        build(
            OrderEvent,
            order_id=order_id,
            ts=timestamp(order.get("processed_at") or order.get("created_at"), where="order.processed_at"),
            customer_id=customer_key(customer_id=customer.get("id"), email=order.get("email"), order_id=order_id),
            click_id=first_of([notes, landing], CLICK_ID_KEYS),
            ref_code=first_of([{"ref": order.get("landing_site_ref")}, landing], REF_KEYS),
            coupon_code=first_of(codes[:1], ["code"]),
            currency=currency,
            lines=tuple(lines),
            customer_order_count=orders_count if isinstance(orders_count, int) and orders_count > 0 else None,
            presentment_currency=presentment,
        )
    ]
    for refund in objects(order.get("refunds"), where="order.refunds"):
        events.extend(map_refund({"order_id": order_id, **refund}, currency=currency))
    return events


def checkout_signal(order: Mapping[str, Any]) -> tuple[str, str]:
    """(buyer IP, user agent) of an order payload; '' for what the order does not carry (an API order)."""
    details = order.get("client_details")
    details = details if isinstance(details, dict) else {}
    return text(order.get("browser_ip")) or text(details.get("browser_ip")), text(details.get("user_agent"))


def _order_lines(order: Mapping[str, Any], *, currency: str, presentment: str | None = None) -> list[OrderLineIn]:
    lines: list[OrderLineIn] = []
    for index, item in enumerate(objects(order.get("line_items"), where="order.line_items")):
        where = f"order.line_items[{index}]"
        if item.get("gift_card") is True:
            continue
        quantity = field(item, "quantity", int, where=where)
        gross = (
            price(field(item, "price", (str, int, Decimal), where=where), currency, where=f"{where}.price") * quantity
        )
        discounts = sum(
            price(allocation.get("amount"), currency, where=f"{where}.discount_allocations.amount")
            for allocation in objects(item.get("discount_allocations"), where=f"{where}.discount_allocations")
        )
        split = split_line(sku=_sku(item), quantity=quantity, net_cents=gross - discounts)
        paid = _presentment_net(item, quantity=quantity, currency=presentment, where=where) if presentment else None
        lines += split if paid is None else with_presentment(split, paid)
    return lines


def _presentment_net(item: Mapping[str, Any], *, quantity: int, currency: str, where: str) -> int | None:
    """What the customer paid for a line in the presentment currency, or None when the payload lacks it."""
    unit = _money_in(item.get("price_set"), "presentment_money", currency)
    if unit is None:
        return None
    discounts = 0
    for allocation in objects(item.get("discount_allocations"), where=f"{where}.discount_allocations"):
        amount = _money_in(allocation.get("amount_set"), "presentment_money", currency)
        if amount is None:
            return None
        discounts += amount
    net = in_bounds(unit * quantity, where=f"{where}.price_set.presentment_money") - discounts
    if net < 0:
        raise MalformedPayload(f"{where}: its presentment discounts exceed its presentment price")
    return net


def _money_in(money_set: Any, side: str, currency: str) -> int | None:
    """``{side: {amount, currency_code}}`` of a Shopify money set in ``currency`` as minor units; None if absent
    or in another currency."""
    money = money_set.get(side) if isinstance(money_set, dict) else None
    if not isinstance(money, dict) or str(money.get("currency_code", "")).upper() != currency.upper():
        return None
    return price(money.get("amount"), currency, where=f"{side}.amount")


def _sku(item: Mapping[str, Any]) -> str:
    sku = item.get("sku")
    if isinstance(sku, str) and sku.strip():
        return sku.strip()
    fallback = item.get("variant_id") or item.get("product_id") or item.get("id")
    return f"shopify:{fallback}"


def map_refund(refund: Mapping[str, Any], *, currency: str) -> list[RefundEvent]:
    refund_id = str(field(refund, "id", (int, str), where="refund"))
    order_id = str(field(refund, "order_id", (int, str), where="refund"))
    ts = timestamp(refund.get("processed_at") or refund.get("created_at"), where="refund.created_at")
    line_items = objects(refund.get("refund_line_items"), where="refund.refund_line_items")
    events: list[RefundEvent] = []
    for index, item in enumerate(line_items):
        where = f"refund.refund_line_items[{index}]"
        subtotal_set = item.get("subtotal_set")
        shop_money = subtotal_set.get("shop_money") if isinstance(subtotal_set, dict) else None
        shop = str(shop_money.get("currency_code") or currency) if isinstance(shop_money, dict) else currency
        shop = shop.upper()
        amount = cents(field(item, "subtotal", (str, int, Decimal), where=where), shop, where=f"{where}.subtotal")
        line = optional(item, "line_item", dict, where=where) or {}
        if amount > 0:
            events.append(
                build(
                    RefundEvent,
                    refund_id=f"{refund_id}:{item.get('id', index)}",
                    order_id=order_id,
                    ts=ts,
                    sku=_sku(line) if line else None,
                    amount_cents=amount,
                    currency=shop,
                )
            )
    if line_items:
        return events
    amount, paid_in = _transactions_total(refund, currency=currency)
    if amount <= 0:
        return []
    return [
        build(
            RefundEvent, refund_id=refund_id, order_id=order_id, ts=ts, sku=None, amount_cents=amount, currency=paid_in
        )
    ]


def _transactions_total(refund: Mapping[str, Any], *, currency: str) -> tuple[int, str]:
    """Money actually refunded, less shipping refunds (commission is never paid on shipping), and its currency.

    Transactions are in their own ``currency`` (the customer's); a transaction without one is in ``currency``.
    """
    refunded = [
        tx
        for tx in objects(refund.get("transactions"), where="refund.transactions")
        if tx.get("kind") == "refund" and tx.get("status") == "success"
    ]
    paid_in = {str(tx.get("currency") or currency).upper() for tx in refunded} or {currency.upper()}
    if len(paid_in) > 1:
        raise MalformedPayload(f"refund.transactions are in several currencies: {', '.join(sorted(paid_in))}")
    (tx_currency,) = paid_in
    total = sum(cents(tx.get("amount"), tx_currency, where="refund.transactions.amount") for tx in refunded)
    shipping = 0
    for adj in objects(refund.get("order_adjustments"), where="refund.order_adjustments"):
        if adj.get("kind") != "shipping_refund":
            continue
        in_presentment = _money_in(adj.get("amount_set"), "presentment_money", tx_currency)
        if tx_currency == currency.upper() or in_presentment is None:
            shipping += abs(cents(adj.get("amount"), tx_currency, where="refund.order_adjustments.amount"))
        else:
            shipping += in_presentment
    return total - shipping, tx_currency
