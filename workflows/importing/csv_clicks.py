"""Turning click CSV rows into plain click values (``workflows.booking.events.ClickFields``), chunk by chunk.

Clicks are the biggest file and need no booking, so they skip the event models: every column is checked as
``csv_rows.Fields`` would check it (its errors name the CSV column), column by column for the common chunk.
Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence

from workflows.booking.events import ClickFields
from workflows.importing.csv_rows import Fields, Row

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
