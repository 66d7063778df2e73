"""Module-scoped stores for analytics tests that only read: build a program once per backend, test it many times."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.db import make_engine, migrate
from tests.conftest import postgres_schema


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
    with postgres_schema(postgres_admin) as url:
        engine = make_engine(url)
        migrate(engine)
        yield engine
        engine.dispose()
