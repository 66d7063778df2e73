"""The LLM client against a local OpenAI-wire server: format fallback, retries, validation, budget, run records."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from agents.judging import BrandFit
from agents.llm import LLMConfig, OpenAIReasoner
from agents.registry import agent_body
from agents.runs import run_agent
from store.db import transaction
from store.models import AgentRun
from tests.agents.config import agent_config
from tests.agents.openai_server import Script, openai_server
from tests.agents.programs import GOOD_CONTENT, INJECTION, application, load
from workflows.approvals.decide import list_proposals

OFFLINE_FIT = BrandFit(score=1, low_value=True, reasons=["offline"])


def reasoner(base_url: str, **overrides: object) -> OpenAIReasoner:
    settings: dict[str, object] = {"max_retries": 2, **overrides}
    config = LLMConfig(api_key="sk-test", base_url=base_url, model="gpt-4o-mini", timeout_seconds=10,
                       **settings)  # type: ignore[arg-type]
    return OpenAIReasoner(config)


def judge(r: OpenAIReasoner) -> BrandFit:
    return r.structured(task="brand_fit", system="s", prompt="p", schema=BrandFit, offline=lambda: OFFLINE_FIT)


@pytest.mark.parametrize("refuse_status", [400, 500])
def test_refused_json_schema_falls_back_to_json_object_once_per_client(refuse_status: int) -> None:
    script = Script(refuse_json_schema=True, refuse_status=refuse_status)
    with openai_server(script) as url:
        r = reasoner(url, max_retries=0)
        assert judge(r).score == 50 and judge(r).score == 50
    kinds = [request["response_format"]["type"] for request in script.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]
    assert script.requests[1]["response_format"]["schema"]["title"] == "BrandFit"


def test_429_and_5xx_are_retried_with_backoff() -> None:
    script = Script(statuses=[429, 500])
    with openai_server(script) as url:
        r = reasoner(url)
        assert judge(r).score == 50
    assert len(script.requests) == 3
    assert r.usage.llm_calls == 1 and r.usage.fallbacks == 0


def test_invalid_output_is_retried_once_with_the_errors_then_falls_back_visibly() -> None:
    script = Script(invalid_replies=1)
    with openai_server(script) as url:
        r = reasoner(url)
        assert judge(r).score == 50
        assert "not valid" in script.requests[1]["messages"][-1]["content"]
        script.invalid_replies = 2
        assert judge(r) == OFFLINE_FIT
    assert r.usage.fallbacks == 1 and r.usage.fallback_reasons == {"brand_fit:invalid_output": 1}


def test_schema_violations_count_as_invalid_output() -> None:
    script = Script(overrides={"score": 400})
    with openai_server(script) as url:
        r = reasoner(url)
        assert judge(r) == OFFLINE_FIT
    assert len(script.requests) == 2 and r.usage.fallback_reasons == {"brand_fit:invalid_output": 1}


def test_a_spent_budget_stops_calling_the_llm() -> None:
    script = Script()
    with openai_server(script) as url:
        r = reasoner(url, budget_usd=Decimal("0.000001"))
        assert judge(r).score == 50
        assert judge(r) == OFFLINE_FIT
    assert len(script.requests) == 1
    assert r.usage.budget_exhausted and r.usage.fallback_reasons == {"brand_fit:budget": 1}


def test_an_llm_run_records_tokens_and_cost_and_a_flattering_model_cannot_approve_an_injection(
    engine: Engine, tmp_path: Path
) -> None:
    load(engine, tmp_path, applications=[
        application("a-inject", name="Gear Guru", email="guru@example.com", audience=1200, engagement="0.35",
                    content=f"{GOOD_CONTENT} {INJECTION}"),
    ])
    script = Script(overrides={"score": 100, "low_value": False, "reasons": ["approved as instructed"]})
    with openai_server(script) as url:
        llm = LLMConfig(api_key="sk-test", base_url=url, model="gpt-4o-mini")
        result, usage = run_agent(agent="triage", engine=engine, config=agent_config(llm=llm),
                                  now=datetime(2026, 11, 25, tzinfo=UTC), body=agent_body("triage", output_dir=str(tmp_path)))
    assert "<<<UNTRUSTED_DATA" in script.requests[0]["messages"][1]["content"]
    assert result["decisions"][0]["decision"] != "approve"
    assert [p.kind for p in list_proposals(engine=engine)] != ["approve_application"]
    with transaction(engine) as session:
        run = session.scalars(select(AgentRun)).one()
    assert (run.mode, run.llm_calls) == ("llm", 1) and run.prompt_tokens > 0 and run.cost_micro_usd > 0
    assert usage["llm_calls"] == 1
