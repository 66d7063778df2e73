"""Per-partner statements and yearly earnings, as data and as PDF (fpdf2, pure Python).

Every figure comes from the ledger (entries on the partner's accounts, by transaction time) or from the
commission sub-ledger for the line detail, so a statement always agrees with ``afflow ledger balance``.
Periods are half-open ``[start, end)`` in UTC. Never writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from fpdf import FPDF
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.db import ensure_program
from store.models import Commission, LedgerAccount, LedgerEntry, LedgerTransaction, Partner, PayoutProfile, TaxForm
from store.money import format_money

MAX_LINES = 500


@dataclass(frozen=True, slots=True)
class StatementLine:
    order_id: str
    order_ts: datetime
    base_cents: int
    amount_cents: int
    reversed_cents: int
    state: str


@dataclass(frozen=True)
class Statement:
    partner_id: str
    partner_name: str
    program_name: str
    currency: str
    start: datetime
    end: datetime
    lines: list[StatementLine]
    earned_cents: int
    reversed_cents: int
    paid_cents: int
    clawback_cents: int
    closing: dict[str, int]
    lines_truncated: bool = False


@dataclass(frozen=True)
class YearlyEarnings:
    partner_id: str
    partner_name: str
    program_name: str
    currency: str
    year: int
    months: list[tuple[int, int, int]] = field(default_factory=list)  # (month, earned, paid)
    tax_lines: list[str] = field(default_factory=list)  # country and tax form on file, for the partner's records

    @property
    def earned_cents(self) -> int:
        return sum(earned for _, earned, _ in self.months)

    @property
    def paid_cents(self) -> int:
        return sum(paid for _, _, paid in self.months)


def _partner(session: Session, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise LookupError(f"unknown partner {partner_id!r}")
    return partner


def _movements(session: Session, partner_id: str, start: datetime, end: datetime) -> dict[tuple[str, str], int]:
    """Sum of entries by (transaction kind, account kind) on the partner's accounts in ``[start, end)``."""
    rows = session.execute(
        select(LedgerTransaction.kind, LedgerAccount.kind, func.sum(LedgerEntry.amount_cents))
        .join(LedgerEntry, LedgerEntry.transaction_id == LedgerTransaction.id)
        .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
        .where(LedgerAccount.partner_id == partner_id, LedgerTransaction.ts >= start, LedgerTransaction.ts < end)
        .group_by(LedgerTransaction.kind, LedgerAccount.kind)
    )
    return {(txn_kind, account_kind): int(total or 0) for txn_kind, account_kind, total in rows}


def _accrued(moves: dict[tuple[str, str], int]) -> int:
    """Accruals credit the partner's pending account."""
    return -moves.get(("accrual", "pending"), 0)


def _reversed(moves: dict[tuple[str, str], int]) -> int:
    """Refunds debit pending/locked (a refund posting that also claws back a paid part has kind ``clawback``)."""
    return sum(
        amount
        for (txn, account), amount in moves.items()
        if txn in ("reversal", "clawback") and account in ("pending", "locked")
    )


def _closing(session: Session, partner_id: str, end: datetime) -> dict[str, int]:
    rows = session.execute(
        select(LedgerAccount.kind, func.sum(LedgerEntry.amount_cents))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .join(LedgerTransaction, LedgerTransaction.id == LedgerEntry.transaction_id)
        .where(LedgerAccount.partner_id == partner_id, LedgerTransaction.ts < end)
        .group_by(LedgerAccount.kind)
    )
    signed = {kind: int(total or 0) for kind, total in rows}
    # pending/locked/paid are credit balances (owed to the partner); clawback is a debit balance (owed by it)
    return {
        kind: (signed.get(kind, 0) if kind == "clawback" else -signed.get(kind, 0))
        for kind in ("pending", "locked", "paid", "clawback")
    }


def partner_statement(*, session: Session, partner_id: str, start: datetime, end: datetime) -> Statement:
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        raise ValueError("a statement period needs aware datetimes with start < end")
    partner = _partner(session, partner_id)
    program = ensure_program(session)
    rows = session.scalars(
        select(Commission)
        .where(Commission.partner_id == partner_id, Commission.order_ts >= start, Commission.order_ts < end)
        .order_by(Commission.order_ts, Commission.id)
        .limit(MAX_LINES + 1)
    ).all()
    lines = [
        StatementLine(c.order_id, c.order_ts, c.base_cents, c.amount_cents, c.reversed_cents, c.state)
        for c in rows[:MAX_LINES]
    ]
    moves = _movements(session, partner_id, start, end)
    return Statement(
        partner_id=partner_id,
        partner_name=partner.name,
        program_name=program.name,
        currency=program.currency,
        start=start,
        end=end,
        lines=lines,
        earned_cents=_accrued(moves),
        reversed_cents=_reversed(moves),
        paid_cents=-moves.get(("payout", "paid"), 0),
        clawback_cents=moves.get(("clawback", "clawback"), 0),
        closing=_closing(session, partner_id, end),
        lines_truncated=len(rows) > MAX_LINES,
    )


