"""Click rows at redirect speed: the same rows as ``workflows.booking.clicks.click_row``, built in microseconds.

``click_row`` (pydantic model in, ``ipaddress`` network maths, three regexes) costs a few hundred
microseconds per click under load, more than the rest of the redirect together. Here the common case is
made cheap without changing the result: a canonical dotted IPv4 address is hashed and its /24 prefix cut
from the string (anything else falls back to ``hash_ip``), and device classes are cached per user agent
(real traffic repeats a few hundred agents). ``tests/http/test_clickrows.py`` pins both to the slow path.

``store_rows`` inserts a batch with one DBAPI ``executemany`` (SQLite's C loop; psycopg's pipeline), skipping
click ids already stored, because the ORM's per-row processing would hold the GIL the redirects need.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Engine

from store.models import Click
from workflows.booking.clicks import device_type, hash_ip

COLUMNS = tuple(column.name for column in Click.__table__.columns)
_ROW_VALUES = itemgetter(*COLUMNS)
_TS = COLUMNS.index("ts")
_ZERO = timedelta(0)


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"({_OCTET}\.{_OCTET}\.{_OCTET}\.){_OCTET}")


def fast_hash_ip(ip: str, salt: str) -> tuple[str, str]:
    """``hash_ip`` for a canonical dotted IPv4 address without ``ipaddress``; anything else goes the slow way."""
    match = _CANONICAL_IPV4.fullmatch(ip)
    if match is None:
        return hash_ip(ip, salt)
    return hashlib.sha256(f"{salt}:{ip}".encode()).hexdigest(), f"{match.group(1)}0/24"


cached_device_type = lru_cache(maxsize=8192)(device_type)


def redirect_row(
    *,
    click_id: str,
    ts: datetime,
    partner_id: str,
    link_code: str,
    ip: str,
    user_agent: str,
    referrer: str,
    landing_url: str,
    sku: str | None,
    customer_ref: str | None,
    salt: str,
) -> dict[str, Any]:
    ip_hash, ip_prefix = fast_hash_ip(ip, salt) if ip else ("", "")
    return {
        "id": click_id,
        "ts": ts,
        "partner_id": partner_id,
        "link_code": link_code,
        "ip_hash": ip_hash,
        "ip_prefix": ip_prefix,
        "user_agent": user_agent,
        "device_type": cached_device_type(user_agent) if user_agent else "unknown",
        "referrer": referrer,
        "landing_url": landing_url,
        "sku": sku,
        "customer_ref": customer_ref,
    }


def store_rows(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Insert click rows in one transaction; ids already stored are skipped (replays are harmless)."""
    if not rows:
        return
    names = ", ".join(COLUMNS)
    if engine.dialect.name == "sqlite":
        sql = f"INSERT OR IGNORE INTO clicks ({names}) VALUES ({', '.join('?' for _ in COLUMNS)})"
        # the format SQLAlchemy's SQLite DateTime stores (naive UTC, always microseconds), so both read alike
        params = [tuple(_sqlite_time(row[c]) if c == "ts" else row[c] for c in COLUMNS) for row in rows]
    else:
        sql = f"INSERT INTO clicks ({names}) VALUES ({', '.join('%s' for _ in COLUMNS)}) ON CONFLICT (id) DO NOTHING"
        params = [_ROW_VALUES(row) for row in rows]
    with engine.begin() as connection:
        connection.exec_driver_sql(sql, params)


def _sqlite_time(value: datetime) -> str:
    if value.utcoffset() != _ZERO:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")
