"""Per-partner statements and the yearly earnings statement, from the ledger, as PDF."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from store.db import transaction
from tests.portal.conftest import sign_in
from tools.statements import partner_statement, yearly_earnings
from workflows.booking.payouts import create_payout_batch


def pdf_text(content: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses page streams with zlib)."""
    assert content.startswith(b"%PDF-")
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            chunks.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            chunks.append(stream.decode("latin-1", errors="replace"))
    return "".join(chunks)


def test_statement_figures_come_from_the_ledger(booked: Engine) -> None:
    now = datetime.now(UTC)
    with transaction(booked) as session:
        create_payout_batch(session=session, as_of=now)
        statement = partner_statement(
            session=session, partner_id="p-alice", start=now - timedelta(days=90), end=now + timedelta(days=1)
        )
    assert (statement.earned_cents, statement.reversed_cents, statement.paid_cents) == (4000, 0, 2800)
    assert statement.closing == {"pending": 1200, "locked": 0, "paid": 2800, "clawback": 0}
    assert sorted(line.order_id for line in statement.lines) == ["o-1", "o-2", "o-3"]


def test_yearly_earnings_split_by_month(booked: Engine) -> None:
    now = datetime.now(UTC)
    with transaction(booked) as session:
        create_payout_batch(session=session, as_of=now)
        years = {(now - timedelta(days=45)).year, (now - timedelta(days=3)).year, now.year}
        reports = [yearly_earnings(session=session, partner_id="p-alice", year=year) for year in sorted(years)]
    assert sum(r.earned_cents for r in reports) == 4000
    assert sum(r.paid_cents for r in reports) == 2800
    paid_month = next(month for month, _, paid in reports[-1].months if paid)
    assert paid_month == now.month


def test_promoter_downloads_its_statement_and_yearly_pdf(client: TestClient, booked: Engine) -> None:
    sign_in(client, booked, "alice@example.com")
    today = datetime.now(UTC).date()
    response = client.get(
        "/portal/partners/p-alice/statement.pdf",
        params={"start": (today - timedelta(days=90)).isoformat(), "end": today.isoformat()},
    )
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    assert (
        r"Partner: Alice Reviews \(p-alice\)" in text
        and "Commissions earned" in text
        and "40.00" in text
        and "o-3" in text
    )
    yearly = client.get("/portal/partners/p-alice/earnings.pdf", params={"year": today.year})
    assert yearly.status_code == 200
    assert f"earnings statement {today.year}" in pdf_text(yearly.content)
    bad = client.get("/portal/partners/p-alice/statement.pdf", params={"start": "2026-13-01", "end": "2026-01-01"})
    assert bad.status_code == 400
