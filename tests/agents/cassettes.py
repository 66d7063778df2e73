"""Cassette scenarios shared by the recorder (scripts/record_cassettes.py) and the replaying tests.

Requests are matched on method, path and body, so replay needs the very same prompts: same program,
same clock, one request at a time (concurrency 1) so that a retry follows its own first attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import vcr

from agents.llm import LLMConfig
from agents.registry import agent_body
from agents.runs import run_agent
from store.db import make_engine, migrate
from tests.agents.config import agent_config
from tests.agents.programs import COUPON_CONTENT, GOOD_CONTENT, INJECTION, application, load

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
        match_on=["method", "scheme", "host", "port", "path", "body"],
        filter_headers=FILTERED_HEADERS,
        decode_compressed_response=True,
    )
    with recorder.use_cassette(str(CASSETTES / f"{name}.yaml")):
        yield


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
