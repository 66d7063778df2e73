"""Delivering the outbox (Slack DMs and channel posts, email, files) and posting new proposals to Slack.

No duplicates: a message is claimed with a lease (``workflows.delivery.lease``: one conditional UPDATE)
before anything is sent, so two replicas or two overlapping runs never send it twice; a multi-step delivery
records its progress in ``delivered_ref`` so a retry finishes it instead of reposting. Failures retry with
the lease module's exponential backoff (Slack's ``Retry-After`` wins when larger) up to ``MAX_ATTEMPTS``;
permanent failures (unknown user, refused recipient) fail at once.

Without Slack settings, proposals stay in the approval inbox (``afflow approvals``) and Slack messages to
partners go by email; what no configured channel can carry stays queued in the outbox.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from store.db import transaction
from store.models import OutboxAttachment, OutboxMessage, Partner
from tools.chart_image import charts_from_html
from tools.slack import (
    SlackConfig,
    SlackDeliveryError,
    SlackSettingsSource,
    chunk_text,
    markdown_to_mrkdwn,
    render_json,
)
from workflows.approvals.posting import post_pending_proposals, sync_decided_messages
from workflows.delivery.lease import backoff, claim, due
from workflows.delivery.mailer import Attachment, MailError, SmtpTarget, send_email

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
PROMOTER_DM_KINDS = frozenset({"brief", "nudge", "launch"})  # sent as Slack DMs to partners with a Slack id
MANAGERS = "managers"  # the symbolic recipient of manager reports (the weekly summary)
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")


class DeliverySettingsSource(SlackSettingsSource, Protocol):
    smtp_url: str | None
    output_dir: str
    slack_summary_channel: str | None
    manager_emails: str


@dataclass(frozen=True)
class DeliveryConfig:
    slack: SlackConfig | None
    smtp: SmtpTarget | None
    output_dir: Path
    summary_channel: str | None = None
    manager_emails: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: DeliverySettingsSource) -> DeliveryConfig:
        return cls(
            slack=SlackConfig.from_settings(settings),
            smtp=SmtpTarget.parse(settings.smtp_url) if settings.smtp_url else None,
            output_dir=Path(settings.output_dir),
            summary_channel=settings.slack_summary_channel or None,
            manager_emails=tuple(part.strip() for part in settings.manager_emails.split(",") if part.strip()),
        )

    def describe(self) -> str:
        """The one log line that says where proposals and messages will go."""
        email = f"email via {self.smtp.host}:{self.smtp.port}" if self.smtp else "no email (AFFLOW_SMTP_URL unset)"
        if self.slack is None:
            return (
                "Slack is not configured (AFFLOW_SLACK_BOT_TOKEN unset): proposals wait in the approval inbox "
                f"(`afflow approvals list`), Slack messages fall back to email; {email}; undeliverable messages stay "
                "in the outbox"
            )
        channel = self.slack.approval_channel or "no approval channel (AFFLOW_SLACK_APPROVAL_CHANNEL unset)"
        return f"Slack configured at {self.slack.api_url}: proposals to {channel}; {email}"


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    waiting: int = 0
    proposals_posted: int = 0
    messages_synced: int = 0
    errors: list[str] = field(default_factory=list)


class _NotDeliverable(Exception):
    """No configured channel can carry this message now: it stays queued."""


class _Permanent(Exception):
    pass


def attach_file(
    *, session: Session, dedupe_key: str, filename: str, content: bytes, content_type: str = "image/png"
) -> None:
    """Attach a file (the weekly summary's chart) to the queued message ``dedupe_key``, once per filename."""
    message_id = session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
    if message_id is None:
        raise ValueError(f"no outbox message {dedupe_key!r} to attach {filename} to")
    exists = select(OutboxAttachment.id).where(
        OutboxAttachment.message_id == message_id, OutboxAttachment.filename == filename
    )
    if session.scalar(exists) is None:
        session.add(
            OutboxAttachment(message_id=message_id, filename=filename, content_type=content_type, content=content)
        )
        session.flush()


def run_delivery(*, engine: Engine, config: DeliveryConfig, now: datetime | None = None) -> DeliveryReport:
    """One delivery pass (the scheduler runs it every minute): the outbox, new proposals to Slack, then the
    Slack messages of proposals decided elsewhere."""
    report = deliver_outbox(engine=engine, config=config, now=now)
    report.proposals_posted = post_pending_proposals(engine=engine, slack=config.slack)
    report.messages_synced = sync_decided_messages(engine=engine, slack=config.slack)
    return report


def deliver_outbox(
    *, engine: Engine, config: DeliveryConfig, now: datetime | None = None, limit: int = 200
) -> DeliveryReport:
    now = now or datetime.now(UTC)
    report = DeliveryReport()
    with transaction(engine) as session:
        query = select(OutboxMessage.id).where(due(OutboxMessage, now)).order_by(OutboxMessage.id).limit(limit)
        ids = list(session.scalars(query))
    for message_id in ids:
        claimed = _claim(engine=engine, message_id=message_id, now=now)
        if claimed is not None:
            _deliver_claimed(engine=engine, config=config, claimed=claimed, now=now, report=report)
    if report.waiting:
        log.info("%d outbox message(s) wait for a channel: %s", report.waiting, config.describe())
    return report


@dataclass(frozen=True)
class _Claimed:
    message: OutboxMessage
    attachments: list[Attachment]
    partner_email: str | None
    partner_slack: str | None


def _claim(*, engine: Engine, message_id: int, now: datetime) -> _Claimed | None:
    """Claim the message (a lease) and read what sending it needs, in one transaction."""
    with transaction(engine) as session:
        if not claim(session=session, outbox=OutboxMessage, ids=[message_id], now=now):
            return None
        message = session.get_one(OutboxMessage, message_id)
        attachments = [
            Attachment(a.filename, a.content_type, a.content)
            for a in session.scalars(select(OutboxAttachment).where(OutboxAttachment.message_id == message_id))
        ]
        partner = session.execute(
            select(Partner.email, Partner.slack_user_id).where(Partner.id == message.partner_id)
        ).first()
    email, slack_user = (partner[0], partner[1]) if partner else (None, None)
    return _Claimed(message, attachments, email, slack_user)


def _deliver_claimed(
    *, engine: Engine, config: DeliveryConfig, claimed: _Claimed, now: datetime, report: DeliveryReport
) -> None:
    message, message_id = claimed.message, claimed.message.id
    outcome: dict[str, object]
    try:
        ref = _send(
            engine=engine,
            config=config,
            message=message,
            attachments=claimed.attachments,
            partner_email=claimed.partner_email,
            partner_slack=claimed.partner_slack,
        )
        outcome = {"status": "sent", "sent_at": now, "next_attempt_at": None, "last_error": None, "delivered_ref": ref}
        report.sent += 1
    except _NotDeliverable as exc:
        outcome = {"status": "queued", "attempts": message.attempts - 1, "next_attempt_at": now + timedelta(hours=1)}
        outcome["last_error"] = str(exc)
        report.waiting += 1
    except (SlackDeliveryError, MailError, _Permanent, OSError) as exc:
        retryable = getattr(exc, "retryable", isinstance(exc, OSError))
        retry_after = getattr(exc, "retry_after", None)
        report.errors.append(f"message {message_id}: {exc}")
        if retryable and message.attempts < MAX_ATTEMPTS:
            outcome = {"status": "queued", "next_attempt_at": now + backoff(message.attempts, retry_after)}
            report.retrying += 1
        else:
            outcome = {"status": "failed", "next_attempt_at": None}
            report.failed += 1
            log.warning("outbox message %s failed for good after %d attempt(s): %s", message_id, message.attempts, exc)
        outcome["last_error"] = str(exc)[:2000]
    with transaction(engine) as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(**outcome))


