"""Reading user CSV files: header checks, typed field parsing and row errors people can act on.

Every problem is recorded as a ``RowError`` (file, line, column, reason) instead of raised at once, so a
user fixes a whole file in one pass. This module only reads and parses; it never touches the database.
Parsing is hand-written per column rather than a pydantic model per row: it names the exact CSV column
in every error and keeps 200,000-line files to about a second.
"""

from __future__ import annotations

import csv
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from store.money import MoneyError, minor_digits, parse_money
from workflows.booking.bounds import EARLIEST_TIME, LATEST_TIME, MAX_AMOUNT_MINOR, amount_problem, time_problem

if TYPE_CHECKING:
    from _csv import Reader as _CsvReader

MAX_REPORTED_ERRORS = 50
_TIMESTAMP_CACHE = 65_536  # distinct timestamp texts remembered per file
_PLAIN_CENTS = re.compile(r"^\d{1,15}(\.\d{0,2})?$")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_TRUE = frozenset({"true", "1", "yes", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "f"})
_TZINFO = attrgetter("tzinfo")


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in a CSV file; ``column`` is None when the problem is the whole row or file."""

    file: str
    line: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f" column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class ImportFailed(ValueError):
    """A file with bad rows; nothing from it was written. ``errors`` is capped, ``total`` is not."""

    def __init__(self, errors: Sequence[RowError], total: int) -> None:
        self.errors = list(errors)
        self.total = total
        first = str(self.errors[0]) if self.errors else "unknown problem"
        more = f" (and {total - 1} more)" if total > 1 else ""
        super().__init__(first + more)


class ErrorLog:
    """Collects row errors for one file, keeping the first ``MAX_REPORTED_ERRORS`` and counting all."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[RowError] = []
        self.total = 0

    def add(self, line: int, column: str | None, reason: str) -> None:
        self.total += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(self.file, line, column, reason))

    def fail(self, line: int, column: str | None, reason: str) -> NoReturn:
        """Record a problem that stops reading the file, and raise with everything collected."""
        self.add(line, column, reason)
        raise ImportFailed(self.errors, self.total)

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportFailed(self.errors, self.total)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing a big file.

    Parsing allocates hundreds of thousands of small acyclic objects; the collector's repeated full scans
    of that growing heap cost as much as the parsing itself. Nothing parsed here forms reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its first physical line number and its raw values, exactly as many as the header has."""

    line: int
    values: list[str]


@dataclass(frozen=True, slots=True)
class CsvFile:
    rows: list[Row]
    columns: dict[str, int]


def read_rows(*, path: Path, required: Sequence[str], errors: ErrorLog) -> CsvFile:
    """All data rows of ``path``; a missing file, header or required column fails the file at once.

    A row with more or fewer fields than the header is an error (columns the header declares beyond the
    required ones are fine): a stray comma must never shift a price into an ignored column.
    """
    with open_rows(path=path, required=required, errors=errors) as stream:
        return CsvFile([row for chunk in stream.chunks(1 << 30) for row in chunk], stream.columns)


class RowStream:
    """The data rows of an open CSV file, read a chunk at a time (``read_rows``'s checks, bounded memory)."""

    def __init__(self, reader: _CsvReader, columns: dict[str, int], width: int, errors: ErrorLog) -> None:
        self.columns = columns
        self._reader = reader
        self._width = width
        self._errors = errors

    def chunks(self, size: int) -> Iterator[list[Row]]:
        """Lists of at most ``size`` good rows (never an empty one); bad rows are logged, not yielded."""
        reader, width, errors = self._reader, self._width, self._errors
        rows: list[Row] = []
        append = rows.append
        while True:
            line = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                errors.add(line, None, f"unreadable row: {exc}")
                break
            if not any(values):
                continue
            if len(values) != width:  # e.g. an unquoted "1,299.00" shifts every later value one column right
                errors.add(
                    line, None, f"{len(values)} fields, but the header has {width} (quote values containing commas)"
                )
                continue
            append(Row(line, values))
            if len(rows) >= size:
                yield rows
                rows = []
                append = rows.append
        if rows:
            yield rows


@contextmanager
def open_rows(*, path: Path, required: Sequence[str], errors: ErrorLog) -> Iterator[RowStream]:
    """``path`` open for reading in chunks, its header checked (a missing file, header or required column
    fails the file at once, before any row is read)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        errors.fail(0, None, f"cannot read file: {exc.strerror}")
    with handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            header = []
        except (csv.Error, UnicodeDecodeError) as exc:
            errors.fail(1, None, f"unreadable header: {exc}")
        if not any(header):
            errors.fail(1, None, "missing header row")
        missing = [name for name in required if name not in header]
        if missing:
            errors.fail(1, ", ".join(missing), f"missing required column(s): {', '.join(missing)}")
        columns = {name: index for index, name in reversed(list(enumerate(header)))}
        yield RowStream(reader, columns, len(header), errors)


def lengths_within(values: Sequence[str], shortest: int, longest: int) -> bool:
    """Whether every value of a (non-empty) column is between ``shortest`` and ``longest`` characters long: the
    column-wise readers' check that a chunk needs no per-row length errors."""
    lengths = list(map(len, values))
    return min(lengths) >= shortest and max(lengths) <= longest


class Fields:
    """Typed column parsers; each returns None and logs a ``RowError`` on a bad value.

    Values are stripped of surrounding whitespace; a column absent from the file reads as empty.
    """

    def __init__(self, errors: ErrorLog, currency: str, columns: dict[str, int]) -> None:
        self.errors = errors
        self.currency = currency
        self.columns = columns
        self._cents_digits = minor_digits(currency)
        self._timestamps: dict[str, datetime] = {}

    def value(self, row: Row, column: str) -> str:
        index = self.columns.get(column)
        return "" if index is None else row.values[index].strip()

    def text(self, row: Row, column: str, *, max_len: int = 200) -> str | None:
        """A required, non-empty string."""
        index = self.columns.get(column)  # inlined ``value``: this runs once per cell of big files
        value = "" if index is None else row.values[index].strip()
        if not value:
            self.errors.add(row.line, column, "required value is empty")
            return None
        if len(value) > max_len:
            self.errors.add(row.line, column, f"longer than {max_len} characters")
            return None
        return value

    def optional(self, row: Row, column: str, *, max_len: int = 200) -> str | None:
        """An optional string: empty or absent column -> None."""
        index = self.columns.get(column)
        value = "" if index is None else row.values[index].strip()
        if len(value) > max_len:
            self.errors.add(row.line, column, f"longer than {max_len} characters")
            return None
        return value or None

    def email(self, row: Row, column: str) -> str | None:
        value = self.text(row, column, max_len=320)
        if value is not None and not _EMAIL.match(value):
            self.errors.add(row.line, column, f"{value!r} is not an email address")
            return None
        return value.lower() if value is not None else None

    def money(self, row: Row, column: str, *, currency: str | None = None) -> int | None:
        """A decimal amount in ``currency`` (default: the program's), as minor units, within ``workflows.booking.bounds``."""
        value = self.text(row, column, max_len=40)
        if value is None:
            return None
        currency = currency or self.currency
        digits = self._cents_digits if currency == self.currency else minor_digits(currency)
        if digits == 2 and _PLAIN_CENTS.match(value):  # the common case, without Decimal
            units, _, fraction = value.partition(".")
            plain = int(units) * 100 + int(fraction.ljust(2, "0"))
            if plain <= MAX_AMOUNT_MINOR:
                return plain
        try:
            cents = parse_money(value, currency)
        except MoneyError as exc:
            self.errors.add(row.line, column, str(exc))
            return None
        problem = amount_problem(cents)
        if problem is not None:
            self.errors.add(row.line, column, f"{value!r}: {problem}")
            return None
        return cents

    def currency_code(self, row: Row, column: str, *, required: bool) -> str | None:
        """A three-letter ISO 4217 code, upper-cased; an empty optional value is None."""
        value = self.text(row, column, max_len=3) if required else self.optional(row, column, max_len=3)
        if value is None:
            return None
        if not (len(value) == 3 and value.isascii() and value.isalpha()):
            self.errors.add(row.line, column, f"{value!r} is not a three-letter currency code")
            return None
        return value.upper()

    def integer(self, row: Row, column: str, *, minimum: int = 0, maximum: int = 2**63 - 1) -> int | None:
        value = self.text(row, column, max_len=20)
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            self.errors.add(row.line, column, f"{value!r} is not a whole number")
            return None
        if number < minimum:
            self.errors.add(row.line, column, f"{number} is below the minimum {minimum}")
            return None
        if number > maximum:
            self.errors.add(row.line, column, f"{number} exceeds the maximum {maximum}")
            return None
        return number

    def rate(self, row: Row, column: str) -> Decimal | None:
        """A fraction between 0 and 1 inclusive (e.g. engagement rate 0.042), kept exact as Decimal."""
        value = self.text(row, column, max_len=20)
        if value is None:
            return None
        try:
            rate = Decimal(value)
        except InvalidOperation:
            self.errors.add(row.line, column, f"{value!r} is not a decimal number")
            return None
        if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(1):
            self.errors.add(row.line, column, f"{value!r} is not between 0 and 1")
            return None
        return rate

    def timestamp(self, row: Row, column: str) -> datetime | None:
        """ISO 8601; a timestamp without an offset is UTC. Always returned as aware UTC."""
        value = self.text(row, column, max_len=40)
        if value is None:
            return None
        cached = self._timestamps.get(value)
        if cached is not None:
            return cached
        parsed = _utc_time(value)
        if isinstance(parsed, str):
            self.errors.add(row.line, column, parsed)
            return None
        if len(self._timestamps) >= _TIMESTAMP_CACHE:  # a streamed file's memory stays bounded
            self._timestamps.clear()
        self._timestamps[value] = parsed
        return parsed

    def timestamps(self, values: Sequence[str]) -> list[datetime] | None:
        """``timestamp`` of each of a column's values (stripped, non-empty, at most 40 characters), parsed once per
        distinct text of the column; None, with nothing logged, when any is not a valid time: then the caller
        checks its rows one by one with ``timestamp`` to report each problem."""
        distinct = list(dict.fromkeys(values))
        if not distinct:
            return []
        try:
            parsed = list(map(datetime.fromisoformat, distinct))
        except ValueError:
            return None
        zones = set(map(_TZINFO, parsed))
        if zones == {None}:  # naive times are UTC
            parsed = [time.replace(tzinfo=UTC) for time in parsed]
        elif len(zones) != 1 or next(iter(zones)) is not UTC:  # mixed or other offsets: one by one
            converted = list(map(_utc_time, distinct))
            if any(isinstance(time, str) for time in converted):
                return None
            parsed = cast(list[datetime], converted)
        if min(parsed) < EARLIEST_TIME or max(parsed) >= LATEST_TIME:
            return None
        times = dict(zip(distinct, parsed, strict=True))
        return list(map(times.__getitem__, values))

    def flag(self, row: Row, column: str, *, default: bool) -> bool | None:
        value = self.value(row, column).lower()
        if not value:
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.errors.add(row.line, column, f"{value!r} is not true/false")
        return None


def _utc_time(value: str) -> datetime | str:
    """``value`` (ISO 8601; without an offset it is UTC) as an aware UTC time, or why it is not a bookable time."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not an ISO 8601 timestamp"
    problem = time_problem(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))
    if problem is not None:  # checked first: converting 0001-01-01+05:00 to UTC overflows
        return problem
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
