"""A manager edits a tier bump in a real browser (headless Chromium against ``afflow serve``'s app), previews the
recomputed effect, approves with the edited rate; the rules in force carry that rate from one version, and the
audit page shows the edit and the approval with the portal account as actor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import AuditLog, Proposal, RuleSet, utcnow
from tests.portal.browser.conftest import shot, sign_in_with_token
from tools import rule_changes
from tools.proposals import ProposalDraft, create_proposal

pytestmark = pytest.mark.slow
MANAGER = "manager@brand.example"


def _tier_bump(store: Engine) -> int:
    with transaction(store) as session:
        body = rule_changes.current_rules(session=session, now=utcnow())
        assert rule_changes.effective_percent(body=body, partner_id="p-alice") == Decimal(10)
        return create_proposal(
            session=session,
            draft=ProposalDraft(
                kind="tier_bump",
                partner_id="p-alice",
                summary="Tier bump for Alice Reviews: 10% -> 12% (growth, score 83)",
                payload={"percent": "12", "previous_percent": "10"},
                evidence={"score": 83, "tier": "growth", "reasons": ["revenue up 40% on the previous window"]},
                expected_impact={"window_days": 30, "extra_commission_at_current_run_rate": "6.40"},
            ),
            agent="tiering",
            now=utcnow(),
        ).id


def test_manager_edits_a_tier_bump_previews_and_approves_the_edited_rate_once(
    browser: Browser, server: str, store: Engine
) -> None:
    proposal_id = _tier_bump(store)
    page = browser.new_context().new_page()
    sign_in_with_token(page, server, store, MANAGER)
    expect(page).to_have_url(f"{server}/portal/manager/inbox")
    group = page.locator("#group-tier_bump")
    expect(group.locator("h2")).to_contain_text("Tier bumps")
    # the effect preview's figure (Alice's 120.00 of orders in the 30 days, +2 points), not the agent's 6.40
    expect(group.locator("h2")).to_contain_text("costs 2.40 USD")
    expect(page.locator(f"#proposal-{proposal_id}")).to_contain_text("from 10% to 12%")
    expect(page.locator(f"#proposal-{proposal_id} td.effect")).to_have_text("costs 2.40 USD")
    shot(page, "manager-inbox-grouped")

    page.click(f"#edit-{proposal_id}")
    expect(page).to_have_url(f"{server}/portal/manager/proposals/{proposal_id}")
    page.fill("#set-percent", "-1")
    page.click("#preview")
    expect(page.get_by_role("alert")).to_contain_text("greater than or equal to 0")
    page.fill("#set-percent", "11")
    page.click("#preview")
    expect(page.locator("#preview-proposed")).to_have_text("costs 2.40 USD")  # 30 days re-priced: 12.00 at 10%
    expect(page.locator("#preview-edited")).to_have_text("costs 1.20 USD")
    expect(page.locator("#preview-result td.edited")).to_have_text("11")
    shot(page, "manager-edit-preview")
    with transaction(store) as session:
        waiting = session.get(Proposal, proposal_id)
        assert waiting is not None and waiting.status == "pending"  # neither the refusal nor the preview decided

    form = page.locator("#approve-edited-form")
    resubmit = {name: form.locator(f"input[name={name}]").get_attribute("value") or ""
                for name in ("csrf_token", "decision", "set_percent")}  # fmt: skip
    page.click("#approve-edited")
    expect(page).to_have_url(f"{server}/portal/manager/inbox?done=approved_edited")
    expect(page.get_by_role("status")).to_contain_text("Approved with your values")
    expect(page.locator(f"#proposal-{proposal_id}")).to_have_count(0)
    again = page.request.post(f"{server}/portal/manager/proposals/{proposal_id}/decide", form=resubmit,
                              max_redirects=0)  # the same form once more, as a double submit  # fmt: skip
    assert again.status == 409 and "not pending" in again.text()

    with transaction(store) as session:
        body = rule_changes.current_rules(session=session, now=utcnow())
        assert rule_changes.effective_percent(body=body, partner_id="p-alice") == Decimal(11)
        versions = [v for v in session.scalars(select(RuleSet)) if f"proposal {proposal_id}:" in v.note]
        assert len(versions) == 1
        audit = session.scalars(select(AuditLog).where(AuditLog.subject == f"proposal:{proposal_id}")).all()
        assert {(row.action, row.actor) for row in audit} == {
            ("proposal_edited", f"portal:{MANAGER}"),
            ("proposal_approved", f"portal:{MANAGER}"),
        }

    page.click("text=Audit log")
    expect(page).to_have_url(f"{server}/portal/audit")
    page.fill("input[name=actor]", "portal")
    page.click("#audit-filters button")
    edited = page.locator("#audit tr", has_text=f"proposal:{proposal_id}").filter(has_text="proposal edited")
    expect(edited).to_have_count(1)
    expect(edited.locator(".actor-kind")).to_have_text("portal")
    expect(edited.locator(".actor-id")).to_have_text(MANAGER)
    expect(edited.locator(".details")).to_contain_text("percent 12 → 11")
    shot(page, "manager-audit-log")
