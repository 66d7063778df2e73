"""Outbox delivery against the local Slack Web API server and a real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes.slack_server import TOKEN, FakeSlack
from fakes.smtp_server import Inbox, free_port
from sqlalchemy import Engine, select

from afflow.settings import Settings
from store.db import transaction
from store.models import OutboxMessage
from tools.outbox import queue_message
from workflows.delivery.outbox import MAX_ATTEMPTS, DeliveryConfig, attach_file, deliver_outbox
from workflows.importing.importer import import_csv

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
CHART = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def config(
    tmp_path: Path, *, slack: FakeSlack | None = None, smtp_url: str | None = None, **more: Any
) -> DeliveryConfig:
    values: dict[str, Any] = {"smtp_url": smtp_url, "output_dir": str(tmp_path / "out"), "slack_bot_token": None}
    values |= {"slack_summary_channel": None, "manager_emails": ""} | more
    if slack is not None:
        values |= {"slack_bot_token": TOKEN, "slack_api_url": slack.url, "slack_approval_channel": "C0APPROVALS"}
    return DeliveryConfig.from_settings(Settings(**values))


def queue(engine: Engine, key: str, **fields: Any) -> None:
    defaults: dict[str, Any] = {"channel": "email", "recipient": "ana@example.com", "kind": "brief"}
    defaults |= {"subject": "Your brief", "body_text": "# Push SKU-1\n**Angle**: comfort", "body_html": None}
    with transaction(engine) as session:
        queue_message(session=session, dedupe_key=key, **(defaults | fields))


def message(engine: Engine, key: str) -> OutboxMessage:
    with transaction(engine) as session:
        found = session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
        assert found is not None
        return found


def import_partner(engine: Engine, tmp_path: Path) -> None:
    csv = tmp_path / "partners.csv"
    csv.write_text(
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
        "p1,Ana Lima,ana@example.com,https://youtube.com/@ana,12000,0.05,ANA,\n"
    )
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=csv)


def test_queueing_a_dedupe_key_again_reports_it_skipped_and_changes_nothing(engine: Engine) -> None:
    fields: dict[str, Any] = {"channel": "email", "recipient": "ana@example.com", "kind": "brief", "body_text": "v1"}
    with transaction(engine) as session:
        first = queue_message(session=session, dedupe_key="brief:p1:w10", subject="Your brief", **fields)
    with transaction(engine) as session:
        again = queue_message(session=session, dedupe_key="brief:p1:w10", subject="Changed", **fields)
    assert (first, again) == (True, False)
    assert message(engine, "brief:p1:w10").subject == "Your brief"


def test_email_goes_out_once_with_text_and_html_parts(engine: Engine, smtp_inbox: Inbox, tmp_path: Path) -> None:
    queue(engine, "brief:p1:w10", body_html="<h1>Push SKU-1</h1>")
    report = deliver_outbox(engine=engine, config=config(tmp_path, smtp_url=smtp_inbox.url), now=NOW)
    again = deliver_outbox(
        engine=engine, config=config(tmp_path, smtp_url=smtp_inbox.url), now=NOW + timedelta(hours=1)
    )

    assert (report.sent, again.sent) == (1, 0)
    ((recipients, email),) = smtp_inbox.received
    assert recipients == ["ana@example.com"]
    assert email["From"] == "program@shop.example" and email["Subject"] == "Your brief"
    assert email.get_content_type() == "multipart/alternative"
    assert "Push SKU-1" in email.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "<h1>Push SKU-1</h1>" in email.get_body(("html",)).get_content()  # type: ignore[union-attr]
    sent = message(engine, "brief:p1:w10")
    assert sent.status == "sent" and sent.sent_at == NOW and sent.delivered_ref.startswith("email:<")  # type: ignore[union-attr]


def test_slack_message_to_a_user_is_a_direct_message(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> None:
    queue(engine, "nudge:p1", channel="slack", recipient="U0PROMOTER", kind="nudge", subject="This week")

    report = deliver_outbox(engine=engine, config=config(tmp_path, slack=fake_slack), now=NOW)

    assert report.sent == 1
    assert [call.args["users"] for call in fake_slack.called("conversations.open")] == ["U0PROMOTER"]
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == "D0PROMOTER"
    assert post.args["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "This week"}}
    assert post.args["blocks"][1]["text"]["text"] == "*Push SKU-1*\n*Angle*: comfort"
    _, channel, ts = (message(engine, "nudge:p1").delivered_ref or "").split(":")
    assert (channel, ts) in fake_slack.messages and channel == "D0PROMOTER"


def test_summary_reaches_the_channel_with_its_chart(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> None:
    queue(engine, "summary:w10", channel="slack", recipient="C0EXEC", kind="summary", subject="Weekly summary")
    with transaction(engine) as session:
        attach_file(session=session, dedupe_key="summary:w10", filename="revenue.png", content=CHART)

    report = deliver_outbox(engine=engine, config=config(tmp_path, slack=fake_slack), now=NOW)

    assert report.sent == 1
    assert [call.args["channel"] for call in fake_slack.called("chat.postMessage")] == ["C0EXEC"]
    (upload,) = fake_slack.called("upload")
    assert upload.raw == CHART
    (complete,) = fake_slack.called("files.completeUploadExternal")
    assert complete.args["channel_id"] == "C0EXEC"
    assert fake_slack.uploads[upload.args["file_id"]] == CHART


def test_a_failed_chart_upload_is_retried_later_without_reposting_the_text(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    queue(engine, "summary:w11", channel="slack", recipient="C0EXEC", kind="summary")
    with transaction(engine) as session:
        attach_file(session=session, dedupe_key="summary:w11", filename="revenue.png", content=CHART)
    fake_slack.fail_next("files.getUploadURLExternal", status=429)
    slack = config(tmp_path, slack=fake_slack)

    first = deliver_outbox(engine=engine, config=slack, now=NOW)
    too_early = deliver_outbox(engine=engine, config=slack, now=NOW + timedelta(seconds=30))
    later = deliver_outbox(engine=engine, config=slack, now=NOW + timedelta(minutes=2))

    assert (first.retrying, too_early.sent, later.sent) == (1, 0, 1)
    assert len(fake_slack.called("chat.postMessage")) == 1
    assert len(fake_slack.called("files.completeUploadExternal")) == 1
    assert message(engine, "summary:w11").attempts == 2


def test_unreachable_smtp_backs_off_exponentially_then_fails(engine: Engine, tmp_path: Path) -> None:
    queue(engine, "brief:p2")
    down = config(tmp_path, smtp_url=f"smtp://127.0.0.1:{free_port()}")
    delays = []
    now = NOW
    for _ in range(MAX_ATTEMPTS):
        deliver_outbox(engine=engine, config=down, now=now)
        queued = message(engine, "brief:p2")
        if queued.next_attempt_at is None:
            break
        delays.append(queued.next_attempt_at - now)
        now = queued.next_attempt_at

    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    final = message(engine, "brief:p2")
    assert (final.status, final.attempts) == ("failed", MAX_ATTEMPTS)
    assert "127.0.0.1" in (final.last_error or "")


def test_unknown_slack_user_fails_at_once(engine: Engine, fake_slack: FakeSlack, tmp_path: Path) -> None:
    queue(engine, "nudge:gone", channel="slack", recipient="U0GONE", kind="nudge")
    fake_slack.fail_next("conversations.open", error="user_not_found")

    report = deliver_outbox(engine=engine, config=config(tmp_path, slack=fake_slack), now=NOW)

    assert report.failed == 1
    assert message(engine, "nudge:gone").status == "failed"
    assert fake_slack.called("chat.postMessage") == []


def test_concurrent_delivery_runs_send_each_message_once(engine: Engine, smtp_inbox: Inbox, tmp_path: Path) -> None:
    for number in range(12):
        queue(engine, f"brief:{number}", recipient=f"p{number}@example.com")
    mail = config(tmp_path, smtp_url=smtp_inbox.url)
    runs = [
        threading.Thread(target=deliver_outbox, kwargs={"engine": engine, "config": mail, "now": NOW}) for _ in range(3)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()

    recipients = sorted(rcpt for rcpts, _ in smtp_inbox.received for rcpt in rcpts)
    assert recipients == sorted(f"p{number}@example.com" for number in range(12))


def test_without_slack_partner_messages_fall_back_to_email(
    engine: Engine, smtp_inbox: Inbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import_partner(engine, tmp_path)
    queue(engine, "brief:p1:slack", channel="slack", recipient="U0ANA", partner_id="p1")
    queue(engine, "summary:nowhere", channel="slack", recipient="C0EXEC", kind="summary")

    with caplog.at_level(logging.INFO, logger="workflows.delivery.outbox"):
        report = deliver_outbox(engine=engine, config=config(tmp_path, smtp_url=smtp_inbox.url), now=NOW)

    assert (report.sent, report.waiting) == (1, 1)
    assert [rcpts for rcpts, _ in smtp_inbox.received] == [["ana@example.com"]]
    waiting = message(engine, "summary:nowhere")
    assert (waiting.status, waiting.attempts) == ("queued", 0)
    assert "Slack is not configured (AFFLOW_SLACK_BOT_TOKEN unset)" in caplog.text


def test_file_channel_writes_the_message_and_its_attachments(engine: Engine, tmp_path: Path) -> None:
    queue(engine, "summary:file", channel="file", recipient="exec", kind="summary", body_html="<p>report</p>")
    with transaction(engine) as session:
        attach_file(session=session, dedupe_key="summary:file", filename="chart.png", content=CHART)

    deliver_outbox(engine=engine, config=config(tmp_path), now=NOW)

    written = sorted(path.name for path in (tmp_path / "out" / "outbox").iterdir())
    assert written == ["000001-chart.png", "000001-summary.html", "000001-summary.txt"]
    assert (tmp_path / "out" / "outbox" / "000001-chart.png").read_bytes() == CHART


SUMMARY_HTML = """<h1>Weekly report</h1>
<svg width="520" height="80" role="img" aria-label="Revenue by sub-network, this week vs last week">
<text x="0" y="17" font-size="12">direct</text>
<rect x="90" y="4" width="300" height="8" fill="#c7d2fe"/><rect x="90" y="13" width="250" height="10" fill="#4f46e5"/>
<text x="346" y="22" font-size="11">12,345.00</text></svg>"""


def queue_summary(engine: Engine) -> None:
    """The weekly summary as the summary agent queues it: for the managers, Markdown + HTML with an SVG chart."""
    queue(
        engine,
        "summary:2026-03-01",
        recipient="managers",
        kind="summary",
        subject="Weekly affiliate report",
        body_text="# Weekly report\nRevenue **12,345.00** (+4.0%)",
        body_html=SUMMARY_HTML,
    )


def test_the_weekly_summary_lands_in_the_summary_channel_with_its_chart_as_png(
    engine: Engine, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    queue_summary(engine)

    report = deliver_outbox(
        engine=engine, config=config(tmp_path, slack=fake_slack, slack_summary_channel="C0EXEC"), now=NOW
    )

    assert report.sent == 1
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == "C0EXEC" and "*12,345.00*" in json.dumps(post.args["blocks"])
    (start,) = fake_slack.called("files.getUploadURLExternal")
    assert start.args["filename"] == "revenue-by-sub-network-this-week-vs-last-week.png"
    (upload,) = fake_slack.called("upload")
    assert upload.raw.startswith(b"\x89PNG\r\n\x1a\n") and len(upload.raw) > 1000
    assert fake_slack.called("files.completeUploadExternal")[0].args["channel_id"] == "C0EXEC"


def test_without_slack_the_weekly_summary_is_emailed_to_the_managers_with_the_chart(
    engine: Engine, smtp_inbox: Inbox, tmp_path: Path
) -> None:
    queue_summary(engine)
    mail = config(tmp_path, smtp_url=smtp_inbox.url, manager_emails="cmo@shop.example, aff@shop.example")

    assert deliver_outbox(engine=engine, config=mail, now=NOW).sent == 1

    ((recipients, email),) = smtp_inbox.received
    assert sorted(recipients) == ["aff@shop.example", "cmo@shop.example"]
    (chart,) = list(email.iter_attachments())
    assert chart.get_content_type() == "image/png" and chart.get_content().startswith(b"\x89PNG")
    assert "<svg" in email.get_body(("html",)).get_content()  # type: ignore[union-attr]


def test_briefs_go_as_slack_dms_to_partners_with_a_slack_id_and_by_email_to_the_others(
    engine: Engine, fake_slack: FakeSlack, smtp_inbox: Inbox, tmp_path: Path
) -> None:
    csv = tmp_path / "partners.csv"
    csv.write_text(
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code,slack_user_id\n"
        "p1,Ana Lima,ana@example.com,https://youtube.com/@ana,12000,0.05,ANA,,U0ANA\n"
        "p2,Bo Chen,bo@example.com,https://bo.example,9000,0.04,BO,,\n"
    )
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=csv)
    queue(engine, "brief:p1", recipient="ana@example.com", partner_id="p1", subject="Your March brief")
    queue(engine, "brief:p2", recipient="bo@example.com", partner_id="p2", subject="Your March brief")
    queue(engine, "welcome:p1", recipient="ana@example.com", partner_id="p1", kind="welcome", subject="Welcome")

    both = config(tmp_path, slack=fake_slack, smtp_url=smtp_inbox.url)
    assert deliver_outbox(engine=engine, config=both, now=NOW).sent == 3

    assert [call.args["users"] for call in fake_slack.called("conversations.open")] == ["U0ANA"]
    (dm,) = fake_slack.called("chat.postMessage")
    assert dm.args["channel"] == "D0ANA" and dm.args["text"] == "Your March brief"
    by_email = sorted((rcpts[0], email["Subject"]) for rcpts, email in smtp_inbox.received)
    assert by_email == [("ana@example.com", "Welcome"), ("bo@example.com", "Your March brief")]
