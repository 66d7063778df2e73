"""``afflow run AGENT``: run one agent graph (or the weekly cycle) now; proposals wait for ``afflow approvals``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import typer

from afflow.clikit import JsonOption, UserError, console, emit, open_store, settings, user_errors
from afflow.settings import Settings
from agents.llm import LLMConfig
from agents.registry import AGENT_NAMES, agent_body
from agents.runs import run_agent
from workflows.schedule.weekly import run_weekly_cycle

WEEKLY = "weekly"


def llm_config(config: Settings) -> LLMConfig:
    """The LLM settings; no ``OPENAI_API_KEY`` means the offline reasoner."""
    key = config.openai_api_key.get_secret_value() if config.openai_api_key is not None else None
    return LLMConfig(
        api_key=key or None,
        base_url=config.openai_base_url,
        model=config.llm_model,
        budget_usd=Decimal(str(config.llm_budget_usd)),
        concurrency=config.llm_concurrency,
    )


def parse_as_of(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UserError("bad_option", f"--as-of: {value!r} is not an ISO 8601 time") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def run(
    agent: str = typer.Argument(..., help="triage | tiering | briefs | nudges | launch | audit | commissions | summary | weekly"),
    as_of: str | None = typer.Option(None, "--as-of", help="Run as of this time (ISO 8601; default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Run an agent; consequential actions become proposals for `afflow approvals`."""
    with user_errors(as_json=as_json):
        names = [*AGENT_NAMES, WEEKLY]
        if agent not in names:
            raise UserError("unknown_agent", f"unknown agent {agent!r}; choose one of: {', '.join(names)}")
        config = settings()
        engine = open_store()
        now = parse_as_of(as_of)
        if agent == WEEKLY:
            report = run_weekly_cycle(engine=engine, llm=llm_config(config), as_of=now, public_url=config.public_url,
                                      output_dir=config.output_dir)
            data: dict[str, Any] = report.as_json()
        else:
            result, usage = run_agent(
                agent=agent, engine=engine, llm=llm_config(config), now=now, public_url=config.public_url,
                body=agent_body(agent, output_dir=config.output_dir),
            )
            data = {**result, "run": usage}
        emit(data, as_json=as_json, render=lambda: _render(agent, data))


def _render(agent: str, data: dict[str, Any]) -> None:
    if agent == "triage":
        for decision in data["decisions"]:
            colour = {"approve": "green", "reject": "red", "escalate": "yellow"}[decision["decision"]]
            console.print(f"[{colour}]{decision['decision']:8}[/] {decision['application_id']}: {decision['reasons'][0]}")
        if not data["decisions"]:
            console.print("no pending applications")
    elif "summary" in data and isinstance(data["summary"], str):
        console.print(data["summary"])
    else:
        for key, value in data.items():
            if key != "run":
                console.print(f"[bold]{key}[/]: {value if not isinstance(value, list) else len(value)}")
    run = data.get("run")
    if isinstance(run, dict):
        console.print(
            f"[dim]{run['mode']} run {run['run_id']}: {run['llm_calls']} LLM calls, "
            f"{run['prompt_tokens'] + run['completion_tokens']} tokens, {run['fallbacks']} fallbacks[/]"
        )
    console.print("[dim]proposals wait for you: afflow approvals list[/]")


def register(app: typer.Typer) -> None:
    app.command("run")(run)
