"""Schemathesis against ``/openapi.json``: every operation, a bounded number of generated requests each, signed
in with a ``read`` key on the small imported program (SQLite and PostgreSQL). No request may get a 5xx, and
every status answered must be one the document declares for that operation (writes answer 403 to this key,
which they declare)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance
from sqlalchemy import Engine

from afflow.settings import Settings
from afflow.wiring import http_app
from tests.api.conftest import MakeKey, bearer

EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def api_schema(seeded: Engine, tmp_path: Path) -> Any:
    """``afflow serve``'s app as the composition root builds it; schemathesis calls it in process."""
    settings = Settings(public_url="https://go.example", spool_dir=str(tmp_path / "spool"), scheduler_enabled=False)
    return schemathesis.openapi.from_asgi("/openapi.json", http_app(engine=seeded, settings=settings))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])  # fmt: skip
def test_no_operation_answers_a_server_error_or_an_undocumented_status(case: Any, read_key: str) -> None:
    case.headers = {**(case.headers or {}), **bearer(read_key)}  # over any Authorization the generator made up
    response = case.call_and_validate(checks=[not_a_server_error, status_code_conformance])
    assert response.status_code != 401  # the key is honoured: what was checked is the operation, not the guard
    if case.method == "GET":
        assert response.status_code != 403


@pytest.fixture
def read_key(make_key: MakeKey) -> str:
    """One read key per program, shared by every example hypothesis generates for the test."""
    return make_key("read", rate_limit=100_000)


@schema.include(method="POST").parametrize()
@hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])  # fmt: skip
def test_no_write_answers_a_server_error_to_a_key_holding_its_scope(case: Any, writer_key: str) -> None:
    """The writes (links, proposals, conversions) fuzzed past the scope guard: a key with every write scope."""
    case.headers = {**(case.headers or {}), **bearer(writer_key)}
    response = case.call_and_validate(checks=[not_a_server_error, status_code_conformance])
    assert response.status_code not in (401, 403)  # the body was judged, not the key


@pytest.fixture
def writer_key(make_key: MakeKey) -> str:
    return make_key("read", "links", "propose", "conversions", rate_limit=100_000, name="writer")
