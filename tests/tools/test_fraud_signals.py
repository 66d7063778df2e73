"""Each fraud signal on a small program built through the importer: the behaviour is found, and the honest
behaviour that resembles it most is not (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from tests.tools.fraud_programs import END, START, Program, background, load
from tools.fraud import Finding, FraudThresholds, scan


def _scan(engine: Engine, tmp_path: Path, program: Program) -> dict[tuple[str, str], Finding]:
    load(engine, tmp_path, program)
    with transaction(engine) as session:
        report = scan(session=session, start=START, end=END, thresholds=FraudThresholds())
    return {(f.partner_id, f.signal): f for f in report.findings}


def _only(found: dict[tuple[str, str], Finding], *expected: tuple[str, str]) -> None:
    assert set(found) == set(expected), sorted(found)


def test_click_injection_is_clicks_fired_seconds_before_orders(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=1)
    program.partner("injector")
    for _ in range(30):  # an extension firing its click the moment the shopper is about to pay
        order_ts = program.moment()
        click = program.click("injector", order_ts - timedelta(seconds=program.rng.randint(3, 40)), referrer="-")
        program.order(order_ts, program.customer(returning=program.rng.random() < 0.4), click_id=click)
    program.partner("quick_buyers")  # an honest audience with a few buyers who knew what they wanted
    for index in range(40):
        click_ts = program.moment()
        seconds = 30 if index < 4 else program.rng.randint(1_800, 90_000)
        program.order(click_ts + timedelta(seconds=seconds), program.customer(returning=False),
                      click_id=program.click("quick_buyers", click_ts))  # fmt: skip
    found = _scan(engine, tmp_path, program)
    _only(found, ("injector", "click_injection"))
    injection = found[("injector", "click_injection")]
    assert injection.severity == "high" and injection.evidence["fast_orders"] == 30


def test_click_spamming_is_volume_whose_orders_only_come_weeks_later(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=2)
    program.partner("spammer")
    for _ in range(3_000):  # impressions counted as clicks across hundreds of apps
        program.click("spammer", program.moment(), referrer=f"https://app{program.rng.randint(1, 400)}.example/")
    for _ in range(14):  # the cookie catches purchases made weeks after the "click"
        click = program.click("spammer", START + timedelta(hours=2), referrer="https://app7.example/")
        program.order(END - timedelta(days=1), program.customer(returning=True), click_id=click)
    for _ in range(6):
        click = program.click("spammer", START + timedelta(days=2), referrer="https://app9.example/")
        program.order(START + timedelta(days=3), program.customer(returning=False), click_id=click)
    program.honest("big_honest", clicks=3_000, conversion=0.05)  # as many clicks, ordinary orders
    found = _scan(engine, tmp_path, program)
    _only(found, ("spammer", "click_spamming"))
    spam = found[("spammer", "click_spamming")]
    assert spam.severity == "high" and spam.evidence["slow_orders"] == 14 and spam.evidence["clicks"] == 3_020
    assert set(spam.evidence) >= {  # the fields afflow fraud scan --json has carried
        "baseline_median_clicks", "conversion_rate", "baseline_median_conversion", "timed_orders",
        "median_time_to_conversion_under_seconds", "sample_click_ids",
    }  # fmt: skip


def test_cookie_stuffing_is_the_same_devices_clicking_again_and_again(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=3)
    program.partner("stuffer")
    devices = [program.ip() for _ in range(250)]
    stuffed = [program.click("stuffer", program.moment(), ip=devices[index % 250], referrer="-")
               for index in range(1_200)]  # fmt: skip
    for click_id in program.rng.sample(stuffed, 20):
        program.order(END - timedelta(days=1), program.customer(returning=True), click_id=click_id)
    program.partner("office_nat")  # an honest audience partly behind one shared address
    office = program.ip()
    for index in range(300):
        click_ts = program.moment()
        click = program.click("office_nat", click_ts, ip=office if index % 5 == 0 else "")
        if index % 20 == 0:
            program.order(click_ts + timedelta(hours=5), program.customer(returning=False), click_id=click)
    found = _scan(engine, tmp_path, program)
    _only(found, ("stuffer", "cookie_stuffing"))
    stuffing = found[("stuffer", "cookie_stuffing")]
    assert stuffing.evidence["devices"] == 250 and float(stuffing.evidence["repeat_click_share"]["value"]) > 0.75
    assert stuffing.severity == "high" and "no_referrer_share" in stuffing.evidence


def test_coupon_leakage_is_code_orders_far_beyond_the_partners_own_traffic(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=4)
    program.honest("leaker", clicks=200, conversion=0.05, code_only=0.0, code="LEAK20")
    for day in (5, 6, 18):  # the code on a deal site: bursts of strangers
        for _ in range(15):
            ts = START + timedelta(days=day, seconds=program.rng.randint(0, 40_000))
            program.order(ts, program.customer(returning=False), code="LEAK20")
    # a podcaster whose listeners type the code more often than they click: normal for the channel
    program.honest("podcaster", clicks=400, conversion=0.06, code_only=0.45, code="POD15")
    found = _scan(engine, tmp_path, program)
    _only(found, ("leaker", "coupon_leakage"))
    leak = found[("leaker", "coupon_leakage")]
    assert leak.severity == "high" and leak.evidence["code_orders_without_owner_click"] == 45
    assert leak.evidence["peak_day_orders"] >= 15 and leak.evidence["new_customers"] == 45


def test_poaching_is_returning_customers_intercepted_on_a_brand_search(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=5)
    program.partner("brand_bidder")
    for index in range(50):  # ads on the brand's own name: shoppers who were coming back anyway
        click_ts = program.moment()
        click = program.click("brand_bidder", click_ts, referrer="https://www.google.com/")
        returning = index % 4 != 0
        program.order(click_ts + timedelta(hours=3), program.customer(returning=returning), click_id=click)
    program.partner("loyal_fans")  # a community that keeps buying, found through the creator's own page
    for index in range(50):
        click_ts = program.moment()
        click = program.click("loyal_fans", click_ts)
        program.order(click_ts + timedelta(hours=8), program.customer(returning=index % 3 != 0), click_id=click)
    found = _scan(engine, tmp_path, program)
    _only(found, ("brand_bidder", "customer_poaching"))
    poaching = found[("brand_bidder", "customer_poaching")]
    assert poaching.evidence["returning_orders"] == 37 and poaching.evidence["intercepted_share"]["orders"] == 37
    assert poaching.severity == "high"


def test_a_search_page_is_recognised_whatever_the_case_of_its_host(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=5)
    program.partner("brand_bidder")
    for index in range(50):
        click_ts = program.moment()
        click = program.click("brand_bidder", click_ts, referrer="https://WWW.Google.COM/search?q=Brand")
        program.order(click_ts + timedelta(hours=3), program.customer(returning=index % 4 != 0), click_id=click)
    found = _scan(engine, tmp_path, program)
    assert found[("brand_bidder", "customer_poaching")].evidence["intercepted_share"]["orders"] == 37


def test_an_overwhelming_returning_share_is_poaching_without_any_timing(engine: Engine, tmp_path: Path) -> None:
    program = background(seed=6)
    program.partner("cashback")
    for index in range(60):  # a cashback portal: existing customers, hours between click and order
        click_ts = program.moment()
        click = program.click("cashback", click_ts, referrer="https://cashback.example/shop")
        program.order(click_ts + timedelta(hours=6), program.customer(returning=index != 0), click_id=click)
    program.partner("deal_site")  # an honest deal site: clicks at checkout, ordinary customers
    for index in range(40):
        click_ts = program.moment()
        click = program.click("deal_site", click_ts, referrer="https://deals.example/")
        program.order(click_ts + timedelta(minutes=4), program.customer(returning=index % 3 == 0), click_id=click)
    found = _scan(engine, tmp_path, program)
    _only(found, ("cashback", "customer_poaching"))
    poaching = found[("cashback", "customer_poaching")]
    assert poaching.severity == "high" and poaching.evidence["returning_quick_orders"] == 0
