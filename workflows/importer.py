"""``import_csv``: the one path by which CSV files (users' and the demo's) enter the store.

A file is all-or-nothing: every row is parsed and validated first, every bad row is reported (file,
line, column, reason) through ``ImportFailed``, and the writes happen in the caller's transaction, so any
error rolls the whole file back. Orders and refunds become inbox events booked by ``workflows.ingest``
(source ``csv``, idempotent by id); clicks go through ``workflows.clicks``; reference data is upserted.
This module never books ledger rows itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.db import ensure_program
from store.models import Application, Base, Click, Coupon, Partner, Product
from workflows.clicks import record_clicks
from workflows.csv_rows import ErrorLog, Fields, ImportFailed, Row, RowError, read_rows
from workflows.events import ClickIn, InboxPayload, OrderEvent, OrderLineIn, RefundEvent
from workflows.import_entities import (
    APPLICATION_COLUMNS,
    COUPON_COLUMNS,
    PARTNER_COLUMNS,
    PRODUCT_COLUMNS,
    existing_keys,
    parse_applications,
    parse_coupons,
    parse_partners,
    parse_products,
    upsert,
)
from workflows.ingest import EventRejected, ingest

__all__ = ["IMPORT_KINDS", "ImportFailed", "ImportReport", "RowError", "import_csv"]

ImportKind = Literal["partners", "products", "coupons", "clicks", "orders", "refunds", "applications"]
IMPORT_KINDS: tuple[str, ...] = get_args(ImportKind)
CLICK_COLUMNS = ("click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref")
ORDER_COLUMNS = (
    "order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price",
)  # fmt: skip
REFUND_COLUMNS = ("refund_id", "order_id", "ts", "sku", "amount")
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "partners": PARTNER_COLUMNS,
    "products": PRODUCT_COLUMNS,
    "coupons": COUPON_COLUMNS,
    "clicks": CLICK_COLUMNS,
    "orders": ORDER_COLUMNS,
    "refunds": REFUND_COLUMNS,
    "applications": APPLICATION_COLUMNS,
}
# Rows of one order must agree on these; the line's own columns are sku, quantity and unit_price.
_ORDER_HEADER = ("ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency")
_EVENT_CHUNK = 5000

Progress = Callable[[int, int], None]
"""Called with (records written so far, records to write) while a file is being written."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one file did. ``records`` are entities or events (an order of 3 lines is one record)."""

    kind: str
    file: str
    rows: int
    records: int
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    booked: int = 0
    parked: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def import_csv(*, session: Session, kind: str, path: Path, progress: Progress | None = None) -> ImportReport:
    """Import one CSV file of ``kind`` inside the caller's transaction; raises ``ImportFailed`` on bad rows.

    The caller must roll back on ``ImportFailed`` (``store.db.transaction`` does) so nothing is kept.
    """
    if kind not in REQUIRED_COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(IMPORT_KINDS)}")
    errors = ErrorLog(path.name)
    rows = read_rows(path=path, required=REQUIRED_COLUMNS[kind], errors=errors)
    program = ensure_program(session)
    fields = Fields(errors, program.currency)
    report = ImportReport(kind=kind, file=str(path), rows=len(rows), records=0)
    tick = progress or (lambda done, total: None)
    if kind in ("orders", "refunds"):
        events, lines = _orders(rows, fields) if kind == "orders" else _refunds(rows, fields)
        errors.raise_if_any()
        return _ingest(session, report, events, lines, errors, tick)
    if kind == "clicks":
        clicks = _clicks(session, rows, fields)
        errors.raise_if_any()
        before = _count(session, Click)
        for start in range(0, len(clicks), _EVENT_CHUNK):
            tick(start, len(clicks))
            record_clicks(session=session, clicks=clicks[start : start + _EVENT_CHUNK], salt=program.ip_salt)
        created = _count(session, Click) - before
        tick(len(clicks), len(clicks))
        return _replace(report, records=len(clicks), created=created, duplicates=len(clicks) - created)
    return _entities(session, kind, rows, fields, report, tick)


def _replace(report: ImportReport, **changes: int) -> ImportReport:
    return ImportReport(**(report.as_dict() | changes))


