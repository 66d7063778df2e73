"""Fixtures for the REST API: a seeded program, ``afflow serve``'s app composed by ``afflow.wiring``, and keys
made with ``tools.api_keys`` (what ``afflow keys create`` calls)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from afflow.settings import Settings
from afflow.wiring import http_app
from store.db import transaction
from tests.api.program import seed
from tools.api_keys import create_key

MakeKey = Callable[..., str]


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Engine:
    seed(engine, tmp_path)
    return engine


@pytest.fixture
def make_key(seeded: Engine) -> MakeKey:
    def make(*scopes: str, rate_limit: int = 120, name: str = "test") -> str:
        with transaction(seeded) as session:
            _, secret = create_key(session=session, name=name, scopes=scopes, now=datetime.now(UTC),
                                   rate_limit_per_minute=rate_limit)  # fmt: skip
        return secret

    return make


@pytest.fixture
def client(seeded: Engine, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(public_url="https://go.example", spool_dir=str(tmp_path / "spool"), scheduler_enabled=False)
    with TestClient(http_app(engine=seeded, settings=settings), base_url="https://go.example") as test_client:
        yield test_client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
