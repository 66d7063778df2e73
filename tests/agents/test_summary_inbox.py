"""The weekly report tells people about money received and not booked: events that failed to book (how many,
the oldest, why, grouped) and refunds parked longer than the return window, with the command that lists
them; offline and through the LLM path (the facts reach the prompt, fenced where they quote events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from agents.registry import agent_body
from agents.runs import run_agent
from prompts import UNTRUSTED_CLOSE, UNTRUSTED_OPEN
from store.db import transaction
from tests.agents.config import agent_config
from tests.agents.llm_path import load_shop, run_llm
from tests.agents.openai_server import Script
from tests.fakes.cli import afflow_json
from tests.tools.scenario import load
from workflows.booking.events import RefundEvent
from workflows.booking.ingest import enqueue, process_pending

# the report runs 40 days after the events arrive: a refund parked since then is past the 30-day window
LATER = timedelta(days=40)


def report_time() -> datetime:
    return (datetime.now(UTC) + LATER + timedelta(minutes=5)).replace(microsecond=0)


def refund(refund_id: str, order_id: str, amount_cents: int, at: datetime) -> RefundEvent:
    return RefundEvent(refund_id=refund_id, order_id=order_id, ts=at, amount_cents=amount_cents)


def send_to_inbox(engine: Engine, *events: RefundEvent) -> None:
    """Through the queue a webhook fills, booked by the worker's own call."""
    with transaction(engine) as session:
        enqueue(session=session, source="csv", events=list(events))
    with transaction(engine) as session:
        process_pending(session=session)


def program_with_unbooked_events(engine: Engine, directory: Path, now: datetime) -> None:
    load_shop(engine, directory, now)  # orders o-POD-n 120.00, o-ANA-n 300.00, o-NEWS-n 40.00 (source csv)
    # two refunds above what their orders hold fail (the same reason), a good one after them books
    send_to_inbox(engine, refund("r-big-1", "o-POD-0", 50_000, now - timedelta(days=1)),
                  refund("r-big-2", "o-ANA-1", 90_000, now - timedelta(days=1)),
                  refund("r-ok", "o-NEWS-0", 1_000, now - timedelta(days=1)))  # fmt: skip
    # a refund whose order never comes, an order in a currency with no exchange rate: parked, 40 days before
    load(engine, directory / "late", refunds=[f"r-lost,o-never,{(now - LATER).isoformat()},,15.00"],
         orders=[f"o-eur,{(now - LATER).isoformat()},c-eur,,POD,,EUR,BOOT-1,1,120.00"])  # fmt: skip


def section(markdown: str) -> str:
    return markdown.split("## Orders and refunds not booked", 1)[1].split("\n## ", 1)[0]


def test_weekly_report_lists_failed_events_and_refunds_parked_past_the_return_window(
    engine: Engine, tmp_path: Path
) -> None:
    now = report_time()
    program_with_unbooked_events(engine, tmp_path, now)
    result, _ = run_agent(agent="summary", engine=engine, now=now, config=agent_config(),
                          body=agent_body("summary", output_dir=str(tmp_path / "out")))  # fmt: skip

    markdown = Path(result["markdown_path"]).read_text()
    html = Path(result["html_path"]).read_text()
    text = section(markdown)
    assert "**2 failed to book** (oldest received " in text and "40 days ago" in text
    assert "- 2 × refund … of … USD exceeds the … USD still refundable on order … (the order) (e.g. event " in text
    assert "`afflow inbox list --status failed`" in text and "`afflow inbox retry ID`" in text
    assert "**1 refund parked longer than the 30-day return window**" in text
    assert "`afflow inbox list --status parked`" in text
    assert "**1 order parked longer than the 30-day return window**" in text
    assert "- 1 × no EUR rate for …; import fx_rates (e.g. event " in text
    watch = markdown.split("**Watch out**", 1)[1].split("\n## ", 1)[0]
    assert "2 orders or refunds failed to book" in watch and "1 refund has waited over 30 days" in watch
    assert "2 failed to book</strong>" in html and "<code>afflow inbox list --status parked</code>" in html
    inbox = result["facts"]["inbox"]
    assert (inbox["failed"], inbox["parked_overdue"], inbox["parked_orders_overdue"], inbox["return_days"]) == (
        2, 1, 1, 30)  # fmt: skip


def test_a_refund_parked_within_the_return_window_is_not_called_out(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = report_time()
    load_shop(engine, tmp_path, now)
    load(engine, tmp_path / "late", refunds=[f"r-lost,o-never,{now.isoformat()},,15.00"])  # parked, 40 days old
    env = {"AFFLOW_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    code, _ = afflow_json(monkeypatch, env, "program", "set", "--return-days", "60")  # longer than it has waited
    assert code == 0
    result, _ = run_agent(agent="summary", engine=engine, now=now, config=agent_config(),
                          body=agent_body("summary", output_dir=str(tmp_path / "out")))  # fmt: skip
    text = section(Path(result["markdown_path"]).read_text())
    assert "Every order and refund received was booked." in text
    assert "parked" not in text and "failed" not in text


def test_the_llm_is_told_about_unbooked_events_and_the_report_keeps_the_section(engine: Engine, tmp_path: Path) -> None:
    now = report_time()
    program_with_unbooked_events(engine, tmp_path, now)
    script = Script(overrides={"headline": "HEADLINE-FROM-THE-LLM", "highlights": ["HIGHLIGHT-FROM-THE-LLM"],
                               "watch_outs": ["WATCH-FROM-THE-LLM"]})  # fmt: skip
    result, usage = run_llm(engine, agent="summary", script=script, now=now,
                            body=agent_body("summary", output_dir=str(tmp_path / "out")))  # fmt: skip

    prompt = script.requests[0]["messages"][1]["content"]
    assert "2 failed to book (oldest received " in prompt
    assert "1 refunds parked longer than the 30-day return window" in prompt and "1 orders parked as long" in prompt
    reasons = prompt.split("Why they failed (count | reason):", 1)[1]
    fenced = reasons.split(UNTRUSTED_OPEN, 1)[1].split(UNTRUSTED_CLOSE, 1)[0]
    assert "2 | refund … of … USD exceeds the … USD still refundable on order … (the order)" in fenced
    markdown = Path(result["markdown_path"]).read_text()
    assert "WATCH-FROM-THE-LLM" in markdown and usage["fallbacks"] == 0
    assert "**2 failed to book**" in section(markdown)
