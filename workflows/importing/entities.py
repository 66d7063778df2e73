"""CSV import of the program's reference data: partners, products, coupons, applications and fx rates.

Each kind is upserted by its id, so importing the same file twice changes nothing. Rows are fully
validated (and cross-checked against the store) before anything is written; the caller's transaction
makes a file all-or-nothing. Fields people change elsewhere (a partner's status, an application's
decision) are never overwritten by a re-import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from store.bulk import dialect_insert, existing_keys, rows_where_in
from store.models import Base, Coupon, FxRate, Partner, utcnow
from workflows.booking.bounds import (
    APPLICANT_FIELD_CHARS,
    APPLICANT_SAMPLE_CHARS,
    APPLICANT_URL_CHARS,
    EARLIEST_TIME,
    LATEST_TIME,
)
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


FX_RATE_COLUMNS = ("date", "currency", "rate")
_RATE_DECIMALS = 12  # more is noise no published reference rate carries; a rate is exact as typed up to it
_MAX_RATE = Decimal(10) ** 9


def parse_fx_rates(*, rows: Sequence[Row], fields: Fields) -> list[dict[str, Any]]:
    """Daily rates (``date,currency,rate``: program-currency units per unit of ``currency``), exact decimals.

    Refused, naming line and column: a date that is not ``YYYY-MM-DD`` in 2000..2099, a code that is not three
    letters or is the program's own currency, a rate that is not a positive decimal (at most 12 decimals,
    below 10^9), and the same currency and date twice in one file.
    """

    def read(row: Row) -> dict[str, Any]:
        return {
            "day": _day(row, fields, "date"),
            "currency": _foreign_currency(row, fields),
            "rate": _fx_rate(row, fields, "rate"),
            "imported_at": utcnow(),
        }

    rates = _clean_records(rows, fields, read)
    _first_seen(
        ((line, f"{r['currency']} {r['day']:%Y-%m-%d}") for line, r in rates), fields.errors, "date", "rate for"
    )
    return [rate for _, rate in rates]


def upsert_fx_rates(session: Session, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """Insert or replace rates by (currency, day); returns (created, updated)."""
    if not records:
        return 0, 0
    existing = {
        (currency, day)
        for currency, day in session.execute(
            select(FxRate.currency, FxRate.day).where(FxRate.currency.in_(sorted({r["currency"] for r in records})))
        )
    }
    statement = dialect_insert(session, FxRate)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["currency", "day"],
            set_={"rate": statement.excluded.rate, "imported_at": statement.excluded.imported_at},
        ),
        list(records),
    )
    updated = sum(1 for r in records if (r["currency"], r["day"]) in existing)
    return len(records) - updated, updated


def _day(row: Row, fields: Fields, column: str) -> date | None:
    value = fields.text(row, column, max_len=10)
    if value is None:
        return None
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        fields.errors.add(row.line, column, f"{value!r} is not a date (YYYY-MM-DD)")
        return None
    if not EARLIEST_TIME.year <= day.year < LATEST_TIME.year:
        fields.errors.add(row.line, column, f"{value} is outside {EARLIEST_TIME.year}..{LATEST_TIME.year - 1}")
        return None
    return day


def _foreign_currency(row: Row, fields: Fields) -> str | None:
    currency = fields.currency_code(row, "currency", required=True)
    if currency is not None and currency == fields.currency.upper():
        fields.errors.add(row.line, "currency", f"{currency} is the program currency itself (its rate is 1)")
        return None
    return currency


def _fx_rate(row: Row, fields: Fields, column: str) -> str | None:
    value = fields.text(row, column, max_len=40)
    if value is None:
        return None
    try:
        rate = Decimal(value)
    except InvalidOperation:
        fields.errors.add(row.line, column, f"{value!r} is not a decimal number")
        return None
    if not rate.is_finite() or rate <= 0 or rate >= _MAX_RATE:
        fields.errors.add(row.line, column, f"{value!r} is not a positive rate below {_MAX_RATE:,}")
        return None
    exponent = rate.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_RATE_DECIMALS:
        fields.errors.add(row.line, column, f"{value!r} has more than {_RATE_DECIMALS} decimals")
        return None
    return format(rate, "f")
