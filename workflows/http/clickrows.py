"""Click rows at redirect speed: the same rows as ``workflows.booking.clicks.click_row``, built in microseconds.

``click_row`` (pydantic model in, ``ipaddress`` network maths, three regexes) costs a few hundred
microseconds per click under load, more than the rest of the redirect together. Here the common case is
made cheap without changing the result: a canonical dotted IPv4 address is hashed and its /24 prefix cut
from the string (anything else falls back to ``hash_ip``), and device classes are cached per user agent
(real traffic repeats a few hundred agents). ``tests/http/test_clickrows.py`` pins both to the slow path.

``store_rows`` inserts a batch with one DBAPI ``executemany`` (``store.bulk.insert_rows``: SQLite's C loop;
psycopg's pipeline), skipping click ids already stored, because the ORM's per-row processing would hold the
GIL the redirects need.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from store.bulk import insert_rows
from store.db import transaction
from store.models import Click
from workflows.booking.clicks import device_type, hash_ip

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
    with transaction(engine) as session:
        insert_rows(session, Click, rows, skip_duplicates_of=["id"])
