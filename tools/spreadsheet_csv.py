"""The one CSV writer for files people open in a spreadsheet (payout batches, portal downloads, statements).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (``=HYPERLINK(...)`` in a partner's name would run in finance's sheet), so
it is written with a leading ``'`` (OWASP's CSV-injection rule; quotes, commas and line breaks are quoted
by the csv module as usual). Numbers
are passed as ``int`` or ``Decimal`` and written as they are, so a negative amount stays a number. Input
files the product reads back (demo data) are not exports and do not use this.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

Cell = str | int | Decimal
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it as text, never as a formula. Carriage returns become line feeds:
    the csv module quotes a cell holding ``\n`` but not one holding a lone ``\r``, which would split the row."""
    safe = "'" + text if text.startswith(FORMULA_STARTS) else text
    return safe.replace("\r\n", "\n").replace("\r", "\n")


def write_csv(*, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV text: the header, then each row; text cells neutralised, numbers as numbers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutral_cell(name) for name in header])
    for row in rows:
        writer.writerow([neutral_cell(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()
