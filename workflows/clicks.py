"""Storing clicks: salted IP hashing, network prefixes, device classes and an idempotent bulk insert."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import Click
from workflows.events import ClickIn

_MOBILE = re.compile(r"iphone|android.+mobile|mobile safari|windows phone|ipod", re.IGNORECASE)
_TABLET = re.compile(r"ipad|tablet|android(?!.*mobile)", re.IGNORECASE)
_BOT = re.compile(r"bot|crawler|spider|curl|wget|python-requests|headless", re.IGNORECASE)


def hash_ip(ip: str, salt: str) -> tuple[str, str]:
    """(salted SHA-256 of the address, its network prefix: /24 for IPv4, /48 for IPv6). Empty in, empty out."""
    if not ip:
        return "", ""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return hashlib.sha256(f"{salt}:{ip}".encode()).hexdigest(), ""
    prefix_len = 24 if address.version == 4 else 48
    network = ipaddress.ip_network(f"{address}/{prefix_len}", strict=False)
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest(), str(network)


def device_type(user_agent: str) -> str:
    if not user_agent:
        return "unknown"
    if _BOT.search(user_agent):
        return "bot"
    if _MOBILE.search(user_agent):
        return "mobile"
    if _TABLET.search(user_agent):
        return "tablet"
    return "desktop"


def click_row(click: ClickIn, salt: str) -> dict[str, Any]:
    ip_hash, ip_prefix = hash_ip(click.ip, salt)
    return {
        "id": click.click_id,
        "ts": click.ts,
        "partner_id": click.partner_id,
        "link_code": click.link_code,
        "ip_hash": ip_hash,
        "ip_prefix": ip_prefix,
        "user_agent": click.user_agent,
        "device_type": device_type(click.user_agent),
        "referrer": click.referrer,
        "landing_url": click.landing_url,
        "sku": click.sku,
        "customer_ref": click.customer_ref,
    }


def insert_ignoring_duplicates(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert click rows; a click id already stored is skipped, so a replayed batch books nothing twice."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement: Insert
    if dialect == "postgresql":
        statement = postgresql.insert(Click).on_conflict_do_nothing(index_elements=["id"])
    else:
        statement = sqlite.insert(Click).on_conflict_do_nothing(index_elements=["id"])
    for start in range(0, len(rows), 5000):
        session.execute(statement, list(rows[start : start + 5000]))


def record_clicks(*, session: Session, clicks: Sequence[ClickIn], salt: str) -> None:
    insert_ignoring_duplicates(session, [click_row(click, salt) for click in clicks])
