"""The issue's "done when", on a small generated program with Slack pointed at the local Slack server and a
real SMTP server: the scheduled weekly job posts its proposals, the summary lands in the channel with its
chart, briefs reach the promoters; a signed Approve applies exactly once and a non-approver is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes.slack_payloads import CHANNEL, SECRET, block_actions, sign
from fakes.slack_server import TOKEN, FakeSlack
from fakes.smtp_server import Inbox
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from afflow.settings import Settings
from afflow.wiring import scheduler_jobs
from store.db import transaction
from store.models import Partner, Proposal
from workflows.approvals.slack_actions import slack_router_factory
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program

APPROVER, STRANGER, SUMMARY_CHANNEL = "U0BOSS", "U0INTERN", "C0EXEC"


def _last_monday_morning() -> datetime:
    """The weekly cycle's latest Monday 08:00 UTC: a manager decides within the 7 days before a proposal expires."""
    now = datetime.now(UTC)
    monday = now.replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=now.weekday())
    return monday if monday <= now else monday - timedelta(days=7)


MONDAY = _last_monday_morning()


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_weekly_cycle_through_slack_and_email(
    engine: Engine, fake_slack: FakeSlack, smtp_inbox: Inbox, tmp_path: Path
) -> None:
    files = generate_program(
        out_dir=tmp_path / "demo", partners=30, days=35, skus=40, seed=11, end=MONDAY - timedelta(days=1)
    )
    load_program(engine=engine, files=files)
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.url,
        slack_approval_channel=CHANNEL,
        slack_summary_channel=SUMMARY_CHANNEL,
        slack_approvers=APPROVER,
        smtp_url=smtp_inbox.url,
        output_dir=str(tmp_path / "out"),
        timezone="UTC",
        OPENAI_API_KEY=None,  # the offline reasoner, whatever the environment holds (the alias is what counts)
    )
    jobs = {spec.name: spec for spec in scheduler_jobs(engine=engine, settings=settings)}

    jobs["weekly_cycle"].target(MONDAY)

    with transaction(engine) as session:
        pending = list(session.scalars(select(Proposal).where(Proposal.status == "pending").order_by(Proposal.id)))
        emails = {email: partner_id for email, partner_id in session.execute(select(Partner.email, Partner.id))}
    assert pending, "the weekly cycle on this program should propose something"
    posted = [call for call in fake_slack.called("chat.postMessage") if call.args["channel"] == CHANNEL]
    assert sorted(
        int(block["block_id"].split(":")[1])
        for call in posted
        for block in call.args["blocks"]
        if block.get("block_id", "").startswith("proposal:")
    ) == [p.id for p in pending]
    assert all(p.slack_channel == CHANNEL and p.slack_ts for p in pending)

    (summary,) = [call for call in fake_slack.called("chat.postMessage") if call.args["channel"] == SUMMARY_CHANNEL]
    assert "weekly" in summary.args["text"].lower()
    uploads = fake_slack.called("upload")
    assert uploads and all(upload.raw.startswith(b"\x89PNG") for upload in uploads)
    assert {call.args["channel_id"] for call in fake_slack.called("files.completeUploadExternal")} == {SUMMARY_CHANNEL}

    briefed = {rcpt for rcpts, message in smtp_inbox.received for rcpt in rcpts if rcpt in emails}
    assert briefed, "briefs and nudges should reach promoters by email"

    router = slack_router_factory(engine, settings)
    assert router is not None
    app = FastAPI()
    app.include_router(router)
    target = pending[0]
    assert target.slack_ts is not None
    with TestClient(app) as client:
        refused = block_actions(user=STRANGER, action="approve", proposal_id=target.id, ts=target.slack_ts)
        client.post("/slack/actions", content=refused, headers=sign(refused))
        with transaction(engine) as session:
            assert session.get_one(Proposal, target.id).status == "pending"
        approve = block_actions(user=APPROVER, action="approve", proposal_id=target.id, ts=target.slack_ts)
        for _ in range(2):
            assert client.post("/slack/actions", content=approve, headers=sign(approve)).status_code == 200

    with transaction(engine) as session:
        decided = session.get_one(Proposal, target.id)
    assert decided.status == "applied" and decided.decided_by == f"slack:{APPROVER}"
    assert f"Approved by <@{APPROVER}>" in json.dumps(fake_slack.messages[(CHANNEL, target.slack_ts)]["blocks"])
    ephemerals = [(call.args["user"], call.args["text"]) for call in fake_slack.called("chat.postEphemeral")]
    assert ephemerals[0][0] == STRANGER and "only the program's approvers" in ephemerals[0][1]
    assert [user for user, _ in ephemerals[1:]] == [APPROVER]  # the double click: "already applied"
