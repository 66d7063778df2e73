"""Slack approvals end to end: a proposal posted through the local Slack server, decided by signed
``block_actions`` / ``view_submission`` payloads in Slack's documented shape, through the real approval loop."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fakes.slack_payloads import CHANNEL, SECRET, block_actions, sign, view_submission
from fakes.slack_server import TOKEN, FakeSlack
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from afflow.settings import Settings
from afflow.wiring import http_app
from store.db import transaction
from store.models import OutboxMessage, Partner, Proposal
from tools.slack import SlackConfig
from workflows.approvals.decide import decide, expire_stale
from workflows.approvals.posting import post_pending_proposals
from workflows.delivery.outbox import DeliveryConfig, run_delivery

APPROVER, STRANGER = "U0BOSS", "U0INTERN"


def settings(fake_slack: FakeSlack, tmp_path: Path) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.url,
        slack_approval_channel=CHANNEL,
        slack_approvers=f"{APPROVER}, U0OTHERBOSS",
        smtp_url=None,
        output_dir=str(tmp_path / "out"),
        spool_dir=str(tmp_path / "spool"),
    )


@pytest.fixture
def client(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[TestClient]:
    """``afflow serve``'s app, composed by ``afflow.wiring`` from these settings (Slack configured)."""
    with TestClient(http_app(engine=engine, settings=settings(fake_slack, tmp_path))) as test_client:
        yield test_client


@pytest.fixture
def posted(engine: Engine, fake_slack: FakeSlack, tmp_path: Path, waiting_proposal: int) -> tuple[int, str]:
    """The waiting offboarding proposal, posted to the approval channel by the delivery pass."""
    proposal_id = waiting_proposal
    assert post_pending_proposals(engine=engine, slack=SlackConfig.from_settings(settings(fake_slack, tmp_path))) == 1
    with transaction(engine) as session:
        ts = session.get_one(Proposal, proposal_id).slack_ts
    assert ts is not None
    return proposal_id, ts


def proposal(engine: Engine, proposal_id: int) -> Proposal:
    with transaction(engine) as session:
        return session.get_one(Proposal, proposal_id)


def offboard_letters(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(
            session.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "offboard")) or 0
        )


def test_proposal_is_posted_as_block_kit_with_escaped_untrusted_text(
    posted: tuple[int, str], fake_slack: FakeSlack
) -> None:
    proposal_id, ts = posted
    blocks = fake_slack.messages[(CHANNEL, ts)]["blocks"]
    actions = next(block for block in blocks if block["type"] == "actions")
    assert actions["block_id"] == f"proposal:{proposal_id}"
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        ("approve", str(proposal_id)),
        ("reject", str(proposal_id)),
    ]
    text = json.dumps(blocks)
    assert "&lt;!channel&gt; cookie stuffing" in text and "<!channel>" not in text
    assert "clicks per order: 312" in text and "commission saved: 1240.00" in text


def test_signed_approve_from_an_approver_applies_once_and_updates_the_message(
    engine: Engine, client: TestClient, posted: tuple[int, str], fake_slack: FakeSlack
) -> None:
    proposal_id, ts = posted
    body = block_actions(user=APPROVER, action="approve", proposal_id=proposal_id, ts=ts)

    first = client.post("/slack/actions", content=body, headers=sign(body))
    double_click = client.post("/slack/actions", content=body, headers=sign(body))
    slack_retry = client.post("/slack/actions", content=body, headers={**sign(body), "X-Slack-Retry-Num": "1"})

    assert [r.status_code for r in (first, double_click, slack_retry)] == [200, 200, 200]
    decided = proposal(engine, proposal_id)
    assert (decided.status, decided.decided_by) == ("applied", f"slack:{APPROVER}")
    with transaction(engine) as session:
        assert session.get_one(Partner, "p9").status == "offboarded"
    assert offboard_letters(engine) == 1
    message = fake_slack.messages[(CHANNEL, ts)]
    assert not any(block["type"] == "actions" for block in message["blocks"])
    assert f"Approved by <@{APPROVER}> at {decided.decided_at.isoformat(timespec='seconds')}" in json.dumps(  # type: ignore[union-attr]
        message["blocks"], ensure_ascii=False
    )
    ephemerals = [call.args["text"] for call in fake_slack.called("chat.postEphemeral")]
    assert len(ephemerals) == 2 and all("already applied" in text for text in ephemerals)


def test_a_non_approver_is_refused_and_nothing_changes(
    engine: Engine, client: TestClient, posted: tuple[int, str], fake_slack: FakeSlack
) -> None:
    proposal_id, ts = posted
    before = fake_slack.messages[(CHANNEL, ts)]
    body = block_actions(user=STRANGER, action="approve", proposal_id=proposal_id, ts=ts)

    response = client.post("/slack/actions", content=body, headers=sign(body))

    assert response.status_code == 200
    assert proposal(engine, proposal_id).status == "pending"
    (refusal,) = fake_slack.called("chat.postEphemeral")
    assert refusal.args["user"] == STRANGER and refusal.args["channel"] == CHANNEL
    assert "only the program's approvers" in refusal.args["text"]
    assert fake_slack.messages[(CHANNEL, ts)] == before and fake_slack.called("chat.update") == []


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda body: sign(body, secret="wrong-secret"), id="forged"),
        pytest.param(lambda body: sign(body, timestamp=int(time.time()) - 301), id="older-than-5-minutes"),
        pytest.param(lambda body: {"Content-Type": "application/x-www-form-urlencoded"}, id="unsigned"),
    ],
)
def test_unsigned_forged_or_replayed_requests_get_401_and_change_nothing(
    engine: Engine, client: TestClient, posted: tuple[int, str], fake_slack: FakeSlack, headers: Any
) -> None:
    proposal_id, ts = posted
    body = block_actions(user=APPROVER, action="approve", proposal_id=proposal_id, ts=ts)

    response = client.post("/slack/actions", content=body, headers=headers(body))

    assert response.status_code == 401
    assert proposal(engine, proposal_id).status == "pending"
    assert fake_slack.called("chat.update") == [] and fake_slack.called("chat.postEphemeral") == []


