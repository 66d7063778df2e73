"""Edit, then approve, in Slack: on a seeded demo program whose tiering agent proposed tier bumps, a manager
clicks Edit on one (views.open with the click's trigger_id: a modal with the bump's rate), types a rate out of
bounds (answered ``response_action: errors`` on that field, nothing changed), then another rate (a
confirmation with the recomputed effect is pushed), confirms, and the rule set in force carries the edited
rate once; a second confirmation and a concurrent Approve click change nothing; the message says
"Approved by <@U0BOSS> with percent ... (proposed ...)"; the audit log names the Slack user for each step.
All through signed requests in Slack's documented payload shapes against the local Slack Web API server, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fakes.slack_payloads import CHANNEL, SECRET, block_actions, sign
from fakes.slack_server import TOKEN, FakeSlack
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from afflow.settings import Settings
from afflow.wiring import http_app
from agents.registry import agent_body
from agents.runs import run_agent
from store.audit import entries
from store.db import transaction
from store.models import Proposal
from store.rules import rule_sets_in_force
from tests.agents.config import agent_config
from tools import rule_changes
from tools.slack import SlackConfig, escape_mrkdwn
from workflows.approvals.posting import post_pending_proposals
from workflows.approvals.preview import effect_preview
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program

APPROVER, OTHER_APPROVER, STRANGER = "U0BOSS", "U0OTHERBOSS", "U0INTERN"
NOW = datetime.now(UTC)


def settings(fake_slack: FakeSlack, tmp_path: Path) -> Settings:
    return Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=fake_slack.url,
                    slack_approval_channel=CHANNEL, slack_approvers=f"{APPROVER}, {OTHER_APPROVER}", smtp_url=None,
                    output_dir=str(tmp_path / "out"), spool_dir=str(tmp_path / "spool"))  # fmt: skip


@pytest.fixture
def bump(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> dict[str, Any]:
    """A tier bump the tiering agent proposed on the seeded demo, posted to the approval channel."""
    files = generate_program(out_dir=tmp_path / "demo", partners=24, days=40, skus=40, seed=7,
                             end=NOW - timedelta(days=1))  # fmt: skip
    load_program(engine=engine, files=files)
    run_agent(agent="tiering", engine=engine, config=agent_config(), now=NOW,
              body=agent_body("tiering", output_dir=str(tmp_path / "out")))  # fmt: skip
    post_pending_proposals(engine=engine, slack=SlackConfig.from_settings(settings(fake_slack, tmp_path)))
    with transaction(engine) as session:
        first = session.scalars(select(Proposal).where(Proposal.kind == "tier_bump").order_by(Proposal.id)).first()
        assert first is not None and first.slack_ts is not None
        return {"id": first.id, "ts": first.slack_ts, "partner_id": first.partner_id, "payload": dict(first.payload)}


@pytest.fixture
def client(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(http_app(engine=engine, settings=settings(fake_slack, tmp_path))) as test_client:
        yield test_client


def submission(*, user: str, view: dict[str, Any], values: dict[str, str] | None = None) -> str:
    """A ``view_submission`` as Slack sends it for ``view`` (as we opened or pushed it), with typed values."""
    state = {block: {"value": {"type": "plain_text_input", "value": text}} for block, text in (values or {}).items()}
    payload = {
        "type": "view_submission", "team": {"id": "T0TEAM", "domain": "shop"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T0TEAM"},
        "api_app_id": "A0APP", "token": "verification-token", "trigger_id": "12466734323.1395872398",
        "view": {"id": "V0MODAL", "type": "modal", "callback_id": view["callback_id"],
                 "private_metadata": view["private_metadata"], "state": {"values": state}, "hash": "156772938.1"},
        "response_urls": [],
    }  # fmt: skip
    return urlencode({"payload": json.dumps(payload)})


def post(client: TestClient, body: str) -> Any:
    response = client.post("/slack/actions", content=body, headers=sign(body))
    assert response.status_code == 200, response.text
    return response.json() if response.content else None


def status(engine: Engine, proposal_id: int) -> str:
    with transaction(engine) as session:
        return session.get_one(Proposal, proposal_id).status


def versions(engine: Engine) -> int:
    with transaction(engine) as session:
        return len(rule_sets_in_force(session=session).versions)


def open_edit(client: TestClient, fake_slack: FakeSlack, bump: dict[str, Any], user: str = APPROVER) -> dict[str, Any]:
    post(client, block_actions(user=user, action="edit", proposal_id=bump["id"], ts=bump["ts"]))
    opened = fake_slack.called("views.open")[-1]
    assert opened.args["trigger_id"] == "13345224609.738474920.8088930838d88f008e0"
    view: dict[str, Any] = opened.args["view"]
    return view


def test_a_manager_edits_a_tier_bump_in_slack_and_the_edited_rate_is_applied_once(
    engine: Engine, client: TestClient, fake_slack: FakeSlack, bump: dict[str, Any]
) -> None:
    proposed, previous = Decimal(bump["payload"]["percent"]), Decimal(bump["payload"]["previous_percent"])
    target = proposed - 1
    buttons = next(b for b in fake_slack.messages[(CHANNEL, bump["ts"])]["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in buttons["elements"]] == ["approve", "edit", "reject"]

    modal = open_edit(client, fake_slack, bump)
    [rate] = [block for block in modal["blocks"] if block["type"] == "input"]
    assert (modal["callback_id"], rate["block_id"], rate["element"]["initial_value"]) == \
        ("edit_proposal", "percent", str(proposed))  # fmt: skip
    before = versions(engine)

    refused = post(client, submission(user=APPROVER, view=modal, values={"percent": "-1"}))
    assert refused["response_action"] == "errors" and "percent" in refused["errors"]["percent"]
    assert status(engine, bump["id"]) == "pending" and versions(engine) == before

    confirm = post(client, submission(user=APPROVER, view=modal, values={"percent": str(target)}))
    assert confirm["response_action"] == "push" and confirm["view"]["callback_id"] == "confirm_edit"
    shown = json.dumps(confirm["view"]["blocks"], ensure_ascii=False)
    assert f"percent {target} (proposed {proposed})" in shown and "per 30 days" in shown
    assert status(engine, bump["id"]) == "pending" and versions(engine) == before  # a preview decides nothing

    assert post(client, submission(user=APPROVER, view=confirm["view"])) == {"response_action": "clear"}
    again = post(client, submission(user=APPROVER, view=confirm["view"]))  # a double submit
    post(client, block_actions(user=OTHER_APPROVER, action="approve", proposal_id=bump["id"], ts=bump["ts"]))

    assert status(engine, bump["id"]) == "applied" and versions(engine) == before + 1
    assert again["response_action"] == "update" and "already applied" in json.dumps(again["view"])
    with transaction(engine) as session:
        body = rule_changes.current_rules(session=session, now=datetime.now(UTC))
        stored = session.get_one(Proposal, bump["id"])
        log = [(e.actor, e.action) for e in entries(session=session) if e.subject == f"proposal:{bump['id']}"]
    assert body.partner_overrides[bump["partner_id"]].plus_percent == target - previous
    assert rule_changes.effective_percent(body=body, partner_id=bump["partner_id"]) == target
    assert stored.approved_payload == {**bump["payload"], "percent": str(target)} and stored.decided_by == "slack:U0BOSS"
    assert log[0][0].startswith("agent:tiering:") and log[0][1] == "proposal_submitted"  # the agent proposed it
    assert log[1:] == [("slack:U0BOSS", "proposal_edited"), ("slack:U0BOSS", "proposal_approved")]
    message = json.dumps(fake_slack.messages[(CHANNEL, bump["ts"])]["blocks"], ensure_ascii=False)
    assert f"Approved by <@{APPROVER}> with percent {target} (proposed {proposed}) at" in message
    assert '"actions"' not in message


def test_a_confirmation_racing_an_approve_click_applies_once(
    engine: Engine, client: TestClient, fake_slack: FakeSlack, bump: dict[str, Any]
) -> None:
    modal = open_edit(client, fake_slack, bump)
    target = Decimal(bump["payload"]["percent"]) - 1
    confirm = post(client, submission(user=APPROVER, view=modal, values={"percent": str(target)}))["view"]
    before = versions(engine)
    bodies = [submission(user=APPROVER, view=confirm),
              block_actions(user=OTHER_APPROVER, action="approve", proposal_id=bump["id"], ts=bump["ts"])]  # fmt: skip
    threads = [threading.Thread(target=lambda b=body: post(client, b)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert status(engine, bump["id"]) == "applied" and versions(engine) == before + 1
    with transaction(engine) as session:
        stored = session.get_one(Proposal, bump["id"])
        body = rule_changes.current_rules(session=session, now=datetime.now(UTC))
    applied = Decimal((stored.approved_payload or {})["percent"])
    assert rule_changes.effective_percent(body=body, partner_id=bump["partner_id"]) == applied
    assert applied == (target if stored.decided_by == "slack:U0BOSS" else Decimal(bump["payload"]["percent"]))


def test_a_non_approver_cannot_edit_and_nothing_changes(
    engine: Engine, client: TestClient, fake_slack: FakeSlack, bump: dict[str, Any]
) -> None:
    modal = open_edit(client, fake_slack, bump, user=APPROVER)
    before = versions(engine)
    answer = post(client, submission(user=STRANGER, view=modal, values={"percent": "1"}))
    assert answer["response_action"] == "update" and "approvers" in json.dumps(answer["view"])
    confirm = post(client, submission(user=APPROVER, view=modal, values={"percent": "1"}))["view"]
    assert post(client, submission(user=STRANGER, view=confirm))["response_action"] == "update"
    assert status(engine, bump["id"]) == "pending" and versions(engine) == before


def test_the_posted_message_states_the_effect_preview_not_the_agents_estimate(
    engine: Engine, fake_slack: FakeSlack, bump: dict[str, Any]
) -> None:
    with transaction(engine) as session:
        preview = effect_preview(session=session, proposal=session.get_one(Proposal, bump["id"]))
    blocks = fake_slack.messages[(CHANNEL, bump["ts"])]["blocks"]
    assert blocks[0]["text"]["text"] == f"Tier bump — proposal #{bump['id']}"
    [stated] = [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b
                and b["text"]["text"].startswith("*Money effect*")]  # fmt: skip
    assert preview.money_cents < 0 and preview.money_text in stated  # what show / the portal / the Edit modal say
    assert all(escape_mrkdwn(line) in stated for line in preview.lines)
