"""Turning click CSV rows into validated click columns (``workflows.booking.clicks.ClickColumns``), chunk by chunk.

Clicks are the biggest file and need no booking, so they skip the event models and are checked column by column:
a chunk's values are transposed and stripped in C loops, their lengths bounded per column, each distinct
timestamp parsed once, duplicate ids found with set operations. A chunk failing any of those checks is read
again row by row with the per-field parsers of ``csv_rows.Fields`` in column order, so its errors read, and come
in the order, they always have. Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from workflows.booking.clicks import ClickColumns
from workflows.booking.events import ClickFields
from workflows.importing.csv_rows import Fields, Row, lengths_within

_CLICK_TEXT = ("click_id", "ts", "partner_id", "sku", "customer_ref", "ip", "user_agent", "referrer", "landing_url")
_LINE = attrgetter("line")
_VALUES = attrgetter("values")


def parse_clicks(*, rows: Sequence[Row], fields: Fields, seen: dict[str, int]) -> tuple[ClickColumns, list[int]]:
    """One chunk of a streamed file's clicks, column by column (the checks ``ClickIn`` makes, no model per row),
    and their CSV lines; ``seen`` (click id -> first line) carries over between chunks. Whether the partner
    exists is the caller's check."""
    if not rows:
        return ClickColumns.of([]), []
    lines = list(map(_LINE, rows))
    by_index = list(zip(*map(_VALUES, rows), strict=True))
    blank = [""] * len(rows)
    columns = fields.columns

    def column(name: str) -> list[str]:
        index = columns.get(name)
        return blank if index is None else list(map(str.strip, by_index[index]))

    click_ids, stamps, partners, skus, customer_refs, ips, agents, referrers, landings = map(column, _CLICK_TEXT)
    times = (
        fields.timestamps(stamps)
        if lengths_within(click_ids, 1, 64)
        and lengths_within(stamps, 1, 40)
        and lengths_within(partners, 1, 64)
        and lengths_within(skus, 0, 64)
        and lengths_within(customer_refs, 0, 128)
        and lengths_within(ips, 0, 64)
        else None
    )
    if times is None or len(set(click_ids)) != len(click_ids) or not seen.keys().isdisjoint(click_ids):
        return _row_by_row(rows, fields, seen)
    seen.update(zip(click_ids, lines, strict=True))
    clicks = ClickColumns(
        click_ids, times, partners, ips, agents, referrers, landings, [sku or None for sku in skus],
        [ref or None for ref in customer_refs],
    )  # fmt: skip
    return clicks, lines


def _row_by_row(rows: Sequence[Row], fields: Fields, seen: dict[str, int]) -> tuple[ClickColumns, list[int]]:
    clicks: list[ClickFields] = []
    lines: list[int] = []
    for row in rows:
        click = _click_of_row(row, fields, seen)
        if click is not None:
            clicks.append(click)
            lines.append(row.line)
    return ClickColumns.of(clicks), lines


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
