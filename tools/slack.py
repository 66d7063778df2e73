"""Slack messaging over slack-sdk: proposals as Block Kit, decisions, refusals, DMs, the reject modal and files.

Everything is rendered from the jinja2 templates in ``prompts/slack/``; text that may come from partners or
applicants is escaped for mrkdwn so it can never become a mention, a link or a broadcast. This module only
talks to Slack: it never decides a proposal and never reads settings (callers pass token and URL).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import SecretStr
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from store.models import Proposal

_SECTION_LIMIT = 2900


class SlackDeliveryError(Exception):
    """A Slack call failed; ``retryable`` says whether trying again later can help."""

    def __init__(self, message: str, *, error: str, retryable: bool, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.error = error
        self.retryable = retryable
        self.retry_after = retry_after


# Slack errors that no retry can fix: the recipient, the token or the payload is wrong.
_PERMANENT = frozenset(
    {
        "channel_not_found",
        "user_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "missing_scope",
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        "cannot_dm_bot",
        "user_disabled",
        "invalid_arguments",
        "message_not_found",
        "cant_update_message",
    }
)


def escape_mrkdwn(value: object) -> str:
    """Slack's three control characters, escaped as its docs require; neutralises <!channel>, <@U..>, links."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_to_mrkdwn(markdown: str) -> str:
    """Our Markdown reports in Slack's dialect: headings and **bold** become *bold*; links keep their text."""
    text = escape_mrkdwn(markdown)
    text = re.sub(r"^#{1,6}\s*(.+)$", r"*\1*", text, flags=re.MULTILINE)
    text = re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)
    return re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"<\2|\1>", text)


def chunk_text(text: str, limit: int = _SECTION_LIMIT) -> list[str]:
    """Split on line boundaries into pieces a section block accepts (a single long line is cut)."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > limit:
            chunks.append(line[:limit])
            line = line[limit:]
        if current and len(current) + len(line) + 1 > limit:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current.strip():
        chunks.append(current)
    return chunks


def _bullets(values: dict[str, Any]) -> str:
    lines = []
    for key, value in values.items():
        shown = value if isinstance(value, str | int | float) else json.dumps(value, default=str)
        lines.append(f"• {escape_mrkdwn(str(key).replace('_', ' '))}: {escape_mrkdwn(shown)}")
    return "\n".join(lines)


_templates = Environment(
    loader=PackageLoader("prompts", "slack"), undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
)
_templates.filters["mrkdwn"] = escape_mrkdwn
_templates.filters["bullets"] = _bullets


def render_text(template: str, **values: Any) -> str:
    return _templates.get_template(template).render(**values).strip()


def render_json(template: str, **values: Any) -> Any:
    return json.loads(_templates.get_template(template).render(**values))


def actor_mention(actor: str) -> str:
    """How a decider is shown: a Slack mention for ``slack:<user id>`` actors, escaped text otherwise."""
    if actor.startswith("slack:") and re.fullmatch(r"[UW][A-Z0-9]+", actor[6:]):
        return f"<@{actor[6:]}>"
    return escape_mrkdwn(actor)


@dataclass(frozen=True)
class Decision:
    """A decision as shown on the message; ``actor`` is the stored decider (``slack:U123`` or a CLI user)."""

    approved: bool
    actor: str
    decided_at: datetime
    reason: str | None = None
    expired: bool = False
    edits: str | None = None  # how the approver edited it, e.g. "percent 9 (proposed 10)"


def decision_of(proposal: Proposal) -> Decision | None:
    """What the proposal's message should say now; None while it is still pending."""
    if proposal.status == "pending" or proposal.decided_at is None:
        return None
    return Decision(
        approved=proposal.status in ("approved", "applied"),
        actor=proposal.decided_by or "unknown",
        decided_at=proposal.decided_at,
        reason=proposal.decision_reason,
        expired=proposal.status == "expired",
    )


def proposal_blocks(
    proposal: Proposal, decision: Decision | None = None, *, editable: bool = False, kind_label: str | None = None,
    effect: str | None = None,
) -> list[dict[str, Any]]:
    """The proposal's message: Approve / Reject (and Edit, where the kind has editable fields) buttons while
    pending, who decided, when and with which edits afterwards. ``kind_label`` is how a manager names the kind
    and ``effect`` its money effect as the caller priced it (both from agents.approval's kind registry)."""
    decision_text = (
        render_text(
            "decision.txt.j2",
            approved=decision.approved,
            actor=actor_mention(decision.actor),
            decided_at=decision.decided_at.isoformat(timespec="seconds"),
            reason=decision.reason,
            expired=decision.expired,
            edits=decision.edits,
        )
        if decision
        else ""
    )
    blocks: list[dict[str, Any]] = render_json(
        "proposal.json.j2",
        p=proposal,
        kind_label=kind_label or proposal.kind.replace("_", " ").capitalize(),
        effect=effect,
        decision=decision_text,
        editable=editable,
        created=proposal.created_at.strftime("%Y-%m-%d %H:%M UTC") if proposal.created_at else "—",
    )
    return blocks


