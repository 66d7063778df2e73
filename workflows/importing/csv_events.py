"""Turning order and refund CSV rows into the inbox contract (``workflows.booking.events``).

These are the big files (hundreds of thousands of rows; clicks are ``csv_clicks``): every column is checked by ``csv_rows.Fields``
(which names the CSV column in its errors), then the event models validate again in pydantic's core, one
call per order with its lines as plain dicts (cheaper than building each line model in Python).
Nothing here touches the store. An order's ``currency`` may be any three-letter code: its prices are read
in that currency's minor units and ``workflows.booking.fx`` converts it at booking. A refund's optional
``currency`` column names the currency of its amount (empty: the program currency).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from pydantic import ValidationError

from workflows.booking.bounds import MAX_QUANTITY, amount_problem
from workflows.booking.events import InboxPayload, OrderEvent, RefundEvent
from workflows.importing.csv_rows import Fields, Row

# The order-level columns every row of one order must repeat identically; the rest describe the line.
ORDER_HEADER = ("ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency")


@dataclass(slots=True)
class _OpenOrder:
    first_line: int
    raw: tuple[str, ...]
    header: dict[str, Any]
    lines: list[dict[str, Any]] = field(default_factory=list)


def parse_orders(*, rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    """Order events (one per order id, lines in file order) and each event's first CSV line."""
    errors = fields.errors
    raw_key = itemgetter(*(fields.columns[name] for name in ("order_id", *ORDER_HEADER)))
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
