"""The ranges an order or refund must fall in to be booked: one rule for every door.

CSV rows (``workflows.importing``), store webhooks (``workflows.webhooks``) and conversion postbacks
(``workflows.http.intake``) all check amounts, quantities and times against these bounds, and the inbox
event models (``workflows.booking.events``) carry them as constraints, so nothing outside them is ever
queued or booked. Out-of-range values are refused with a reason, never clamped: a negative price or a
negative discount is an error, not a zero.

Why these numbers: 10^12 minor units (10 billion in a two-decimal currency) is far above any real order,
and a million such orders still sum inside a signed 64-bit integer (SQLite's ``SUM``, PostgreSQL's
``bigint``), so reports can never overflow; 2000..2100 keeps every time well inside what datetime
arithmetic (return windows, UTC conversion) and both databases handle.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

MAX_AMOUNT_MINOR = 10**12
MAX_QUANTITY = 10**6
EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2100, 1, 1, tzinfo=UTC)

Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT_MINOR)]
PositiveAmount = Annotated[int, Field(gt=0, le=MAX_AMOUNT_MINOR)]
Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY)]
EventTime = Annotated[AwareDatetime, Field(ge=EARLIEST_TIME, lt=LATEST_TIME)]

APPLICANT_FIELD_CHARS = 200
"""An applicant's short free-text fields (name, platform, niche) are stored up to this many characters: a
form sends whatever was typed, and a long value is evidence for triage (an instruction hidden in the
platform), not a reason to refuse the whole file. Beyond it the row is refused, naming the field."""
APPLICANT_URL_CHARS = 500
APPLICANT_SAMPLE_CHARS = 20_000


def amount_problem(minor: int) -> str | None:
    """Why ``minor`` (minor units) cannot be booked as a price, total or refund, or None if it can."""
    if minor < 0:
        return f"{minor} minor units is negative"
    if minor > MAX_AMOUNT_MINOR:
        return f"{minor} minor units exceeds the limit of {MAX_AMOUNT_MINOR}"
    return None


def quantity_problem(quantity: int) -> str | None:
    if quantity < 1:
        return f"quantity {quantity} is below 1"
    if quantity > MAX_QUANTITY:
        return f"quantity {quantity} exceeds the limit of {MAX_QUANTITY}"
    return None


def total_problem(amounts: Iterable[int]) -> str | None:
    """Why the sum of line amounts (each already in range) cannot be one order's total, or None."""
    total = sum(amounts)
    if total > MAX_AMOUNT_MINOR:
        return f"the order total of {total} minor units exceeds the limit of {MAX_AMOUNT_MINOR}"
    return None


def time_problem(ts: datetime) -> str | None:
    """Why an aware time is outside the bookable years, or None."""
    if not EARLIEST_TIME <= ts < LATEST_TIME:
        return f"{ts.isoformat()} is outside {EARLIEST_TIME.year}..{LATEST_TIME.year - 1}"
    return None


def unix_time_problem(seconds: int) -> str | None:
    """Like ``time_problem`` for Unix seconds, checked before any conversion (which overflows far out)."""
    if not EARLIEST_TIME.timestamp() <= seconds < LATEST_TIME.timestamp():
        return f"unix time {seconds} is outside {EARLIEST_TIME.year}..{LATEST_TIME.year - 1}"
    return None
