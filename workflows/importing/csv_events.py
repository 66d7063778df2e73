"""Turning order and refund CSV rows into the inbox contract (``workflows.booking.events``).

These are the big files (hundreds of thousands of rows; clicks are ``csv_clicks``): every column is checked by ``csv_rows.Fields``
(which names the CSV column in its errors), then the event models validate again in pydantic's core, one
call per order with its lines as plain dicts (cheaper than building each line model in Python).
Nothing here touches the store. An order's ``currency`` may be any three-letter code: its prices are read
in that currency's minor units and ``workflows.booking.fx`` converts it at booking. A refund's optional
``currency`` column names the currency of its amount (empty: the program currency).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter, methodcaller, mul
from typing import Any

from pydantic import TypeAdapter, ValidationError

from store.money import minor_digits
from workflows.booking.bounds import MAX_AMOUNT_MINOR, MAX_QUANTITY, amount_problem
from workflows.booking.events import InboxPayload, OrderEvent, RefundEvent
from workflows.importing.csv_rows import Fields, Row, lengths_within

# The order-level columns every row of one order must repeat identically; the rest describe the line.
ORDER_HEADER = ("ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency")
ORDER_FIELDS = ("order_id", *ORDER_HEADER)
_ORDER_COLUMNS = (*ORDER_FIELDS, "sku", "quantity", "unit_price")
_ORDER_EVENTS: TypeAdapter[list[OrderEvent]] = TypeAdapter(list[OrderEvent])
_PLAIN_CENTS = re.compile(r"^\d{1,15}(\.\d{0,2})?$")  # Fields.money's plain case (no Decimal needed)
_DECIMAL_POINT = methodcaller("partition", ".")
_VALUES = attrgetter("values")


@dataclass(slots=True)
class _OpenOrder:
    first_line: int
    raw: tuple[str, ...]
    header: dict[str, Any]
    lines: list[dict[str, Any]] = field(default_factory=list)


def parse_orders(*, rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    """Order events (one per order id, lines in file order) and each event's first CSV line.

    A chunk is checked column by column first (``_orders_by_column``); one that fails any check is read again
    row by row with ``csv_rows.Fields``, so its errors, and their order, are the ones they always were.
    """
    by_column = _orders_by_column(rows, fields)
    return by_column if by_column is not None else _orders_row_by_row(rows, fields)


def _orders_by_column(rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]] | None:
    """``parse_orders`` of a chunk without a single bad value, or None (nothing logged) when any check fails.

    The values are transposed and stripped in C loops and checked per column with the bounds ``Fields`` applies
    (lengths, three-letter currencies, whole quantities in range, plain two-decimal prices, each distinct time
    parsed once); rows of one order must agree on its header; the events are then validated in one pydantic
    call. Anything unusual (another currency's decimals, a price beyond the plain form) takes the row path.
    """
    if not rows:
        return [], []
    by_index = list(zip(*map(_VALUES, rows), strict=True))
    columns = fields.columns

    def column(name: str) -> list[str]:
        return list(map(str.strip, by_index[columns[name]]))

    order_ids, stamps, customers, click_ids, refs, coupons, currencies, skus, quantities, prices = map(
        column, _ORDER_COLUMNS
    )
    if not (
        lengths_within(order_ids, 1, 64)
        and lengths_within(stamps, 1, 40)
        and lengths_within(customers, 1, 128)
        and lengths_within(click_ids, 0, 64)
        and lengths_within(refs, 0, 64)
        and lengths_within(coupons, 0, 64)
        and lengths_within(currencies, 3, 3)
        and lengths_within(skus, 1, 64)
        and lengths_within(quantities, 1, 20)
        and lengths_within(prices, 1, 40)
    ):
        return None
    codes = "".join(set(currencies))
    if not (codes.isascii() and codes.isalpha()) or any(minor_digits(code) != 2 for code in set(currencies)):
        return None
    if not all(map(_PLAIN_CENTS.match, prices)):
        return None
    try:
        counts = list(map(int, quantities))
    except ValueError:
        return None
    cents = [int(units) * 100 + int(fraction.ljust(2, "0")) for units, _, fraction in map(_DECIMAL_POINT, prices)]
    if min(counts) < 1 or max(counts) > MAX_QUANTITY or max(cents) > MAX_AMOUNT_MINOR:
        return None
    if max(map(mul, counts, cents)) > MAX_AMOUNT_MINOR:
        return None
    times = fields.timestamps(stamps)
    if times is None:
        return None
    upper = {code: code.upper() for code in set(currencies)}
    headers = list(
        zip(order_ids, times, customers, map(_or_none, click_ids), map(_or_none, refs), map(_or_none, coupons),
            map(upper.__getitem__, currencies), strict=True)
    )  # fmt: skip
    first: dict[str, int] = {}
    order_lines: dict[str, list[dict[str, Any]]] = {}
    for index, order_id in enumerate(order_ids):
        at = first.setdefault(order_id, index)
        if at != index and headers[at] != headers[index]:
            return None  # rows of one order disagree: the row path names the column and both lines
        line = {"sku": skus[index], "quantity": counts[index], "unit_price_cents": cents[index]}
        order_lines.setdefault(order_id, []).append(line)
    payloads = [dict(zip(ORDER_FIELDS, headers[at], strict=True), lines=order_lines[oid]) for oid, at in first.items()]
    try:
        events: list[InboxPayload] = list(_ORDER_EVENTS.validate_python(payloads))
    except ValidationError:
        return None
    return events, [rows[at].line for at in first.values()]


def _or_none(value: str) -> str | None:
    return value or None


def _orders_row_by_row(rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    """``parse_orders`` value by value through ``Fields``: every bad value logged with its line and column."""
    errors = fields.errors
    raw_key = itemgetter(*(fields.columns[name] for name in ORDER_FIELDS))
    orders: dict[str, _OpenOrder] = {}
    for row in rows:
        before = errors.total
        raw: tuple[str, ...] = raw_key(row.values)
        known = orders.get(raw[0].strip())
        # Rows of one order usually repeat the header text verbatim: parse it once per order.
        header = known.header if known is not None and known.raw == raw else _order_header(row, fields)
        sku = fields.text(row, "sku", max_len=64)
        quantity = fields.integer(row, "quantity", minimum=1, maximum=MAX_QUANTITY)
        unit_price = fields.money(row, "unit_price", currency=header["currency"] if header is not None else None)
        if quantity is not None and unit_price is not None and (problem := amount_problem(quantity * unit_price)):
            errors.add(row.line, "unit_price", f"quantity x unit_price: {problem}")
        if header is None or sku is None or quantity is None or unit_price is None or errors.total != before:
            continue
        line = {"sku": sku, "quantity": quantity, "unit_price_cents": unit_price}
        if known is None:
            orders[header["order_id"]] = _OpenOrder(row.line, raw, header, [line])
            continue
        disagreeing = [name for name in ORDER_HEADER if known.header[name] != header[name]]
        for name in disagreeing:
            errors.add(
                row.line, name, f"order {header['order_id']!r} has a different {name} on line {known.first_line}"
            )
        if not disagreeing:
            known.lines.append(line)
    events: list[InboxPayload] = []
    first_lines: list[int] = []
    for order in orders.values():
        try:
            events.append(OrderEvent(lines=tuple(order.lines), **order.header))
        except ValidationError as exc:
            errors.add(order.first_line, None, f"invalid order: {exc.errors()[0]['msg']}")
            continue
        first_lines.append(order.first_line)
    return events, first_lines


def _order_header(row: Row, fields: Fields) -> dict[str, Any] | None:
    before = fields.errors.total
    header = {
        "order_id": fields.text(row, "order_id", max_len=64),
        "ts": fields.timestamp(row, "ts"),
        "customer_id": fields.text(row, "customer_id", max_len=128),
        "click_id": fields.optional(row, "click_id", max_len=64),
        "ref_code": fields.optional(row, "ref_code", max_len=64),
        "coupon_code": fields.optional(row, "coupon_code", max_len=64),
        "currency": fields.currency_code(row, "currency", required=True),
    }
    return header if fields.errors.total == before else None


def parse_refunds(*, rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    """Refund events and their CSV lines; an empty ``sku`` spreads the refund over the whole order."""
    events: list[InboxPayload] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = fields.errors.total
        refund_id = fields.text(row, "refund_id", max_len=64)
        order_id = fields.text(row, "order_id", max_len=64)
        ts = fields.timestamp(row, "ts")
        sku = fields.optional(row, "sku", max_len=64)
        currency = fields.currency_code(row, "currency", required=False)
        amount = fields.money(row, "amount", currency=currency)
        if amount == 0:
            fields.errors.add(row.line, "amount", "a refund amount must be positive")
        if fields.errors.total != before or refund_id is None or order_id is None or ts is None or amount is None:
            continue
        if refund_id in seen:
            fields.errors.add(
                row.line, "refund_id", f"duplicate refund_id {refund_id!r} (first on line {seen[refund_id]})"
            )
            continue
        seen[refund_id] = row.line
        refund = RefundEvent(
            refund_id=refund_id, order_id=order_id, ts=ts, sku=sku, amount_cents=amount, currency=currency
        )
        events.append(refund)
        lines.append(row.line)
    return events, lines