def yearly_earnings(*, session: Session, partner_id: str, year: int) -> YearlyEarnings:
    partner = _partner(session, partner_id)
    program = ensure_program(session)
    months: list[tuple[int, int, int]] = []
    for month in range(1, 13):
        start = datetime(year, month, 1, tzinfo=UTC)
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
        moves = _movements(session, partner_id, start, end)
        earned = _accrued(moves) - _reversed(moves) - moves.get(("clawback", "clawback"), 0)
        months.append((month, earned, -moves.get(("payout", "paid"), 0)))
    return YearlyEarnings(
        partner_id, partner.name, program.name, program.currency, year, months, _tax_lines(session, partner_id)
    )


def _tax_lines(session: Session, partner_id: str) -> list[str]:
    profile = session.get(PayoutProfile, partner_id)
    form = session.scalar(select(TaxForm).where(TaxForm.partner_id == partner_id).order_by(TaxForm.id.desc()).limit(1))
    lines = [f"Country: {profile.country}"] if profile is not None and profile.country else []
    lines.append(f"Tax form on file: {form.form_type} ({form.status})" if form is not None else "Tax form on file: none")
    return lines


def paid_by_partner(*, session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Money paid out to each partner in ``[start, end)``: payout postings' credits to its ``paid`` account (the
    ``Paid out`` column of ``yearly_earnings``, for every partner in one GROUP BY)."""
    rows = session.execute(
        select(LedgerAccount.partner_id, func.sum(LedgerEntry.amount_cents))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .join(LedgerTransaction, LedgerTransaction.id == LedgerEntry.transaction_id)
        .where(
            LedgerAccount.kind == "paid",
            LedgerTransaction.kind == "payout",
            LedgerTransaction.ts >= start,
            LedgerTransaction.ts < end,
        )
        .group_by(LedgerAccount.partner_id)
    )
    return {str(partner_id): -int(total or 0) for partner_id, total in rows if partner_id is not None}


def _latin1(text: str) -> str:
    """The PDF core fonts are Latin-1: anything else prints as '?' rather than failing the download."""
    return text.encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def row(self, cells: list[tuple[str, float, str]], *, bold: bool = False) -> None:
        self.set_font("Helvetica", "B" if bold else "", 9)
        for text, width, align in cells:
            self.cell(width, 6, _latin1(text), border="B", align=align)
        self.ln()


def _header(pdf: _Pdf, title: str, lines: list[str]) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in lines:
        pdf.cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def statement_pdf(statement: Statement) -> bytes:
    cur = statement.currency
    pdf = _Pdf()
    pdf.set_title(f"Statement {statement.partner_id}")
    _header(
        pdf,
        f"{statement.program_name}: partner statement",
        [
            f"Partner: {statement.partner_name} ({statement.partner_id})",
            f"Period: {statement.start.date().isoformat()} to {statement.end.date().isoformat()} (end exclusive, UTC)",
            f"Currency: {cur}",
        ],
    )
    summary = [
        ("Commissions earned", statement.earned_cents),
        ("Reversed by refunds", statement.reversed_cents),
        ("Paid out", statement.paid_cents),
        ("Clawbacks booked", statement.clawback_cents),
    ] + [(f"Closing {kind}", amount) for kind, amount in statement.closing.items()]
    for label, amount in summary:
        pdf.row([(label, 80, "L"), (format_money(amount, cur), 40, "R")])
    pdf.ln(4)
    pdf.row(
        [
            ("Order", 50, "L"),
            ("Date", 30, "L"),
            ("Base", 30, "R"),
            ("Commission", 30, "R"),
            ("Reversed", 25, "R"),
            ("State", 25, "L"),
        ],
        bold=True,
    )
    for line in statement.lines:
        pdf.row(
            [
                (line.order_id, 50, "L"),
                (line.order_ts.date().isoformat(), 30, "L"),
                (format_money(line.base_cents, cur), 30, "R"),
                (format_money(line.amount_cents, cur), 30, "R"),
                (format_money(line.reversed_cents, cur), 25, "R"),
                (line.state, 25, "L"),
            ]
        )
    if statement.lines_truncated:
        pdf.row([(f"... first {MAX_LINES} order lines shown; totals above cover the whole period", 190, "L")])
    return bytes(pdf.output())


def yearly_pdf(earnings: YearlyEarnings) -> bytes:
    cur = earnings.currency
    pdf = _Pdf()
    pdf.set_title(f"Earnings {earnings.year} {earnings.partner_id}")
    _header(
        pdf,
        f"{earnings.program_name}: earnings statement {earnings.year}",
        [f"Partner: {earnings.partner_name} ({earnings.partner_id})", f"Currency: {cur}", *earnings.tax_lines],
    )
    pdf.row([("Month", 40, "L"), ("Earned (net of refunds)", 60, "R"), ("Paid out", 50, "R")], bold=True)
    for month, earned, paid in earnings.months:
        pdf.row(
            [
                (f"{earnings.year}-{month:02d}", 40, "L"),
                (format_money(earned, cur), 60, "R"),
                (format_money(paid, cur), 50, "R"),
            ]
        )
    pdf.row(
        [
            ("Total", 40, "L"),
            (format_money(earnings.earned_cents, cur), 60, "R"),
            (format_money(earnings.paid_cents, cur), 50, "R"),
        ],
        bold=True,
    )
    return bytes(pdf.output())
