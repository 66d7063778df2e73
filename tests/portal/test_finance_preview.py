"""The portal's payout confirm step and payout readiness, through the app's test client on SQLite and PostgreSQL:
a preview with totals and held partners (reasons), creation only by its confirm form (CSRF, once per token),
batch status moves, the batch JSON, and the promoter's 'Getting paid' section with its tax form upload."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from afflow.settings import Settings
from store.audit import Actor
from store.db import ensure_program, transaction
from store.models import AuditLog, FraudFinding, PayoutBatch, TaxForm
from tests.portal.conftest import portal_test_settings, sign_in
from tests.portal.test_finance import confirm_form
from tools.fraud.thresholds import Finding
from tools.proposals import ProposalDraft, create_proposal
from workflows.booking.fraud_holds import record_findings
from workflows.booking.payout_profiles import set_tax_form_status
from workflows.booking.payouts import plan_payout

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def portal_settings(tmp_path: Path) -> Settings:
    return portal_test_settings(tmp_path, tax_forms_dir=str(tmp_path / "tax-forms"))


def batches(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(PayoutBatch)) or 0)


def test_preview_shows_totals_and_held_partners_and_creates_nothing(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        draft = ProposalDraft(kind="offboard_partner", summary="offboard bob", partner_id="p-bob")
        proposal_id = create_proposal(session=session, draft=draft, agent="test", now=datetime.now(UTC)).id
    csrf = sign_in(client, booked, "finance@brand.example")
    page = client.post("/portal/finance/batches/preview", data={"csrf_token": csrf, "as_of": ""})
    assert page.status_code == 200
    assert re.search(r'id="preview-total">28.00<', page.text) and re.search(r'id="preview-held-total">8.00<', page.text)
    assert 'id="pay-p-alice"' in page.text and 'id="held-p-bob"' in page.text
    assert f"under review: offboarding proposal {proposal_id} is pending" in page.text
    assert 'id="confirm-batch"' in page.text and batches(booked) == 0


def test_a_post_without_the_confirm_token_only_previews(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    answer = client.post("/portal/finance/batches", data={"csrf_token": csrf})
    assert answer.status_code == 200 and "Review the batch below, then confirm it." in answer.text
    assert batches(booked) == 0


def test_confirming_twice_creates_one_batch(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    form = confirm_form(client.post("/portal/finance/batches/preview", data={"csrf_token": csrf}).text)
    first = client.post("/portal/finance/batches", data=form)
    second = client.post("/portal/finance/batches", data=form)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert batches(booked) == 1
    without_csrf = client.post("/portal/finance/batches", data={k: v for k, v in form.items() if k != "csrf_token"})
    assert without_csrf.status_code == 403


def test_a_plan_that_changed_since_the_preview_is_shown_again(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "finance@brand.example")
    form = confirm_form(client.post("/portal/finance/batches/preview", data={"csrf_token": csrf}).text)
    with transaction(booked) as session:
        ensure_program(session).min_payout_cents = 1000  # Bob's 8.00 is now below the minimum
    changed = client.post("/portal/finance/batches", data=form)
    assert changed.status_code == 409 and "changed since the preview" in changed.text
    assert "below minimum: 8.00 is less than the minimum payout 10.00" in changed.text
    assert batches(booked) == 0


def test_batch_json_lists_held_partners_and_status_moves_to_paid(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        program = ensure_program(session)
        program.require_tax_form = True
        set_tax_form_status(session=session, partner_id="p-alice", status="verified", actor=Actor("cli", "ann"),
                            now=program.created_at, form_type="W-9")  # fmt: skip
    csrf = sign_in(client, booked, "finance@brand.example")
    form = confirm_form(client.post("/portal/finance/batches/preview", data={"csrf_token": csrf}).text)
    batch_id = int(client.post("/portal/finance/batches", data=form).headers["location"].rsplit("-", 1)[1])
    document = client.get(f"/portal/finance/batches/{batch_id}.json").json()
    assert (document["status"], document["created_by"], document["total"]) == ("created", "portal:finance@brand.example",
                                                                               "28.00")  # fmt: skip
    assert [(h["partner_id"], h["reasons"][0]["code"]) for h in document["held"]] == [("p-bob", "no_tax_form")]
    assert client.post(f"/portal/finance/batches/{batch_id}/mark-paid", data={"csrf_token": csrf}).status_code == 409
    assert client.post(f"/portal/finance/batches/{batch_id}/mark-sent", data={"csrf_token": csrf}).status_code == 303
    assert client.post(f"/portal/finance/batches/{batch_id}/mark-paid", data={"csrf_token": csrf}).status_code == 303
    after = client.get(f"/portal/finance/batches/{batch_id}.json").json()
    assert (after["status"], after["sent_by"], after["paid_by"]) == ("paid", "portal:finance@brand.example",
                                                                     "portal:finance@brand.example")  # fmt: skip
    overview = client.get("/portal/finance").text
    assert "p-bob: 8.00 · no tax form on file" in overview
    assert client.get("/portal/finance/batches/999.json").status_code == 404


def test_a_manager_can_neither_preview_nor_move_batches(client: TestClient, booked: Engine) -> None:
    csrf = sign_in(client, booked, "manager@brand.example")
    assert client.post("/portal/finance/batches/preview", data={"csrf_token": csrf}).status_code == 403
    assert client.post("/portal/finance/batches/1/mark-sent", data={"csrf_token": csrf}).status_code == 403


def test_promoter_sees_what_is_missing_and_uploads_a_tax_form(
    client: TestClient, booked: Engine, tmp_path: Path
) -> None:
    with transaction(booked) as session:
        ensure_program(session).require_tax_form = True
    csrf = sign_in(client, booked, "alice@example.com")
    page = client.get("/portal/partners/p-alice").text
    assert 'data-code="no_tax_form"' in page and "no tax form on file" in page
    refused = client.post("/portal/partners/p-alice/tax-forms", data={"csrf_token": csrf, "form_type": "W-9"},
                          files={"document": ("w9.html", b"<html>not a form</html>", "application/pdf")})  # fmt: skip
    assert refused.status_code == 400 and "not a PDF, PNG or JPEG file" in refused.text
    uploaded = client.post("/portal/partners/p-alice/tax-forms", data={"csrf_token": csrf, "form_type": "W-9"},
                           files={"document": ("w9.pdf", PDF, "application/pdf")})  # fmt: skip
    assert uploaded.status_code == 303
    with transaction(booked) as session:
        (form,) = session.scalars(select(TaxForm)).all()
        assert (form.partner_id, form.form_type, form.status, form.submitted_by) == (
            "p-alice", "W-9", "submitted", "portal:alice@example.com"
        )
        stored, form_id = form.stored_name, form.id
    assert stored is not None and (tmp_path / "tax-forms" / stored).read_bytes() == PDF
    page = client.get("/portal/partners/p-alice").text
    assert "tax form W-9 submitted" in page and "waiting for review" in page
    assert client.get(f"/portal/partners/p-alice/tax-forms/{form_id}").content == PDF
    other = TestClient(client.app, follow_redirects=False)
    sign_in(other, booked, "bob@example.com")
    assert other.get(f"/portal/partners/p-alice/tax-forms/{form_id}").status_code == 404
    assert other.get(f"/portal/partners/p-bob/tax-forms/{form_id}").status_code == 404


def test_a_promoter_under_review_sees_only_that_payouts_are_on_hold(client: TestClient, booked: Engine) -> None:
    with transaction(booked) as session:
        draft = ProposalDraft(kind="clawback", summary="claw back", partner_id="p-bob", payload={"amount_cents": 100})
        create_proposal(session=session, draft=draft, agent="test", now=datetime.now(UTC))
    sign_in(client, booked, "bob@example.com")
    page = client.get("/portal/partners/p-bob").text
    assert "Your payouts are on hold while the program reviews your account" in page
    assert "clawback proposal" not in page
    manager = TestClient(client.app, follow_redirects=False)
    sign_in(manager, booked, "manager@brand.example")
    assert "under review: clawback proposal" in manager.get("/portal/partners/p-bob").text


def test_two_concurrent_confirms_of_one_preview_create_one_batch(app: object, booked: Engine) -> None:
    finance = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    csrf = sign_in(finance, booked, "finance@brand.example")
    form = confirm_form(finance.post("/portal/finance/batches/preview", data={"csrf_token": csrf}).text)
    start = threading.Barrier(2)
    answers: list[int | str] = []

    def submit() -> None:
        start.wait()
        answer = finance.post("/portal/finance/batches", data=form)
        answers.append(answer.headers.get("location", answer.status_code))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 2 and answers[0] == answers[1] and str(answers[0]).startswith("/portal/finance#batch-")
    assert batches(booked) == 1
    with transaction(booked) as session:
        assert session.scalar(select(func.count()).where(AuditLog.action == "payout_batch_created_paid")) == 1


def test_a_manager_clears_a_fraud_finding_on_the_partner_page_and_payouts_resume(
    client: TestClient, booked: Engine
) -> None:
    finding = Finding(partner_id="p-bob", signal="cookie_stuffing", severity="high", evidence={}, summary="stuffed")
    with transaction(booked) as session:
        (row,) = record_findings(session=session, findings=[finding], now=datetime.now(UTC), quiet_days=90)
        finding_id = row.id
    promoter = TestClient(client.app, follow_redirects=False)
    pcsrf = sign_in(promoter, booked, "bob@example.com")
    assert "Your payouts are on hold" in promoter.get("/portal/partners/p-bob").text
    url = f"/portal/partners/p-bob/findings/{finding_id}"
    assert promoter.post(url, data={"csrf_token": pcsrf, "decision": "cleared", "reason": "x"}).status_code == 403
    csrf = sign_in(client, booked, "manager@brand.example")
    assert f'id="finding-{finding_id}"' in client.get("/portal/partners/p-bob").text
    assert client.post(url, data={"csrf_token": csrf, "decision": "cleared"}).status_code == 400  # no reason
    assert client.post(f"/portal/partners/p-alice/findings/{finding_id}",
                       data={"csrf_token": csrf, "decision": "cleared", "reason": "x"}).status_code == 404  # fmt: skip
    cleared = client.post(url, data={"csrf_token": csrf, "decision": "cleared", "reason": "traffic from a newsletter"})
    assert cleared.status_code == 303
    with transaction(booked) as session:
        decided = session.get_one(FraudFinding, finding_id)
        assert (decided.status, decided.decided_by) == ("cleared", "portal:manager@brand.example")
        assert plan_payout(session=session, as_of=datetime.now(UTC)).held == ()
    again = client.post(url, data={"csrf_token": csrf, "decision": "confirmed", "reason": "second thoughts"})
    assert again.status_code == 409 and "already cleared" in again.text
