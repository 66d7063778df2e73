"""CSV import of the program's reference data: partners, products, coupons and applications.

Each kind is upserted by its id, so importing the same file twice changes nothing. Rows are fully
validated (and cross-checked against the store) before anything is written; the caller's transaction
makes a file all-or-nothing. Fields people change elsewhere (a partner's status, an application's
decision) are never overwritten by a re-import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.bulk import dialect_insert, existing_keys, rows_where_in
from store.models import Base, Coupon, Partner
from workflows.booking.bounds import APPLICANT_FIELD_CHARS, APPLICANT_SAMPLE_CHARS, APPLICANT_URL_CHARS
from workflows.importing.csv_rows import ErrorLog, Fields, Row

PARTNER_COLUMNS = (
    "partner_id",
    "name",
    "email",
    "channel",
    "audience_size",
    "engagement_rate",
    "ref_code",
    "coupon_code",
)
PRODUCT_COLUMNS = ("sku", "title", "price", "unit_cost", "stock", "stock_target", "category")
COUPON_COLUMNS = ("code", "partner_id", "exclusive")
APPLICATION_COLUMNS = (
    "application_id", "submitted_at", "name", "email", "platform", "channel_url",
    "audience_size", "engagement_rate", "niche", "sample_content",
)  # fmt: skip


def upsert(session: Session, model: type[Base], rows: Sequence[dict[str, Any]], key: str) -> tuple[int, int]:
    """Insert or update ``rows`` by primary key ``key``; returns (created, updated).

    Only the columns present in the rows are updated, so columns owned by other workflows keep their values.
    """
    if not rows:
        return 0, 0
    key_column: InstrumentedAttribute[Any] = getattr(model, key)
    existing = existing_keys(session, key_column, [row[key] for row in rows])
    statement = dialect_insert(session, model)
    columns = [name for name in rows[0] if name != key]
    upsert_statement: Insert = statement.on_conflict_do_update(
        index_elements=[key], set_={name: statement.excluded[name] for name in columns}
    )
    session.execute(upsert_statement, list(rows))
    updated = sum(1 for row in rows if row[key] in existing)
    return len(rows) - updated, updated


def _first_seen(rows: Iterable[tuple[int, str]], errors: ErrorLog, column: str, what: str) -> None:
    """Flag a key that appears on two lines of the same file: which line wins would be a guess."""
    seen: dict[str, int] = {}
    for line, value in rows:
        if value in seen:
            errors.add(line, column, f"duplicate {what} {value!r} (first on line {seen[value]})")
        else:
            seen[value] = line


Lined = list[tuple[int, dict[str, Any]]]  # (CSV line, record)


def _clean_records(rows: Sequence[Row], fields: Fields, read: Callable[[Row], dict[str, Any]]) -> Lined:
    """Each row ``read`` turns into a record without adding an error, with its line (bad rows are logged)."""
    records: Lined = []
    for row in rows:
        before = fields.errors.total
        record = read(row)
        if fields.errors.total == before:
            records.append((row.line, record))
    return records


def parse_partners(
    *, session: Session, rows: Sequence[Row], fields: Fields
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Partner rows and the exclusive coupons their ``coupon_code`` creates."""

    def read(row: Row) -> dict[str, Any]:
        return {
            "id": fields.text(row, "partner_id", max_len=64),
            "name": fields.text(row, "name"),
            "email": fields.email(row, "email"),
            "channel": fields.text(row, "channel"),
            "audience_size": fields.integer(row, "audience_size"),
            "engagement_rate": fields.rate(row, "engagement_rate"),
            "ref_code": fields.optional(row, "ref_code", max_len=64),
            "coupon_code": fields.optional(row, "coupon_code", max_len=64),
            "network": fields.optional(row, "network", max_len=64) or "direct",
            "slack_user_id": fields.optional(row, "slack_user_id", max_len=32),
        }

    errors = fields.errors
    partners = _clean_records(rows, fields, read)
    _first_seen(((line, p["id"]) for line, p in partners), errors, "partner_id", "partner_id")
    _first_seen(((line, p["ref_code"]) for line, p in partners if p["ref_code"]), errors, "ref_code", "ref_code")
    _first_seen(((line, p["coupon_code"]) for line, p in partners if p["coupon_code"]), errors, "coupon_code", "code")
    _check_owned(session, errors, partners, "ref_code", Partner.ref_code, Partner.id)
    _check_owned(session, errors, partners, "coupon_code", Coupon.code, Coupon.partner_id)
    coupons = [
        {"code": p["coupon_code"], "partner_id": p["id"], "exclusive": True} for _, p in partners if p["coupon_code"]
    ]
    return [partner for _, partner in partners], coupons


