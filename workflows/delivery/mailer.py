"""Email over SMTP at ``AFFLOW_SMTP_URL``: one message with a text part, an HTML part and attachments.

URL forms: ``smtp://[user[:password]@]host[:port][?from=addr&starttls=1]`` (port 25 by default; STARTTLS
when ``starttls=1``) and ``smtps://...`` (implicit TLS, port 465). The sender is ``from`` or
``afflow@<host>``. Failures are classified so the outbox knows whether retrying can help: 5xx answers
and refused recipients are permanent, connection problems and 4xx answers are not.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit


class MailError(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    username: str | None
    password: str | None
    sender: str

    @classmethod
    def parse(cls, url: str) -> SmtpTarget:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"AFFLOW_SMTP_URL must look like smtp://host:port or smtps://host, not {url!r}")
        query = parse_qs(parts.query)
        implicit_tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if implicit_tls else 25),
            implicit_tls=implicit_tls,
            starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            sender=query.get("from", [f"afflow@{parts.hostname}"])[0],
        )


def build_message(
    *, sender: str, to: str, subject: str, text: str, html: str | None, attachments: list[Attachment]
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype or "octet-stream", filename=attachment.filename
        )
    return message


def send_email(
    *,
    target: SmtpTarget,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[Attachment] | None = None,
    timeout: float = 20.0,
) -> str:
    """Send one email; returns its Message-ID."""
    message = build_message(
        sender=target.sender, to=to, subject=subject, text=text, html=html, attachments=attachments or []
    )
    try:
        smtp: smtplib.SMTP
        if target.implicit_tls:
            smtp = smtplib.SMTP_SSL(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(target.host, target.port, timeout=timeout)
        with smtp:
            if target.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if target.username:
                smtp.login(target.username, target.password or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"SMTP refused recipient {to}: {exc.recipients}", retryable=False) from exc
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"SMTP error {exc.smtp_code}: {exc.smtp_error!r}", retryable=exc.smtp_code < 500) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"SMTP delivery to {target.host}:{target.port} failed: {exc}", retryable=True) from exc
    return str(message["Message-ID"])
