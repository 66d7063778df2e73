"""Payout readiness: batches pay only ready partners, hold the others with every reason, and carry their balance
over; high-severity findings hold until a human decides; batch status moves never touch the ledger."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from store.audit import Actor
from store.db import ensure_program, transaction
from store.ledger import unbalanced_transactions
from store.models import AuditLog, LedgerTransaction, PayoutAccount, PayoutBatch, TaxForm
from tests.workflows.booking import T0, balance, book, click, day, order, partners
from tools.fraud.thresholds import Finding
from workflows.booking.fraud_holds import FindingAlreadyDecided, decide_finding, record_findings
from workflows.booking.lifecycle import reconcile
from workflows.booking.payout_profiles import (
    ProfileChanges,
    ProfileError,
    set_payout_profile,
    set_tax_form_status,
    store_tax_form,
    verify_stripe_account,
)
from workflows.booking.payout_status import BatchStatusRefused, move_batch
from workflows.booking.payouts import PayoutResult, create_payout_batch, plan_payout
from workflows.portal.blocking import block_partner

MANAGER = Actor("cli", "ann")
PDF = b"%PDF-1.7\n% a tax form\n"


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    """p1 has 5.50 locked (two commissions), p2 4.50, p3 0.45."""
    partners(engine, tmp_path, "p1", "p2", "p3")
    click(engine, tmp_path, "c1", "p1", day(-1))
    book(
        engine,
        order("o1", T0, click_id="c1", lines=(("A", 1, 4500), ("B", 1, 1000))),
        order("o2", T0, ref="REF-p2", customer="b"),
        order("o3", T0, ref="REF-p3", customer="c", lines=(("A", 1, 450),)),
    )
    with transaction(engine) as session:
        reconcile(session=session, as_of=day(31))
    return engine


def pay(engine: Engine, as_of: float, token: str | None = None) -> PayoutResult:
    with transaction(engine) as session:
        return create_payout_batch(session=session, as_of=day(as_of), actor=MANAGER, confirm_token=token)


def reasons(result: PayoutResult) -> dict[str, list[str]]:
    return {h.partner_id: [r.code for r in h.reasons] for h in result.held}


def high(partner_id: str, signal: str = "click_injection") -> Finding:
    return Finding(partner_id=partner_id, signal=signal, severity="high", evidence={"fast_orders": 9}, summary="fast")


def test_below_minimum_and_missing_tax_form_are_held_with_their_reasons_and_paid_once_ready(
    program: Engine, tmp_path: Path
) -> None:
    with transaction(program) as session:
        program_row = ensure_program(session)
        program_row.min_payout_cents, program_row.require_tax_form = 100, True
        set_tax_form_status(session=session, partner_id="p1", status="verified", actor=MANAGER, now=day(31),
                            form_type="W-9")  # fmt: skip
    first = pay(program, 32)
    assert [i.partner_id for i in first.items] == ["p1"]
    assert reasons(first) == {"p2": ["no_tax_form"], "p3": ["no_tax_form", "below_minimum"]}
    (p3,) = [h for h in first.held if h.partner_id == "p3"]
    assert "below minimum: 0.45 is less than the minimum payout 1.00" in p3.reason
    assert (balance(program, "p2").locked, balance(program, "p2").paid) == (450, 0)  # carried over, still locked
    with transaction(program) as session:
        stored = session.get(PayoutBatch, first.batch_id)
        assert stored is not None and [h["partner_id"] for h in stored.held] == ["p2", "p3"]
        store_tax_form(session=session, directory=tmp_path / "forms", partner_id="p2", form_type="W-8BEN",
                       original_name="w8.pdf", data=PDF, actor=Actor("portal", "p2@example.com"), now=day(33))  # fmt: skip
    assert reasons(pay(program, 34)) == {"p2": ["no_tax_form"], "p3": ["no_tax_form", "below_minimum"]}  # submitted
    with transaction(program) as session:
        set_tax_form_status(session=session, partner_id="p2", status="verified", actor=MANAGER, now=day(35))
    later = pay(program, 36)
    assert [(i.partner_id, i.net_cents) for i in later.items] == [("p2", 450)]
    assert balance(program, "p2").paid == 450
    with transaction(program) as session:
        assert unbalanced_transactions(session=session) == []


def test_no_payout_method_holds_until_a_method_is_usable(program: Engine) -> None:
    with transaction(program) as session:
        ensure_program(session).require_payout_method = True
        set_payout_profile(session=session, partner_id="p1", changes=ProfileChanges(method="paypal"), actor=MANAGER,
                           now=day(31))  # fmt: skip
        session.add(PayoutAccount(partner_id="p2", stripe_account_id="acct_p2"))
    with transaction(program) as session:
        plan = plan_payout(session=session, as_of=day(32))
    messages = {h.partner_id: h.reason for h in plan.held}
    assert messages["p1"] == "no payout method: PayPal e-mail missing"
    assert messages["p2"] == "no payout method: Stripe account acct_p2 is not verified yet"
    assert plan.lines == ()
    with transaction(program) as session:
        set_payout_profile(session=session, partner_id="p1", changes=ProfileChanges(paypal_email="p1@pay.example"),
                           actor=MANAGER, now=day(32))  # fmt: skip
        verify_stripe_account(session=session, partner_id="p2", actor=MANAGER, now=day(32))
    assert [i.partner_id for i in pay(program, 33).items] == ["p1", "p2"]


def test_a_changed_stripe_account_is_no_longer_verified(program: Engine) -> None:
    with transaction(program) as session:
        ensure_program(session).require_payout_method = True
        session.add(PayoutAccount(partner_id="p2", stripe_account_id="acct_p2"))
        session.flush()
        verify_stripe_account(session=session, partner_id="p2", actor=MANAGER, now=day(31))
        session.get_one(PayoutAccount, "p2").stripe_account_id = "acct_other"
    with transaction(program) as session:
        plan = plan_payout(session=session, as_of=day(32))
    assert "p2" in {h.partner_id for h in plan.held}


def test_an_open_high_severity_finding_holds_until_a_human_clears_it(program: Engine) -> None:
    with transaction(program) as session:
        (row,) = record_findings(session=session, findings=[high("p2"), high("p1").model_copy(update={"severity": "medium"})],
                                 now=day(31), quiet_days=90)  # fmt: skip
        finding_id = row.id
    held = pay(program, 32)
    assert [i.partner_id for i in held.items] == ["p1", "p3"]
    assert reasons(held) == {"p2": ["fraud_finding"]}
    assert "open high-severity fraud finding" in held.held[0].reason
    with transaction(program) as session:
        decide_finding(session=session, finding_id=finding_id, decision="cleared", actor=MANAGER, reason="coupon site",
                       now=day(33))  # fmt: skip
        with pytest.raises(FindingAlreadyDecided):
            decide_finding(session=session, finding_id=finding_id, decision="confirmed", actor=MANAGER, reason="x",
                           now=day(33))  # fmt: skip
        assert record_findings(session=session, findings=[high("p2")], now=day(34), quiet_days=90) == []
        audit = session.scalars(select(AuditLog.action).where(AuditLog.subject == "partner:p2")).all()
    assert "fraud_finding_cleared" in audit
    assert [i.partner_id for i in pay(program, 35).items] == ["p2"]


def test_a_finding_seen_again_refreshes_its_open_row(program: Engine) -> None:
    with transaction(program) as session:
        (first,) = record_findings(session=session, findings=[high("p2")], now=day(31), quiet_days=90)
        (again,) = record_findings(session=session, findings=[high("p2")], now=day(32), quiet_days=90)
        assert (again.id, again.first_seen_at, again.last_seen_at) == (first.id, day(31), day(32))


def test_blocked_partner_is_listed_as_held(program: Engine) -> None:
    with transaction(program) as session:
        block_partner(session=session, partner_id="p3", actor=MANAGER, reason="review")
    assert reasons(pay(program, 32))["p3"] == ["blocked", "on_hold"]


def test_the_same_confirm_token_creates_one_batch(program: Engine) -> None:
    first = pay(program, 32, token="tok-1")
    again = pay(program, 32, token="tok-1")
    assert (again.batch_id, again.already_created, again.total_cents) == (first.batch_id, True, first.total_cents)
    with transaction(program) as session:
        assert session.scalar(select(func.count()).select_from(PayoutBatch)) == 1
        assert session.scalar(select(func.count()).where(AuditLog.action == "payout_batch_created_paid")) == 1


def test_status_moves_forward_one_step_audited_and_leaves_the_ledger_alone(program: Engine) -> None:
    batch_id = pay(program, 32).batch_id
    assert batch_id is not None
    with transaction(program) as session:
        ledger_rows = session.scalar(select(func.count()).select_from(LedgerTransaction))
        with pytest.raises(BatchStatusRefused, match="can only move to sent"):
            move_batch(session=session, batch_id=batch_id, to="paid", actor=MANAGER, now=day(33))
        move_batch(session=session, batch_id=batch_id, to="sent", actor=MANAGER, now=day(33), note="bank ref 42")
        with pytest.raises(BatchStatusRefused, match="already sent"):
            move_batch(session=session, batch_id=batch_id, to="sent", actor=MANAGER, now=day(33))
        move_batch(session=session, batch_id=batch_id, to="paid", actor=Actor("portal", "fin@x.example"), now=day(34))
    with transaction(program) as session:
        batch = session.get_one(PayoutBatch, batch_id)
        assert (batch.status, batch.created_by, batch.sent_by, batch.paid_by) == (
            "paid", "cli:ann", "cli:ann", "portal:fin@x.example"
        )
        assert (batch.sent_at, batch.paid_at) == (day(33), day(34))
        assert session.scalar(select(func.count()).select_from(LedgerTransaction)) == ledger_rows
        actions = session.scalars(select(AuditLog.action).where(AuditLog.subject == f"payout_batch:{batch_id}")).all()
    assert list(actions) == ["payout_batch_created_paid", "payout_batch_sent", "payout_batch_paid"]


def test_a_tax_form_upload_is_a_file_on_disk_checked_by_its_bytes(program: Engine, tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    with transaction(program) as session:
        with pytest.raises(ProfileError, match="not a PDF, PNG or JPEG"):
            store_tax_form(session=session, directory=forms, partner_id="p1", form_type="W-9", original_name="x.pdf",
                           data=b"<html>", actor=MANAGER, now=day(1))  # fmt: skip
        with pytest.raises(ProfileError, match="form_type"):
            store_tax_form(session=session, directory=forms, partner_id="p1", form_type="1040", original_name="x.pdf",
                           data=PDF, actor=MANAGER, now=day(1))  # fmt: skip
        assert session.scalar(select(func.count()).select_from(TaxForm)) == 0
        form = store_tax_form(session=session, directory=forms, partner_id="p1", form_type="W-9",
                              original_name="../../w9.pdf", data=PDF, actor=MANAGER, now=day(1))  # fmt: skip
        assert form.stored_name is not None
        assert (forms / form.stored_name).read_bytes() == PDF
        assert (form.original_name, form.content_type, form.status, form.size_bytes) == (
            "w9.pdf", "application/pdf", "submitted", len(PDF)
        )
        assert form.sha256 is not None and len(form.sha256) == 64


def test_profile_input_is_checked_and_nothing_is_written(program: Engine) -> None:
    with transaction(program) as session:
        for changes, field in (
            (ProfileChanges(method="cheque"), "method"),
            (ProfileChanges(country="USA"), "country"),
            (ProfileChanges(paypal_email="not-an-email"), "paypal_email"),
        ):
            with pytest.raises(ProfileError) as error:
                set_payout_profile(session=session, partner_id="p1", changes=changes, actor=MANAGER, now=day(1))
            assert error.value.field == field
    with transaction(program) as session:
        assert session.scalar(select(func.count()).where(AuditLog.action == "payout_profile_changed")) == 0


def test_preview_books_nothing(program: Engine) -> None:
    with transaction(program) as session:
        before = session.scalar(select(func.count()).select_from(LedgerTransaction))
        plan = plan_payout(session=session, as_of=day(32))
        assert (plan.total_cents, [line.partner_id for line in plan.lines]) == (1045, ["p1", "p2", "p3"])
        assert session.scalar(select(func.count()).select_from(LedgerTransaction)) == before
    assert balance(program, "p1").locked == 550
    assert plan.as_of - day(32) == timedelta(0)
