"""Storing clicks: salted IP hashing, network prefixes, device classes and an idempotent bulk insert."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from store.bulk import insert_tuples
from store.models import Click
from workflows.booking.events import ClickFields, ClickIn

_MOBILE = re.compile(r"iphone|android.+mobile|mobile safari|windows phone|ipod", re.IGNORECASE)
_TABLET = re.compile(r"ipad|tablet|android(?!.*mobile)", re.IGNORECASE)
# what ``ipaddress`` accepts as an IPv4 octet and writes back unchanged: 0-255, no leading zero
_OCTET = r"(?:0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])"
_CANONICAL_IPV4 = re.compile(rf"({_OCTET}\.{_OCTET}\.{_OCTET}\.){_OCTET}")
_BOT = re.compile(r"bot|crawler|spider|curl|wget|python-requests|headless", re.IGNORECASE)


def hash_ip(ip: str, salt: str) -> tuple[str, str]:
    """(salted SHA-256 of the address, its network prefix: /24 for IPv4, /48 for IPv6). Empty in, empty out."""
    if not ip:
        return "", ""
    canonical = _CANONICAL_IPV4.fullmatch(ip.strip())
    if canonical is not None:  # dotted IPv4 as ``ipaddress`` writes it: no need to parse it
        return hashlib.sha256(f"{salt}:{canonical.group(0)}".encode()).hexdigest(), f"{canonical.group(1)}0/24"
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


STORED_COLUMNS = (
    "id", "ts", "partner_id", "link_code", "ip_hash", "ip_prefix", "user_agent", "device_type", "referrer",
    "landing_url", "sku", "customer_ref",
)  # fmt: skip


def record_clicks(*, session: Session, clicks: Sequence[ClickIn], salt: str) -> None:
    """Store clicks; a click id already stored is skipped, so a replayed batch books nothing twice."""
    record_click_fields(
        session=session,
        clicks=[
            (c.click_id, c.ts, c.partner_id, c.ip, c.user_agent, c.referrer, c.landing_url, c.sku, c.customer_ref)
            for c in clicks
        ],
        salt=salt,
        link_codes=[click.link_code for click in clicks],
    )


def record_click_fields(
    *, session: Session, clicks: Sequence[ClickFields], salt: str, link_codes: Sequence[str | None] | None = None
) -> None:
    """``record_clicks`` for imported clicks given as plain values (the rows ``click_row`` builds, as tuples)."""
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for index, (click_id, ts, partner_id, ip, user_agent, referrer, landing_url, sku, customer_ref) in enumerate(clicks):
        ip_hash, ip_prefix = hash_ip(ip, salt)
        append((click_id, ts, partner_id, None if link_codes is None else link_codes[index], ip_hash, ip_prefix,
                user_agent, device_type(user_agent), referrer, landing_url, sku, customer_ref))  # fmt: skip
    insert_tuples(session, Click, STORED_COLUMNS, rows, skip_duplicates_of=["id"])
