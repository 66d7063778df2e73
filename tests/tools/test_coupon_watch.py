"""Coupon-site watch against a real local HTTP server serving saved aggregator-style pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings
from store.db import make_engine, migrate, transaction
from tests.fakes.loopback import loopback
from tests.tools.scenario import load
from tools.coupon_watch import watch

PAGES = Path(__file__).parent / "pages"
PARTNERS = [
    "p1,Alice,alice@example.com,blog,1000,0.05,ALICE,ALICE10,direct",
    "p2,Bob,bob@example.com,youtube,1000,0.05,BOB,BOB20,direct",
    "p3,Carol,carol@example.com,tiktok,1000,0.05,CAROL,,direct",
]
COUPONS = ["CAROL15,p3,true"]


class _Pages(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def do_GET(self) -> None:
        _Pages.user_agents.append(self.headers.get("User-Agent", ""))
        page = PAGES / f"{self.path.strip('/')}.html"
        if not page.is_file():
            self.send_error(404)
            return
        body = page.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with loopback(_Pages) as url:
        yield url


@pytest.fixture
def program(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path, partners=PARTNERS, coupons=COUPONS)
    return engine


def test_published_exclusive_codes_become_leakage_findings(program: Engine, site: str) -> None:
    urls = [f"{site}/leaked", f"{site}/clean", f"{site}/rendered_by_script", f"{site}/gone"]
    with transaction(program) as session:
        report = watch(session=session, urls=urls, timeout_seconds=5)
    leaked, clean, scripted, gone = report.pages
    assert leaked.status == "readable" and leaked.matched == ["ALICE10", "CAROL15"]
    assert "NOTACODE1" not in leaked.codes  # script contents are not page text
    assert clean.status == "readable" and clean.matched == []
    assert set(clean.codes) == {"COOK25", "PANS5OFF", "FREESHIP"}
    assert scripted.status == "unreadable" and scripted.codes == []  # no LLM configured: not guessed
    assert gone.status == "error" and "404" in (gone.error or "")
    found = {(f.partner_id, f.evidence["code"], f.evidence["url"]) for f in report.findings}
    assert found == {("p1", "ALICE10", f"{site}/leaked"), ("p3", "CAROL15", f"{site}/leaked")}
    assert all(f.signal == "coupon_leakage" and f.evidence["seen_at"] for f in report.findings)
    assert _Pages.user_agents and all(ua.startswith("afflow-coupon-watch/") for ua in _Pages.user_agents)


def test_pages_parsing_cannot_read_go_to_the_llm_reader_when_one_is_given(program: Engine, site: str) -> None:
    asked: list[str] = []

    def reader(url: str, text: str) -> list[str] | None:
        asked.append(url)
        return ["bob20"] if "enable JavaScript" in text else None

    with transaction(program) as session:
        report = watch(
            session=session,
            urls=[f"{site}/leaked", f"{site}/rendered_by_script"],
            timeout_seconds=5,
            extract_with_llm=reader,
        )
    assert asked == [f"{site}/rendered_by_script"]  # the parsable page never reaches the LLM
    assert report.pages[1].method == "llm" and report.pages[1].matched == ["BOB20"]
    assert ("p2", "BOB20") in {(f.partner_id, f.evidence["code"]) for f in report.findings}


def test_cli_reports_pages_and_findings_as_one_json_document(
    db_url: str, tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    load(engine, tmp_path, partners=PARTNERS, coupons=COUPONS)
    engine.dispose()
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("AFFLOW_COUPON_WATCH_URLS", f"{site}/leaked,{site}/clean")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["coupons", "watch", "--json"])
        missing = CliRunner().invoke(app, ["coupons", "watch", "ftp://nowhere", "--json"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [page["status"] for page in document["pages"]] == ["readable", "readable"]
    assert sorted(f["evidence"]["code"] for f in document["findings"]) == ["ALICE10", "CAROL15"]
    assert missing.exit_code == 1 and json.loads(missing.stdout)["error"]["code"] == "bad_url"
