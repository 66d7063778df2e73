"""Finance's "Send via Stripe" sends only to partners paid through Stripe, on SQLite and PostgreSQL: a partner
whose payout method is PayPal or a bank transfer is left for that method, named as such in the answer (not
reported as missing a connected account, never sent to Stripe even when an account is saved), and the batch
stays open until it is marked sent. A partner with no method chosen but a connected account is paid there."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, select

from afflow.settings import Settings
from store.audit import Actor
from store.db import transaction
from store.models import AuditLog, PayoutBatch, StripeTransfer
from tests.fakes.stripe_server import API_KEY, FakeStripe
from tests.portal.conftest import portal_test_settings, sign_in
from tests.portal.test_finance import ALICE_LOCKED, confirm_batch
from workflows.booking.payout_profiles import ProfileChanges, set_payout_profile


@pytest.fixture
def portal_settings(stripe_server: FakeStripe, tmp_path: Path) -> Settings:
    return portal_test_settings(tmp_path, stripe_api_key=SecretStr(API_KEY), stripe_api_url=stripe_server.url)


def choose(engine: Engine, partner_id: str, changes: ProfileChanges) -> None:
    """What ``afflow payouts profile set`` does."""
    with transaction(engine) as session:
        set_payout_profile(session=session, partner_id=partner_id, changes=changes, actor=Actor("cli", "finance"),
                           now=datetime.now(UTC))  # fmt: skip


def test_send_via_stripe_leaves_paypal_and_bank_partners_for_their_method(
    client: TestClient, booked: Engine, stripe_server: FakeStripe
) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    saved = client.post("/portal/finance/partners/p-alice/payout-account", data={"account": "acct_alice",
                                                                                 "csrf_token": csrf})  # fmt: skip
    assert saved.status_code == 303  # Alice chose no method: her connected account is how she is paid
    choose(booked, "p-bob", ProfileChanges(method="paypal", paypal_email="bob@example.com"))
    confirm_batch(client, csrf)
    with transaction(booked) as session:
        batch_id = session.scalars(select(PayoutBatch.id)).one()

    sent = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert sent.status_code == 200, sent.text
    assert "1 transfers sent, 0 already sent" in sent.text
    assert "not sent via Stripe, left for their own payout method: p-bob (PayPal)" in sent.text
    assert "no connected account" not in sent.text
    assert [(t["destination"], t["amount"]) for t in stripe_server.transfers] == [("acct_alice", ALICE_LOCKED)]

    # Bob moves to a bank transfer and a connected account is saved for him: still not Stripe's to pay
    choose(booked, "p-bob", ProfileChanges(method="bank_csv", bank_account_name="Bob B", bank_account_number="DE89"))
    client.post("/portal/finance/partners/p-bob/payout-account", data={"account": "acct_bob", "csrf_token": csrf})
    again = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert again.status_code == 200 and "0 transfers sent, 1 already sent" in again.text
    assert "left for their own payout method: p-bob (bank transfer)" in again.text
    assert [t["destination"] for t in stripe_server.transfers] == ["acct_alice"]
    with transaction(booked) as session:
        batch = session.get(PayoutBatch, batch_id)
        assert batch is not None and batch.status == "created"  # Bob is not paid yet: finance marks it sent
        assert [t.partner_id for t in session.scalars(select(StripeTransfer))] == ["p-alice"]
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "payout_batch_sent")).all()
    assert [entry.details["other_method"] for entry in audit] == [{"p-bob": "paypal"}, {"p-bob": "bank_csv"}]