def _count(session: Session, model: type[Click]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _entities(
    session: Session, kind: str, rows: Sequence[Row], fields: Fields, report: ImportReport, tick: Progress
) -> ImportReport:
    coupons: list[dict[str, Any]] = []
    model: type[Base]
    if kind == "partners":
        records, coupons = parse_partners(session=session, rows=rows, fields=fields)
        model, key = Partner, "id"
    elif kind == "products":
        records, model, key = parse_products(rows=rows, fields=fields), Product, "sku"
    elif kind == "coupons":
        records, model, key = parse_coupons(session=session, rows=rows, fields=fields), Coupon, "code"
    else:
        records, model, key = parse_applications(rows=rows, fields=fields), Application, "id"
    fields.errors.raise_if_any()
    tick(0, len(records))
    created, updated = upsert(session, model, records, key)
    upsert(session, Coupon, coupons, "code")
    tick(len(records), len(records))
    return _replace(report, records=len(records), created=created, updated=updated)


def _ingest(
    session: Session,
    report: ImportReport,
    events: Sequence[InboxPayload],
    lines: Sequence[int],
    errors: ErrorLog,
    tick: Progress,
) -> ImportReport:
    """Book the events in chunks (for progress); a rejected event fails the file at its CSV line."""
    totals = {"created": 0, "duplicates": 0, "booked": 0, "parked": 0}
    for start in range(0, len(events), _EVENT_CHUNK):
        tick(start, len(events))
        try:
            result = ingest(session=session, source="csv", events=events[start : start + _EVENT_CHUNK])
        except EventRejected as rejected:
            errors.fail(lines[start + rejected.index], None, rejected.reason)
        totals["created"] += result.new
        totals["duplicates"] += result.duplicates
        totals["booked"] += result.booked
        totals["parked"] += result.parked
    tick(len(events), len(events))
    return _replace(report, records=len(events), **totals)


def _orders(rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    """Group order lines into events; every row of an order must agree on the order-level columns."""
    errors = fields.errors
    headers: dict[str, tuple[int, dict[str, Any]]] = {}
    order_lines: dict[str, list[OrderLineIn]] = {}
    for row in rows:
        before = errors.total
        order_id = fields.text(row, "order_id", max_len=64)
        currency = fields.text(row, "currency", max_len=3)
        header: dict[str, Any] = {
            "ts": fields.timestamp(row, "ts"),
            "customer_id": fields.text(row, "customer_id", max_len=128),
            "click_id": fields.optional(row, "click_id", max_len=64),
            "ref_code": fields.optional(row, "ref_code", max_len=64),
            "coupon_code": fields.optional(row, "coupon_code", max_len=64),
            "currency": currency,
        }
        sku = fields.text(row, "sku", max_len=64)
        quantity = fields.integer(row, "quantity", minimum=1)
        unit_price = fields.money(row, "unit_price")
        if currency is not None and currency.upper() != fields.currency:
            errors.add(row.line, "currency", f"{currency!r} is not the program currency {fields.currency}")
        if errors.total != before or order_id is None or sku is None or quantity is None or unit_price is None:
            continue
        header["currency"] = fields.currency
        first = headers.setdefault(order_id, (row.line, header))
        for column in _ORDER_HEADER:
            if first[1][column] != header[column]:
                errors.add(row.line, column, f"order {order_id!r} has a different {column} on line {first[0]}")
        order_lines.setdefault(order_id, []).append(
            OrderLineIn(sku=sku, quantity=quantity, unit_price_cents=unit_price)
        )
    events: list[InboxPayload] = []
    lines: list[int] = []
    for order_id, (line, header) in headers.items():
        try:
            events.append(OrderEvent(order_id=order_id, lines=tuple(order_lines[order_id]), **header))
        except ValidationError as exc:
            errors.add(line, None, f"invalid order: {exc.errors()[0]['msg']}")
            continue
        lines.append(line)
    return events, lines


def _refunds(rows: Sequence[Row], fields: Fields) -> tuple[list[InboxPayload], list[int]]:
    events: list[InboxPayload] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = fields.errors.total
        refund_id = fields.text(row, "refund_id", max_len=64)
        order_id = fields.text(row, "order_id", max_len=64)
        ts = fields.timestamp(row, "ts")
        sku = fields.optional(row, "sku", max_len=64)
        amount = fields.money(row, "amount")
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
        events.append(RefundEvent(refund_id=refund_id, order_id=order_id, ts=ts, sku=sku, amount_cents=amount))
        lines.append(row.line)
    return events, lines


def _clicks(session: Session, rows: Sequence[Row], fields: Fields) -> list[ClickIn]:
    """Click rows; the partner must exist (a click for nobody is a data mistake, not traffic)."""
    parsed: list[tuple[int, ClickIn]] = []
    seen: dict[str, int] = {}
    for row in rows:
        before = fields.errors.total
        click_id = fields.text(row, "click_id", max_len=64)
        ts = fields.timestamp(row, "ts")
        partner_id = fields.text(row, "partner_id", max_len=64)
        if fields.errors.total != before or click_id is None or ts is None or partner_id is None:
            continue
        if click_id in seen:
            fields.errors.add(row.line, "click_id", f"duplicate click_id {click_id!r} (first on line {seen[click_id]})")
            continue
        seen[click_id] = row.line
        values = row.values
        click = ClickIn(
            click_id=click_id,
            ts=ts,
            partner_id=partner_id,
            ip=values.get("ip", ""),
            user_agent=values.get("user_agent", ""),
            referrer=values.get("referrer", ""),
            landing_url=values.get("landing_url", ""),
            sku=values.get("sku") or None,
            customer_ref=values.get("customer_ref") or None,
        )
        parsed.append((row.line, click))
    known = existing_keys(session, Partner.id, sorted({click.partner_id for _, click in parsed}))
    for line, click in parsed:
        if click.partner_id not in known:
            fields.errors.add(line, "partner_id", f"unknown partner {click.partner_id!r}")
    return [click for _, click in parsed]
