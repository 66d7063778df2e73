"""Booking, probabilistic matching and the rules preview price the same order alike (``workflows.booking.pricing``).

The volume tier of an order at ``T`` looks at the partner's attributed orders placed in ``[T - 30 days, T)``.
The history below sits on both sides of that window by every other time an order has: its click (before
the window), its lock date (30 days after the order), its booking time (today, long after ``T``). Any
other column, or an open/closed bound the other way round, moves the 45.00 order to another tier.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import ensure_program, transaction
from store.rules import RuleSetBody, VolumeTier, publish_rule_set
from tests.workflows.booking import T0, book, commissions, load, order, partners
from workflows.booking.order_signals import OrderSignalIn, record_order_signals
from workflows.matching.probabilistic import match_unattributed, set_matching
from workflows.portal.rules_preview import preview_rule_set

T = T0 + timedelta(days=60)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
# tier 1 from 100.00 (15%), tier 2 from 130.00 (20%); below them the default 10%
RULES = RuleSetBody(
    volume_tiers=(
        VolumeTier(min_revenue_cents=10_000, percent=Decimal(15)),
        VolumeTier(min_revenue_cents=13_000, percent=Decimal(20)),
    )
)


def _click(click_id: str, ts_offset: timedelta, partner_id: str, ip: str, agent: str, sku: str) -> str:
    return f"{click_id},{(T + ts_offset).isoformat()},{partner_id},{ip},{agent},,https://shop.example.com/,{sku},"


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    """p1's history: 30.00 one second before the window, 60.00 on its first instant, 50.00 inside it from a
    click before it; p1's iPhone click three hours before ``T``; 40 desktop clicks of p2 and p3 elsewhere."""
    partners(engine, tmp_path, "p1", "p2", "p3")
    with transaction(engine) as session:
        publish_rule_set(session=session, body=RULES, effective_from=T0 - timedelta(days=365), note="tiers")
        set_matching(session=session, enabled=True)
    clicks = [
        _click("c-early", -timedelta(days=30, hours=1), "p1", "192.0.2.5", DESKTOP, "SKU-9"),
        _click("c-phone", -timedelta(hours=3), "p1", "203.0.113.10", IPHONE, "SKU-1"),
        *(_click(f"bg{i}", -timedelta(hours=5 * i), f"p{2 + i % 2}", f"198.51.{i}.7", DESKTOP, f"S{i}") for i in range(40)),
    ]  # fmt: skip
    load(engine, tmp_path, "clicks", clicks)
    book(
        engine,
        order("h-before", T - timedelta(days=30, seconds=1), customer="a", ref="REF-p1", lines=(("SKU-9", 1, 3000),)),
        order("h-edge", T - timedelta(days=30), customer="b", ref="REF-p1", lines=(("SKU-9", 1, 6000),)),
        order("h-in", T - timedelta(days=29), customer="c", click_id="c-early", lines=(("SKU-9", 1, 5000),)),
    )
    return engine


def test_booking_matching_and_preview_price_the_same_order_alike(program: Engine) -> None:
    booked = order("booked", T, customer="x", ref="REF-p1", lines=(("SKU-1", 1, 4500),))
    unidentified = order("matched", T, customer="y", lines=(("SKU-1", 1, 4500),))
    book(program, booked, unidentified)
    with transaction(program) as session:
        salt = ensure_program(session).ip_salt
        record_order_signals(session=session, signals=[OrderSignalIn(order_id="matched", ip="203.0.113.77", user_agent=IPHONE)], salt=salt)  # fmt: skip
        assert match_unattributed(session=session, as_of=T + timedelta(hours=1)).matched == 1
    [by_booking], [by_matching] = commissions(program, "booked"), commissions(program, "matched")
    # trailing 60.00 + 50.00 = 110.00: tier 1, for both (neither counts the other, placed at the same instant)
    assert by_booking.amount_cents == by_matching.amount_cents == 675
    assert by_booking.partner_id == by_matching.partner_id == "p1"
    with transaction(program) as session:
        preview = preview_rule_set(session=session, body=RULES, days=30, as_of=T)
    # h-in (priced in its booking chunk from h-before + h-edge = 90.00: 10%) and both orders at T, re-priced alike
    assert (preview.lines, preview.current_cents, preview.proposed_cents) == (3, 500 + 675 + 675, 500 + 675 + 675)


def test_a_match_counts_towards_a_later_match_of_the_same_pass(program: Engine) -> None:
    first = order("first", T, customer="y", lines=(("SKU-1", 1, 9000),))
    later = order("later", T + timedelta(hours=1), customer="z", lines=(("SKU-1", 1, 4500),))
    book(program, first, later)
    with transaction(program) as session:
        salt = ensure_program(session).ip_salt
        signals = [OrderSignalIn(order_id=o.order_id, ip="203.0.113.77", user_agent=IPHONE) for o in (first, later)]
        record_order_signals(session=session, signals=signals, salt=salt)
        assert match_unattributed(session=session, as_of=T + timedelta(hours=2)).matched == 2
    # "first" is on tier 1 (110.00: 15% of 90.00); "later" looks at h-in 50.00 + first 90.00 = 140.00 (h-edge has
    # left its window): tier 2, as booking prices an order after another of its chunk
    assert [c.amount_cents for c in commissions(program, "first") + commissions(program, "later")] == [1350, 900]
