"""Authorization on every route: signed-out visitors go to the login page, a promoter sees only its own
partner (another partner's pages answer 404, reads and writes alike), each role reaches only its pages."""

from __future__ import annotations

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from afflow.settings import Settings
from afflow.wiring import portal_config
from store.db import transaction
from store.models import Proposal, RuleSet, utcnow
from tests.portal.conftest import sign_in
from tools.proposals import ProposalDraft, create_proposal
from workflows.portal import portal_router

PUBLIC = {"/portal/login", "/portal/signin", "/portal/portal.js"}


def _concrete(path: str) -> str:
    return (
        path.replace("{partner_id}", "p-alice")
        .replace("{proposal_id}", "1")
        .replace("{batch_id}", "1")
        .replace("{message_id}", "1")
    )


def test_every_portal_route_sends_signed_out_visitors_to_login(
    program: Engine, client: TestClient, portal_settings: Settings
) -> None:
    router = portal_router(engine=program, config=portal_config(portal_settings))
    routes = [r for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 20
    checked = 0
    for route in routes:
        if route.path in PUBLIC:
            continue
        for method in route.methods:
            response = client.request(
                method, _concrete(route.path), params={"start": "2026-01-01", "end": "2026-01-02", "year": "2026"}
            )
            assert response.status_code == 303, (method, route.path, response.status_code)
            assert response.headers["location"] == "/portal/login"
            checked += 1
    assert checked >= 18


def test_a_promoter_gets_404_for_another_partners_pages(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "alice@example.com")
    assert client.get("/portal/partners/p-alice").status_code == 200
    assert client.get("/portal/partners/p-bob").status_code == 404
    assert client.get("/portal/partners/p-nobody").status_code == 404
    assert (
        client.get(
            "/portal/partners/p-bob/statement.pdf", params={"start": "2026-01-01", "end": "2026-12-31"}
        ).status_code
        == 404
    )
    assert client.get("/portal/partners/p-bob/earnings.pdf", params={"year": 2026}).status_code == 404
    assert client.post("/portal/partners/p-bob/links", data={"sku": "SKU-1", "csrf_token": csrf}).status_code == 404
    assert client.post("/portal/partners/p-bob/withdrawals", data={"csrf_token": csrf}).status_code == 404
    assert (
        client.get(
            "/portal/partners/p-alice/statement.pdf", params={"start": "2026-01-01", "end": "2026-12-31"}
        ).status_code
        == 200
    )


def test_a_promoter_cannot_approve_or_reach_manager_and_finance_pages(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        proposal = create_proposal(
            session=session,
            draft=ProposalDraft(
                kind="clawback", summary="claw back 5.00", partner_id="p-bob", payload={"amount_cents": 500}
            ),
            agent="test",
            now=utcnow(),
        )
        proposal_id = proposal.id
    csrf = sign_in(client, booked, "alice@example.com")
    decided = client.post(
        f"/portal/manager/proposals/{proposal_id}/decide", data={"decision": "approve", "csrf_token": csrf}
    )
    assert decided.status_code == 403
    for path in ("/portal/manager/inbox", "/portal/manager/partners", "/portal/manager/rules", "/portal/finance"):
        assert client.get(path).status_code == 403, path
    assert client.post("/portal/finance/batches", data={"csrf_token": csrf}).status_code == 403
    with transaction(booked) as session:
        assert session.get(Proposal, proposal_id).status == "pending"  # type: ignore[union-attr]


def test_finance_cannot_change_rules(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    with transaction(booked) as session:
        versions_before = session.scalar(select(func.count()).select_from(RuleSet))
    assert client.get("/portal/manager/rules").status_code == 403
    published = client.post(
        "/portal/manager/rules/publish",
        data={"percent": "50", "flat": "0", "effective_from": "2099-01-01", "csrf_token": csrf},
    )
    assert published.status_code == 403
    imported = client.post("/portal/manager/rules/import", data={"yaml": "percent: '50'\n", "csrf_token": csrf})
    assert imported.status_code == 403
    with transaction(booked) as session:
        assert session.scalar(select(func.count()).select_from(RuleSet)) == versions_before
    assert client.get("/portal/finance").status_code == 200
    assert client.get("/portal/partners/p-bob").status_code == 200


def test_a_manager_cannot_create_payout_batches(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    assert client.get("/portal/finance").status_code == 403
    assert client.post("/portal/finance/batches", data={"csrf_token": csrf}).status_code == 403
    assert client.get("/portal/manager/rules").status_code == 200
