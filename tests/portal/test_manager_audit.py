"""The audit page: managers and finance read who did what (actor type and id, action, subject, time), filtered
by since and actor as ``afflow audit`` filters; a promoter is refused. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from store.audit import Actor, record
from store.db import transaction
from tests.portal.conftest import sign_in


def _rows(html: str) -> list[tuple[str, str, str, str]]:
    """(actor type, actor id, action, subject) per row of the audit table."""
    return re.findall(
        r'class="actor-kind">([^<]*)</td>\s*<td class="actor-id">([^<]*)</td><td class="action">([^<]*)</td>'
        r'<td class="subject">([^<]*)</td>',
        html,
    )


def _seed(engine: Engine) -> None:
    old = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with transaction(engine) as session:
        record(session=session, actor=Actor("cli", "ann"), action="rule_set_published", subject="rule_set:2",
               details={"note": "spring rates"}, now=old)  # fmt: skip
        record(session=session, actor=Actor("slack", "U123"), action="proposal_approved", subject="proposal:4",
               now=old + timedelta(days=30))  # fmt: skip
        record(session=session, actor=Actor("portal", "manager@brand.example"), action="proposal_edited",
               subject="proposal:5", details={"kind": "tier_bump",
                                              "fields": {"percent": {"proposed": "12", "approved": "11"}}},
               now=old + timedelta(days=60))  # fmt: skip


def test_managers_see_the_audit_log_newest_first_with_actor_type_and_id(client: TestClient, program: Engine) -> None:
    _seed(program)
    sign_in(client, program, "manager@brand.example")
    page = client.get("/portal/audit")
    assert page.status_code == 200
    seeded = [row for row in _rows(page.text) if row[3] in ("proposal:5", "proposal:4", "rule_set:2")]
    assert seeded == [
        ("portal", "manager@brand.example", "proposal edited", "proposal:5"),
        ("slack", "U123", "proposal approved", "proposal:4"),
        ("cli", "ann", "rule set published", "rule_set:2"),
    ]
    assert "percent 12 → 11" in page.text and "2026-01-05 09:00:00" in page.text
    assert 'href="/portal/audit"' in page.text  # the nav link


def test_the_audit_log_filters_by_since_and_by_actor_or_actor_kind(client: TestClient, program: Engine) -> None:
    _seed(program)
    sign_in(client, program, "manager@brand.example")
    since = _rows(client.get("/portal/audit?since=2026-02-01").text)
    assert [r[3] for r in since][-2:] == ["proposal:5", "proposal:4"] and "rule_set:2" not in {r[3] for r in since}
    assert [r[3] for r in _rows(client.get("/portal/audit?actor=slack").text)] == ["proposal:4"]
    assert [r[3] for r in _rows(client.get("/portal/audit?actor=slack:U123").text)] == ["proposal:4"]
    assert _rows(client.get("/portal/audit?actor=slack:U1").text) == []  # a whole actor, not a prefix
    assert [r[3] for r in _rows(client.get("/portal/audit?since=2026-02-01T00:00%2B00:00&actor=portal").text)] == [
        "proposal:5"
    ]
    bad = client.get("/portal/audit?since=last+tuesday")
    assert bad.status_code == 400 and "since" in bad.text and _rows(bad.text) == []
    far = client.get("/portal/audit?since=9999-12-31")
    assert far.status_code == 400


def test_finance_may_read_the_audit_log_and_a_promoter_may_not(client: TestClient, program: Engine) -> None:
    _seed(program)
    sign_in(client, program, "finance@brand.example")
    assert len(_rows(client.get("/portal/audit").text)) >= 3
    promoter = TestClient(client.app, follow_redirects=False)
    sign_in(promoter, program, "alice@example.com")
    refused = promoter.get("/portal/audit")
    assert refused.status_code == 403 and "proposal:5" not in refused.text
    signed_out = TestClient(client.app, follow_redirects=False).get("/portal/audit")
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/portal/login"
