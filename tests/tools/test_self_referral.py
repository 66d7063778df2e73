"""Self-referral by network: orders through clicks from the prefix where the partner itself was logged in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from store.db import transaction
from tests.tools.scenario import load
from tools.fraud import FraudThresholds, scan

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
