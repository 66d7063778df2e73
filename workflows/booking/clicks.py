"""Storing clicks: salted IP hashing, network prefixes, device classes and an idempotent bulk insert."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from store.bulk import insert_rows
from store.models import Click
from workflows.booking.events import ClickIn

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
    # Masking the integer is the same network as ip_network(..., strict=False), at a third of the cost.
    if address.version == 4:
        prefix = f"{ipaddress.IPv4Address(int(address) & 0xFFFFFF00)}/24"
    else:
        prefix = f"{ipaddress.IPv6Address(int(address) >> 80 << 80)}/48"
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest(), prefix


@lru_cache(maxsize=4096)
def device_type(user_agent: str) -> str:
    """Device class of a user agent (cached: real traffic repeats a few hundred agents, the regexes are slow)."""
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


def record_clicks(*, session: Session, clicks: Sequence[ClickIn], salt: str) -> None:
    """Store clicks; a click id already stored is skipped, so a replayed batch books nothing twice."""
    insert_rows(session, Click, [click_row(click, salt) for click in clicks], skip_duplicates_of=["id"])
