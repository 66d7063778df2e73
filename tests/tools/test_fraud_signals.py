"""Each fraud behaviour of a small seeded program is found, and honest partners are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import transaction
from tests.tools.scenario import load
from tests.tools.synthetic import DAYS, END, build
from tools.analytics_sql import resolve_window
from tools.fraud import FraudReport, FraudThresholds, scan

EXPECTED = {
    "click_injector": "click_injection",
    "cookie_stuffer": "cookie_stuffing",
    "self_referrer": "self_referral",
    "coupon_leaker": "coupon_leakage",
    "poacher": "customer_poaching",
}


@pytest.fixture
def scanned(engine: Engine, tmp_path: Path) -> tuple[FraudReport, dict[str, str]]:
    program = build(seed=7, honest=30)
    load(engine, tmp_path / "h", partners=program.partners, products=program.products, orders=program.history)
    load(engine, tmp_path, clicks=program.clicks, orders=program.orders)
    with transaction(engine) as session:
        window = resolve_window(session=session, days=DAYS, as_of=END)
        return scan(session=session, start=window.start, end=window.end, thresholds=FraudThresholds()), program.truth


def test_every_fraud_behaviour_is_found_and_nothing_else(scanned: tuple[FraudReport, dict[str, str]]) -> None:
    report, truth = scanned
    found = {(f.partner_id, f.signal) for f in report.findings if f.signal in EXPECTED.values()}
    expected = {(pid, EXPECTED[kind]) for pid, kind in truth.items() if kind in EXPECTED}
    assert found == expected
