"""Storing clicks: salted IP hashing, network prefixes, device classes and an idempotent bulk insert."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from store.bulk import insert_columns
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


@dataclass(frozen=True, slots=True)
class ClickColumns:
    """Validated clicks column by column (``ClickFields`` transposed): what a chunk of an imported file becomes.

    Every list has one value per click; ``sku`` and ``customer_ref`` hold None for an empty value.
    """

    click_ids: Sequence[str]
    stamps: Sequence[datetime]
    partner_ids: Sequence[str]
    ips: Sequence[str]
    user_agents: Sequence[str]
    referrers: Sequence[str]
    landing_urls: Sequence[str]
    skus: Sequence[str | None]
    customer_refs: Sequence[str | None]

    @classmethod
    def of(cls, clicks: Sequence[ClickFields]) -> ClickColumns:
        if not clicks:
            return cls([], [], [], [], [], [], [], [], [])
        return cls(*map(list, zip(*clicks, strict=True)))


def record_clicks(*, session: Session, clicks: Sequence[ClickIn], salt: str) -> int:
    """Store clicks; a click id already stored is skipped, so a replayed batch books nothing twice. Returns how
    many were stored."""
    return record_click_fields(
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
) -> int:
    """``record_clicks`` for clicks given as plain values (the rows ``click_row`` builds, as tuples)."""
    return record_click_columns(session=session, clicks=ClickColumns.of(clicks), salt=salt, link_codes=link_codes)


def record_click_columns(
    *, session: Session, clicks: ClickColumns, salt: str, link_codes: Sequence[str | None] | None = None
) -> int:
    """``record_clicks`` for clicks given column by column, the stored columns computed per distinct value (the
    salted hash per IP, the device class per user agent); returns how many were stored (ids already stored are
    skipped)."""
    count = len(clicks.click_ids)
    if not count:
        return 0
    hashes, prefixes = hash_ips(clicks.ips, salt)
    devices = {agent: device_type(agent) for agent in dict.fromkeys(clicks.user_agents)}
    columns = (
        clicks.click_ids, clicks.stamps, clicks.partner_ids, [None] * count if link_codes is None else link_codes,
        hashes, prefixes, clicks.user_agents, list(map(devices.__getitem__, clicks.user_agents)), clicks.referrers,
        clicks.landing_urls, clicks.skus, clicks.customer_refs,
    )  # fmt: skip
    return insert_columns(session, Click, STORED_COLUMNS, columns, skip_duplicates_of=["id"])


def hash_ips(ips: Sequence[str], salt: str) -> tuple[list[str], list[str]]:
    """``hash_ip`` of each address (hashes, prefixes), computed once per distinct address."""
    known = {ip: hash_ip(ip, salt) for ip in dict.fromkeys(ips)}
    pairs = list(map(known.__getitem__, ips))
    return [pair[0] for pair in pairs], [pair[1] for pair in pairs]
