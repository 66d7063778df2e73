"""The pricer works a line's terms out once per distinct ``line_terms_key`` and reuses them: every quote must
still equal ``compute_commission`` of that very line (amount, rule version and explanation), whatever the
overrides, tiers, flashes, bumps and flats, and in whatever order the lines come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from store.rules import (
    EPOCH,
    FlashIncentive,
    RateRule,
    RuleBook,
    RuleSetBody,
    RuleVersion,
    VolumeTier,
    compute_commission,
)
from workflows.booking.pricing import Pricer, TrailingRevenue

T0 = datetime(2026, 3, 1, tzinfo=UTC)
SKUS = ("S1", "S2", "S3")
PARTNERS = ("p1", "p2")
percents = st.decimals(min_value=0, max_value=40, places=1, allow_nan=False, allow_infinity=False)
rates = st.one_of(
    percents.map(lambda p: RateRule(percent=p)),
    st.integers(0, 900).map(lambda c: RateRule(flat_cents=c)),
    st.decimals(min_value=-5, max_value=5, places=1).map(lambda p: RateRule(plus_percent=p)),
)
bodies = st.builds(
    RuleSetBody,
    percent=percents,
    flat_cents=st.sampled_from([0, 0, 25]),
    new_customer_percent=st.none() | percents,
    returning_customer_percent=st.none() | percents,
    volume_tiers=st.lists(st.integers(0, 50_000), max_size=3, unique=True).map(
        lambda mins: tuple(VolumeTier(min_revenue_cents=m, percent=Decimal(12 + i)) for i, m in enumerate(mins))
    ),
    sku_overrides=st.dictionaries(st.sampled_from(SKUS), rates.filter(lambda r: r.plus_percent is None), max_size=2),
    partner_overrides=st.dictionaries(st.sampled_from(PARTNERS), rates, max_size=1),
    flash_incentives=st.lists(st.integers(0, 5), max_size=2).map(
        lambda days: tuple(
            FlashIncentive(
                sku="S1", start=T0 + timedelta(days=d), end=T0 + timedelta(days=d + 2), bonus_percent=Decimal(3)
            )
            for d in days
        )
    ),
)
lines = st.tuples(
    st.sampled_from(SKUS), st.integers(0, 100_000), st.sampled_from(PARTNERS), st.booleans(),
    st.integers(0, 8 * 24).map(lambda hours: T0 + timedelta(hours=hours)),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(body=bodies, later=bodies, items=st.lists(lines, min_size=1, max_size=25), revenue=st.integers(0, 30_000))
def test_every_quote_equals_compute_commission_of_its_line(
    body: RuleSetBody, later: RuleSetBody, items: list[tuple[str, int, str, bool, datetime]], revenue: int
) -> None:
    book = RuleBook((RuleVersion(1, EPOCH, body, ""), RuleVersion(2, T0 + timedelta(days=4), later, "")))
    trailing = TrailingRevenue()
    pricer = Pricer(book, "USD", trailing)
    for sku, base, partner, new, ts in items:
        expected_trailing = trailing.before(partner, ts)
        version = book.at(ts)
        [got] = pricer.quote_lines(partner_id=partner, order_ts=ts, is_new_customer=new, lines=[(sku, base)])
        assert got == compute_commission(
            rules=version.body, version=version.version, currency="USD", sku=sku, base_cents=base,
            partner_id=partner, is_new_customer=new, trailing_revenue_cents=expected_trailing, order_ts=ts,
        )  # fmt: skip
        pricer.credit(partner_id=partner, order_ts=ts, total_cents=base + revenue)  # later lines reach tiers
