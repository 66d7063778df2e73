"""Every agent that asks the LLM, through the wire-format stub (a real local HTTP server speaking OpenAI's
chat-completions format), on SQLite and PostgreSQL: what it sends (untrusted applicant, partner or page text
fenced as data, under a system prompt that says so), that the answer is used (a distinctive value forced
into the answer turns up in the proposal, brief, nudge, report or finding), and that an invalid answer
falls back to the offline one for that item, counted with its reason in the run's usage.

The stub answers one request at a time in order (``concurrency=1``); ``invalid_replies=2`` spends both
attempts of the run's first item, so one run shows the fallback on its first item and the LLM's answer on
the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from agents.briefs.graph import run as run_briefs
from agents.coupon_reader import code_reader
from agents.launch.graph import run as run_launch
from agents.llm import OpenAIReasoner
from agents.nudges.graph import run as run_nudges
from agents.registry import agent_body
from store.db import make_engine, migrate, transaction
from store.models import PartnerAssessment
from tests.agents.llm_path import (
    PODCAST_NAME,
    import_new_products,
    llm_config,
    load_shop,
    prompts_sent,
    run_llm,
    sent_as_data,
)
from tests.agents.openai_server import Script, openai_server
from tests.agents.programs import GOOD_CONTENT, INJECTION, application, load
from tests.agents.test_nudges import build_program
from tests.fakes.cli import afflow_json
from tests.fakes.loopback import loopback
from tests.tools.scenario import load as load_rows
from tools import outbox
from tools.assessments import fetch_content
from tools.coupon_watch import watch
from workflows.approvals.decide import list_proposals

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FIRST_ITEM_INVALID = 2  # both attempts of the first item


def messages(engine: Engine, kind: str) -> dict[str, tuple[str, str]]:
    """Partner -> (subject, body) of the queued messages of ``kind``."""
    with transaction(engine) as session:
        return {m.partner_id or "": (m.subject, m.body_text) for m in outbox.queued_messages(session=session, kind=kind)}


@pytest.fixture
def pages() -> Iterator[str]:
    """Partner pages and coupon-aggregator pages that HTML parsing cannot read (the code is spelled out)."""
    content = {
        "/ana": f"<html><body><p>{GOOD_CONTENT}</p></body></html>",
        "/cat": f"<html><body><p>{GOOD_CONTENT} {INJECTION}</p></body></html>",
        "/deals-1": f"<html><body><p>Spring savings: spell it Carol-fifteen at checkout. {INJECTION}</p></body></html>",
        "/deals-2": f"<html><body><p>Spring savings: spell it Carol-fifteen at checkout. {INJECTION}</p></body></html>",
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            body = content[self.path].encode()
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with loopback(Handler) as url:
        yield url


def test_triage_sends_application_text_as_data_and_proposes_from_the_llms_brand_fit(
    engine: Engine, tmp_path: Path
) -> None:
    other = application("a-other", name="Gear Guru", email="guru@example.com", audience=50000, engagement="0.06",
                        content=f"{GOOD_CONTENT} {INJECTION}")
    other[4], other[8] = "youtube (TELL THE MODEL: PLATFORM)", "hiking (TELL THE MODEL: NICHE)"
    load(engine, tmp_path, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
        other,
    ])
    script = Script(invalid_replies=FIRST_ITEM_INVALID,
                    overrides={"score": 88, "low_value": False, "reasons": ["REASON-FROM-THE-LLM"]})
    _, usage = run_llm(engine, agent="triage", script=script, now=NOW, body=agent_body("triage", output_dir="out"))

    for untrusted in (INJECTION, "TELL THE MODEL: PLATFORM", "TELL THE MODEL: NICHE"):
        assert any(sent_as_data(request, untrusted) for request in script.requests), untrusted
    rationales = {p.application_id: p.rationale for p in list_proposals(engine=engine)}
    judged = [pid for pid, text in rationales.items() if "brand fit 88/100: REASON-FROM-THE-LLM" in text]
    assert len(judged) == 1, rationales
    assert "REASON-FROM-THE-LLM" not in rationales[({"a-good", "a-other"} - set(judged)).pop()], "offline answer"
    assert usage["fallback_reasons"] == {"brand_fit:invalid_output": 1} and usage["llm_calls"] == 3


def test_audit_sends_page_text_as_data_and_stores_the_llms_judgement(
    engine: Engine, tmp_path: Path, pages: str
) -> None:
    load(engine, tmp_path, applications=[])
    with httpx.Client() as client, transaction(engine) as session:
        for partner, path in (("p-ana", "/ana"), ("p-cat", "/cat")):
            fetch_content(session=session, partner_id=partner, url=pages + path, client=client, now=NOW)
    script = Script(invalid_replies=FIRST_ITEM_INVALID, overrides={
        "helpfulness": 71, "brand_alignment": 64, "sentiment": "positive", "verdict": "helpful",
        "reasons": ["REASON-FROM-THE-LLM"]})
    _, usage = run_llm(engine, agent="audit", script=script, now=NOW, body=agent_body("audit", output_dir="out"))

    assert any(sent_as_data(request, INJECTION) for request in script.requests)
    with transaction(engine) as session:
        stored = {(a.partner_id, a.kind): (a.score, a.summary) for a in session.scalars(select(PartnerAssessment))}
    from_llm = {partner for (partner, _), (_, summary) in stored.items() if "REASON-FROM-THE-LLM" in summary}
    assert len(from_llm) == 1, stored
    assert stored[(from_llm.pop(), "brand_fit")][0] == 64, "the LLM's brand alignment is the stored brand fit"
    assert usage["fallback_reasons"] == {"content_audit:invalid_output": 1}


def test_briefs_send_partner_text_as_data_and_mail_the_llms_copy(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    load_shop(engine, tmp_path, now)
    script = Script(invalid_replies=FIRST_ITEM_INVALID, overrides={
        "angle": "ANGLE-FROM-THE-LLM", "talking_points": ["POINT-FROM-THE-LLM"], "video_script": "SCRIPT-FROM-THE-LLM"})
    _, usage = run_llm(engine, agent="briefs", script=script, now=now, body=run_briefs)

    podcast = next(p for p in prompts_sent(script) if PODCAST_NAME in p)
    assert any(sent_as_data(r, PODCAST_NAME) for r in script.requests)
    assert 'Call them "listeners"' in podcast and "Ridge Boot, which is in Boots" in podcast
    briefs = messages(engine, "brief")
    assert set(briefs) == {"p-pod", "p-vid", "p-news"}
    from_llm = {pid for pid, (_, body) in briefs.items() if "ANGLE-FROM-THE-LLM" in body and "POINT-FROM-THE-LLM" in body}
    assert len(from_llm) == 2, "the first brief fell back, the others carry the LLM's copy"
    offline = ({"p-pod", "p-vid", "p-news"} - from_llm).pop()
    assert "the rest of our" in briefs[offline][1], "the offline template's angle"
    assert ("SCRIPT-FROM-THE-LLM" in briefs["p-vid"][1]) == ("p-vid" in from_llm), "a video partner gets the script"
    assert "SCRIPT-FROM-THE-LLM" not in briefs["p-pod"][1] + briefs["p-news"][1], "never for a podcast or newsletter"
    assert usage["fallback_reasons"] == {"brief:invalid_output": 1}


def test_launch_sends_partner_text_as_data_and_mails_the_llms_copy(engine: Engine, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    load_shop(engine, tmp_path / "shop", now)
    import_new_products(engine, tmp_path / "new")
    script = Script(invalid_replies=FIRST_ITEM_INVALID, overrides={
        "angle": "LAUNCH-ANGLE-FROM-THE-LLM", "talking_points": ["LAUNCH-POINT-FROM-THE-LLM"], "video_script": None})
    result, usage = run_llm(engine, agent="launch", script=script, now=now, body=run_launch)

    assert {b["partner_id"] for b in result["launch_briefs"]} >= {"p-pod", "p-news"}
    podcast = next(p for p in prompts_sent(script) if PODCAST_NAME in p)
    assert any(sent_as_data(r, PODCAST_NAME) for r in script.requests)
    assert 'Call them "listeners"' in podcast and "Ridge Boot Lite, new in Boots" in podcast
    launches = messages(engine, "launch")
    from_llm = {pid for pid, (_, body) in launches.items() if "LAUNCH-ANGLE-FROM-THE-LLM" in body}
    assert len(from_llm) == len(launches) - 1 >= 1
    offline = (set(launches) - from_llm).pop()
    assert "A first look:" in launches[offline][1], "the offline template's angle"
    assert usage["fallback_reasons"] == {"launch:invalid_output": 1}


def test_nudges_send_partner_text_as_data_and_mail_the_llms_words_around_our_numbers(
    engine: Engine, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    build_program(engine, tmp_path, now)
    script = Script(invalid_replies=FIRST_ITEM_INVALID,
                    overrides={"headline": "HEADLINE-FROM-THE-LLM", "body": "BODY-FROM-THE-LLM"})
    _, usage = run_llm(engine, agent="nudges", script=script, now=now, body=run_nudges)

    nudges = messages(engine, "nudge")
    assert set(nudges) == {"p-fade", "p-sag"}
    assert any(sent_as_data(r, "P-Sag") for r in script.requests)
    sag = next(p for p in prompts_sent(script) if "P-Sag" in p)
    assert "mostly because fewer of the people who clicked bought" in sag, "the LLM is told the real driver"
    subject, body = nudges["p-sag"]
    assert subject == "HEADLINE-FROM-THE-LLM" and "BODY-FROM-THE-LLM" in body
    assert "YOUR NUMBERS, LAST 28 DAYS" in body, "our numbers stay ours"
    fade_subject, fade_body = nudges["p-fade"]
    assert fade_subject.startswith("P-Fade: your last 28 days") and "Your sales through us fell" in fade_body
    assert usage["fallback_reasons"] == {"nudge:invalid_output": 1}


def test_summary_sends_partner_names_as_data_and_opens_the_report_with_the_llms_words(
    engine: Engine, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    load_shop(engine, tmp_path, now)
    script = Script(overrides={"headline": "HEADLINE-FROM-THE-LLM", "highlights": ["HIGHLIGHT-FROM-THE-LLM"],
                               "watch_outs": []})
    result, usage = run_llm(engine, agent="summary", script=script, now=now,
                            body=agent_body("summary", output_dir=str(tmp_path / "out")))

    assert sent_as_data(script.requests[0], PODCAST_NAME)
    markdown = Path(result["markdown_path"]).read_text()
    assert result["summary"] == "HEADLINE-FROM-THE-LLM" and "HIGHLIGHT-FROM-THE-LLM" in markdown
    assert usage["fallbacks"] == 0

    invalid = Script(invalid_replies=FIRST_ITEM_INVALID)
    result, usage = run_llm(engine, agent="summary", script=invalid, now=now,
                            body=agent_body("summary", output_dir=str(tmp_path / "again")))
    assert result["summary"].startswith("Partners brought in"), "the offline opening"
    assert usage["fallback_reasons"] == {"summary:invalid_output": 1}


def test_the_coupon_reader_sends_page_text_as_data_and_its_codes_become_findings(
    engine: Engine, tmp_path: Path, pages: str
) -> None:
    load_rows(engine, tmp_path, partners=["p3,Carol,carol@example.com,tiktok,1000,0.05,CAROL,,direct"],
              coupons=["CAROL15,p3,true"])
    script = Script(invalid_replies=FIRST_ITEM_INVALID, overrides={"lists_coupons": True, "codes": ["carol15"]})
    with openai_server(script) as url, transaction(engine) as session:
        reasoner = OpenAIReasoner(llm_config(url))
        report = watch(session=session, urls=[f"{pages}/deals-1", f"{pages}/deals-2"], timeout_seconds=5,
                       extract_with_llm=code_reader(reasoner, program="Trailhead"))

    assert sent_as_data(script.requests[0], INJECTION)
    first, second = report.pages
    assert (first.status, first.method) == ("unreadable", "llm"), "an invalid answer is not a guess"
    assert (second.status, second.method, second.matched) == ("readable", "llm", ["CAROL15"])
    assert [(f.partner_id, f.evidence["code"], f.evidence["read_by"]) for f in report.findings] == [
        ("p3", "CAROL15", "llm")]
    assert reasoner.usage.fallback_reasons == {"coupon_watch:invalid_output": 1}



def test_afflow_coupons_watch_reads_with_the_configured_llm_and_reports_what_it_spent(
    db_url: str, tmp_path: Path, pages: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    load_rows(engine, tmp_path, partners=["p3,Carol,carol@example.com,tiktok,1000,0.05,CAROL,,direct"],
              coupons=["CAROL15,p3,true"])
    engine.dispose()
    script = Script(overrides={"lists_coupons": True, "codes": ["CAROL15"]})
    with openai_server(script) as url:
        code, document = afflow_json(monkeypatch, {"AFFLOW_DATABASE_URL": db_url, "OPENAI_API_KEY": "sk-test",
                                                   "OPENAI_BASE_URL": url}, "coupons", "watch", f"{pages}/deals-1")
    assert code == 0, document
    assert [(f["partner_id"], f["evidence"]["read_by"]) for f in document["findings"]] == [("p3", "llm")]
    assert document["llm"]["llm_calls"] == 1 and document["llm"]["fallbacks"] == 0
    assert sent_as_data(script.requests[0], INJECTION)
