"""Exact money: integer minor units in, decimal strings out; Decimal with half-even rounding at booking.

Floats never touch money. ``parse_money`` refuses anything it cannot represent exactly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

_MAX_DIGITS = 30
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XOF", "XAF"})


class MoneyError(ValueError):
    """A money value that cannot be represented exactly in the currency's minor units."""


def minor_digits(currency: str) -> int:
    return 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2


def parse_money(text: str, currency: str) -> int:
    """``"12.34"`` in USD -> ``1234``. Raises ``MoneyError`` on junk, NaN or too many decimals."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise MoneyError(f"{text!r} is not a decimal amount") from exc
    if not value.is_finite():
        raise MoneyError(f"{text!r} is not a finite amount")
    if value and value.adjusted() > _MAX_DIGITS:  # before int(): 1e999999999 would take the process down
        raise MoneyError(f"{text!r} is far too large an amount")
    scaled = value.scaleb(minor_digits(currency))
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{text!r} has more than {minor_digits(currency)} decimals for {currency}")
    return int(scaled)


def format_money(cents: int, currency: str) -> str:
    """``1234`` in USD -> ``"12.34"``; the JSON and CSV representation of money."""
    digits = minor_digits(currency)
    return str(Decimal(cents).scaleb(-digits).quantize(Decimal(1).scaleb(-digits)))


def human_money(cents: int, currency: str) -> str:
    """``1234567`` in USD -> ``"12,345.67 USD"``: for people reading text (JSON and CSV keep ``format_money``)."""
    return f"{Decimal(format_money(cents, currency)):,} {currency}"


def round_half_even(value: Decimal) -> int:
    """Round a Decimal amount of minor units to an integer, half to even, once."""
    return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))


def prorate(total: int, part: int, whole: int) -> int:
    """``total * part / whole`` in minor units, rounded half-even (``whole`` must be positive)."""
    if whole <= 0:
        raise ValueError("prorate needs a positive whole")
    return round_half_even(Decimal(total) * Decimal(part) / Decimal(whole))
