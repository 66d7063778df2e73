"""Finance: balances, payout batches from the portal, CSV export, Stripe Connect transfers exactly once."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from pydantic import SecretStr
from sqlalchemy import Engine, select

from afflow.settings import Settings
from store.db import transaction
from store.ledger import balances
from store.models import PayoutBatch, StripeTransfer, WithdrawalRequest
from tests.fakes.stripe_server import API_KEY, FakeStripe
from tests.portal.conftest import portal_test_settings, sign_in

ALICE_LOCKED = 2800  # 10% of 120.00 + 10% of 2 x 80.00, both past the 30-day return window
BOB_LOCKED = 800


@pytest.fixture
def portal_settings(stripe_server: FakeStripe, tmp_path: Path) -> Settings:
    return portal_test_settings(tmp_path, stripe_api_key=SecretStr(API_KEY), stripe_api_url=stripe_server.url)


def confirm_form(html: str) -> dict[str, str]:
    """The preview's confirm form fields, as the browser would post them."""
    form = html[html.index('action="/portal/finance/batches"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))


def confirm_batch(client: TestClient, csrf: str, as_of: str = "") -> Response:
    """Preview, then confirm, as finance does in the browser."""
    preview = client.post("/portal/finance/batches/preview", data={"csrf_token": csrf, "as_of": as_of})
    assert preview.status_code == 200, preview.text
    return client.post("/portal/finance/batches", data=confirm_form(preview.text))


def _balances(engine: Engine) -> dict[str, tuple[int, int, int]]:
    with transaction(engine) as session:
        return {b.partner_id: (b.pending, b.locked, b.paid) for b in balances(session=session)}


def test_promoter_withdrawal_is_settled_by_the_batch_finance_creates(app: object, booked: Engine) -> None:
    promoter = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    csrf = sign_in(promoter, booked, "alice@example.com")
    page = promoter.get("/portal/partners/p-alice")
    assert 'id="bal-locked">28.00<' in page.text and "Request withdrawal of 28.00" in page.text
    assert promoter.post("/portal/partners/p-alice/withdrawals", data={"csrf_token": csrf}).status_code == 303
    again = promoter.post("/portal/partners/p-alice/withdrawals", data={"csrf_token": csrf})
    assert again.status_code == 400 and "already open" in again.text

    finance = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    fcsrf = sign_in(finance, booked, "finance@brand.example")
    overview = finance.get("/portal/finance")
    assert "alice@example.com" in overview.text  # the open request is listed
    assert _balances(booked)["p-alice"] == (1200, ALICE_LOCKED, 0)
    created = confirm_batch(finance, fcsrf)
    assert created.status_code == 303
    assert _balances(booked)["p-alice"] == (1200, 0, ALICE_LOCKED)
    assert _balances(booked)["p-bob"] == (0, 0, BOB_LOCKED)
    with transaction(booked) as session:
        batch = session.scalars(select(PayoutBatch)).one()
        request = session.scalars(select(WithdrawalRequest)).one()
        assert (request.status, request.payout_batch_id, request.amount_cents) == ("paid", batch.id, ALICE_LOCKED)
        batch_id = batch.id
    exported = finance.get(f"/portal/finance/batches/{batch_id}.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = {row["partner_id"]: row for row in csv.DictReader(io.StringIO(exported.text))}
    assert (rows["p-alice"]["net"], rows["p-bob"]["net"], rows["p-alice"]["currency"]) == ("28.00", "8.00", "USD")
    nothing = finance.post("/portal/finance/batches/preview", data={"csrf_token": fcsrf, "as_of": ""})
    assert nothing.status_code == 200 and "Nobody is payable." in nothing.text and 'id="confirm-batch"' not in nothing.text


def test_sending_a_batch_transfers_once_per_partner_even_when_sent_twice(
    client: TestClient,
    booked: Engine,
    stripe_server: FakeStripe,
) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    for partner, account in (("p-alice", "acct_alice"), ("p-bob", "acct_bob")):
        saved = client.post(
            f"/portal/finance/partners/{partner}/payout-account", data={"account": account, "csrf_token": csrf}
        )
        assert saved.status_code == 303
    confirm_batch(client, csrf)
    with transaction(booked) as session:
        batch_id = session.scalars(select(PayoutBatch.id)).one()
    stripe_server.drop_after_create = 1  # Stripe makes Alice's transfer, but the answer never arrives
    sent = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert sent.status_code == 200, sent.text
    assert "2 transfers sent" in sent.text
    again = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert "0 transfers sent, 2 already sent" in again.text
    paid = sorted((t["destination"], t["amount"], t["currency"]) for t in stripe_server.transfers)
    assert paid == [("acct_alice", ALICE_LOCKED, "usd"), ("acct_bob", BOB_LOCKED, "usd")]
    keys = [headers["idempotency-key"] for _, _, headers in stripe_server.requests]
    assert keys.count(f"afflow-payout-{batch_id}-p-alice") == 2  # the retry reused the key and was replayed
    with transaction(booked) as session:
        assert session.get(PayoutBatch, batch_id).status == "sent"  # type: ignore[union-attr]
        transfers = {t.partner_id: t for t in session.scalars(select(StripeTransfer))}
    assert {t.status for t in transfers.values()} == {"sent"}
    assert transfers["p-alice"].transfer_id == stripe_server.transfers[0]["id"]


def test_a_partner_without_connected_account_is_reported_and_the_batch_stays_open(
    client: TestClient,
    booked: Engine,
    stripe_server: FakeStripe,
) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    client.post("/portal/finance/partners/p-alice/payout-account", data={"account": "acct_alice", "csrf_token": csrf})
    refused = client.post(
        "/portal/finance/partners/p-bob/payout-account", data={"account": "cus_123", "csrf_token": csrf}
    )
    assert refused.status_code == 400 and "not a Stripe connected account id" in refused.text
    confirm_batch(client, csrf)
    with transaction(booked) as session:
        batch_id = session.scalars(select(PayoutBatch.id)).one()
    sent = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert sent.status_code == 502
    assert "no connected account for p-bob" in sent.text
    assert [t["destination"] for t in stripe_server.transfers] == ["acct_alice"]
    with transaction(booked) as session:
        assert session.get(PayoutBatch, batch_id).status == "created"  # type: ignore[union-attr]


def test_a_refused_transfer_is_resent_with_a_fresh_key_once_corrected(
    client: TestClient, booked: Engine, stripe_server: FakeStripe
) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    client.post("/portal/finance/partners/p-alice/payout-account", data={"account": "acct_alice", "csrf_token": csrf})
    client.post("/portal/finance/partners/p-bob/payout-account", data={"account": "acct_typo", "csrf_token": csrf})
    confirm_batch(client, csrf)
    with transaction(booked) as session:
        batch_id = session.scalars(select(PayoutBatch.id)).one()
    first = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert first.status_code == 502 and "No such destination" in first.text
    client.post("/portal/finance/partners/p-bob/payout-account", data={"account": "acct_bob", "csrf_token": csrf})
    second = client.post(f"/portal/finance/batches/{batch_id}/send", data={"csrf_token": csrf})
    assert second.status_code == 200 and "1 transfers sent, 1 already sent" in second.text
    assert sorted(t["destination"] for t in stripe_server.transfers) == ["acct_alice", "acct_bob"]
    bob_keys = [
        h["idempotency-key"] for _, form, h in stripe_server.requests if form.get("metadata[afflow_partner]") == "p-bob"
    ]
    assert bob_keys == [f"afflow-payout-{batch_id}-p-bob", f"afflow-payout-{batch_id}-p-bob-retry2"]
