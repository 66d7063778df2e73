"""Outbox delivery throughput against a local SMTP server and the local Slack Web API server.

Prints messages/s for ``deliver_outbox`` and, measured in the same process, for the bare transport it
wraps (one ``smtplib`` connection per email; ``WebClient`` conversations.open + chat.postMessage per DM):
the ratio is the cost of claiming, recording and retry bookkeeping. Usage: ``python bench/delivery.py [N]``.
"""

from __future__ import annotations

import smtplib
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from slack_sdk import WebClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the local fake servers
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # before tests/, whose folders share our names

from fakes.slack_server import TOKEN, start_fake_slack
from fakes.smtp_server import Inbox, free_port

from afflow.settings import Settings
from store.db import make_engine, migrate, transaction
from tools.outbox import queue_message
from workflows.delivery.outbox import DeliveryConfig, deliver_outbox


def bare_email(port: int, count: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "p@shop.example", f"b{number}@example.com", "Brief"
        message.set_content("text")
        message.add_alternative("<p>html</p>", subtype="html")
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.send_message(message)
    return time.perf_counter() - started


def bare_slack(url: str, count: int) -> float:
    client = WebClient(token=TOKEN, base_url=url)
    started = time.perf_counter()
    for number in range(count):
        channel = client.conversations_open(users=f"U{number:06d}")["channel"]["id"]
        client.chat_postMessage(
            channel=channel, text="Brief", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}]
        )
    return time.perf_counter() - started


def via_outbox(url: str, config: DeliveryConfig, count: int, channel: str) -> float:
    engine = make_engine(url)
    migrate(engine)
    with transaction(engine) as session:
        for number in range(count):
            recipient = f"b{number}@example.com" if channel == "email" else f"U{number:06d}"
            queue_message(
                session=session,
                dedupe_key=f"{channel}:{number}",
                channel=channel,
                recipient=recipient,
                kind="brief",
                subject="Brief",
                body_text="text",
                body_html="<p>html</p>",
            )
    started = time.perf_counter()
    report = deliver_outbox(engine=engine, config=config, now=datetime.now(UTC), limit=count)
    elapsed = time.perf_counter() - started
    assert report.sent == count, report
    engine.dispose()
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    slack, server = start_fake_slack()
    with tempfile.TemporaryDirectory() as tmp:
        mail = DeliveryConfig.from_settings(Settings(smtp_url=inbox.url, slack_bot_token=None, output_dir=tmp))
        dms = DeliveryConfig.from_settings(
            Settings(smtp_url=None, slack_bot_token=TOKEN, slack_api_url=slack.url, output_dir=tmp)
        )
        rows = [
            ("email", bare_email(inbox.port, count), via_outbox(f"sqlite:///{tmp}/mail.db", mail, count, "email")),
            ("slack DM", bare_slack(slack.url, count), via_outbox(f"sqlite:///{tmp}/slack.db", dms, count, "slack")),
        ]
    controller.stop()
    server.shutdown()
    print(f"{count} messages per channel, SQLite store, loopback servers")
    for name, bare, ours in rows:
        print(f"{name:9} bare {count / bare:7.1f} msg/s   outbox {count / ours:7.1f} msg/s   ratio {bare / ours:.2f}")


if __name__ == "__main__":
    main()
