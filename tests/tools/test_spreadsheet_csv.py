"""Exports are safe to open in a spreadsheet: formula-looking text is neutralised, numbers stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import transaction
from tests.workflows.booking import T0, book, click, day, load, order
from tools.spreadsheet_csv import neutral_cell, write_csv
from workflows.booking.lifecycle import reconcile
from workflows.booking.payouts import create_payout_batch, export_batch_csv


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "@SUM(A1:A9)", "+1+1", "-2+3", "\tcmd", "\r=1"])
def test_a_cell_that_a_spreadsheet_would_evaluate_is_written_as_text(text: str) -> None:
    written = write_csv(header=["name"], rows=[[text]])
    [_, [cell]] = list(csv.reader(io.StringIO(written, newline="")))
    assert cell == "'" + text.replace("\r", "\n")


def test_plain_text_and_numbers_are_unchanged() -> None:
    written = write_csv(header=["name", "net", "count"], rows=[["Pat O'Hara, Ltd", Decimal("-5.00"), 3]])
    assert written.splitlines()[1] == '"Pat O\'Hara, Ltd",-5.00,3'
    assert neutral_cell("a=b") == "a=b"


def test_a_partner_named_like_a_formula_reaches_the_payout_export_as_text(engine: Engine, tmp_path: Path) -> None:
    load(engine, tmp_path, "partners", ['p1,"=HYPERLINK(""http://x"")",-evil@example.com,blog,1000,0.05,REF-p1,'])
    click(engine, tmp_path, "c1", "p1", day(-1))
    book(engine, order("o1", T0, click_id="c1"))
    with transaction(engine) as session:
        reconcile(session=session, as_of=day(31))
        batch_id = create_payout_batch(session=session, as_of=day(32)).batch_id
        assert batch_id is not None
        text = export_batch_csv(session=session, batch_id=batch_id)
    [_, row] = list(csv.reader(io.StringIO(text)))
    assert row == ["p1", '\'=HYPERLINK("http://x")', "'-evil@example.com", "4.50", "0.00", "4.50", "USD", "1"]
