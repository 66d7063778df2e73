"""Shared fixtures: every store-backed test runs on a real SQLite file and on a real PostgreSQL.

PostgreSQL tests use a fresh schema per test (``search_path`` in the URL), so suites can run in
parallel and subprocesses (``afflow`` itself) can be pointed at the very same database by URL.
Set ``AFFLOW_REQUIRE_POSTGRES=1`` (the test command does) to fail instead of skip when it is down.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from store.db import make_engine, migrate

POSTGRES_URL = os.environ.get("AFFLOW_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("AFFLOW_REQUIRE_POSTGRES") == "1"


def _postgres_admin() -> Engine | None:
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL tests were required but {POSTGRES_URL} is unreachable: {exc}")
        return None
    return engine


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    engine = _postgres_admin()
    yield engine
    if engine is not None:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: object, postgres_admin: Engine | None) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/afflow.db"
        return
    with postgres_schema(postgres_admin) as url:
        yield url


@contextmanager
def postgres_schema(postgres_admin: Engine | None) -> Iterator[str]:
    """The URL of a fresh PostgreSQL schema, dropped afterwards; skips (or fails, when required) without one."""
    if postgres_admin is None:
        pytest.skip("PostgreSQL is not reachable (set AFFLOW_REQUIRE_POSTGRES=1 to make this a failure)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with postgres_admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated store (the same ``migrate`` that ``afflow init`` runs)."""
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()