def _check_owned(
    session: Session,
    errors: ErrorLog,
    partners: Lined,
    field: str,
    code_column: InstrumentedAttribute[Any],
    owner_column: InstrumentedAttribute[Any],
) -> None:
    """A ref code or coupon code already held by another partner in the store cannot move silently."""
    wanted = [p[field] for _, p in partners if p[field]]
    owned = rows_where_in(session, select(code_column, owner_column), code_column, wanted)
    owners: dict[str, str | None] = {code: owner for code, owner in owned}
    for line, partner in partners:
        code = partner[field]
        if code in owners and owners[code] != partner["id"]:
            holder = f"partner {owners[code]!r}" if owners[code] else "a program-wide coupon"
            errors.add(line, field, f"{code!r} already belongs to {holder}")


def parse_products(*, rows: Sequence[Row], fields: Fields) -> list[dict[str, Any]]:
    def read(row: Row) -> dict[str, Any]:
        return {
            "sku": fields.text(row, "sku", max_len=64),
            "title": fields.text(row, "title", max_len=300),
            "price_cents": fields.money(row, "price"),
            "unit_cost_cents": fields.money(row, "unit_cost"),
            "stock": fields.integer(row, "stock"),
            "stock_target": fields.integer(row, "stock_target"),
            "category": fields.text(row, "category", max_len=100),
        }

    products = _clean_records(rows, fields, read)
    _first_seen(((line, p["sku"]) for line, p in products), fields.errors, "sku", "sku")
    return [product for _, product in products]


def parse_coupons(*, session: Session, rows: Sequence[Row], fields: Fields) -> list[dict[str, Any]]:
    """Coupons; ``partner_id`` may be empty for a program-wide code, else it must name a known partner."""

    def read(row: Row) -> dict[str, Any]:
        return {
            "code": fields.text(row, "code", max_len=64),
            "partner_id": fields.optional(row, "partner_id", max_len=64),
            "exclusive": fields.flag(row, "exclusive", default=True),
        }

    coupons = _clean_records(rows, fields, read)
    _first_seen(((line, c["code"]) for line, c in coupons), fields.errors, "code", "code")
    known = existing_keys(session, Partner.id, sorted({c["partner_id"] for _, c in coupons if c["partner_id"]}))
    for line, coupon in coupons:
        if coupon["partner_id"] and coupon["partner_id"] not in known:
            fields.errors.add(line, "partner_id", f"unknown partner {coupon['partner_id']!r}")
    return [coupon for _, coupon in coupons]


def parse_applications(*, rows: Sequence[Row], fields: Fields) -> list[dict[str, Any]]:
    def read(row: Row) -> dict[str, Any]:
        return {
            "id": fields.text(row, "application_id", max_len=64),
            "submitted_at": fields.timestamp(row, "submitted_at"),
            "name": fields.text(row, "name", max_len=APPLICANT_FIELD_CHARS),
            "email": fields.email(row, "email"),
            "platform": fields.text(row, "platform", max_len=APPLICANT_FIELD_CHARS),
            "channel_url": fields.text(row, "channel_url", max_len=APPLICANT_URL_CHARS),
            "audience_size": fields.integer(row, "audience_size"),
            "engagement_rate": fields.rate(row, "engagement_rate"),
            "niche": fields.text(row, "niche", max_len=APPLICANT_FIELD_CHARS),
            "sample_content": fields.optional(row, "sample_content", max_len=APPLICANT_SAMPLE_CHARS) or "",
        }

    applications = _clean_records(rows, fields, read)
    _first_seen(((line, a["id"]) for line, a in applications), fields.errors, "application_id", "application_id")
    return [application for _, application in applications]
