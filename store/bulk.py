"""Bulk inserts at driver speed for the booking hot path, on any dialect.

SQLAlchemy's executemany builds and processes a parameter dict per row, which costs more than the
database's own work when a chunk writes tens of thousands of rows. ``insert_rows`` compiles one INSERT per
call with the driver's parameter style, applies each column's own bind processor for the dialect (so values
are stored exactly as the ORM stores them: UTC datetimes, on SQLite as text with microseconds so that they
compare with bound parameters, booleans) and hands plain tuples to ``executemany``.
A JSON column takes JSON *text* (already serialised, e.g. ``model_dump_json()``), stored as-is.
It never writes ledger rows (those go through ``store.ledger.book``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session

from store.models import Base


def table_of(model: type[Base]) -> Table:
    """The Core table behind a model."""
    return Base.metadata.tables[model.__tablename__]


def insert_rows(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``model``'s table with one driver executemany."""
    if not rows:
        return
    table = table_of(model)
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    processors = [
        (index, None if isinstance(column.type, JSON) else column.type.dialect_impl(dialect).bind_processor(dialect))
        for index, column in enumerate(table.c[name] for name in names)
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
    data: list[tuple[Any, ...]] = []
    for row in rows:
        values = [row[name] for name in names]
        for index, process in active:
            values[index] = process(values[index])
        data.append(tuple(values))
    connection.exec_driver_sql(sql, data)
