"""Self-referral: orders bought by the partner itself, matched by the identity keys the store holds (hashed like
them), by the network where the partner was seen, or by one IP buying for many accounts at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from store.identity import email_key
from tests.tools.fraud_programs import END, START, Program, background
from tests.tools.fraud_programs import load as load_program
from tests.tools.scenario import load
from tools.fraud import Finding, FraudThresholds, scan

AS_OF = datetime(2026, 3, 31, tzinfo=UTC)
PROGRAM = {
    "partners": [
        "p1,Alice,Alice@Example.com,blog,1000,0.05,ALICE,,direct",
        "p2,Bob,bob@example.com,youtube,1000,0.05,BOB,,direct",
    ],
    "products": ["SKU-A,Widget,50.00,20.00,100,100,home"],
    "clicks": [
        # Alice browses the shop logged in from her home network 10.1.2.0/24 (a click of Bob's link)
        "k0,2026-03-01T08:00:00Z,p2,10.1.2.7,Mozilla,https://youtube.example/v,,,alice@example.com",
        # clicks on Alice's links from her home network, and one from elsewhere
        "k1,2026-03-02T10:00:00Z,p1,10.1.2.8,Mozilla,https://blog.example/a,,,",
        "k2,2026-03-03T10:00:00Z,p1,10.1.2.9,Mozilla,https://blog.example/a,,,",
        "k3,2026-03-04T10:00:00Z,p1,10.1.2.10,Mozilla,https://blog.example/a,,,",
        "k4,2026-03-05T10:00:00Z,p1,10.7.7.7,Mozilla,https://blog.example/a,,,",
        # Bob's clicks come from the same network as Alice's, but Bob himself was never seen there
        "k5,2026-03-06T10:00:00Z,p2,10.1.2.11,Mozilla,https://youtube.example/v,,,",
        "k6,2026-03-07T10:00:00Z,p2,10.1.2.12,Mozilla,https://youtube.example/v,,,",
    ],
    "orders": [
        "o1,2026-03-02T11:00:00Z,c1,k1,,,USD,SKU-A,1,50.00",
        "o2,2026-03-03T11:00:00Z,c2,k2,,,USD,SKU-A,1,50.00",
        "o3,2026-03-04T11:00:00Z,ALICE@example.com,k3,,,USD,SKU-A,1,50.00",  # her own email, any case
        "o4,2026-03-05T11:00:00Z,c4,k4,,,USD,SKU-A,1,50.00",
        "o5,2026-03-06T11:00:00Z,c5,k5,,,USD,SKU-A,1,50.00",
        "o6,2026-03-07T11:00:00Z,c6,k6,,,USD,SKU-A,1,50.00",
    ],
}


def test_orders_from_the_partners_own_network_count_as_self_referral(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, **PROGRAM)
    with transaction(engine) as session:
        report = scan(session=session, start=datetime(2026, 3, 1, tzinfo=UTC), end=AS_OF, thresholds=FraudThresholds())
    findings = [f for f in report.findings if f.signal == "self_referral"]
    assert [f.partner_id for f in findings] == ["p1"]  # Bob shares the network, but was never seen on it
    evidence = findings[0].evidence
    assert (evidence["by_email_or_customer_id"], evidence["by_own_ip_prefix"], evidence["orders"]) == (1, 2, 4)
    assert evidence["sample_order_ids"] == ["o1", "o2", "o3"]  # not o4, from another network


def _self_referral(engine: Engine, tmp_path: Path, program: Program) -> dict[str, Finding]:
    load_program(engine, tmp_path, program)
    with transaction(engine) as session:
        report = scan(session=session, start=START, end=END, thresholds=FraudThresholds())
    return {f.partner_id: f for f in report.findings if f.signal == "self_referral"}


def test_guest_orders_under_the_partners_hashed_email_are_its_own(engine: Engine, tmp_path: Path) -> None:
    """Webhooks store a guest as email_key(e-mail), never the address: the partner's own key must match it."""
    program = background(seed=21)
    program.partner("maya", email="Maya.Cole@Example.com")
    for day in (3, 9, 15):
        click = program.click("maya", START + timedelta(days=day))
        program.order(START + timedelta(days=day, minutes=10), email_key(" maya.cole@example.com"), click_id=click)
    found = _self_referral(engine, tmp_path, program)
    assert list(found) == ["maya"]
    assert found["maya"].evidence["by_email_or_customer_id"] == 3


def test_a_platform_account_that_checked_out_with_the_partners_mailbox_is_the_partner(
    engine: Engine, tmp_path: Path
) -> None:
    """One checkout with ``me+deals@`` ties the shop's customer id to the partner; its other orders (no e-mail
    shown) and a click carrying that id from another device are the partner's too."""
    program = background(seed=22)
    program.partner("noah", email="noah.kim@example.com")
    first = program.click("noah", START + timedelta(days=2))
    program.order(START + timedelta(days=2, minutes=5), "7123456", click_id=first, email=" Noah.Kim+deals@Example.com")
    for day in (6, 11):
        click = program.click("noah", START + timedelta(days=day))
        program.order(START + timedelta(days=day, minutes=7), "7123456", click_id=click)
    phone = program.click("noah", START + timedelta(days=20), customer_ref="7123456")
    program.order(START + timedelta(days=20, hours=1), "guest:laptop", click_id=phone)
    program.honest("other", clicks=200)  # the same customer id never appears here
    found = _self_referral(engine, tmp_path, program)
    assert list(found) == ["noah"]
    assert found["noah"].evidence["by_email_or_customer_id"] == 4
    assert found["noah"].severity == "high"


def test_one_ip_buying_for_many_accounts_at_once_is_a_farm_and_a_shared_office_is_not(
    engine: Engine, tmp_path: Path
) -> None:
    program = background(seed=23)
    program.partner("farmer")
    farm = program.ip()
    for index in range(8):  # eight fresh accounts, one after the other, from one address
        ts = START + timedelta(days=10, minutes=25 * index)
        click = program.click("farmer", ts, ip=farm)
        program.order(ts + timedelta(minutes=4), program.customer(returning=False), click_id=click, ip=farm)
    program.partner("campus")
    office = program.ip()
    for day in range(2, 26, 4):  # six colleagues behind one address, each on their own day
        ts = START + timedelta(days=day)
        click = program.click("campus", ts, ip=office)
        program.order(ts + timedelta(hours=3), program.customer(returning=False), click_id=click, ip=office)
    found = _self_referral(engine, tmp_path, program)
    assert list(found) == ["farmer"]
    assert found["farmer"].evidence["by_account_farm"] == 8 and found["farmer"].severity == "high"