def test_reject_asks_for_a_reason_in_a_modal_and_records_it(
    engine: Engine, client: TestClient, posted: tuple[int, str], fake_slack: FakeSlack
) -> None:
    proposal_id, ts = posted
    click = block_actions(user=APPROVER, action="reject", proposal_id=proposal_id, ts=ts)
    assert client.post("/slack/actions", content=click, headers=sign(click)).status_code == 200
    (opened,) = fake_slack.called("views.open")
    assert opened.args["trigger_id"] == "13345224609.738474920.8088930838d88f008e0"
    assert json.loads(opened.args["view"]["private_metadata"]) == {
        "proposal_id": proposal_id,
        "channel": CHANNEL,
        "ts": ts,
    }
    assert proposal(engine, proposal_id).status == "pending"

    blank = view_submission(user=APPROVER, proposal_id=proposal_id, ts=ts, reason="  ")
    refused = client.post("/slack/actions", content=blank, headers=sign(blank))
    submit = view_submission(user=APPROVER, proposal_id=proposal_id, ts=ts, reason="Seasonal spike, not fraud")
    accepted = client.post("/slack/actions", content=submit, headers=sign(submit))

    assert refused.json()["response_action"] == "errors" and "reason" in refused.json()["errors"]
    assert accepted.status_code == 200
    rejected = proposal(engine, proposal_id)
    assert (rejected.status, rejected.decision_reason) == ("rejected", "Seasonal spike, not fraud")
    with transaction(engine) as session:
        assert session.get_one(Partner, "p9").status == "active"
    assert "reason: Seasonal spike, not fraud" in json.dumps(fake_slack.messages[(CHANNEL, ts)]["blocks"])


def test_a_non_approver_cannot_reject_through_the_modal(
    engine: Engine, client: TestClient, posted: tuple[int, str]
) -> None:
    proposal_id, ts = posted
    submit = view_submission(user=STRANGER, proposal_id=proposal_id, ts=ts, reason="I do not like it")

    response = client.post("/slack/actions", content=submit, headers=sign(submit))

    assert response.json()["response_action"] == "errors"
    assert proposal(engine, proposal_id).status == "pending"


def test_simultaneous_clicks_by_two_approvers_apply_once(
    engine: Engine, client: TestClient, posted: tuple[int, str], fake_slack: FakeSlack
) -> None:
    proposal_id, ts = posted
    bodies = [
        block_actions(user=user, action="approve", proposal_id=proposal_id, ts=ts) for user in (APPROVER, "U0OTHERBOSS")
    ]
    statuses: list[int] = []
    threads = [
        threading.Thread(
            target=lambda b=body: statuses.append(client.post("/slack/actions", content=b, headers=sign(b)).status_code)
        )
        for body in bodies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    assert proposal(engine, proposal_id).status == "applied"
    assert offboard_letters(engine) == 1
    (loser,) = fake_slack.called("chat.postEphemeral")
    assert "already applied" in loser.args["text"] or "already approved" in loser.args["text"]


def test_a_malformed_payload_gets_400(client: TestClient, posted: tuple[int, str]) -> None:
    for body in ("payload=%7Bnot-json", "nothing=here", urlencode({"payload": json.dumps({"type": "block_actions"})})):
        response = client.post("/slack/actions", content=body, headers=sign(body))
        assert response.status_code == 400, body


def test_decisions_made_outside_slack_update_the_message_on_the_next_delivery_pass(
    engine: Engine, posted: tuple[int, str], fake_slack: FakeSlack, tmp_path: Path
) -> None:
    proposal_id, _ = posted
    delivery = DeliveryConfig.from_settings(settings(fake_slack, tmp_path))
    decide(engine=engine, proposal_id=proposal_id, approve=False, actor="maria", reason="Not during the sale",
           public_url="http://127.0.0.1")

    first = run_delivery(engine=engine, config=delivery)
    second = run_delivery(engine=engine, config=delivery)

    assert (first.messages_synced, second.messages_synced) == (1, 0)
    (update,) = fake_slack.called("chat.update")
    text = json.dumps(update.args["blocks"], ensure_ascii=False)
    assert "❌ Rejected by maria" in text and "Not during the sale" in text and '"actions"' not in text


def test_an_expired_proposal_loses_its_buttons(
    engine: Engine, posted: tuple[int, str], fake_slack: FakeSlack, tmp_path: Path
) -> None:
    proposal_id, ts = posted
    expire_stale(engine=engine, now=datetime.now(UTC) + timedelta(days=8))

    run_delivery(engine=engine, config=DeliveryConfig.from_settings(settings(fake_slack, tmp_path)))

    blocks = json.dumps(fake_slack.messages[(CHANNEL, ts)]["blocks"], ensure_ascii=False)
    assert "⌛ Expired" in blocks and '"actions"' not in blocks
    assert proposal(engine, proposal_id).slack_status == "expired"
