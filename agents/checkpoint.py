"""The LangGraph checkpointer follows the store: PostgreSQL saver on PostgreSQL, SQLite saver otherwise.

With SQLite the checkpoints live in a sibling file (``afflow.db`` -> ``afflow.checkpoints.db``), so a
graph's checkpoint writes never contend with the store's write lock; a waiting approval survives a
restart either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from sqlalchemy.engine import make_url

from store.db import normalize_url


def checkpoint_location(database_url: str) -> str:
    """Where checkpoints go for a store URL: a psycopg conninfo, a SQLite path, or ``:memory:``."""
    url = make_url(normalize_url(database_url))
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql").render_as_string(hide_password=False)
    database = url.database or ""
    if database in ("", ":memory:"):
        return ":memory:"
    path = Path(database)
    return str(path.with_name(f"{path.stem}.checkpoints{path.suffix or '.db'}"))


def setup_postgres(saver: PostgresSaver) -> None:
    """LangGraph's own migrations, minus ``CONCURRENTLY``: a concurrent index build waits for every open
    transaction in the whole database, which stalls a busy server; the tables are new and empty here, so a
    plain build is instant. Skipped when the schema is already current."""
    migrations = saver.MIGRATIONS
    with saver._cursor() as cursor:
        cursor.execute(migrations[0])
        row = cursor.execute("SELECT max(v) AS v FROM checkpoint_migrations").fetchone()
        current = -1 if row is None or row["v"] is None else int(row["v"])
        for version in range(current + 1, len(migrations)):
            cursor.execute(migrations[version].replace("CONCURRENTLY ", ""))
            cursor.execute("INSERT INTO checkpoint_migrations (v) VALUES (%s)", (version,))


@contextmanager
def open_checkpointer(database_url: str) -> Iterator[BaseCheckpointSaver[Any]]:
    location = checkpoint_location(database_url)
    if location.startswith("postgresql"):
        with PostgresSaver.from_conn_string(location) as saver:
            setup_postgres(saver)
            yield saver
    elif location == ":memory:":
        yield InMemorySaver()
    else:
        with SqliteSaver.from_conn_string(location) as saver:
            saver.setup()
            yield saver
