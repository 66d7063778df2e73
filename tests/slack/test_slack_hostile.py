"""``/slack/actions`` under hostile input: a body beyond the limit is refused before it is read (or its
signature checked), and a proposal id beyond the id range is a 400, never a database error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.slack_payloads import block_actions, sign, view_submission
from fakes.slack_server import FakeSlack
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from afflow.wiring import http_app
from tests.slack.test_slack_approvals import APPROVER, settings
from workflows.http.limits import MAX_BODY_BYTES


@pytest.fixture
def client(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(http_app(engine=engine, settings=settings(fake_slack, tmp_path))) as test_client:
        yield test_client


def test_an_unsigned_body_beyond_the_limit_is_413_before_it_is_read(client: TestClient) -> None:
    declared = client.post("/slack/actions", content=b"payload=", headers={"content-length": str(150 * 1024 * 1024)})
    assert declared.status_code == 413

    def chunked() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"p" * 65536

    assert client.post("/slack/actions", content=chunked()).status_code == 413


def test_a_proposal_id_beyond_the_id_range_is_400(client: TestClient) -> None:
    for proposal_id in (10**20, 2**31):
        body = block_actions(user=APPROVER, action="approve", proposal_id=proposal_id, ts="1.2")
        response = client.post("/slack/actions", content=body, headers=sign(body))
        assert response.status_code == 400, response.text
    body = view_submission(user=APPROVER, proposal_id=10**20, ts="1.2", reason="not a fit")
    assert client.post("/slack/actions", content=body, headers=sign(body)).status_code == 400
