"""Tracking links: one unguessable short code per partner × SKU (or per partner for the landing page).

This is the single function behind ``afflow links create`` and the agents' link tool. It never records a
click (the ``/r/{code}`` redirect does) and never changes a link once made: asking again for the same
partner and SKU returns the link already shared, so URLs in partners' posts keep working.

Codes are 10 characters drawn from ``secrets`` over base62 (62**10 ≈ 8·10^17): not sequential, not derived
from the partner or SKU, so a scanner cannot enumerate them. The destination is the product page
``{shop_url}/products/{sku}`` (or ``shop_url`` for a landing link) with UTM parameters; the redirect appends
the per-click ``afflow_cid`` parameter, which cannot be known when the link is made.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from store.bulk import chunks, existing_keys, rows_where_in, scalars_where_in
from store.models import Partner, Product, Program, TrackingLink

CODE_ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 10
CLICK_ID_PARAM = "afflow_cid"


class LinkError(ValueError):
    """A link request that cannot be honoured (unknown partner or SKU, inactive partner)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class LinkView:
    code: str
    url: str
    partner_id: str
    sku: str | None
    destination: str

    def as_json(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "url": self.url,
            "partner_id": self.partner_id,
            "sku": self.sku,
            "destination": self.destination,
        }


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def share_url(*, public_url: str, code: str) -> str:
    return f"{public_url.rstrip('/')}/r/{code}"


def campaign_slug(program_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", program_name.lower()).strip("-") or "afflow"


def shop_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the shop's base URL (every redirect's ``Location`` starts with it), or None."""
    if len(url) > 500:
        return "is longer than 500 characters"
    if any(not char.isprintable() or char.isspace() for char in url):
        return "contains whitespace or control characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an http(s) URL with a host"
    if parts.username or parts.password or parts.fragment:
        return "must not carry credentials or a #fragment"
    return None


def destination_url(*, shop_url: str, sku: str | None, partner_id: str, campaign: str) -> str:
    """The product page (or the shop itself) tagged so the shop's analytics credit the affiliate channel."""
    base = shop_url.rstrip("/")
    page = f"{base}/products/{quote(sku, safe='')}" if sku else base
    utm = urlencode(
        {"utm_source": "afflow", "utm_medium": "affiliate", "utm_campaign": campaign, "utm_content": partner_id}
    )
    return f"{page}{'&' if '?' in page else '?'}{utm}"


def create_links(
    *, session: Session, partner_id: str, skus: Sequence[str] = (), all_skus: bool = False, public_url: str
) -> list[LinkView]:
    """Links for ``partner_id``: one per SKU given (and every product with ``all_skus``), else a landing link.

    Existing links are returned unchanged; new ones are inserted in one bulk statement per chunk.
    Raises ``LinkError`` for an unknown or inactive partner or an unknown SKU; nothing is written then.
    """
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise LinkError("unknown_partner", f"partner {partner_id!r} does not exist")
    if partner.status != "active":
        raise LinkError(
            "inactive_partner", f"partner {partner_id!r} is {partner.status}; links are for active partners"
        )
    program = session.get(Program, 1)
    if program is None:
        raise LinkError("no_program", "the program is not set up: run `afflow init`")
    wanted = _wanted_skus(session=session, skus=skus, all_skus=all_skus)
    existing = _existing_links(session=session, partner_id=partner_id, skus=wanted)
    missing = [sku for sku in wanted if sku not in existing]
    if missing:
        rows = _new_rows(session=session, program=program, partner_id=partner_id, skus=missing)
        session.execute(insert(TrackingLink), rows)
        existing.update({row["sku"]: (str(row["code"]), str(row["destination"])) for row in rows})
    return [
        LinkView(
            code=existing[sku][0],
            url=share_url(public_url=public_url, code=existing[sku][0]),
            partner_id=partner_id,
            sku=sku,
            destination=existing[sku][1],
        )
        for sku in wanted
    ]