def proposal_fallback_text(proposal: Proposal) -> str:
    return f"Proposal #{proposal.id} ({proposal.kind}): {escape_mrkdwn(proposal.summary)}"[:3000]


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str


class SlackClient:
    """The Slack Web API calls afflow makes, each translating failures into ``SlackDeliveryError``."""

    def __init__(self, *, token: str, base_url: str, timeout: int = 10) -> None:
        self.web = WebClient(token=token, base_url=base_url, timeout=timeout)

    def post_message(self, *, channel: str, text: str, blocks: list[dict[str, Any]] | None = None) -> Posted:
        data = self._call("chat_postMessage", channel=channel, text=text, blocks=blocks, unfurl_links=False)
        return Posted(channel=str(data["channel"]), ts=str(data["ts"]))

    def update_message(self, *, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]) -> None:
        self._call("chat_update", channel=channel, ts=ts, text=text, blocks=blocks)

    def post_ephemeral(self, *, channel: str, user: str, text: str) -> None:
        self._call("chat_postEphemeral", channel=channel, user=user, text=text)

    def open_dm(self, *, user: str) -> str:
        data = self._call("conversations_open", users=user)
        return str(data["channel"]["id"])

    def send_dm(self, *, user: str, text: str, blocks: list[dict[str, Any]] | None = None) -> Posted:
        return self.post_message(channel=self.open_dm(user=user), text=text, blocks=blocks)

    def open_view(self, *, trigger_id: str, view: dict[str, Any]) -> None:
        self._call("views_open", trigger_id=trigger_id, view=view)

    def upload_file(
        self, *, channel: str, filename: str, content: bytes, title: str, thread_ts: str | None = None
    ) -> str:
        """files.getUploadURLExternal, the upload, then files.completeUploadExternal sharing it in ``channel``."""
        data = self._call(
            "files_upload_v2", channel=channel, filename=filename, content=content, title=title, thread_ts=thread_ts
        )
        return str(data["files"][0]["id"])

    def post_proposal(self, *, channel: str, proposal: Proposal, editable: bool = False, kind_label: str | None = None,
                      effect: str | None = None) -> Posted:  # fmt: skip
        blocks = proposal_blocks(proposal, editable=editable, kind_label=kind_label, effect=effect)
        return self.post_message(channel=channel, text=proposal_fallback_text(proposal), blocks=blocks)

    def mark_decided(
        self, *, channel: str, ts: str, proposal: Proposal, decision: Decision, kind_label: str | None = None
    ) -> None:
        verdict = "expired" if decision.expired else "approved" if decision.approved else "rejected"
        self.update_message(
            channel=channel,
            ts=ts,
            text=f"Proposal #{proposal.id} {verdict} by {actor_mention(decision.actor)}",
            blocks=proposal_blocks(proposal, decision, kind_label=kind_label),
        )

    def open_reject_modal(self, *, trigger_id: str, proposal: Proposal, channel: str, ts: str) -> None:
        metadata = json.dumps({"proposal_id": proposal.id, "channel": channel, "ts": ts})
        self.open_view(trigger_id=trigger_id, view=render_json("reject_modal.json.j2", p=proposal, metadata=metadata))

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = getattr(self.web, method)(**{k: v for k, v in kwargs.items() if v is not None})
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            retry_after = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
            raise SlackDeliveryError(
                f"Slack {method} failed: {error}",
                error=error,
                retryable=error not in _PERMANENT,
                retry_after=int(retry_after) if retry_after and str(retry_after).isdigit() else None,
            ) from exc
        except (SlackClientError, OSError) as exc:
            raise SlackDeliveryError(f"Slack {method} failed: {exc}", error="transport", retryable=True) from exc
        data: dict[str, Any] = dict(response.data) if isinstance(response.data, dict) else {}
        return data


class SlackSettingsSource(Protocol):
    """What ``SlackConfig.from_settings`` reads: afflow's ``Settings`` satisfies it."""

    slack_bot_token: SecretStr | None
    slack_signing_secret: SecretStr | None
    slack_approval_channel: str | None
    slack_api_url: str

    @property
    def approver_ids(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class SlackConfig:
    token: str
    signing_secret: str
    api_url: str
    approval_channel: str | None
    approvers: frozenset[str]

    @classmethod
    def from_settings(cls, settings: SlackSettingsSource) -> SlackConfig | None:
        """None when Slack is not configured (no bot token): callers fall back to the inbox and email."""
        if settings.slack_bot_token is None or not settings.slack_bot_token.get_secret_value():
            return None
        secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
        return cls(
            token=settings.slack_bot_token.get_secret_value(),
            signing_secret=secret,
            api_url=settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/",
            approval_channel=settings.slack_approval_channel or None,
            approvers=settings.approver_ids,
        )

    def client(self) -> SlackClient:
        return SlackClient(token=self.token, base_url=self.api_url)
