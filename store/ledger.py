"""The one place money changes: balanced, append-only, idempotent double-entry postings.

Invariants (enforced here and by database triggers, checked by tests):
- every transaction's legs sum to zero (debit positive, credit negative);
- a transaction ``ref`` books at most once, so replaying any event books nothing new;
- ledger rows are never updated or deleted; balances are always derived from entries.

Accounts per partner: ``pending``, ``locked`` and ``paid`` hold what the program owes or has paid the
partner (credit balances); ``clawback`` holds what the partner owes back (debit balance). The program's
``commission_expense`` account is the other side of accruals and reversals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from store.bulk import existing_keys, insert_tuples, rows_where_in
from store.models import LedgerAccount, LedgerEntry, LedgerTransaction, utcnow

EXPENSE = "program:commission_expense"
PARTNER_ACCOUNT_KINDS = ("pending", "locked", "paid", "clawback")


class LedgerError(ValueError):
    """A posting that would break a ledger invariant; nothing is written."""


@dataclass(frozen=True, slots=True)
class Posting:
    """One balanced transaction to book. ``legs`` are (account code, signed minor units)."""

    ref: str
    kind: str
    ts: datetime
    legs: tuple[tuple[str, int], ...]
    memo: str = ""


@dataclass(frozen=True, slots=True)
class PartnerBalance:
    partner_id: str
    pending: int
    locked: int
    paid: int
    clawback: int


def partner_account(partner_id: str, kind: str) -> str:
    if kind not in PARTNER_ACCOUNT_KINDS:
        raise LedgerError(f"unknown partner account kind {kind!r}")
    return f"partner:{partner_id}:{kind}"


def transfer(*, ref: str, kind: str, ts: datetime, debit: str, credit: str, amount: int, memo: str = "") -> Posting:
    """A two-legged posting moving ``amount`` from ``credit`` to ``debit``."""
    return Posting(ref=ref, kind=kind, ts=ts, legs=((debit, amount), (credit, -amount)), memo=memo)


def book(*, session: Session, postings: Sequence[Posting]) -> int:
    """Book the postings whose ref is new; return how many were booked.

    Raises ``LedgerError`` (and writes nothing) if any posting is unbalanced, empty or zero; the legs of all
    fresh postings together must also sum to zero. Set-based for chunks of thousands: one bulk insert per
    table (``store.bulk.insert_tuples``: COPY on PostgreSQL for large batches).
    """
    unique: dict[str, Posting] = {}
    for posting in postings:
        _check_balanced(posting)
        unique.setdefault(posting.ref, posting)
    existing = existing_keys(session, LedgerTransaction.ref, unique)
    fresh = [p for ref, p in unique.items() if ref not in existing]
    if not fresh:
        return 0
    if sum(amount for p in fresh for _, amount in p.legs) != 0:  # implied by each posting's; checked for the set
        raise LedgerError("the postings' legs do not sum to zero")
    account_ids = _ensure_accounts(session, {code for p in fresh for code, _ in p.legs})
    now = utcnow()
    insert_tuples(session, LedgerTransaction, ("ref", "kind", "ts", "memo", "created_at"),
                  [(p.ref, p.kind, p.ts, p.memo, now) for p in fresh])  # fmt: skip
    query = select(LedgerTransaction.ref, LedgerTransaction.id)
    ids = dict(rows_where_in(session, query, LedgerTransaction.ref, [p.ref for p in fresh]))
    insert_tuples(
        session,
        LedgerEntry,
        ("transaction_id", "account_id", "amount_cents"),
        [(ids[p.ref], account_ids[code], amount) for p in fresh for code, amount in p.legs],
    )
    return len(fresh)


def _check_balanced(posting: Posting) -> None:
    if len(posting.legs) < 2:
        raise LedgerError(f"{posting.ref}: a transaction needs at least two legs")
    if sum(amount for _, amount in posting.legs) != 0:
        raise LedgerError(f"{posting.ref}: legs sum to {sum(a for _, a in posting.legs)}, not zero")
    if all(amount == 0 for _, amount in posting.legs):
        raise LedgerError(f"{posting.ref}: a transaction must move money")


def _ensure_accounts(session: Session, codes: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(codes))
    ids = _account_ids(session, wanted)
    missing = [code for code in wanted if code not in ids]
    if missing:
        session.execute(insert(LedgerAccount), [_account_row(code) for code in missing])
        ids.update(_account_ids(session, missing))
    return ids


def _account_ids(session: Session, codes: list[str]) -> dict[str, int]:
    query = select(LedgerAccount.code, LedgerAccount.id)
    return {code: account_id for code, account_id in rows_where_in(session, query, LedgerAccount.code, codes)}


def _account_row(code: str) -> dict[str, str | None]:
    if code == EXPENSE:
        return {"code": code, "kind": "expense", "partner_id": None}
    prefix, partner_id, kind = code.split(":", 2) if code.count(":") >= 2 else ("", "", "")
    if prefix != "partner" or kind not in PARTNER_ACCOUNT_KINDS:
        raise LedgerError(f"unknown ledger account {code!r}")
    return {"code": code, "kind": kind, "partner_id": partner_id}


def balances(*, session: Session, partner_id: str | None = None) -> list[PartnerBalance]:
    """Per-partner balances derived from entries (pending/locked/paid owed to the partner, clawback owed by it)."""
    query = (
        select(LedgerAccount.partner_id, LedgerAccount.kind, func.coalesce(func.sum(LedgerEntry.amount_cents), 0))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.partner_id.is_not(None))
        .group_by(LedgerAccount.partner_id, LedgerAccount.kind)
    )
    if partner_id is not None:
        query = query.where(LedgerAccount.partner_id == partner_id)
    totals: dict[str, dict[str, int]] = {}
    for pid, kind, total in session.execute(query):
        if pid is not None:
            totals.setdefault(pid, {})[kind] = int(total)
    return [
        PartnerBalance(
            partner_id=pid,
            pending=-kinds.get("pending", 0),
            locked=-kinds.get("locked", 0),
            paid=-kinds.get("paid", 0),
            clawback=kinds.get("clawback", 0),
        )
        for pid, kinds in sorted(totals.items())
    ]


def unbalanced_transactions(*, session: Session) -> list[tuple[str, int]]:
    """Refs of transactions whose entries do not sum to zero; an empty list is the healthy answer."""
    query = (
        select(LedgerTransaction.ref, func.sum(LedgerEntry.amount_cents))
        .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
        .group_by(LedgerTransaction.ref)
        .having(func.sum(LedgerEntry.amount_cents) != 0)
    )
    return [(ref, int(total)) for ref, total in session.execute(query)]
