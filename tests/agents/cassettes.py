"""Cassette scenarios shared by the recorder (scripts/record_cassettes.py) and the replaying tests.

Requests are matched on method, path and what the body asks (``llm_request``), so replay needs the same
program, clock and applicants, one request at a time (concurrency 1) so that a retry follows its own first
attempt.

``llm_request`` compares the parts of a chat-completions body that decide the answer: the model, the
generation parameters, the response format, the system prompt and every fenced (untrusted) block of the user
prompt. The user prompt's own wording is not compared: triage_llm.yaml was recorded before the brand-fit
prompt fenced the niche and platform (they were inline then: "niche: hiking, platform: youtube", the same
for all three applicants), and re-recording needs a local llama.cpp build (scripts/record_cassettes.sh) this
change did not have. A recorded request matches when the fenced blocks it sent are the fenced blocks sent
now, less the niche and platform blocks that were not fenced then and must equal the recorded inline values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import vcr
from vcr.request import Request

from agents.llm import LLMConfig
from agents.registry import agent_body
from agents.runs import run_agent
from prompts import UNTRUSTED_CLOSE, UNTRUSTED_OPEN
from store.db import make_engine, migrate
from tests.agents.config import agent_config
from tests.agents.programs import COUPON_CONTENT, GOOD_CONTENT, INJECTION, application, load

_FENCED = re.compile(re.escape(UNTRUSTED_OPEN) + r"\n(.*?)\n" + re.escape(UNTRUSTED_CLOSE), re.S)
_INLINE_FIELDS = re.compile(r"\(niche: (.*?), platform: (.*?)\)\. Their sample content:")

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
FILTERED_HEADERS = ["authorization", "openai-organization", "openai-project", "cookie", "set-cookie", "x-api-key"]


def llm_config(*, api_key: str, base_url: str, model: str) -> LLMConfig:
    return LLMConfig(api_key=api_key, base_url=base_url, model=model, concurrency=1, max_tokens=160,
                     timeout_seconds=600, max_retries=0)


@contextmanager
def cassette(name: str, *, record_mode: str) -> Iterator[None]:
    recorder = vcr.VCR(
        record_mode=record_mode,
        match_on=["method", "scheme", "host", "port", "path", "llm_request"],
        filter_headers=FILTERED_HEADERS,
        decode_compressed_response=True,
    )
    recorder.register_matcher("llm_request", llm_request)
    with recorder.use_cassette(str(CASSETTES / f"{name}.yaml")):
        yield


def llm_request(r1: Request, r2: Request) -> None:
    """vcrpy matcher: the two chat-completions bodies ask the same thing (see the module docstring); raises
    AssertionError naming the first part that differs."""
    one, two = _asked(r1), _asked(r2)
    for part in one.keys() | two.keys():
        if one.get(part) != two.get(part):
            raise AssertionError(f"{part} differs: {one.get(part)!r} != {two.get(part)!r}")


def _asked(request: Request) -> dict[str, Any]:
    body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
    try:
        payload = json.loads(body)
    except ValueError:
        return {"raw": body}
    messages = payload.pop("messages", [])
    users = [m["content"] for m in messages if m.get("role") == "user"]
    fenced = [block for text in users for block in _FENCED.findall(text)]
    inline = [value for text in users for value in (_INLINE_FIELDS.findall(text)[:1] or [()])[0]]
    return {**payload, "system": [m["content"] for m in messages if m.get("role") == "system"],
            "untrusted": sorted([*fenced, *inline])}


def triage_scenario(tmp: Path, llm: LLMConfig) -> dict[str, Any]:
    """Three applications (a good fit, a coupon site, and one that tells the reviewer to approve it)."""
    engine = make_engine(f"sqlite:///{tmp}/afflow.db")
    migrate(engine)
    load(engine, tmp, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
        application("a-coupon", name="Deal Hub", email="deals@example.com", audience=90000, engagement="0.05",
                    content=COUPON_CONTENT),
        application("a-inject", name="Gear Guru", email="guru@example.com", audience=50000, engagement="0.06",
                    content=f"{GOOD_CONTENT} {INJECTION}"),
    ])
    result, usage = run_agent(agent="triage", engine=engine, config=agent_config(llm=llm), now=NOW,
                              body=agent_body("triage", output_dir=str(tmp)))
    engine.dispose()
    return {**result, "run": usage}


SCENARIOS: dict[str, Callable[[Path, LLMConfig], dict[str, Any]]] = {"triage_llm": triage_scenario}
