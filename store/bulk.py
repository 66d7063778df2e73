"""Set-based reads and writes on any dialect: chunked ``IN`` look-ups, inserts that skip duplicates, bulk inserts.

- ``rows_where_in`` / ``scalars_where_in`` / ``existing_keys``: a ``WHERE key IN (...)`` over any number of
  keys. Text or integer keys go in as ONE bound parameter (PostgreSQL ``= ANY(array)``, SQLite ``IN (SELECT
  value FROM json_each(?))``) in one query: SQLAlchemy's per-value work on an expanding ``IN`` cost more than
  the database's look-up when a chunk of orders asks for 100,000 keys. Other keys are asked ``IN_CHUNK`` at a
  time (PostgreSQL refuses more than 65,535 bind parameters, SQLite 32,766); ``chunks`` slices a sequence the
  same way for an UPDATE or a query with two ``IN`` lists.
- ``insert_ignoring_duplicates``: a Core INSERT that skips rows whose unique key is stored already
  (``ON CONFLICT (key) DO NOTHING``, the same on SQLite and PostgreSQL), applying column defaults; with
  ``returning``, it reports the rows it inserted: a skipped row returns nothing on either backend, where
  psycopg's rowcount would count it.
- ``insert_rows``: the booking and redirect hot paths. SQLAlchemy's executemany builds and processes a
  parameter dict per row, which costs more than the database's own work when a chunk writes tens of
  thousands of rows. ``insert_rows`` compiles one INSERT per call with the driver's parameter style, applies
  each column's own bind processor for the dialect (so values are stored exactly as the ORM stores them: UTC
  datetimes, on SQLite as text with microseconds so that they compare with bound parameters, booleans) and
  hands plain tuples to ``executemany``. It applies no column defaults: every row gives every column it
  needs. A JSON column takes JSON *text* (already serialised, e.g. ``model_dump_json()``), stored as-is.
  ``insert_tuples`` takes value tuples, ``insert_columns`` values column by column (a column's conversion is one
  map); all three return how many rows they inserted. On PostgreSQL a big batch goes in through ``COPY``.
- ``indexes_rebuilt_after``: on SQLite, a table's secondary indexes built once after a bulk load that is bigger
  than the table, instead of kept up to date row by row.

Nothing here writes ledger rows (those go through ``store.ledger.book``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from operator import attrgetter, itemgetter, methodcaller
from typing import Any, TypeVar, TypeVarTuple

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Dialect,
    Insert,
    Row,
    Select,
    String,
    Table,
    any_,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import QueryableAttribute, Session

from store.models import Base, UTCDateTime

IN_CHUNK = 500
T = TypeVar("T")
Ts = TypeVarTuple("Ts")
Column = ColumnElement[Any] | QueryableAttribute[Any]


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model."""
    return Base.metadata.tables[model.__tablename__]


def chunks(values: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    """``values`` in order, in slices of at most ``size`` (never an empty one)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def key_set(session: Session, column: Column, keys: Sequence[Any]) -> ColumnElement[bool] | None:
    """``column IN keys`` as one bound parameter, or None when the keys are not all text or all integers
    (or a text key holds a NUL, which SQLite's JSON would cut short): ask those in ``IN_CHUNK`` slices."""
    if not keys:
        return None
    dialect = session.get_bind().dialect.name
    types = set(map(type, keys))
    if types == {str}:
        if "\x00" in "".join(keys):
            return None
        element: type[String] | type[BigInteger] = String
    elif types == {int}:
        element = BigInteger
    else:
        return None
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(keys), type_=postgresql.ARRAY(element)))
    if dialect == "sqlite":
        values = func.json_each(bindparam(None, json.dumps(list(keys), ensure_ascii=False), type_=String))
        return column.in_(select(literal_column("value")).select_from(values))
    return None


