"""Order rows read column by column give exactly what the row-by-row reading gives: the same events, and for a
chunk with any bad value the same errors (file, line, column, reason) in the same order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workflows.booking.events import OrderEvent
from workflows.importing.csv_events import _orders_row_by_row, parse_orders
from workflows.importing.csv_rows import ErrorLog, Fields, Row

COLUMNS = ("order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity",
           "unit_price")  # fmt: skip
GOOD = ["o1", "2026-03-01T10:00:00Z", "cust-1", "k1", "", "", "USD", "SKU-1", "2", "12.50"]


def read(rows: list[list[str]], *, by_rows: bool = False) -> tuple[list[object], list[int], list[object]]:
    errors = ErrorLog("orders.csv")
    fields = Fields(errors, "USD", {name: index for index, name in enumerate(COLUMNS)})
    chunk = [Row(line, values) for line, values in enumerate(rows, start=2)]
    events, lines = (_orders_row_by_row if by_rows else parse_orders)(rows=chunk, fields=fields)
    return list(events), lines, list(errors.errors)


def test_rows_of_one_order_become_one_event_with_its_lines_in_file_order() -> None:
    second = [*GOOD[:7], "SKU-2", " 1 ", "3"]
    other = ["o2", "2026-03-01T11:00:00+01:00", "cust-2", "", "TRAIL", "", "eur", "SKU-1", "1", "0.5"]
    events, lines, errors = read([GOOD, other, second])
    assert errors == []
    assert lines == [2, 3]
    first = events[0]
    assert isinstance(first, OrderEvent)
    assert [(line.sku, line.quantity, line.unit_price_cents) for line in first.lines] == [("SKU-1", 2, 1250),
                                                                                            ("SKU-2", 1, 300)]  # fmt: skip
    assert isinstance(events[1], OrderEvent)
    assert (events[1].currency, events[1].ref_code, events[1].click_id) == ("EUR", "TRAIL", None)


def test_a_bad_value_in_a_chunk_is_reported_at_its_line_and_column_and_its_order_left_out() -> None:
    bad_quantity = ["o2", "2026-03-01T10:00:00Z", "cust-2", "", "", "", "USD", "SKU-1", "two", "1.00"]
    events, lines, errors = read([GOOD, bad_quantity])
    assert lines == [2]
    assert [(e.line, e.column, e.reason) for e in errors] == [(3, "quantity", "'two' is not a whole number")]
    assert len(events) == 1


def test_rows_of_one_order_disagreeing_on_its_header_are_reported_as_before() -> None:
    other_customer = [GOOD[0], GOOD[1], "cust-9", *GOOD[3:]]
    _, _, errors = read([GOOD, other_customer])
    assert [(e.line, e.column) for e in errors] == [(3, "customer_id")]
    assert "different customer_id on line 2" in errors[0].reason


GOOD_CELLS = {
    "order_id": ["o1", "o2", "o3"],
    "ts": ["2026-03-01T10:00:00Z", "2026-03-01T11:00:00+01:00", "2026-03-02"],
    "customer_id": ["cust-1", "cust-2", " cust-1 "],
    "click_id": ["", "k1", "k2"],
    "ref_code": ["", "TRAIL"],
    "coupon_code": ["", "SAVE10"],
    "currency": ["USD", "usd", "EUR"],
    "sku": ["SKU-1", "SKU-2"],
    "quantity": ["1", "2", " 3"],
    "unit_price": ["12.50", "0", "0.5", "99999999.99"],
}
BAD_CELLS = {
    "order_id": ["", "x" * 65],
    "ts": ["yesterday", "1999-01-01T00:00:00Z", ""],
    "customer_id": ["", "c" * 129],
    "click_id": ["k" * 65],
    "ref_code": ["r" * 65],
    "coupon_code": ["c" * 65],
    "currency": ["JPY", "US", "U$D", ""],
    "sku": ["", "s" * 65],
    "quantity": ["0", "-1", "1.5", "1000001", "+3", ""],
    "unit_price": ["1.234", "-1.00", "1e3", "10000000000.01", "", "abc", "9999999999.99"],
}
GOOD_ROW = st.tuples(*(st.sampled_from(GOOD_CELLS[name]) for name in COLUMNS)).map(list)
SPOIL = st.sampled_from(COLUMNS).flatmap(lambda name: st.tuples(st.just(name), st.sampled_from(BAD_CELLS[name])))


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(GOOD_ROW, min_size=1, max_size=8), spoiled=st.lists(st.tuples(st.integers(0, 7), SPOIL), max_size=2)
)
def test_reading_by_column_equals_reading_row_by_row(
    rows: list[list[str]], spoiled: list[tuple[int, tuple[str, str]]]
) -> None:
    """Mostly good chunks (the column path), some with a bad value or two (back to the row path)."""
    for at, (name, value) in spoiled:
        rows[at % len(rows)][COLUMNS.index(name)] = value
    assert read(rows) == read(rows, by_rows=True)
