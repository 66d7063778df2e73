"""Payout batches: locked commissions paid net of open clawbacks; refunds after payout claw back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from store.db import ensure_program, transaction
from store.ledger import unbalanced_transactions
from store.models import PayoutItem
from tests.workflows.booking import T0, balance, book, click, commissions, day, order, partners, refund
from tools.proposals import ProposalDraft, create_proposal, record_decision
from workflows.booking.lifecycle import reconcile
from workflows.booking.payout_readiness import HoldReason
from workflows.booking.payouts import HeldPartner, PayoutResult, UnknownBatch, create_payout_batch, export_batch_csv
from workflows.portal.blocking import block_partner


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    partners(engine, tmp_path, "p1", "p2")
    click(engine, tmp_path, "c1", "p1", day(-1))
    book(
        engine,
        order("o1", T0, click_id="c1", lines=(("A", 1, 4500), ("B", 1, 1000))),
        order("o2", T0, ref="REF-p2", customer="b"),
    )
    with transaction(engine) as session:
        reconcile(session=session, as_of=day(31))
    return engine


def pay(engine: Engine, as_of: float) -> PayoutResult:
    with transaction(engine) as session:
        return create_payout_batch(session=session, as_of=day(as_of))


def test_payout_pays_locked_commissions_and_marks_them_paid(program: Engine) -> None:
    result = pay(program, 32)
    assert result.batch_id is not None
    assert [(i.partner_id, i.gross_cents, i.clawback_cents, i.net_cents, i.commission_count) for i in result.items] == [
        ("p1", 550, 0, 550, 2),
        ("p2", 450, 0, 450, 1),
    ]
    assert result.total_cents == 1000
    assert (balance(program, "p1").locked, balance(program, "p1").paid) == (0, 550)
    assert {(c.state, c.payout_batch_id) for c in commissions(program, "o1")} == {("paid", result.batch_id)}
    again = pay(program, 33)
    assert (again.batch_id, again.reason) == (None, "nothing to pay: no locked commissions")


def test_refund_after_payout_books_a_clawback_netted_from_the_next_payout(program: Engine) -> None:
    pay(program, 32)
    book(program, refund("r1", "o1", day(33), 4500, sku="A"))  # 4.50 already paid: claw it back
    assert (balance(program, "p1").clawback, balance(program, "p1").paid) == (450, 550)
    book(program, order("o3", day(34), click_id="c1", customer="z", lines=(("A", 1, 3000),)))  # click now expired
    book(program, order("o4", day(34), ref="REF-p1", customer="z", lines=(("A", 1, 30000),)))
    with transaction(program) as session:
        reconcile(session=session, as_of=day(70))
    result = pay(program, 71)
    (item,) = [i for i in result.items if i.partner_id == "p1"]
    assert (item.gross_cents, item.clawback_cents, item.net_cents) == (3000, 450, 2550)
    assert balance(program, "p1").clawback == 0
    assert balance(program, "p1").paid == 550 + 2550
    with transaction(program) as session:
        assert unbalanced_transactions(session=session) == []


def test_clawback_larger_than_the_next_payout_stays_open(program: Engine) -> None:
    pay(program, 32)
    book(program, refund("r1", "o1", day(33), 5500))
    book(program, order("o3", day(34), ref="REF-p1", customer="z", lines=(("A", 1, 2000),)))
    with transaction(program) as session:
        reconcile(session=session, as_of=day(70))
    (item,) = [i for i in pay(program, 71).items if i.partner_id == "p1"]
    assert (item.gross_cents, item.clawback_cents, item.net_cents) == (200, 200, 0)
    assert balance(program, "p1").clawback == 550 - 200


def test_blocked_partners_and_payouts_below_the_minimum_wait(program: Engine) -> None:
    with transaction(program) as session:
        ensure_program(session).min_payout_cents = 500
        block_partner(session=session, partner_id="p1", actor="test", reason="review")
    result = pay(program, 32)
    assert (result.batch_id, result.reason) == (None, "nothing to pay: no partner is payable")
    assert balance(program, "p2").locked == 450


def test_export_lists_each_partner_with_money_as_decimal_strings(program: Engine) -> None:
    batch_id = pay(program, 32).batch_id
    assert batch_id is not None
    with transaction(program) as session:
        text = export_batch_csv(session=session, batch_id=batch_id)
        assert session.scalar(select(PayoutItem.net_cents).where(PayoutItem.partner_id == "p2")) == 450
    assert text.splitlines() == [
        "partner_id,name,email,gross,clawback,net,currency,commission_count",
        "p1,Partner p1,p1@example.com,5.50,0.00,5.50,USD,2",
        "p2,Partner p2,p2@example.com,4.50,0.00,4.50,USD,1",
    ]
    with pytest.raises(UnknownBatch), transaction(program) as session:
        export_batch_csv(session=session, batch_id=batch_id + 1)


def test_partner_with_a_pending_offboarding_proposal_is_held_until_decided(program: Engine) -> None:
    with transaction(program) as session:
        draft = ProposalDraft(kind="offboard_partner", summary="offboard p2", partner_id="p2")
        proposal_id = create_proposal(session=session, draft=draft, agent="test", now=day(31)).id
    held = pay(program, 32)
    assert [i.partner_id for i in held.items] == ["p1"]
    reason = HoldReason("under_review", f"under review: offboarding proposal {proposal_id} is pending")
    assert held.held == (HeldPartner("p2", 450, (reason,)),)
    assert balance(program, "p2").locked == 450  # not paid
    with transaction(program) as session:
        record_decision(session=session, proposal_id=proposal_id, approve=False, actor="m", reason="ok", now=day(33))
    after = pay(program, 34)
    assert ([i.partner_id for i in after.items], after.held) == (["p2"], ())
