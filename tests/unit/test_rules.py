"""The commission engine: precedence, flash bonuses, flats, validation, and exact half-even arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from store.rules import (
    EPOCH,
    CommissionQuote,
    FlashIncentive,
    RateRule,
    RuleBook,
    RuleSetBody,
    RuleVersion,
    VolumeTier,
    compute_commission,
)

T = datetime(2026, 1, 15, tzinfo=UTC)


def quote(
    rules: RuleSetBody,
    *,
    sku: str = "SKU-1",
    base: int = 4500,
    partner: str = "p1",
    new: bool = True,
    trailing: int = 0,
    ts: datetime = T,
) -> CommissionQuote:
    return compute_commission(
        rules=rules,
        version=7,
        currency="USD",
        sku=sku,
        base_cents=base,
        partner_id=partner,
        is_new_customer=new,
        trailing_revenue_cents=trailing,
        order_ts=ts,
    )


FULL = RuleSetBody(
    percent=Decimal(10),
    new_customer_percent=Decimal(12),
    returning_customer_percent=Decimal(8),
    volume_tiers=(VolumeTier(min_revenue_cents=100_000, percent=Decimal(14)),),
    sku_overrides={"SKU-1": RateRule(percent=Decimal(20)), "GIFT": RateRule(flat_cents=300)},
    partner_overrides={"vip": RateRule(percent=Decimal(25))},
)


def test_default_is_ten_percent_with_a_readable_explanation() -> None:
    result = quote(RuleSetBody(), sku="X")
    assert result == CommissionQuote(450, 7, "10% of 45.00 (default) = 4.50")


def test_partner_override_beats_sku_override_beats_tier_beats_customer_kind() -> None:
    assert quote(FULL, partner="vip", trailing=200_000).cents == 1125
    assert quote(FULL, sku="SKU-1", trailing=200_000).explanation == "20% of 45.00 (SKU override SKU-1) = 9.00"
    assert quote(FULL, sku="X", trailing=200_000).explanation == "14% of 45.00 (volume tier ≥ 1000.00) = 6.30"
    assert quote(FULL, sku="X", new=True).explanation == "12% of 45.00 (new customer) = 5.40"
    assert quote(FULL, sku="X", new=False).explanation == "8% of 45.00 (returning customer) = 3.60"


def test_flat_override_pays_per_line_whatever_the_amount() -> None:
    assert quote(FULL, sku="GIFT", base=99_999).explanation == "flat 3.00 (SKU override GIFT) = 3.00"


def test_flash_bonus_applies_only_inside_its_window_on_its_sku() -> None:
    flash = FlashIncentive(
        sku="SKU-1", start=T - timedelta(days=1), end=T + timedelta(days=17), bonus_percent=Decimal(2)
    )
    rules = RuleSetBody(flash_incentives=(flash,), flat_cents=50)
    assert quote(rules).explanation == (
        "10% of 45.00 (default) + 2% flash on SKU-1 until 2026-02-01 + flat 0.50 per line = 5.90"
    )
    assert quote(rules, ts=flash.end).cents == 500
    assert quote(rules, sku="SKU-2").cents == 500


def test_rounding_is_half_even_once() -> None:
    assert quote(RuleSetBody(percent=Decimal("2.5")), base=100).cents == 2  # 2.5 -> 2
    assert quote(RuleSetBody(percent=Decimal("3.5")), base=100).cents == 4  # 3.5 -> 4


@pytest.mark.parametrize(
    "body",
    [
        {"percent": "100.01"},
        {"percent": "-1"},
        {"percent": "NaN"},
        {"flat_cents": -5},
        {"sku_overrides": {"A": {"percent": "5", "flat_cents": 10}}},
        {"sku_overrides": {"A": {}}},
        {
            "flash_incentives": [
                {"sku": "A", "start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z", "bonus_percent": "1"}
            ]
        },
        {
            "flash_incentives": [
                {"sku": "A", "start": "2026-01-01T00:00:00", "end": "2026-02-01T00:00:00Z", "bonus_percent": "1"}
            ]
        },
        {"volume_tiers": [{"min_revenue_cents": 1, "percent": "5"}, {"min_revenue_cents": 1, "percent": "6"}]},
        {"percnt": "5"},
    ],
)
def test_invalid_rule_sets_are_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        RuleSetBody.model_validate(body)


def test_rule_set_round_trips_through_its_stored_json() -> None:
    assert RuleSetBody.model_validate(FULL.to_json()) == FULL


def test_rule_book_picks_the_latest_version_effective_at_the_order_time() -> None:
    book = RuleBook(
        (
            RuleVersion(1, EPOCH, RuleSetBody(), "default"),
            RuleVersion(3, T, RuleSetBody(percent=Decimal(5)), ""),
            RuleVersion(2, T + timedelta(days=1), RuleSetBody(percent=Decimal(7)), ""),
        )
    )
    assert [book.at(ts).version for ts in (T - timedelta(seconds=1), T, T + timedelta(days=2))] == [1, 3, 2]


percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(base=st.integers(min_value=0, max_value=10**10), percent=percents, flat=st.integers(0, 10_000))
def test_commission_is_exact_percent_rounded_half_even_plus_flat(base: int, percent: Decimal, flat: int) -> None:
    result = quote(RuleSetBody(percent=percent, flat_cents=flat), sku="X", base=base)
    expected = int((Decimal(base) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)) + flat
    assert result.cents == expected
    assert result.explanation.endswith(f"= {Decimal(expected) / 100:.2f}")


@given(
    base=st.integers(min_value=0, max_value=10**9),
    extra=st.integers(min_value=0, max_value=10**6),
    percent=percents,
    bonus=percents,
    trailing=st.integers(min_value=0, max_value=10**7),
    new=st.booleans(),
)
def test_commission_never_negative_and_grows_with_the_amount_and_the_bonus(
    base: int, extra: int, percent: Decimal, bonus: Decimal, trailing: int, new: bool
) -> None:
    flash = FlashIncentive(sku="SKU-1", start=T, end=T + timedelta(days=1), bonus_percent=bonus)
    rules = RuleSetBody(percent=percent, volume_tiers=FULL.volume_tiers, flash_incentives=(flash,))
    low = quote(rules, base=base, trailing=trailing, new=new)
    assert 0 <= low.cents <= quote(rules, base=base + extra, trailing=trailing, new=new).cents
    assert low.cents >= quote(rules, base=base, trailing=trailing, new=new, ts=T - timedelta(seconds=1)).cents
