"""Fixtures for the HTTP front door: a program seeded through the CSV importer, links, and a live app.

The app is ``afflow serve``'s, composed by ``afflow.wiring.http_app`` (routers included), and runs for real
(Starlette TestClient drives its lifespan: spool recovery, click writer, inbox worker) against the ``engine``
fixture's SQLite file or PostgreSQL schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from frontdoor import app_config, front_door_settings, seed_program
from sqlalchemy import Engine
from starlette.testclient import TestClient

from afflow.wiring import http_app
from store.db import transaction
from tools.links import create_links


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Engine:
    seed_program(engine, tmp_path)
    return engine


@pytest.fixture
def link_code(seeded: Engine) -> str:
    with transaction(seeded) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="https://go.example")
    return link.code


@pytest.fixture
def client(seeded: Engine, tmp_path: Path) -> Iterator[TestClient]:
    settings = front_door_settings(tmp_path / "spool")
    app = http_app(engine=seeded, settings=settings, config=app_config(settings))
    with TestClient(
        app, base_url="https://go.example", follow_redirects=False, client=("203.0.113.9", 50123)
    ) as test_client:
        yield test_client
