"""The manager inbox: grouped by kind with human labels and money, filtered, decided by group (once, with
exclusions) and one proposal edited, previewed and approved with the edited values; SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import balances
from store.models import AuditLog, Proposal, RuleSet, utcnow
from tests.portal.conftest import sign_in
from tools import rule_changes
from tools.proposals import ProposalDraft, create_proposal


def _propose(engine: Engine, draft: ProposalDraft, *, age: timedelta = timedelta(0)) -> int:
    with transaction(engine) as session:
        return create_proposal(session=session, draft=draft, agent="tiering", now=utcnow() - age).id


def tier_bump(engine: Engine, partner_id: str, *, before: str = "10", after: str = "12", extra: str = "4.00",
              age: timedelta = timedelta(0)) -> int:  # fmt: skip
    return _propose(engine, ProposalDraft(
        kind="tier_bump", partner_id=partner_id,
        summary=f"Tier bump for {partner_id}: {before}% -> {after}% (growth, score 81)",
        payload={"percent": after, "previous_percent": before},
        evidence={"score": 81, "tier": "growth", "reasons": ["conversion rate twice the program's"]},
        expected_impact={"window_days": 30, "extra_commission_at_current_run_rate": extra},
    ), age=age)  # fmt: skip


def clawback(engine: Engine, partner_id: str, cents: int) -> int:
    return _propose(engine, ProposalDraft(
        kind="clawback", partner_id=partner_id, summary=f"Claw back from {partner_id}",
        payload={"amount_cents": cents, "order_ids": [], "signal": "click_injection"},
        evidence={"signal": "click_injection", "reason": "refund after payout"},
    ))  # fmt: skip


def application(engine: Engine, app_id: str) -> int:
    return _propose(engine, ProposalDraft(
        kind="approve_application", application_id=app_id,
        summary=f"approve application {app_id} (Hike Nora, youtube)",
        rationale="audience 9,000 = 1.2x the partner median, engagement 0.110000 = 2.2x the median",
        evidence={"application": {"name": "Hike Nora", "platform": "youtube", "niche": "hiking",
                                  "audience_size": 9000, "engagement_rate": "0.110000",
                                  "audience_vs_median": "1.20", "engagement_vs_median": "2.20"},
                  "brand_fit": {"score": 72, "low_value": False, "reasons": ["shares 2 brand-guide terms (hik, skill)"]}},
    ))  # fmt: skip


def _status(engine: Engine, proposal_id: int) -> str:
    with transaction(engine) as session:
        proposal = session.get(Proposal, proposal_id)
        assert proposal is not None
        return proposal.status


def _clawback_total(engine: Engine, partner_id: str) -> int:
    with transaction(engine) as session:
        return sum(b.clawback for b in balances(session=session, partner_id=partner_id))


def test_inbox_groups_by_kind_with_labels_counts_and_money_sorted_by_effect(client: TestClient, booked: Engine) -> None:
    alice = tier_bump(booked, "p-alice", extra="4.00")
    bob = tier_bump(booked, "p-bob", extra="1.50")
    clawback(booked, "p-bob", 300)
    application(booked, "A-7")
    sign_in(client, booked, "manager@brand.example")
    page = client.get("/portal/manager/inbox").text
    headings = re.findall(r'<section class="group" id="group-([a-z_]+)">\s*<h2>(.*?)</h2>', page, re.S)
    # the money is the effect preview's, not the agents' estimates (4.00 + 1.50): Alice's one recent order
    # (120.00) earned 12.00 at 10 %, +2 points cost 2.40; Bob sold nothing in the 30 days
    assert [kind for kind, _ in headings] == ["clawback", "tier_bump", "approve_application"]  # |3.00| > |2.40| > 0
    bumps = re.sub(r"<[^>]+>", "", headings[1][1])
    assert "Tier bumps" in bumps and "(2)" in bumps and "costs 2.40 USD" in bumps
    assert "keeps or recovers 3.00 USD" in headings[0][1]
    alice_card = page[page.index(f'id="proposal-{alice}"'):page.index(f'id="proposal-{bob}"')]
    assert 'class="effect">costs 2.40 USD<' in alice_card  # what its page's preview says (test below)
    assert "Raise the commission of Alice Reviews from 10% to 12%" in page
    assert "Engagement</th><td>11%" in page and "2.2× the median" in page and "Brand fit</th><td>72/100" in page
    for raw in ("tier_bump", "approve_application", "0.110000", "hik, skill", "previous_percent"):
        assert raw not in re.sub(r'(id|name|value|action|href|form)="[^"]*"', "", page), raw


def test_filters_narrow_the_inbox_by_kind_partner_network_and_severity(client: TestClient, booked: Engine) -> None:
    alice, bob = tier_bump(booked, "p-alice"), tier_bump(booked, "p-bob")
    claw = clawback(booked, "p-bob", 300)
    sign_in(client, booked, "manager@brand.example")

    def shown(query: str) -> set[int]:
        page = client.get(f"/portal/manager/inbox?{query}")
        assert page.status_code == 200
        return {int(i) for i in re.findall(r'<article class="proposal" id="proposal-(\d+)"', page.text)}

    assert shown("") == {alice, bob, claw}
    assert shown("kind=tier_bump") == {alice, bob}
    assert shown("partner=p-bob") == {bob, claw}
    assert shown("severity=high") == {claw}
    assert shown("network=direct") == {alice, bob, claw}
    assert shown("network=awin") == set()
    assert shown("kind=tier_bump&partner=p-bob") == {bob}
    assert shown("kind=nonsense") == {alice, bob, claw}  # an unknown kind filters nothing out


def test_group_approval_applies_the_members_shown_minus_exclusions_once(client: TestClient, booked: Engine) -> None:
    first, second, left_out = (clawback(booked, "p-bob", cents) for cents in (100, 200, 400))
    csrf = sign_in(client, booked, "manager@brand.example")
    page = client.get("/portal/manager/inbox?kind=clawback").text
    members = re.findall(r'name="member" value="(\d+)"', page)
    assert sorted(map(int, members)) == sorted([first, second, left_out])
    form = {"csrf_token": csrf, "decision": "approve", "member": members, "exclude": [str(left_out)]}
    later = clawback(booked, "p-bob", 800)  # proposed after the page was drawn: the group form never saw it
    done = client.post("/portal/manager/groups/clawback/decide", data=form)
    assert done.status_code == 303
    assert "Approved and applied: 2 proposals" in client.get(done.headers["location"]).text
    assert _clawback_total(booked, "p-bob") == 300
    again = client.post("/portal/manager/groups/clawback/decide", data=form)  # a double submit
    assert again.status_code == 303
    assert "already decided" in client.get(again.headers["location"]).text
    assert _clawback_total(booked, "p-bob") == 300
    assert [_status(booked, i) for i in (first, second, left_out, later)] == [
        "applied",
        "applied",
        "pending",
        "pending",
    ]
    with transaction(booked) as session:
        audited = session.scalars(select(AuditLog).where(AuditLog.action == "proposal_approved")).all()
    assert sorted(row.subject for row in audited) == sorted([f"proposal:{first}", f"proposal:{second}"])
    assert {row.actor for row in audited} == {"portal:manager@brand.example"}


def test_group_rejection_needs_a_reason_and_a_valid_csrf_token(client: TestClient, booked: Engine) -> None:
    proposal_id = tier_bump(booked, "p-alice")
    csrf = sign_in(client, booked, "manager@brand.example")
    form = {"decision": "reject", "member": [str(proposal_id)], "reason": "not now"}
    assert client.post("/portal/manager/groups/tier_bump/decide", data=form).status_code == 403
    assert (
        client.post("/portal/manager/groups/tier_bump/decide", data={**form, "csrf_token": "forged"}).status_code == 403
    )
    no_reason = client.post("/portal/manager/groups/tier_bump/decide", data={**form, "reason": "", "csrf_token": csrf})
    assert no_reason.status_code == 400 and "Say why" in no_reason.text
    assert _status(booked, proposal_id) == "pending"
    done = client.post("/portal/manager/groups/tier_bump/decide", data={**form, "csrf_token": csrf})
    assert done.status_code == 303 and _status(booked, proposal_id) == "rejected"


def test_a_group_form_naming_no_one_or_junk_decides_nothing(client: TestClient, booked: Engine) -> None:
    proposal_id = clawback(booked, "p-bob", 100)
    csrf = sign_in(client, booked, "manager@brand.example")
    every = {"csrf_token": csrf, "decision": "approve", "member": [str(proposal_id)], "exclude": [str(proposal_id)]}
    assert client.post("/portal/manager/groups/clawback/decide", data=every).status_code == 400
    junk = {"csrf_token": csrf, "decision": "approve", "member": ["1 OR 1=1"]}
    assert client.post("/portal/manager/groups/clawback/decide", data=junk).status_code == 400
    assert client.post("/portal/manager/groups/not_a_kind/decide", data=every).status_code == 404
    assert _status(booked, proposal_id) == "pending" and _clawback_total(booked, "p-bob") == 0


def test_edit_preview_then_approve_applies_the_edited_rate_once(client: TestClient, booked: Engine) -> None:
    proposal_id = tier_bump(booked, "p-alice", before="10", after="12", extra="4.00")
    csrf = sign_in(client, booked, "manager@brand.example")
    page = client.get(f"/portal/manager/proposals/{proposal_id}")
    assert page.status_code == 200 and 'name="set_percent"' in page.text and 'value="12"' in page.text
    preview = client.post(f"/portal/manager/proposals/{proposal_id}/preview",
                          data={"csrf_token": csrf, "set_percent": "11"})  # fmt: skip
    assert preview.status_code == 200, preview.text
    assert 'id="approve-edited"' in preview.text and 'name="set_percent" value="11"' in preview.text
    # re-priced over the last 30 days: Alice's one recent order (120.00) earned 12.00 at 10%; +2 points cost 2.40,
    # +1 point 1.20 (what the rules editor's preview says for the same rules)
    assert 'id="preview-proposed">costs 2.40 USD<' in preview.text
    assert 'id="preview-edited">costs 1.20 USD<' in preview.text

    assert _status(booked, proposal_id) == "pending"  # a preview decides nothing
    approved = client.post(f"/portal/manager/proposals/{proposal_id}/decide",
                           data={"csrf_token": csrf, "decision": "approve", "set_percent": "11"})  # fmt: skip
    assert approved.status_code == 303 and "done=approved_edited" in approved.headers["location"]
    twice = client.post(f"/portal/manager/proposals/{proposal_id}/decide",
                        data={"csrf_token": csrf, "decision": "approve", "set_percent": "11"})  # fmt: skip
    assert twice.status_code == 409
    with transaction(booked) as session:
        body = rule_changes.current_rules(session=session, now=utcnow())
        assert rule_changes.effective_percent(body=body, partner_id="p-alice") == Decimal(11)
        notes = [v.note for v in session.scalars(select(RuleSet)) if f"proposal {proposal_id}:" in v.note]
        proposal = session.get(Proposal, proposal_id)
        assert proposal is not None and proposal.approved_payload is not None
        edit = session.scalars(select(AuditLog).where(AuditLog.action == "proposal_edited")).one()
    assert len(notes) == 1
    assert Decimal(proposal.approved_payload["percent"]) == 11 and Decimal(proposal.payload["percent"]) == 12
    assert edit.actor == "portal:manager@brand.example" and edit.subject == f"proposal:{proposal_id}"
    inbox = client.get("/portal/manager/inbox").text
    assert re.search(r"Commission rate \(%\) 12 → 11", inbox)


def test_an_out_of_bounds_edit_is_refused_with_its_reason_and_changes_nothing(
    client: TestClient, booked: Engine
) -> None:
    proposal_id = tier_bump(booked, "p-alice")
    claw = clawback(booked, "p-bob", 300)
    csrf = sign_in(client, booked, "manager@brand.example")
    for url in (f"/portal/manager/proposals/{proposal_id}/preview", f"/portal/manager/proposals/{proposal_id}/decide"):
        refused = client.post(url, data={"csrf_token": csrf, "decision": "approve", "set_percent": "-3"})
        assert refused.status_code == 400 and 'id="refused"' in refused.text
        assert "greater than or equal to 0" in refused.text
    junk = client.post(f"/portal/manager/proposals/{claw}/preview", data={"csrf_token": csrf, "set_amount": "3.001"})
    assert junk.status_code == 400 and "more than 2 decimals" in junk.text
    with transaction(booked) as session:
        assert session.scalars(select(RuleSet).where(RuleSet.note.contains(f"proposal {proposal_id}"))).first() is None
        assert session.scalars(select(AuditLog).where(AuditLog.subject == f"proposal:{proposal_id}")).first() is None
    assert _status(booked, proposal_id) == "pending" and _status(booked, claw) == "pending"


def test_an_expired_proposal_is_shown_expired_and_cannot_be_edited_or_approved(
    client: TestClient, booked: Engine
) -> None:
    proposal_id = tier_bump(booked, "p-alice", age=timedelta(days=8))
    csrf = sign_in(client, booked, "manager@brand.example")
    page = client.get(f"/portal/manager/proposals/{proposal_id}").text
    assert 'id="edit-form"' not in page and 'id="status">expired' in page
    preview = client.post(f"/portal/manager/proposals/{proposal_id}/preview",
                          data={"csrf_token": csrf, "set_percent": "11"})  # fmt: skip
    assert preview.status_code == 409 and "expired" in preview.text
    approve = client.post(f"/portal/manager/proposals/{proposal_id}/decide",
                          data={"csrf_token": csrf, "decision": "approve", "set_percent": "11"})  # fmt: skip
    assert approve.status_code == 409 and "expired" in approve.text
    assert _status(booked, proposal_id) == "pending"
    with transaction(booked) as session:
        body = rule_changes.current_rules(session=session, now=utcnow())
        assert rule_changes.effective_percent(body=body, partner_id="p-alice") == Decimal(10)


def test_the_inbox_and_its_forms_are_for_managers_only(client: TestClient, booked: Engine) -> None:
    proposal_id = clawback(booked, "p-bob", 100)
    csrf = sign_in(client, booked, "finance@brand.example")
    assert client.get("/portal/manager/inbox").status_code == 403
    assert client.get(f"/portal/manager/proposals/{proposal_id}").status_code == 403
    form = {"csrf_token": csrf, "decision": "approve", "member": [str(proposal_id)]}
    assert client.post("/portal/manager/groups/clawback/decide", data=form).status_code == 403
    assert client.post(f"/portal/manager/proposals/{proposal_id}/preview", data=form).status_code == 403
    assert _status(booked, proposal_id) == "pending"


def test_two_group_submits_at_once_apply_each_member_once(client: TestClient, booked: Engine) -> None:
    ids = [clawback(booked, "p-bob", cents) for cents in (100, 200)]
    csrf = sign_in(client, booked, "manager@brand.example")
    form = {"csrf_token": csrf, "decision": "approve", "member": [str(i) for i in ids]}
    start = threading.Barrier(2)

    def submit() -> int:
        start.wait()
        return client.post("/portal/manager/groups/clawback/decide", data=form).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(lambda _: submit(), range(2)))
    assert statuses[0] == 303 and statuses[1] in (303, 409)  # the loser finds them decided, or loses the race
    assert _clawback_total(booked, "p-bob") == 300
    assert [_status(booked, i) for i in ids] == ["applied", "applied"]
    with transaction(booked) as session:
        approvals = session.scalars(select(AuditLog).where(AuditLog.action == "proposal_approved")).all()
    assert sorted(row.subject for row in approvals) == sorted(f"proposal:{i}" for i in ids)
