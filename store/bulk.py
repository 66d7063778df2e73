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

Nothing here writes ledger rows (those go through ``store.ledger.book``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
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


BULK_CACHE_KIB = 65_536


@contextmanager
def bulk_write_cache(session: Session) -> Iterator[None]:
    """A bigger SQLite page cache (``BULK_CACHE_KIB``) while a bulk write runs, the connection's own after.

    Inserting hundreds of thousands of rows into indexed tables touches index pages all over the file; with
    SQLite's default 2 MB cache most of those touches re-read pages through the OS, which cost as much CPU as
    the inserts themselves (200,000 clicks: 11.6 s CPU with the default cache, 7.2 s with 64 MB). PostgreSQL
    keeps its own shared buffers: nothing changes there.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


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
) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``model``'s table with one driver executemany (or COPY);
    with ``skip_duplicates_of`` (a unique key's columns), rows whose key is stored already are skipped."""
    if not rows:
        return
    names = list(rows[0])
    row_values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    insert_tuples(session, model, names, [row_values(row) for row in rows], skip_duplicates_of=skip_duplicates_of)


def insert_tuples(
    session: Session,
    model: type[Base],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    skip_duplicates_of: Sequence[str] = (),
) -> None:
    """``insert_rows`` for rows given as value tuples in the order of the column ``names`` (no dict per row).

    On PostgreSQL a batch of ``COPY_FROM_ROWS`` rows or more goes in through ``COPY`` (with
    ``skip_duplicates_of``: into a temporary table, then ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``),
    in the session's transaction like any other statement.
    """
    if not rows:
        return
    table = table_of(model)
    connection = session.connection()
    dialect = connection.dialect
    processors = [
        (index, _bind_processor(column, dialect)) for index, column in enumerate(table.c[name] for name in names)
    ]
    active = [(index, _memoized(process)) for index, process in processors if process is not None]
    data: Sequence[Sequence[Any]] = rows
    if active:  # column by column: one map per processed column instead of a list per row
        columns = list(zip(*rows, strict=True))
        for index, process in active:
            columns[index] = tuple(map(process, columns[index]))
        data = list(zip(*columns, strict=True))
    quote = dialect.identifier_preparer
    target = quote.format_table(table)
    column_list = ", ".join(quote.quote(name) for name in names)
    conflict = (
        f" ON CONFLICT ({', '.join(quote.quote(name) for name in skip_duplicates_of)}) DO NOTHING"
        if skip_duplicates_of
        else ""
    )
    if dialect.name == "postgresql" and len(data) >= COPY_FROM_ROWS:
        _copy(connection.connection.driver_connection, target, column_list, conflict, data)
        return
    if dialect.paramstyle not in ("qmark", "format", "pyformat"):
        raise ValueError(f"insert_rows: unsupported driver parameter style {dialect.paramstyle!r}")
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {target} ({column_list}) VALUES ({', '.join([mark] * len(names))}){conflict}"
    connection.exec_driver_sql(sql, data if isinstance(data, list) else list(data))


COPY_FROM_ROWS = 100
"""Below this many rows an executemany costs less on PostgreSQL than COPY (and its temporary table)."""


def _memoized(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` remembering its results for one call: a chunk repeats the same times (an order's time on
    each of its lines, commissions and postings), and converting a datetime costs more than a dict look-up."""
    if process is not _sqlite_utc_text:
        return process
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        if value is None:
            return None
        stored = seen.get(value)
        if stored is None:
            stored = seen[value] = process(value)
        return stored

    return remembered


def _copy(driver: Any, target: str, column_list: str, conflict: str, data: Sequence[Sequence[Any]]) -> None:
    """psycopg ``COPY ... FROM STDIN`` of ``data``; rows skipping duplicates go through a temporary table."""
    with driver.cursor() as cursor:
        if not conflict:
            with cursor.copy(f"COPY {target} ({column_list}) FROM STDIN") as copy:
                for values in data:
                    copy.write_row(values)
            return
        staging = "afflow_copy_staging"
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT {column_list} FROM {target} WITH NO DATA")
        with cursor.copy(f"COPY {staging} ({column_list}) FROM STDIN") as copy:
            for values in data:
                copy.write_row(values)
        cursor.execute(f"INSERT INTO {target} ({column_list}) SELECT {column_list} FROM {staging}{conflict}")
        cursor.execute(f"DROP TABLE {staging}")
