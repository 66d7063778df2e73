"""Click import, column by column: it stores exactly the rows one click at a time through ``click_row`` stores,
counts what it created, and a chunk with any problem reports every error by line and column as before."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from store.db import ensure_program, transaction
from store.models import Click
from workflows.booking.clicks import STORED_COLUMNS, click_row, hash_ip, hash_ips
from workflows.booking.events import ClickIn
from workflows.importing.csv_rows import ErrorLog, Fields, Row
from workflows.importing.importer import ImportFailed, ImportReport, import_csv

HEADER = ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"]
STAMPS = ["2026-03-01T10:00:00+05:30", " 2026-03-01T10:00:00Z", "2026-03-01 23:59:59.999999", "2026-02-28T01:02:03"]
ADDRESSES = ["203.0.113.7", " 198.51.100.9 ", "", "2001:db8::1", "010.1.2.3", "junk", "10.0.0.255", "203.0.113.7"]
AGENTS = ["Mozilla/5.0 (iPhone) Mobile Safari", "Googlebot/2.1", "", "Mozilla/5.0 (iPad) ", "Mozilla/5.0 (X11)"]


def click_values(count: int, first: int = 0, referrer: str = "https://blog.example") -> list[list[str]]:
    """``count`` varied clicks: offsets, naive and ``Z`` times, padded cells, IPv6 and unparsable addresses,
    repeated addresses and agents, empty optional values."""
    return [
        [
            f" k{n} ",
            STAMPS[n % len(STAMPS)],
            f"p{n % 2 + 1}",
            ADDRESSES[n % len(ADDRESSES)],
            AGENTS[n % len(AGENTS)],
            referrer if n % 3 else "",
            "https://shop.example/p ",
            f"SKU-{n % 4}" if n % 5 else "",
            f" cust-{n % 7}" if n % 2 else "",
        ]
        for n in range(first, first + count)
    ]


def write_clicks(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def load(engine: Engine, kind: str, path: Path) -> ImportReport:
    with transaction(engine) as session:
        return import_csv(session=session, kind=kind, path=path)


def stored(engine: Engine) -> dict[str, dict[str, Any]]:
    with transaction(engine) as session:
        return {
            row.id: dict(zip(STORED_COLUMNS, row, strict=True))
            for row in session.execute(select(*(getattr(Click, name) for name in STORED_COLUMNS)))
        }


def one_at_a_time(engine: Engine, rows: list[list[str]]) -> dict[str, dict[str, Any]]:
    """What ``click_row`` (pydantic model in, one click at a time) makes of the rows, as the store gives it back."""
    with transaction(engine) as session:
        salt = ensure_program(session).ip_salt
    expected = {}
    for values in rows:
        cells = dict(zip(HEADER, (value.strip() for value in values), strict=True))
        ts = datetime.fromisoformat(cells["ts"])
        click = ClickIn(
            click_id=cells["click_id"], ts=ts if ts.tzinfo else ts.replace(tzinfo=UTC), partner_id=cells["partner_id"],
            ip=cells["ip"], user_agent=cells["user_agent"], referrer=cells["referrer"],
            landing_url=cells["landing_url"], sku=cells["sku"] or None, customer_ref=cells["customer_ref"] or None,
        )  # fmt: skip
        row = click_row(click, salt)
        expected[click.click_id] = row | {"ts": click.ts.astimezone(UTC)}
    return expected


@pytest.fixture
def partners(engine: Engine, tmp_path: Path) -> Engine:
    path = tmp_path / "partners.csv"
    path.write_text(
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
        "p1,One,one@example.com,blog,10,0.1,,\np2,Two,two@example.com,blog,10,0.1,,\n",
        encoding="utf-8",
    )
    load(engine, "partners", path)
    return engine


def test_imported_clicks_are_the_rows_click_row_builds_one_at_a_time(partners: Engine, tmp_path: Path) -> None:
    rows = click_values(240)  # more than one COPY's worth on PostgreSQL
    report = load(partners, "clicks", write_clicks(tmp_path, "clicks.csv", rows))
    assert (report.rows, report.records, report.created, report.duplicates) == (240, 240, 240, 0)
    assert stored(partners) == one_at_a_time(partners, rows)


def test_a_file_overlapping_stored_clicks_stores_only_the_new_ones_and_counts_them(
    partners: Engine, tmp_path: Path
) -> None:
    first = click_values(150)
    load(partners, "clicks", write_clicks(tmp_path, "first.csv", first))
    again = click_values(130, first=100, referrer="https://changed.example")  # k100..k149 are stored already
    report = load(partners, "clicks", write_clicks(tmp_path, "again.csv", again))
    assert (report.created, report.duplicates) == (80, 50)
    assert stored(partners) == one_at_a_time(partners, first + again[50:])  # stored clicks keep their values


def test_a_chunk_with_problems_reports_each_by_line_and_column_and_stores_nothing(
    partners: Engine, tmp_path: Path
) -> None:
    rows = click_values(6)
    rows[1][1] = "yesterday"
    rows[2][0] = "x" * 65
    rows[3][0] = rows[0][0]
    rows[4][2] = "nobody"
    rows[5][1] = "1999-12-31T23:59:59Z"
    with pytest.raises(ImportFailed) as caught:
        load(partners, "clicks", write_clicks(tmp_path, "bad.csv", rows))
    assert [str(error) for error in caught.value.errors] == [
        "bad.csv:3 column ts: 'yesterday' is not an ISO 8601 timestamp",
        "bad.csv:4 column click_id: longer than 64 characters",
        "bad.csv:5 column click_id: duplicate click_id 'k0' (first on line 2)",
        "bad.csv:7 column ts: 1999-12-31T23:59:59+00:00 is outside 2000..2099",
        "bad.csv:6 column partner_id: unknown partner 'nobody'",
    ]
    assert stored(partners) == {}


@given(st.lists(st.sampled_from(ADDRESSES) | st.ip_addresses().map(str) | st.text(max_size=12), max_size=20))
def test_hashing_a_column_of_addresses_hashes_each_as_hash_ip_does(ips: list[str]) -> None:
    assert hash_ips(ips, "salt") == ([hash_ip(ip, "salt")[0] for ip in ips], [hash_ip(ip, "salt")[1] for ip in ips])


ZONES = [UTC, None, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=23, minutes=59))]
EDGES = ["1999-12-31T23:59:59", "2000-01-01T00:00:00", "2099-12-31T23:59:59.999999", "2100-01-01T00:00:00+00:00",
         "2000-01-01T03:00:00+05:00", "0001-01-01T00:00:00+05:00", "2026-03-01T10:00:00Z", "2026-13-01", "soon"]  # fmt: skip


@given(st.lists(st.datetimes(timezones=st.sampled_from(ZONES)).map(datetime.isoformat) | st.sampled_from(EDGES),
                max_size=10))  # fmt: skip
def test_a_column_of_timestamps_parses_as_each_one_alone(stamps: list[str]) -> None:
    column = Fields(ErrorLog("f.csv"), "USD", {"ts": 0})
    alone = Fields(ErrorLog("f.csv"), "USD", {"ts": 0})
    each = [alone.timestamp(Row(line, [stamp]), "ts") for line, stamp in enumerate(stamps, start=2)]
    parsed = column.timestamps(stamps)
    assert parsed == (None if alone.errors.total else each)
    assert column.errors.total == 0


def schema(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            query = "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'clicks' ORDER BY name"
        else:
            query = (
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'clicks'"
                " ORDER BY indexname"
            )
        return [(name, sql) for name, sql in connection.exec_driver_sql(query)]


def test_a_big_file_into_a_small_table_leaves_its_indexes_as_they_were(partners: Engine, tmp_path: Path) -> None:
    before = schema(partners)
    assert len(before) >= 5  # the key and the fraud features' indexes (and on SQLite the table itself)
    load(partners, "clicks", write_clicks(tmp_path, "clicks.csv", click_values(120)))
    assert schema(partners) == before
    bad = [*click_values(150, first=500), ["k9", "x", "p1", *[""] * 6]]
    with pytest.raises(ImportFailed):
        load(partners, "clicks", write_clicks(tmp_path, "bad.csv", bad))
    assert schema(partners) == before
    assert len(stored(partners)) == 120
