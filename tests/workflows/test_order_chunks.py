"""A streamed orders file is cut into booking chunks at order boundaries: every row once, in file order, each
chunk but the last holding exactly ``_EVENT_CHUNK`` orders, no order split, across the reader's own reads."""

from __future__ import annotations

import random
from pathlib import Path

from workflows.importing.csv_rows import ErrorLog, open_rows
from workflows.importing.importer import _EVENT_CHUNK, _STREAM_CHUNK, ORDER_COLUMNS, _order_chunks


def runs(ids: list[str]) -> list[str]:
    return [order_id for at, order_id in enumerate(ids) if at == 0 or ids[at - 1] != order_id]


def test_chunks_hold_whole_orders_in_file_order(tmp_path: Path) -> None:
    rng = random.Random(7)
    lines = [",".join(ORDER_COLUMNS)]
    for order in range(4 * _EVENT_CHUNK + 321):  # five chunks, rows well beyond one read of the stream
        for _ in range(rng.choice((1, 1, 2, 3))):
            lines.append(f" o{order} ,2026-03-01T10:00:00Z,c{order},,,,USD,SKU-1,1,1.00")
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines) - 1 > _STREAM_CHUNK
    with open_rows(path=path, required=ORDER_COLUMNS, errors=ErrorLog(path.name)) as stream:
        chunks = list(_order_chunks(stream, stream.columns["order_id"]))
    rows = [row for chunk in chunks for row in chunk]
    assert [row.line for row in rows] == list(range(2, len(lines) + 1))
    ids = [[row.values[0].strip() for row in chunk] for chunk in chunks]
    assert [len(runs(chunk)) for chunk in ids] == [_EVENT_CHUNK] * 4 + [321]
    assert len(runs([order_id for chunk in ids for order_id in chunk])) == 4 * _EVENT_CHUNK + 321  # none split
