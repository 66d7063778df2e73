"""A real ``afflow serve`` process with Slack pointed at the local Slack server: its scheduler posts the waiting
proposal, a signed Approve over HTTP applies it once and updates the message, and SIGTERM stops it cleanly."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fakes.slack_payloads import CHANNEL, SECRET, block_actions, sign
from fakes.slack_server import TOKEN, FakeSlack
from fakes.smtp_server import free_port
from sqlalchemy import Engine

from store.db import transaction
from store.models import Partner, Proposal


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


# One backend keeps the suite fast: the same routes and jobs run on PostgreSQL in the other Slack and scheduler tests.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_serve_posts_proposals_takes_a_signed_approval_and_stops_cleanly(
    engine: Engine, db_url: str, fake_slack: FakeSlack, waiting_proposal: int, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "AFFLOW_DATABASE_URL": db_url,
        "AFFLOW_PORT": str(port),
        "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
        "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"),
        "AFFLOW_SLACK_BOT_TOKEN": TOKEN,
        "AFFLOW_SLACK_SIGNING_SECRET": SECRET,
        "AFFLOW_SLACK_API_URL": fake_slack.url,
        "AFFLOW_SLACK_APPROVAL_CHANNEL": CHANNEL,
        "AFFLOW_SLACK_APPROVERS": "U0BOSS",
    }
    afflow = shutil.which("afflow")
    assert afflow is not None
    server = subprocess.Popen(
        [afflow, "serve"], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_for(lambda: bool(fake_slack.called("chat.postMessage")), seconds=60, what="the proposal in Slack")
        (post,) = fake_slack.called("chat.postMessage")
        ts = next(key[1] for key in fake_slack.messages if key[0] == CHANNEL)
        assert post.args["channel"] == CHANNEL

        body = block_actions(user="U0BOSS", action="approve", proposal_id=waiting_proposal, ts=ts)
        url = f"http://127.0.0.1:{port}/slack/actions"
        wait_for(lambda: _up(port), seconds=30, what="the HTTP server")
        answers = [httpx.post(url, content=body, headers=sign(body), timeout=30).status_code for _ in range(2)]
        wait_for(lambda: bool(fake_slack.called("chat.update")), seconds=30, what="the message update")
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=30)

    assert answers == [200, 200]
    with transaction(engine) as session:
        assert session.get_one(Proposal, waiting_proposal).status == "applied"
        assert session.get_one(Partner, "p9").status == "offboarded"
    updated = json.dumps(fake_slack.messages[(CHANNEL, ts)]["blocks"])
    assert "Approved by <@U0BOSS>" in updated and '"actions"' not in updated
    assert server.returncode == 0, stderr
    assert "Slack configured at" in stderr and "scheduler stopped" in stderr


def _up(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