def _send(
    *,
    engine: Engine,
    config: DeliveryConfig,
    message: OutboxMessage,
    attachments: list[Attachment],
    partner_email: str | None,
    partner_slack: str | None,
) -> str:
    if message.recipient == MANAGERS:
        return _send_to_managers(engine=engine, config=config, message=message, attachments=attachments)
    if partner_slack and config.slack is not None and message.kind in PROMOTER_DM_KINDS:
        return _send_slack(
            engine=engine, slack=config.slack, message=message, target=partner_slack, attachments=attachments
        )
    if message.channel == "slack" and config.slack is not None and "@" not in message.recipient:
        target = message.recipient or config.slack.approval_channel
        return _send_slack(engine=engine, slack=config.slack, message=message, target=target, attachments=attachments)
    if message.channel == "slack" and "@" not in message.recipient and not (partner_email and config.smtp):
        raise _NotDeliverable("Slack is not configured and there is no partner email to fall back to")
    if message.channel in ("slack", "email"):
        if config.smtp is None:
            raise _NotDeliverable("AFFLOW_SMTP_URL is not configured")
        to = message.recipient if "@" in message.recipient else partner_email
        if not to or "@" not in to:
            raise _Permanent(f"no email address for message {message.id} (recipient {message.recipient!r})")
        return _email(config.smtp, message, to=to, attachments=attachments)
    if message.channel == "file":
        return "file:" + str(_write_files(config.output_dir, message, attachments))
    raise _Permanent(f"unknown outbox channel {message.channel!r}")


