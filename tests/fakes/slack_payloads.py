"""Slack interaction requests as Slack sends them: documented ``block_actions`` / ``view_submission`` payloads in
the ``payload`` form field, signed with the v0 scheme (HMAC-SHA256 of ``v0:{timestamp}:{body}``)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = "C0APPROVALS"


def sign(body: str, *, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def block_actions(*, user: str, action: str, proposal_id: int, ts: str) -> str:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": CHANNEL, "is_ephemeral": False},
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "team": {"id": "T0TEAM", "domain": "shop"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": CHANNEL, "name": "affiliate-approvals"},
        "message": {"type": "message", "ts": ts, "text": "Proposal", "bot_id": "B0BOT", "user": "U0BOT"},
        "state": {"values": {}},
        "response_url": "https://hooks.slack.com/actions/T0TEAM/1/abc",
        "actions": [
            {
                "action_id": action,
                "block_id": f"proposal:{proposal_id}",
                "text": {"type": "plain_text", "text": action.capitalize(), "emoji": True},
                "value": str(proposal_id),
                "type": "button",
                "action_ts": "1700000010.000200",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def view_submission(*, user: str, proposal_id: int, ts: str, reason: str) -> str:
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM", "domain": "shop"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "verification-token",
        "trigger_id": "12466734323.1395872398",
        "view": {
            "id": "V0MODAL",
            "type": "modal",
            "callback_id": "reject_proposal",
            "private_metadata": json.dumps({"proposal_id": proposal_id, "channel": CHANNEL, "ts": ts}),
            "state": {"values": {"reason": {"reason": {"type": "plain_text_input", "value": reason}}}},
            "hash": "156772938.1827394",
        },
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)})
