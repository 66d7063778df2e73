"""Manager: the approval inbox decides through workflows.approvals.decide.decide (exactly once, shared with Slack
and the CLI), partners with tier, score and fraud evidence, and reversible blocking of an account."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import balances
from store.models import AuditLog, Commission, Partner, Proposal, utcnow
from tests.portal.conftest import import_text, sign_in
from tools.outbox import queue_message
from tools.proposals import ProposalDraft, create_proposal
from workflows.approvals.decide import decide
from workflows.booking.lifecycle import reconcile


def _clawback_proposal(engine: Engine, partner_id: str, cents: int) -> int:
    with transaction(engine) as session:
        proposal = create_proposal(
            session=session,
            draft=ProposalDraft(
                kind="clawback",
                summary=f"Claw back {cents / 100:.2f} from {partner_id}",
                partner_id=partner_id,
                payload={"amount_cents": cents},
                evidence={"reason": "refund after payout"},
            ),
            agent="test",
            now=utcnow(),
        )
        return proposal.id


def _clawback(engine: Engine, partner_id: str) -> int:
    with transaction(engine) as session:
        return next(b.clawback for b in balances(session=session, partner_id=partner_id))


def test_approving_in_the_inbox_applies_the_proposal_once(client: TestClient, booked: Engine) -> None:
    proposal_id = _clawback_proposal(booked, "p-bob", 300)
    csrf = sign_in(client, booked, "manager@brand.example")
    inbox = client.get("/portal/manager/inbox")
    assert f'id="proposal-{proposal_id}"' in inbox.text and "refund after payout" in inbox.text
    assert _clawback(booked, "p-bob") == 0
    approved = client.post(
        f"/portal/manager/proposals/{proposal_id}/decide", data={"decision": "approve", "csrf_token": csrf}
    )
    assert approved.status_code == 303
    assert _clawback(booked, "p-bob") == 300
    twice = client.post(
        f"/portal/manager/proposals/{proposal_id}/decide",
        data={"decision": "reject", "reason": "oops", "csrf_token": csrf},
    )
    assert twice.status_code == 409 and "Not decided" in twice.text
    assert _clawback(booked, "p-bob") == 300
    with transaction(booked) as session:
        proposal = session.get(Proposal, proposal_id)
        assert proposal is not None
        assert proposal.status in ("approved", "applied") and proposal.decided_by == "portal:manager@brand.example"


def test_a_proposal_decided_elsewhere_shows_as_decided_and_cannot_be_decided_again(
    client: TestClient, booked: Engine
) -> None:
    proposal_id = _clawback_proposal(booked, "p-alice", 200)
    decide(engine=booked, proposal_id=proposal_id, approve=False, actor="slack:U123", reason="not convinced",
           public_url="http://testserver")
    csrf = sign_in(client, booked, "manager@brand.example")
    inbox = client.get("/portal/manager/inbox")
    assert f'id="proposal-{proposal_id}"' not in inbox.text
    assert "slack:U123" in inbox.text
    late = client.post(
        f"/portal/manager/proposals/{proposal_id}/decide", data={"decision": "approve", "csrf_token": csrf}
    )
    assert late.status_code == 409
    assert _clawback(booked, "p-alice") == 0


def test_rejecting_needs_a_reason(client: TestClient, booked: Engine) -> None:
    proposal_id = _clawback_proposal(booked, "p-alice", 200)
    csrf = sign_in(client, booked, "manager@brand.example")
    refused = client.post(
        f"/portal/manager/proposals/{proposal_id}/decide", data={"decision": "reject", "csrf_token": csrf}
    )
    assert refused.status_code == 400
    with transaction(booked) as session:
        assert session.get(Proposal, proposal_id).status == "pending"  # type: ignore[union-attr]


def test_partners_page_shows_tier_score_and_components(client: TestClient, booked: Engine) -> None:
    sign_in(client, booked, "manager@brand.example")
    page = client.get("/portal/manager/partners")
    assert page.status_code == 200
    row = re.search(r'<tr id="partner-p-alice">(.*?)</tr>', page.text, re.S)
    assert row and re.search(r'class="tier">(growth|maintain|purge)<', row.group(1))
    assert "weight" in row.group(1)
    detail = client.get("/portal/partners/p-alice").text
    assert 'id="score"' in detail and "Fraud evidence" in detail and 'id="block"' in detail


def test_blocking_stops_crediting_and_holds_commissions_until_unblocked(
    client: TestClient, booked: Engine, tmp_path: Path
) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    blocked = client.post(
        "/portal/manager/partners/p-alice/block", data={"reason": "click injection", "csrf_token": csrf}
    )
    assert blocked.status_code == 303
    page = client.get(blocked.headers["location"])
    assert "Account blocked" in page.text and 'id="unblock"' in page.text
    with transaction(booked) as session:
        partner = session.get(Partner, "p-alice")
        assert partner is not None and (partner.status, partner.commissions_held) == ("blocked", True)
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "partner_blocked")).one()
        assert audit.actor == "portal:manager@brand.example" and audit.details["reason"] == "click injection"

    later = datetime.now(UTC) - timedelta(hours=1)
    import_text(
        booked,
        tmp_path,
        "orders",
        "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
        f"o-9,{later.isoformat()},cust-9,,ALICE,,USD,SKU-1,1,120.00\n",
    )
    with transaction(booked) as session:
        assert session.scalars(select(Commission).where(Commission.order_id == "o-9")).first() is None
        reconcile(session=session, as_of=datetime.now(UTC) + timedelta(days=40))
        held = session.scalars(
            select(Commission).where(Commission.partner_id == "p-alice", Commission.state == "pending")
        ).all()
        assert len(held) == 1  # the recent order's commission did not lock while held

    unblocked = client.post("/portal/manager/partners/p-alice/unblock", data={"reason": "cleared", "csrf_token": csrf})
    assert unblocked.status_code == 303
    with transaction(booked) as session:
        partner = session.get(Partner, "p-alice")
        assert partner is not None and (partner.status, partner.commissions_held) == ("active", False)
        reconcile(session=session, as_of=datetime.now(UTC) + timedelta(days=40))
        states = {c.state for c in session.scalars(select(Commission).where(Commission.partner_id == "p-alice"))}
    assert states == {"locked"}


def test_a_blocked_promoter_cannot_request_a_withdrawal(client: TestClient, booked: Engine) -> None:
    manager = TestClient(client.app, follow_redirects=False)
    mcsrf = sign_in(manager, booked, "manager@brand.example")
    manager.post("/portal/manager/partners/p-alice/block", data={"reason": "review", "csrf_token": mcsrf})
    csrf = sign_in(client, booked, "alice@example.com")
    page = client.get("/portal/partners/p-alice")
    assert 'id="withdraw"' not in page.text
    refused = client.post("/portal/partners/p-alice/withdrawals", data={"csrf_token": csrf})
    assert refused.status_code == 400 and "on hold" in refused.text


def test_weekly_reports_are_listed_once_and_their_html_is_sandboxed(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        for channel, recipient in (("slack", "#affiliates"), ("email", "manager@brand.example")):
            queue_message(
                session=session,
                dedupe_key=f"summary:w1:{channel}",
                channel=channel,
                recipient=recipient,
                kind="summary",
                subject="Weekly affiliate report, 2026-11-22",
                body_text="Revenue up 12%.",
                body_html="<h1>Revenue up 12%</h1><script>alert(1)</script>",
            )
    sign_in(client, booked, "manager@brand.example")
    page = client.get("/portal/manager/reports")
    assert page.text.count("Weekly affiliate report, 2026-11-22") == 1
    link = re.search(r'href="(/portal/manager/reports/\d+)"', page.text)
    assert link
    html = client.get(link.group(1))
    assert html.headers["content-security-policy"] == "sandbox" and "Revenue up 12%" in html.text
