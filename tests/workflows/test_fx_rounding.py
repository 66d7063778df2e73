"""The conversion rule of ``workflows.booking.fx`` for any order, rate and pair of currencies (pure, hypothesis).

Each line converts once, half-even, to the program's minor units; a line split in two keeps its quantity and
its converted amount exactly; the original amounts of the booked lines add up to the original line; the
rate look-up takes the latest rate on or before the day, at most ``RATE_MAX_AGE_DAYS`` older.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from store.money import minor_digits, round_half_even
from workflows.booking.bounds import MAX_AMOUNT_MINOR
from workflows.booking.events import OrderEvent, OrderLineIn
from workflows.booking.fx import RATE_MAX_AGE_DAYS, NotBooked, RateBook, convert

CURRENCIES = ("USD", "EUR", "JPY", "GBP")
lines = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(1, 50), st.integers(0, 1_000_000)), min_size=1, max_size=6
)
rates = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("500"), places=6)


def order(currency: str, items: list[tuple[str, int, int]]) -> OrderEvent:
    return OrderEvent(
        order_id="o1",
        ts=datetime(2026, 5, 3, 10, tzinfo=UTC),
        customer_id="c1",
        currency=currency,
        lines=tuple(OrderLineIn(sku=sku, quantity=q, unit_price_cents=p) for sku, q, p in items),
    )


@given(items=lines, rate=rates, pair=st.tuples(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES)))
def test_each_line_converts_once_half_even_and_splits_exactly(
    items: list[tuple[str, int, int]], rate: Decimal, pair: tuple[str, str]
) -> None:
    original_currency, program_currency = pair
    result = convert(
        order=order(original_currency, items), program_currency=program_currency, rate=rate, rate_date=date(2026, 5, 1)
    )
    scale = Decimal(10) ** (minor_digits(program_currency) - minor_digits(original_currency))
    if isinstance(result, NotBooked):  # only when the converted order is beyond what can be booked
        converted = [round_half_even(Decimal(q * p) * rate * scale) for _, q, p in items]
        assert result.status == "failed" and (max(converted) > MAX_AMOUNT_MINOR or sum(converted) > MAX_AMOUNT_MINOR)
        return
    assert result.conversion is not None
    booked = list(result.order.lines)
    originals = list(result.conversion.line_originals)
    assert len(booked) == len(originals) and result.order.currency == program_currency
    for sku, quantity, unit in items:
        parts = [booked.pop(0)]
        if booked and sum(p.quantity for p in parts) < quantity:
            parts.append(booked.pop(0))
        shares = [originals.pop(0) for _ in parts]
        assert {p.sku for p in parts} == {sku} and sum(p.quantity for p in parts) == quantity
        expected = round_half_even(Decimal(quantity * unit) * rate * scale)
        assert sum(p.quantity * p.unit_price_cents for p in parts) == expected
        assert max(p.unit_price_cents for p in parts) - min(p.unit_price_cents for p in parts) <= 1
        assert sum(shares) == quantity * unit and all(share >= 0 for share in shares)
    assert booked == [] and originals == []
    assert result.conversion.original_total_cents == sum(q * p for _, q, p in items)


@given(
    days=st.lists(st.integers(0, 60), min_size=1, max_size=10, unique=True),
    wanted=st.integers(0, 70),
)
def test_the_rate_is_the_latest_on_or_before_the_day_within_a_week(days: list[int], wanted: int) -> None:
    start = date(2026, 1, 1)
    book = RateBook({"EUR": [(start + timedelta(days=d), Decimal(d + 1)) for d in sorted(days)]})
    found = book.rate_for("eur", start + timedelta(days=wanted))
    earlier = [d for d in days if d <= wanted]
    if not earlier or wanted - max(earlier) > RATE_MAX_AGE_DAYS:
        assert found is None
    else:
        assert found == (Decimal(max(earlier) + 1), start + timedelta(days=max(earlier)))
    assert book.rate_for("GBP", start + timedelta(days=wanted)) is None
