"""Turning order, refund and click CSV rows into the inbox contract (``workflows.booking.events``).

These are the big files (hundreds of thousands of rows): every column is checked by ``csv_rows.Fields``
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
from workflows.booking.events import ClickFields, InboxPayload, OrderEvent, RefundEvent
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


_CLICK_TEXT = ("click_id", "ts", "partner_id", "sku", "customer_ref", "ip", "user_agent", "referrer", "landing_url")


def parse_clicks(*, rows: Sequence[Row], fields: Fields, seen: dict[str, int]) -> tuple[list[ClickFields], list[int]]:
    """Clicks as plain values (``ClickFields``: the checks ``ClickIn`` makes, no model per row) and their CSV
    lines, for one chunk of a streamed file; ``seen`` (click id -> first line) carries over between chunks.
    Whether the partner exists is the caller's check.

    Columns are stripped column by column; a row failing any check goes through ``_click_of_row``, the
    per-field parsers in column order, so its errors read and come in the order they always have.
    """
    columns = fields.columns

    def column(name: str) -> list[str]:
        index = columns.get(name)
        return [""] * len(rows) if index is None else [row.values[index].strip() for row in rows]

    click_ids, stamps, partners, skus, customer_refs, ips, agents, referrers, landings = map(column, _CLICK_TEXT)
    parsed = fields._timestamps
    clicks: list[ClickFields] = []
    lines: list[int] = []
    # the common chunk: every length within bounds, checked per column; then rows only parse their time
    per_row = not (
        _lengths_within(click_ids, 1, 64)
        and _lengths_within(stamps, 1, 40)
        and _lengths_within(partners, 1, 64)
        and _lengths_within(skus, 0, 64)
        and _lengths_within(customer_refs, 0, 128)
        and _lengths_within(ips, 0, 64)
    )
    for index, row in enumerate(rows):
        click_id, stamp, partner_id = click_ids[index], stamps[index], partners[index]
        sku, customer_ref, ip = skus[index], customer_refs[index], ips[index]
        if per_row and (
            not 0 < len(click_id) <= 64
            or not 0 < len(stamp) <= 40
            or not 0 < len(partner_id) <= 64
            or len(sku) > 64
            or len(customer_ref) > 128
            or len(ip) > 64
        ):
            click = _click_of_row(row, fields, seen)
        else:
            ts = parsed.get(stamp) or fields.timestamp(row, "ts")  # parses and caches, or logs the problem
            if ts is None:
                continue
            if click_id in seen:
                fields.errors.add(
                    row.line, "click_id", f"duplicate click_id {click_id!r} (first on line {seen[click_id]})"
                )
                continue
            seen[click_id] = row.line
            click = (click_id, ts, partner_id, ip, agents[index], referrers[index], landings[index], sku or None,
                     customer_ref or None)  # fmt: skip
        if click is not None:
            clicks.append(click)
            lines.append(row.line)
    return clicks, lines


def _lengths_within(values: Sequence[str], shortest: int, longest: int) -> bool:
    lengths = list(map(len, values))
    return not lengths or (min(lengths) >= shortest and max(lengths) <= longest)


def _click_of_row(row: Row, fields: Fields, seen: dict[str, int]) -> ClickFields | None:
    before = fields.errors.total
    click_id = fields.text(row, "click_id", max_len=64)
    ts = fields.timestamp(row, "ts")
    partner_id = fields.text(row, "partner_id", max_len=64)
    sku = fields.optional(row, "sku", max_len=64)
    customer_ref = fields.optional(row, "customer_ref", max_len=128)
    ip = fields.optional(row, "ip", max_len=64) or ""
    if fields.errors.total != before or click_id is None or ts is None or partner_id is None:
        return None
    if click_id in seen:
        fields.errors.add(row.line, "click_id", f"duplicate click_id {click_id!r} (first on line {seen[click_id]})")
        return None
    seen[click_id] = row.line
    return (click_id, ts, partner_id, ip, fields.value(row, "user_agent"), fields.value(row, "referrer"),
            fields.value(row, "landing_url"), sku, customer_ref)  # fmt: skip