def create_sku_links(
    *, session: Session, wanted: Mapping[str, Sequence[str]], public_url: str
) -> dict[str, dict[str, LinkView]]:
    """``create_links`` for many partners at once: partner -> SKU -> link, in a handful of set-based queries.

    The same contract per partner (existing links returned unchanged, new ones made once); partners that are
    unknown or not active and SKUs that do not exist are skipped rather than failing the whole batch, so one
    stale row cannot stop a thousand briefs.
    """
    program = session.get(Program, 1)
    if program is None:
        raise LinkError("no_program", "the program is not set up: run `afflow init`")
    partner_ids = [pid for pid, skus in wanted.items() if skus]
    active_partners = select(Partner.id).where(Partner.status == "active")
    active = set(scalars_where_in(session, active_partners, Partner.id, partner_ids))
    known = existing_keys(session, Product.sku, sorted({sku for pid in active for sku in wanted[pid]}))
    existing: dict[tuple[str, str], tuple[str, str]] = {}
    ids = sorted(active)
    links = select(TrackingLink.partner_id, TrackingLink.sku, TrackingLink.code, TrackingLink.destination)
    for sku_chunk in chunks(sorted(known)):
        for pid, sku, code, destination in rows_where_in(
            session, links.where(TrackingLink.sku.in_(sku_chunk)), TrackingLink.partner_id, ids
        ):
            existing[(str(pid), str(sku))] = (code, destination)
    missing = [(pid, sku) for pid in ids for sku in dict.fromkeys(wanted[pid])
               if sku in known and (pid, sku) not in existing]
    if missing:
        codes = _unused_codes(session=session, count=len(missing))
        rows = [
            {"code": code, "partner_id": pid, "sku": sku,
             "destination": destination_url(shop_url=program.shop_url, sku=sku, partner_id=pid, campaign=sku)}
            for code, (pid, sku) in zip(codes, missing, strict=True)
        ]
        session.execute(insert(TrackingLink), rows)
        existing.update({(str(r["partner_id"]), str(r["sku"])): (str(r["code"]), str(r["destination"])) for r in rows})
    return {
        pid: {
            sku: LinkView(code=existing[(pid, sku)][0], url=share_url(public_url=public_url, code=existing[(pid, sku)][0]),
                          partner_id=pid, sku=sku, destination=existing[(pid, sku)][1])
            for sku in wanted[pid] if (pid, sku) in existing
        }
        for pid in ids
    }


def _wanted_skus(*, session: Session, skus: Sequence[str], all_skus: bool) -> list[str | None]:
    requested = list(dict.fromkeys(sku.strip() for sku in skus if sku.strip()))
    known = existing_keys(session, Product.sku, requested)
    unknown = [sku for sku in requested if sku not in known]
    if unknown:
        shown = ", ".join(repr(sku) for sku in unknown[:10])
        raise LinkError("unknown_sku", f"{len(unknown)} unknown SKU(s): {shown}")
    if all_skus:
        requested += [sku for sku in session.scalars(select(Product.sku).order_by(Product.sku)) if sku not in known]
    if not requested:
        return [None]
    return list(requested)


def _existing_links(*, session: Session, partner_id: str, skus: list[str | None]) -> dict[str | None, tuple[str, str]]:
    found: dict[str | None, tuple[str, str]] = {}
    base = select(TrackingLink.sku, TrackingLink.code, TrackingLink.destination).where(
        TrackingLink.partner_id == partner_id
    )
    if None in skus:
        landing = session.execute(base.where(TrackingLink.sku.is_(None)).order_by(TrackingLink.created_at)).first()
        if landing is not None:
            found[None] = (landing.code, landing.destination)
    named = [sku for sku in skus if sku is not None]
    for row in rows_where_in(session, base, TrackingLink.sku, named):
        found[row.sku] = (row.code, row.destination)
    return found


def _new_rows(
    *, session: Session, program: Program, partner_id: str, skus: list[str | None]
) -> list[dict[str, str | None]]:
    codes = _unused_codes(session=session, count=len(skus))
    slug = campaign_slug(program.name)
    return [
        {
            "code": code,
            "partner_id": partner_id,
            "sku": sku,
            "destination": destination_url(
                shop_url=program.shop_url, sku=sku, partner_id=partner_id, campaign=sku or slug
            ),
        }
        for code, sku in zip(codes, skus, strict=True)
    ]


def _unused_codes(*, session: Session, count: int) -> list[str]:
    """Fresh random codes, re-drawing the (astronomically rare) ones already taken."""
    codes: list[str] = []
    while len(codes) < count:
        batch = list({new_code() for _ in range(count - len(codes))} - set(codes))
        taken = existing_keys(session, TrackingLink.code, batch)
        codes += [code for code in batch if code not in taken]
    return codes
