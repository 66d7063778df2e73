"""Attribution at ingest: click id, cross-device, ref code, coupon; eligibility; new vs returning; rule versions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import Attribution
from store.rules import RuleSetBody, VolumeTier, publish_rule_set
from tests.workflows.booking import T0, balance, book, click, commissions, day, load, order, partners
from workflows.portal.blocking import block_partner


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2", "p3")
    load(engine, tmp_path, "coupons", ["SAVE10,p3,true"])
    click(engine, tmp_path, "c-fresh", "p1", day(-2))
    click(engine, tmp_path, "c-old", "p1", day(-31))
    click(engine, tmp_path, "c-phone", "p2", day(-1), customer_ref="alice")
    return engine


def attribution(engine: Engine, order_id: str) -> Attribution | None:
    with transaction(engine) as session:
        return session.scalar(select(Attribution).where(Attribution.order_id == order_id))


def test_click_within_the_cookie_window_wins_and_records_time_to_conversion(program: Engine) -> None:
    book(program, order("o1", T0, click_id="c-fresh", ref="REF-p2", customer="bob"))
    found = attribution(program, "o1")
    assert found is not None
    assert (found.partner_id, found.method, found.click_id) == ("p1", "click", "c-fresh")
    assert found.seconds_to_conversion == 2 * 86400


def test_expired_click_falls_through_to_the_ref_code(program: Engine) -> None:
    book(program, order("o1", T0, click_id="c-old", ref="REF-p2", customer="bob"))
    found = attribution(program, "o1")
    assert found is not None and (found.partner_id, found.method, found.click_id) == ("p2", "ref", None)


def test_click_carrying_the_customer_matches_their_order_on_another_device(program: Engine) -> None:
    book(program, order("o1", T0, customer="alice", coupon="SAVE10"))
    found = attribution(program, "o1")
    assert found is not None and (found.partner_id, found.method, found.click_id) == ("p2", "cross_device", "c-phone")


def test_exclusive_coupon_credits_its_partner(program: Engine) -> None:
    book(program, order("o1", T0, customer="bob", coupon="SAVE10"))
    found = attribution(program, "o1")
    assert found is not None and (found.partner_id, found.method) == ("p3", "coupon")


def test_blocked_partner_gets_no_credit_and_the_order_falls_through(program: Engine) -> None:
    with transaction(program) as session:
        block_partner(session=session, partner_id="p1", actor="test", reason="fraud")
    book(program, order("o1", T0, click_id="c-fresh", customer="bob", coupon="SAVE10"))
    found = attribution(program, "o1")
    assert found is not None and (found.partner_id, found.method) == ("p3", "coupon")
    book(program, order("o2", T0, click_id="c-fresh", customer="bob"))
    assert attribution(program, "o2") is None
    assert balance(program, "p1").pending == 0


def test_returning_customer_is_known_from_an_earlier_order_or_the_platform_count(program: Engine) -> None:
    book(program, order("o1", day(-5), customer="carol"), order("o2", T0, customer="carol", ref="REF-p2"))
    book(program, order("o3", T0, customer="dave", ref="REF-p2", customer_order_count=3))
    book(program, order("o4", T0, customer="erin", ref="REF-p2"))
    news = {oid: attribution(program, oid) for oid in ("o2", "o3", "o4")}
    assert {oid: a.is_new_customer for oid, a in news.items() if a} == {"o2": False, "o3": False, "o4": True}


def test_each_order_is_priced_with_the_rule_version_in_force_at_its_time(program: Engine) -> None:
    body = RuleSetBody(percent=Decimal("10"), new_customer_percent=Decimal("20"), returning_customer_percent=Decimal(5))
    with transaction(program) as session:
        version = publish_rule_set(session=session, body=body, effective_from=day(10), note="new-customer push")
    book(
        program,
        order("before", day(5), customer="x", ref="REF-p2"),
        order("new", day(11), customer="y", ref="REF-p2"),
        order("returning", day(12), customer="x", ref="REF-p2"),
    )
    (before,) = commissions(program, "before")
    (new,) = commissions(program, "new")
    (returning,) = commissions(program, "returning")
    assert (before.rule_version, before.amount_cents) == (1, 450)
    assert (new.rule_version, new.amount_cents, new.explanation) == (version, 900, "20% of 45.00 (new customer) = 9.00")
    assert (returning.rule_version, returning.amount_cents) == (version, 225)


def test_volume_tier_uses_the_partners_trailing_30_day_attributed_revenue(program: Engine) -> None:
    body = RuleSetBody(volume_tiers=(VolumeTier(min_revenue_cents=10_000, percent=Decimal(15)),))
    with transaction(program) as session:
        publish_rule_set(session=session, body=body, effective_from=day(-100))
    book(program, order("a", day(0), customer="x", ref="REF-p2", lines=(("S", 1, 9000),)))
    book(program, order("b", day(1), customer="y", ref="REF-p2", lines=(("S", 1, 2000),)))  # trailing 90.00
    book(program, order("c", day(2), customer="z", ref="REF-p2", lines=(("S", 1, 2000),)))  # trailing 110.00
    book(program, order("d", day(40), customer="w", ref="REF-p2", lines=(("S", 1, 2000),)))  # window passed
    amounts = [commissions(program, oid)[0].amount_cents for oid in ("a", "b", "c", "d")]
    assert amounts == [900, 200, 300, 200]
