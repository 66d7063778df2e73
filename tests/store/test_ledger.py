"""The ledger's invariants: balanced, idempotent by ref, append-only, balances derived from entries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import DatabaseError

from store.db import transaction
from store.ledger import (
    EXPENSE,
    LedgerError,
    Posting,
    balances,
    book,
    partner_account,
    transfer,
    unbalanced_transactions,
)
from store.models import LedgerEntry, LedgerTransaction

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def accrue(ref: str, partner: str, amount: int) -> Posting:
    return transfer(
        ref=ref, kind="accrual", ts=T0, debit=EXPENSE, credit=partner_account(partner, "pending"), amount=amount
    )


def test_booking_the_same_ref_twice_books_once(engine: Engine) -> None:
    with transaction(engine) as session:
        assert book(session=session, postings=[accrue("a1", "p1", 500), accrue("a1", "p1", 500)]) == 1
    with transaction(engine) as session:
        assert book(session=session, postings=[accrue("a1", "p1", 500)]) == 0
        assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 2
        assert balances(session=session)[0].pending == 500


def test_unbalanced_posting_is_refused_and_writes_nothing(engine: Engine) -> None:
    bad = Posting(ref="bad", kind="accrual", ts=T0, legs=((EXPENSE, 100), (partner_account("p1", "pending"), -99)))
    with pytest.raises(LedgerError, match="sum to 1"), transaction(engine) as session:
        book(session=session, postings=[accrue("ok", "p1", 10), bad])
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(LedgerTransaction)) == 0


def test_balances_follow_the_lifecycle_accounts(engine: Engine) -> None:
    pending, locked = partner_account("p1", "pending"), partner_account("p1", "locked")
    paid, clawback = partner_account("p1", "paid"), partner_account("p1", "clawback")
    with transaction(engine) as session:
        book(
            session=session,
            postings=[
                accrue("a1", "p1", 1000),
                transfer(ref="l1", kind="lock", ts=T0, debit=pending, credit=locked, amount=600),
                transfer(ref="c1", kind="clawback", ts=T0, debit=clawback, credit=EXPENSE, amount=50),
                Posting(ref="pay1", kind="payout", ts=T0, legs=((locked, 600), (clawback, -50), (paid, -550))),
            ],
        )
        (balance,) = balances(session=session, partner_id="p1")
        assert (balance.pending, balance.locked, balance.paid, balance.clawback) == (400, 0, 550, 0)
        assert unbalanced_transactions(session=session) == []


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_database_refuses_to_change_ledger_rows(engine: Engine, statement: str) -> None:
    with transaction(engine) as session:
        book(session=session, postings=[accrue("a1", "p1", 100)])
    change = update(LedgerEntry).values(amount_cents=1) if statement == "update" else delete(LedgerEntry)
    with pytest.raises(DatabaseError, match="append-only"), transaction(engine) as session:
        session.execute(change)
    with transaction(engine) as session:
        assert balances(session=session)[0].pending == 100


def test_unknown_account_is_refused(engine: Engine) -> None:
    with pytest.raises(LedgerError, match="unknown ledger account"), transaction(engine) as session:
        book(
            session=session, postings=[transfer(ref="x", kind="accrual", ts=T0, debit=EXPENSE, credit="cash", amount=1)]
        )
