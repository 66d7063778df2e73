"""Engines, sessions and schema migration for SQLite (WAL) and PostgreSQL.

Nothing here knows about affiliate logic; it only opens the database and keeps its schema current.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from store.models import Program

APPEND_ONLY_TABLES = ("ledger_entries", "ledger_transactions")
SQLITE_BUSY_TIMEOUT_MS = 30_000  # how long a SQLite writer waits for the write lock unless told otherwise
# Reads through a memory map instead of read() calls into SQLite's small page cache: the analytics' index
# scans and look-ups over a big store spend a third less CPU (metrics at 2,000 partners / 1M clicks: 2.7 s
# -> 1.8 s of CPU). Mapped pages are the OS page cache's, shared and reclaimable, not the process's heap;
# SQLite caps the map at its compile-time limit (2 GB by default) and reads the rest of a bigger file.
SQLITE_MMAP_BYTES = 2**31
SQLITE_CACHE_KIB = 65_536  # page cache per connection (64 MB, SQLite's default is 2 MB): hot index pages stay
MAX_ROW_ID = (
    2**31 - 1
)  # INTEGER ids (proposals, batches, messages): a larger one names no row, and PostgreSQL refuses it


def normalize_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs (the only PostgreSQL driver we ship)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back everything on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session


@contextmanager
def brief_transaction(engine: Engine, *, lock_wait: float) -> Iterator[Session]:
    """``transaction``, but waiting at most ``lock_wait`` seconds for a lock another writer holds (SQLite's write
    lock during a long import; a row or key lock on PostgreSQL); past that, the database's error is raised
    (``is_lock_timeout`` tells it apart) and nothing is written. For the intake routes, which must answer a
    webhook within a second and spool what they cannot write."""
    milliseconds = max(1, int(lock_wait * 1000))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={milliseconds}")
            connection.commit()  # the pragma autobegan nothing pysqlite sees; end it so the session owns the next
        try:
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                if not sqlite:
                    session.execute(text(f"SET LOCAL lock_timeout = '{milliseconds}ms'"))
                yield session
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
                connection.commit()


def is_lock_timeout(error: BaseException) -> bool:
    """A write that gave up waiting for a lock: SQLite's "database is locked" / "busy", PostgreSQL's 55P03."""
    original = getattr(error, "orig", error)
    if getattr(original, "sqlstate", None) == "55P03":
        return True
    message = str(original).lower()
    return type(original).__name__ == "OperationalError" and ("database is locked" in message or "busy" in message)


def savepoint(session: Session) -> SessionTransaction:
    """A nested transaction (SAVEPOINT) that rolls back alone and commits only with its enclosing one.

    pysqlite issues its own ``BEGIN`` only before the first write, so a SAVEPOINT taken after reads alone
    would open SQLite's outermost transaction and its RELEASE would commit for good; beginning the real
    transaction first keeps the savepoint inside it.
    """
    driver = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "sqlite" and not getattr(driver, "in_transaction", True):
        session.execute(text("BEGIN"))
    return session.begin_nested()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("store") / "migrations"))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration, then make sure the program row exists."""
    command.upgrade(alembic_config(engine), "head")
    with transaction(engine) as session:
        ensure_program(session)


def ensure_program(session: Session) -> Program:
    program = session.scalar(select(Program).where(Program.id == 1))
    if program is None:
        program = Program(id=1, ip_salt=secrets.token_hex(16))
        session.add(program)
        session.flush()
    return program


def append_only_guard_sql(dialect: str) -> list[str]:
    """DDL that makes the database itself refuse UPDATE and DELETE on ledger rows."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'ledger is append-only: {op} on {table} refused'); END"
            for table in APPEND_ONLY_TABLES
            for op in ("UPDATE", "DELETE")
        ]
    statements = [
        "CREATE OR REPLACE FUNCTION afflow_refuse_ledger_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END; "
        "$$ LANGUAGE plpgsql"
    ]
    statements += [
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION afflow_refuse_ledger_change()"
        for table in APPEND_ONLY_TABLES
    ]
    return statements


def database_label(url: str) -> str:
    return make_url(normalize_url(url)).get_backend_name()
