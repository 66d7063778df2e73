"""The API's writes: links for a ``links`` key, pending proposals for a ``propose`` key, both audited."""

from __future__ import annotations

from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from store.db import transaction
from store.models import AuditLog, RuleSet
from tests.api.conftest import MakeKey, bearer
from tools.proposals import list_proposals


def test_a_propose_key_creates_a_pending_proposal_that_changes_nothing(
    client: TestClient, seeded: Engine, make_key: MakeKey
) -> None:
    with transaction(seeded) as session:
        rules_before = session.scalars(select(RuleSet.version)).all()
    body = {"kind": "tier_bump", "partner_id": "p1", "percent": "12.5", "reason": "top seller this month"}
    response = client.post("/api/v1/proposals", json=body, headers=bearer(make_key("propose", name="assistant")))
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "pending" and created["kind"] == "tier_bump"
    with transaction(seeded) as session:
        [proposal] = list_proposals(session=session, status="pending")
        assert proposal.id == created["id"] and proposal.payload == {"percent": "12.5"}
        assert proposal.thread_id == f"proposal-{proposal.id}"
        assert session.scalars(select(RuleSet.version)).all() == rules_before  # nothing published
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "proposal_submitted")).one()
    assert audit.actor.endswith(":assistant") and audit.subject == f"proposal:{proposal.id}"
    shown = client.get(f"/api/v1/proposals/{proposal.id}", headers=bearer(make_key("read"))).json()
    assert shown["evidence"]["reason"] == "top seller this month" and shown["decided_by"] is None


def test_a_second_pending_proposal_of_the_same_subject_is_409(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("propose")
    body = {"kind": "offboard_partner", "partner_id": "p2", "reason": "brand safety"}
    assert client.post("/api/v1/proposals", json=body, headers=bearer(key)).status_code == 201
    again = client.post("/api/v1/proposals", json=body, headers=bearer(key))
    assert again.status_code == 409 and again.json()["error"]["code"] == "duplicate"


def test_a_proposal_that_could_not_be_applied_is_refused(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("propose")
    cases = [
        ({"kind": "tier_bump", "partner_id": "nobody", "percent": "10", "reason": "x"}, 404),
        ({"kind": "commission_change", "sku": "NOPE", "percent": "10", "reason": "x"}, 404),
        ({"kind": "tier_bump", "partner_id": "p1", "reason": "x"}, 422),
        ({"kind": "clawback", "partner_id": "p1", "amount": "1.001", "reason": "x"}, 422),
        ({"kind": "clawback", "partner_id": "p1", "amount": "-5", "reason": "x"}, 422),
        ({"kind": "flash_incentive", "sku": "S1", "reason": "x"}, 422),  # not a kind a client may propose
        ({"kind": "tier_bump", "partner_id": "p1", "percent": "101", "reason": "x"}, 422),
    ]
    for body, status in cases:
        response = client.post("/api/v1/proposals", json=body, headers=bearer(key))
        assert response.status_code == status, (body, response.text)
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_a_clawback_proposal_carries_exact_cents(client: TestClient, seeded: Engine, make_key: MakeKey) -> None:
    body = {"kind": "clawback", "partner_id": "p1", "amount": "3.10", "order_ids": ["o3"], "reason": "fraud"}
    assert client.post("/api/v1/proposals", json=body, headers=bearer(make_key("propose"))).status_code == 201
    with transaction(seeded) as session:
        [proposal] = list_proposals(session=session, status="pending")
    assert proposal.payload == {"amount_cents": 310, "order_ids": ["o3"]}


def test_a_links_key_creates_a_link_once_and_it_is_audited(
    client: TestClient, seeded: Engine, make_key: MakeKey
) -> None:
    key = make_key("links")
    first = client.post("/api/v1/links", json={"partner_id": "p1", "skus": ["S1"]}, headers=bearer(key))
    assert first.status_code == 201
    [link] = first.json()["links"]
    assert link["url"].startswith("https://go.example/r/") and link["sku"] == "S1"
    again = client.post("/api/v1/links", json={"partner_id": "p1", "skus": ["S1"]}, headers=bearer(key))
    assert again.json()["links"] == [link]
    unknown = client.post("/api/v1/links", json={"partner_id": "p1", "skus": ["NOPE"]}, headers=bearer(key))
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_sku"
    with transaction(seeded) as session:
        actions = session.scalars(select(AuditLog.action).where(AuditLog.actor.like("api-key:%"))).all()
    assert actions == ["links_created", "links_created"]