def rows_where_in(session: Session, query: Select[*Ts], column: Column, keys: Iterable[Any]) -> Iterator[Row[*Ts]]:
    """The rows of ``query`` whose ``column`` is one of ``keys`` (one query, or one per ``IN`` chunk)."""
    unique = list(dict.fromkeys(keys))
    condition = key_set(session, column, unique)
    if condition is not None:
        yield from session.execute(query.where(condition))
        return
    for chunk in chunks(unique):
        yield from session.execute(query.where(column.in_(chunk)))


def scalars_where_in(session: Session, query: Select[T], column: Column, keys: Iterable[Any]) -> Iterator[T]:
    """``rows_where_in`` for a one-column query: its values."""
    unique = list(dict.fromkeys(keys))
    condition = key_set(session, column, unique)
    if condition is not None:
        yield from session.scalars(query.where(condition))
        return
    for chunk in chunks(unique):
        yield from session.scalars(query.where(column.in_(chunk)))


def existing_keys(session: Session, column: QueryableAttribute[T], keys: Iterable[T]) -> set[T]:
    """Which of ``keys`` are stored in ``column`` (a key column of a table)."""
    return set(scalars_where_in(session, select(column), column, keys))


@contextmanager
def indexes_rebuilt_after(session: Session, model: type[Base], *, rows_coming: int) -> Iterator[None]:
    """On SQLite, when ``rows_coming`` (an estimate) is more than ``model``'s table holds, its secondary
    non-unique indexes are dropped for the block and built again at its end, in the session's transaction.

    Building an index from the finished table sorts once; keeping four indexes up to date row by row costs
    more than the rows themselves when a big file fills a small table. The primary key and unique indexes stay
    (duplicate checks need them); a rollback restores everything, and SQLite readers keep their snapshot with its
    indexes. PostgreSQL is left alone: dropping an index there locks every reader and writer of the table out
    until the transaction ends.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite" or rows_coming <= 0:
        yield
        return
    table = table_of(model).name
    holds = connection.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar() or 0
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).all()
    indexes = [(name, sql) for name, sql in found if not sql.lstrip().upper().startswith("CREATE UNIQUE")]
    if holds >= rows_coming or not indexes:
        yield
        return
    for name, _ in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for _, sql in indexes:
            connection.exec_driver_sql(sql)


def dialect_insert(session: Session, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    """An INSERT into ``model``'s table with the session's dialect's ``ON CONFLICT`` clauses available."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table_of(model))
    if dialect == "sqlite":
        return sqlite.insert(table_of(model))
    raise NotImplementedError(f"ON CONFLICT inserts are not implemented for {dialect}")


def _skipping_duplicates(session: Session, model: type[Base], key: Sequence[str]) -> Insert:
    return dialect_insert(session, model).on_conflict_do_nothing(index_elements=list(key))


def insert_ignoring_duplicates(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], *, key: Sequence[str]
) -> None:
    """INSERT ``rows``; a row whose ``key`` (the columns of a unique constraint) is stored already is skipped."""
    if rows:
        session.execute(_skipping_duplicates(session, model, key), list(rows))


