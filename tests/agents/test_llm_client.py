"""The LLM client against a local OpenAI-wire server: format fallback, retries, validation, budget, run records,
and which errors stop a run (a refused key, model or request) and which fall back per item (a busy server)."""

from __future__ import annotations

import os
import socket
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from agents.judging import BrandFit
from agents.llm import LLMConfig, LLMRefused, OpenAIReasoner
from agents.registry import agent_body
from agents.runs import run_agent
from store.db import make_engine, migrate, transaction
from store.models import AgentRun, Proposal
from tests.agents.config import agent_config
from tests.agents.openai_server import ErrorReply, Script, openai_server
from tests.agents.programs import GOOD_CONTENT, INJECTION, application, load
from tests.fakes.cli import afflow_json
from workflows.approvals.decide import list_proposals

OFFLINE_FIT = BrandFit(score=1, low_value=True, reasons=["offline"])


def reasoner(base_url: str, **overrides: object) -> OpenAIReasoner:
    settings: dict[str, object] = {"max_retries": 2, "timeout_seconds": 10, **overrides}
    config = LLMConfig(api_key="sk-test", base_url=base_url, model="gpt-4o-mini", **settings)  # type: ignore[arg-type]
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


def test_an_openai_style_json_schema_refusal_falls_back_to_json_object() -> None:
    refusal = ErrorReply(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with "
                              "this model.", param="response_format")
    script = Script(statuses=[refusal])
    with openai_server(script) as url:
        r = reasoner(url, max_retries=0)
        assert judge(r).score == 50
    assert [request["response_format"]["type"] for request in script.requests] == ["json_schema", "json_object"]
    assert r.usage.fallbacks == 0


REFUSALS = {
    "bad key": ErrorReply(401, "Incorrect API key provided: sk-test. You can find your API key at "
                               "https://platform.openai.com/account/api-keys.", code="invalid_api_key"),
    "no access": ErrorReply(403, "Project does not have access to model gpt-4o-mini", code="model_not_found"),
    "unknown model": ErrorReply(404, "The model `gpt-4o-mini` does not exist or you do not have access to it.",
                                code="model_not_found"),
    "context length": ErrorReply(400, "This model's maximum context length is 128000 tokens. However, your "
                                      "messages resulted in 131072 tokens.", param="messages",
                                 code="context_length_exceeded"),
    "bad parameter": ErrorReply(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                                     "'max_completion_tokens' instead.", param="max_tokens",
                                code="unsupported_parameter"),
    "bad request body": ErrorReply(422, "('body', 'temperature'): Input should be less than or equal to 2"),
}


@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refused_key_model_or_request_stops_with_the_model_endpoint_and_message(refusal: ErrorReply) -> None:
    script = Script(statuses=[refusal])
    with openai_server(script) as url:
        r = reasoner(url)
        with pytest.raises(LLMRefused) as raised:
            judge(r)
        with pytest.raises(LLMRefused):
            judge(r)  # the next item of the run is refused without asking again
    assert len(script.requests) == 1, "neither retried nor switched to json_object"
    message = str(raised.value)
    assert "gpt-4o-mini" in message and url in message and refusal.message in message
    assert f"HTTP {refusal.status}" in message
    assert r.usage.fallbacks == 0, "not quietly answered offline"


def test_a_server_that_refuses_both_response_formats_stops_the_run() -> None:
    refusal = ErrorReply(400, "response_format is not supported by this server", param="response_format")
    script = Script(statuses=[refusal, refusal])
    with openai_server(script) as url:
        r = reasoner(url, max_retries=0)
        with pytest.raises(LLMRefused, match="response_format is not supported"):
            judge(r)
    assert [request["response_format"]["type"] for request in script.requests] == ["json_schema", "json_object"]


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_busy_server_after_the_clients_retries_falls_back_per_item_counted(status: int) -> None:
    script = Script(statuses=[status, status, status])
    with openai_server(script) as url:
        r = reasoner(url)
        assert judge(r) == OFFLINE_FIT
        assert judge(r).score == 50, "the next item asks the LLM again"
    assert len(script.requests) == 4, "three tries (two retries), then the next item"
    error = {429: "RateLimitError", 500: "InternalServerError", 503: "InternalServerError"}[status]
    assert r.usage.fallback_reasons == {f"brand_fit:api_error:{error}": 1} and r.usage.llm_calls == 1


def test_a_timeout_falls_back_per_item_counted() -> None:
    script = Script(delay_seconds=1.0)
    with openai_server(script) as url:
        r = reasoner(url, timeout_seconds=0.2, max_retries=0)
        assert judge(r) == OFFLINE_FIT
    assert r.usage.fallback_reasons == {"brand_fit:api_error:APITimeoutError": 1}


def test_an_unreachable_server_falls_back_per_item_counted() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    r = reasoner(f"http://127.0.0.1:{port}/v1", max_retries=0)
    assert judge(r) == OFFLINE_FIT
    assert r.usage.fallback_reasons == {"brand_fit:api_error:APIConnectionError": 1}


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


def test_a_refused_key_stops_afflow_run_with_one_red_line_naming_model_endpoint_and_message(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/afflow.db"
    engine = make_engine(database)
    migrate(engine)
    load(engine, tmp_path, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
    ])
    engine.dispose()
    script = Script(statuses=[REFUSALS["bad key"]])
    with openai_server(script) as url:
        env = {**os.environ, "AFFLOW_DATABASE_URL": database, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": url,
               "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), "COLUMNS": "400"}
        done = subprocess.run(["afflow", "run", "triage"], env=env, capture_output=True, text=True, timeout=120,
                              cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: the LLM endpoint ") and url in line and "'gpt-4o-mini'" in line
    assert "HTTP 401" in line and "Incorrect API key provided" in line
    assert len(script.requests) == 1
    engine = make_engine(database)
    with transaction(engine) as session:
        run = session.scalars(select(AgentRun)).one()
        assert (run.mode, run.llm_calls, run.fallbacks) == ("llm", 0, 0) and run.finished_at is not None
        assert session.scalars(select(Proposal)).all() == [], "nothing proposed from a run that could not judge"
    engine.dispose()


def test_a_refused_model_is_a_json_error_with_the_model_endpoint_and_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = f"sqlite:///{tmp_path}/afflow.db"
    engine = make_engine(database)
    migrate(engine)
    load(engine, tmp_path, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
    ])
    engine.dispose()
    with openai_server(Script(statuses=[REFUSALS["unknown model"]])) as url:
        code, document = afflow_json(monkeypatch, {"AFFLOW_DATABASE_URL": database, "OPENAI_API_KEY": "sk-test",
                                                   "OPENAI_BASE_URL": url, "AFFLOW_OUTPUT_DIR": str(tmp_path)},
                                     "run", "triage")
    assert code == 1
    error = document["error"]
    assert error["code"] == "llm_refused" and "does not exist" in error["message"]
    assert error["details"] == {"model": "gpt-4o-mini", "endpoint": url, "status": 404,
                                "server_message": REFUSALS["unknown model"].message}
