"""Module-scoped stores for analytics tests that only read: build a program once per backend, test it many times."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, text

from store.db import make_engine, migrate
from tests.conftest import POSTGRES_URL

StoreFactory = Callable[[str], Engine]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_admin: Engine | None
) -> Iterator[Engine]:
    """A migrated, empty store shared by one test module (SQLite file or a fresh PostgreSQL schema)."""
    if request.param == "sqlite":
        directory: Path = tmp_path_factory.mktemp("store")
        engine = make_engine(f"sqlite:///{directory}/afflow.db")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    if postgres_admin is None:
        pytest.skip("PostgreSQL is not reachable (set AFFLOW_REQUIRE_POSTGRES=1 to make this a failure)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    engine = make_engine(f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}")
    migrate(engine)
    yield engine
    engine.dispose()
    with postgres_admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