def _send_to_managers(
    *, engine: Engine, config: DeliveryConfig, message: OutboxMessage, attachments: list[Attachment]
) -> str:
    """The managers' reports (the weekly summary): to the summary channel in Slack with the charts as images,
    else by email to ``AFFLOW_MANAGER_EMAILS``. Charts come from attachments or the HTML's inline SVGs."""
    charts = attachments or [
        Attachment(chart.filename, "image/png", chart.png) for chart in charts_from_html(message.body_html or "")
    ]
    if config.slack is not None:
        target = config.summary_channel or config.slack.approval_channel
        return _send_slack(engine=engine, slack=config.slack, message=message, target=target, attachments=charts)
    if config.smtp is not None and config.manager_emails:
        return _email(config.smtp, message, to=", ".join(config.manager_emails), attachments=charts)
    raise _NotDeliverable("manager reports need Slack or AFFLOW_SMTP_URL with AFFLOW_MANAGER_EMAILS")


def _email(smtp: SmtpTarget, message: OutboxMessage, *, to: str, attachments: list[Attachment]) -> str:
    subject = message.subject or message.kind.capitalize()
    html = message.body_html
    return "email:" + send_email(
        target=smtp, to=to, subject=subject, text=message.body_text, html=html, attachments=attachments
    )


def _send_slack(
    *, engine: Engine, slack: SlackConfig, message: OutboxMessage, target: str | None, attachments: list[Attachment]
) -> str:
    """A DM when the target is a user id, else a channel post; attachments (the summary's charts) are
    uploaded into the same conversation after the text, which is recorded first so a retry never reposts it."""
    client = slack.client()
    ref = message.delivered_ref
    if ref is None:
        if not target:
            raise _Permanent("no Slack recipient and no AFFLOW_SLACK_APPROVAL_CHANNEL")
        title = message.subject or message.kind.capitalize()
        blocks = render_json(
            "summary.json.j2", title=title, chunks=chunk_text(markdown_to_mrkdwn(message.body_text))[:45]
        )
        if _SLACK_USER.fullmatch(target):
            posted = client.send_dm(user=target, text=title, blocks=blocks)
        else:
            posted = client.post_message(channel=target, text=title, blocks=blocks)
        ref = f"slack:{posted.channel}:{posted.ts}"
        if attachments:  # a later step can fail: record the text as delivered so a retry does not repost it
            with transaction(engine) as session:
                session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id).values(delivered_ref=ref))
    channel = ref.split(":")[1]
    for attachment in attachments:
        client.upload_file(
            channel=channel, filename=attachment.filename, content=attachment.content, title=attachment.filename
        )
    return ref


def _write_files(output_dir: Path, message: OutboxMessage, attachments: list[Attachment]) -> Path:
    folder = output_dir / "outbox"
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{message.id:06d}-{message.kind}"
    stem.with_suffix(".txt").write_text(f"To: {message.recipient}\nSubject: {message.subject}\n\n{message.body_text}\n")
    if message.body_html:
        stem.with_suffix(".html").write_text(message.body_html)
    for attachment in attachments:
        (folder / f"{message.id:06d}-{Path(attachment.filename).name}").write_bytes(attachment.content)
    return stem.with_suffix(".txt")
