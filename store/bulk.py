"""Set-based reads and writes on any dialect: chunked ``IN`` look-ups, inserts that skip duplicates, bulk inserts.

- ``rows_where_in`` / ``scalars_where_in`` / ``existing_keys``: a ``WHERE key IN (...)`` over any number of
  keys, asked ``IN_CHUNK`` keys at a time (PostgreSQL refuses more than 65,535 bind parameters, SQLite
  32,766); ``chunks`` slices a sequence the same way for an UPDATE or a query with two ``IN`` lists.
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

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, TypeVar, TypeVarTuple

from sqlalchemy import JSON, ColumnElement, Dialect, Insert, Row, Select, Table, select
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


def rows_where_in(session: Session, query: Select[*Ts], column: Column, keys: Iterable[Any]) -> Iterator[Row[*Ts]]:
    """The rows of ``query`` whose ``column`` is one of ``keys``, one ``IN`` chunk at a time."""
    for chunk in chunks(list(dict.fromkeys(keys))):
        yield from session.execute(query.where(column.in_(chunk)))


def scalars_where_in(session: Session, query: Select[T], column: Column, keys: Iterable[Any]) -> Iterator[T]:
    """``rows_where_in`` for a one-column query: its values."""
    for chunk in chunks(list(dict.fromkeys(keys))):
        yield from session.scalars(query.where(column.in_(chunk)))


def existing_keys(session: Session, column: QueryableAttribute[T], keys: Iterable[T]) -> set[T]:
    """Which of ``keys`` are stored in ``column`` (a key column of a table)."""
    return set(scalars_where_in(session, select(column), column, keys))


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
    """INSERT ``rows`` (dicts with the same keys) into ``model``'s table with one driver executemany; with
    ``skip_duplicates_of`` (a unique key's columns), rows whose key is stored already are skipped."""
    if not rows:
        return
    table = table_of(model)
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    processors = [
        (index, _bind_processor(column, dialect)) for index, column in enumerate(table.c[name] for name in names)
    ]
    active = [(index, process) for index, process in processors if process is not None]
    if dialect.paramstyle not in ("qmark", "format", "pyformat"):
        raise ValueError(f"insert_rows: unsupported driver parameter style {dialect.paramstyle!r}")
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer
    sql = (
        f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.quote(name) for name in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    if skip_duplicates_of:
        sql += f" ON CONFLICT ({', '.join(quote.quote(name) for name in skip_duplicates_of)}) DO NOTHING"
    row_values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    data: list[tuple[Any, ...]] = []
    for row in rows:
        values = row_values(row)
        if active:
            values = list(values)
            for index, process in active:
                values[index] = process(values[index])
            values = tuple(values)
        data.append(values)
    connection.exec_driver_sql(sql, data)