def insert_new_returning(
    session: Session,
    model: type[Base],
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    returning: Sequence[str],
) -> list[tuple[Any, ...]]:
    """``insert_ignoring_duplicates``, returning the ``returning`` columns of each row actually inserted
    (in no particular order: map them back by a returned key)."""
    if not rows:
        return []
    table = table_of(model)
    statement = _skipping_duplicates(session, model, key).returning(*(table.c[name] for name in returning))
    return [tuple(row) for row in session.execute(statement, list(rows))]


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """What ``UTCDateTime`` stores on SQLite (naive UTC text, always with microseconds), at about half the cost
    of its processor chain; ``tests/store/test_bulk.py`` pins the two to each other."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _bind_processor(column: ColumnElement[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    if isinstance(column.type, JSON):
        return None  # JSON columns take JSON text, stored as-is
    if isinstance(column.type, UTCDateTime) and dialect.name == "sqlite":
        return _sqlite_utc_text
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def insert_rows(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], *, skip_duplicates_of: Sequence[str] = ()
) -> int:
    """INSERT ``rows`` (dicts with the same keys) into ``model``'s table with one driver executemany (or COPY);
    with ``skip_duplicates_of`` (a unique key's columns), rows whose key is stored already are skipped. Returns
    how many rows were inserted."""
    if not rows:
        return 0
    names = list(rows[0])
    row_values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    return insert_tuples(
        session, model, names, [row_values(row) for row in rows], skip_duplicates_of=skip_duplicates_of
    )


def insert_tuples(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    skip_duplicates_of: Sequence[str] = (),
) -> int:
    """``insert_rows`` for rows given as value tuples in the order of the column ``names`` (no dict per row);
    returns how many rows were inserted (those skipped as duplicates not counted).

    On PostgreSQL a batch of ``COPY_FROM_ROWS`` rows or more goes in through ``COPY``, in the session's
    transaction like any other statement. With ``skip_duplicates_of`` one text key, the keys already stored are
    looked up first and their rows dropped, and the rest is copied straight into the table inside a savepoint;
    only when that meets a duplicate anyway (a key twice in the batch, a concurrent writer) does the batch go
    the slow way: into a temporary table, then ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``.
    """
    if not rows:
        return 0
    processors = _processors(session, model, names)
    if not processors:
        return _insert_processed(session, model, names, rows, skip_duplicates_of)
    columns = _processed_columns(list(zip(*rows, strict=True)), processors)
    return _insert_processed(session, model, names, list(zip(*columns, strict=True)), skip_duplicates_of)


def insert_columns(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    columns: Sequence[Sequence[Any]],
    *,
    skip_duplicates_of: Sequence[str] = (),
) -> int:
    """``insert_tuples`` for values given column by column (``columns[i]`` holds every row's ``names[i]``): a
    caller that builds its values per column saves the transposition; returns how many rows were inserted."""
    if not columns or not columns[0]:
        return 0
    processed = _processed_columns(columns, _processors(session, model, names))
    return _insert_processed(session, model, names, list(zip(*processed, strict=True)), skip_duplicates_of)


def _processed_columns(
    columns: Sequence[Sequence[Any]], processors: list[tuple[int, ColumnProcessor]]
) -> list[Sequence[Any]]:
    processed = list(columns)
    for index, process in processors:
        processed[index] = process(columns[index])
    return processed


ColumnProcessor = Callable[[Sequence[Any]], Sequence[Any]]


def _processors(session: Session, model: type[Base], names: Sequence[str]) -> list[tuple[int, ColumnProcessor]]:
    """(position, processor of a whole column) for each of ``names`` whose type converts values for the driver."""
    dialect = session.get_bind().dialect
    table = table_of(model)
    found: list[tuple[int, ColumnProcessor]] = []
    for index, name in enumerate(names):
        process = _bind_processor(table.c[name], dialect)
        if process is _sqlite_utc_text:
            found.append((index, _sqlite_utc_texts))
        elif process is not None:
            found.append((index, partial(_mapped, process)))
    return found


def _mapped(process: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    return list(map(process, values))


_ISO_WITH_MICROSECONDS = methodcaller("isoformat", " ", "microseconds")
_UTC_SUFFIX = len("+00:00")


def _sqlite_utc_texts(values: Sequence[Any]) -> list[str | None]:
    """``_sqlite_utc_text`` of each value. A column of UTC times (the common case: parsed and booked times are
    converted to UTC on the way in) is written in one C-level map, its ``+00:00`` cut; anything else (None, other
    zones, a naive time to refuse) value by value, remembering repeated times: a chunk repeats the same times (an
    order's time on each of its lines, commissions and postings), and converting one costs more than a look-up."""
    try:
        zones = set(map(_TZINFO, values))
    except AttributeError:  # a None among them
        zones = set()
    if len(zones) == 1 and next(iter(zones)) is UTC:
        return [text[:-_UTC_SUFFIX] for text in map(_ISO_WITH_MICROSECONDS, values)]
    seen: dict[Any, str | None] = {}

    def remembered(value: Any) -> str | None:
        if value is None:
            return None
        stored = seen.get(value)
        if stored is None:
            stored = seen[value] = _sqlite_utc_text(value)
        return stored

    return list(map(remembered, values))


_TZINFO = attrgetter("tzinfo")


def _insert_processed(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    data: list[Any] | Sequence[Sequence[Any]],
    skip_duplicates_of: Sequence[str],
) -> int:
    table = table_of(model)
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    target = quote.format_table(table)
    column_list = ", ".join(quote.quote(name) for name in names)
    conflict = (
        f" ON CONFLICT ({', '.join(quote.quote(name) for name in skip_duplicates_of)}) DO NOTHING"
        if skip_duplicates_of
        else ""
    )
    if dialect.name == "postgresql" and len(data) >= COPY_FROM_ROWS:
        driver = connection.connection.driver_connection
        if len(skip_duplicates_of) == 1:
            key = list(names).index(skip_duplicates_of[0])
            return _copy_new(driver, target, column_list, conflict, data, key, quote.quote(skip_duplicates_of[0]))
        return _copy(driver, target, column_list, conflict, data)
    if dialect.paramstyle not in ("qmark", "format", "pyformat"):
        raise ValueError(f"insert_rows: unsupported driver parameter style {dialect.paramstyle!r}")
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {target} ({column_list}) VALUES ({', '.join([mark] * len(names))}){conflict}"
    result = connection.exec_driver_sql(sql, data if isinstance(data, list) else list(data))
    return int(result.rowcount)


COPY_FROM_ROWS = 100
"""Below this many rows an executemany costs less on PostgreSQL than COPY (and its temporary table)."""


def _copy(driver: Any, target: str, column_list: str, conflict: str, data: Sequence[Sequence[Any]]) -> int:
    """psycopg ``COPY ... FROM STDIN`` of ``data``; rows skipping duplicates go through a temporary table.
    Returns how many rows were inserted."""
    with driver.cursor() as cursor:
        if not conflict:
            with cursor.copy(f"COPY {target} ({column_list}) FROM STDIN") as copy:
                for values in data:
                    copy.write_row(values)
            return len(data)
        staging = "afflow_copy_staging"
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {column_list} FROM {target} WITH NO DATA")
        with cursor.copy(f"COPY {staging} ({column_list}) FROM STDIN") as copy:
            for values in data:
                copy.write_row(values)
        cursor.execute(f"INSERT INTO {target} ({column_list}) SELECT {column_list} FROM {staging}{conflict}")
        inserted = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
        return int(inserted)


def _copy_new(
    driver: Any, target: str, column_list: str, conflict: str, data: Sequence[Sequence[Any]], key: int, key_name: str
) -> int:
    """``_copy`` skipping rows whose text key (at position ``key``) is stored already: those are dropped after one
    look-up and the rest copied straight into ``target`` in a savepoint, which an ``INSERT ... SELECT ... ON
    CONFLICT`` from a temporary table costs several times over. A duplicate the look-up could not see (a key twice
    in ``data``, a concurrent writer) rolls the savepoint back and the whole batch goes the way of ``_copy``."""
    import psycopg

    keys = [values[key] for values in data]
    if set(map(type, keys)) != {str}:
        return _copy(driver, target, column_list, conflict, data)
    with driver.cursor() as cursor:
        cursor.execute(f"SELECT {key_name} FROM {target} WHERE {key_name} = ANY(%s)", (keys,))
        stored = {found for (found,) in cursor}
    fresh = [values for values in data if values[key] not in stored] if stored else data
    if not fresh:
        return 0
    try:
        with (
            driver.transaction(),
            driver.cursor() as cursor,
            cursor.copy(f"COPY {target} ({column_list}) FROM STDIN") as copy,
        ):
            for values in fresh:
                copy.write_row(values)
    except psycopg.errors.UniqueViolation:
        return _copy(driver, target, column_list, conflict, fresh)
    return len(fresh)
