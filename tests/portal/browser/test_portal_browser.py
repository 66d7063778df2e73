"""Each role does its job in a real browser: headless Chromium (Debian's) against ``afflow serve``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import balances
from store.models import Proposal, utcnow
from tests.fakes.stripe_server import FakeStripe
from tests.portal.browser.conftest import emailed_link, shot, sign_in_with_token
from tools.proposals import ProposalDraft, create_proposal

pytestmark = pytest.mark.slow


def test_promoter_sees_its_numbers_makes_a_link_and_cannot_open_another_partner(
    browser: Browser, server: str, store: Engine
) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    sign_in_with_token(page, server, store, "alice@example.com")
    expect(page).to_have_url(f"{server}/portal/partners/p-alice")
    expect(page.locator("#bal-locked")).to_have_text("28.00")
    expect(page.locator("#m-clicks")).to_have_text("8")
    expect(page.locator("svg.trend")).to_be_visible()
    page.select_option("#link-sku", "SKU-1")
    page.click("#make-link")
    expect(page.locator("code.share-url")).to_have_count(1)
    share = page.locator("code.share-url").first.inner_text()
    assert re.fullmatch(rf"{re.escape(server)}/r/\w{{10}}", share)
    page.locator("button.copy").first.click()
    expect(page.locator("button.copy").first).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == share
    shot(page, "promoter-dashboard")
    other = page.goto(f"{server}/portal/partners/p-bob")
    assert other is not None and other.status == 404
    assert page.goto(f"{server}/portal/manager/inbox").status == 403  # type: ignore[union-attr]
    shot(page, "promoter-blocked-from-other-partner")
    context.close()


def test_manager_signs_in_by_emailed_link_approves_and_sees_the_ledger_change(
    browser: Browser, server: str, store: Engine
) -> None:
    with transaction(store) as session:
        proposal_id = create_proposal(
            session=session,
            draft=ProposalDraft(
                kind="clawback",
                summary="Claw back 3.00 from Bob Deals: refund after payout",
                partner_id="p-bob",
                payload={"amount_cents": 300},
            ),
            agent="browser-test",
            now=utcnow(),
        ).id
    page = browser.new_context().new_page()
    page.goto(f"{server}/portal/login")
    page.fill("input[name=email]", "manager@brand.example")
    page.click("text=Send link")
    expect(page.get_by_role("status")).to_contain_text("sign-in link is on its way")
    page.goto(emailed_link(store, "manager@brand.example"))
    page.click("#confirm-sign-in")
    expect(page).to_have_url(f"{server}/portal/manager/inbox")
    expect(page.locator(f"#proposal-{proposal_id}")).to_contain_text("Claw back 3.00")
    shot(page, "manager-inbox")
    page.goto(f"{server}/portal/partners/p-bob")
    expect(page.locator("#bal-clawback")).to_have_text("0.00")
    page.goto(f"{server}/portal/manager/inbox")
    page.click(f"#approve-{proposal_id}")
    expect(page.get_by_role("status")).to_contain_text("Approved")
    expect(page.locator(f"#proposal-{proposal_id}")).to_have_count(0)
    page.goto(f"{server}/portal/partners/p-bob")
    expect(page.locator("#bal-clawback")).to_have_text("3.00")
    shot(page, "manager-ledger-after-approval")
    with transaction(store) as session:
        assert next(b.clawback for b in balances(session=session, partner_id="p-bob")) == 300
        assert (
            session.scalar(select(Proposal.decided_by).where(Proposal.id == proposal_id))
            == "portal:manager@brand.example"
        )
    page.goto(f"{server}/portal/manager/rules")
    page.fill("textarea[name=sku_overrides]", "SKU-1 20%")
    page.click("#preview-rules")
    expect(page.locator("#preview-proposed")).to_have_text("24.00")
    shot(page, "manager-rules-preview")
    page.context.close()


def test_finance_creates_exports_and_sends_a_payout_batch(
    browser: Browser, server: str, store: Engine, stripe_fake: FakeStripe
) -> None:
    page = browser.new_context(accept_downloads=True).new_page()
    sign_in_with_token(page, server, store, "finance@brand.example")
    expect(page).to_have_url(f"{server}/portal/finance")
    for partner, account in (("p-alice", "acct_alice"), ("p-bob", "acct_bob")):
        row = page.locator(f"#owed-{partner}")
        row.locator("input[name=account]").fill(account)
        row.locator("text=Save").click()
        page.wait_for_load_state()
    page.click("#create-batch")  # a preview first: who would be paid, the totals, who is held; nothing paid yet
    expect(page.locator("#confirm-batch")).to_contain_text("pay 2 partner(s)")
    page.click("#confirm-batch")
    batch_row = page.locator("tr[id^=batch-]").first
    expect(batch_row.locator(".batch-status")).to_have_text("created")
    with page.expect_download() as download:
        batch_row.locator("text=CSV").click()
    exported = download.value.path().read_text()
    assert exported.splitlines()[0].startswith("partner_id,name,email,gross,clawback,net")
    batch_row.locator("button[id^=send-]").click()
    expect(page.get_by_role("status")).to_contain_text("transfers sent")
    expect(page.locator("tr[id^=batch-]").first.locator(".batch-status")).to_have_text("sent")
    shot(page, "finance-batch-sent")
    assert {t["destination"] for t in stripe_fake.transfers} == {"acct_alice", "acct_bob"}
    page.context.close()
