"""``afflow run AGENT``: run one agent graph (or the weekly cycle) now; proposals wait for ``afflow approvals``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer

from afflow import wiring
from afflow.clikit import JsonOption, UserError, console, emit, open_store, parse_time, settings, user_errors
from agents.registry import AGENT_NAMES  # a plain tuple: the graphs are imported when one runs

WEEKLY = "weekly"


def run(
    agent: str = typer.Argument(..., help=" | ".join([*AGENT_NAMES, WEEKLY])),
    as_of: str | None = typer.Option(None, "--as-of", help="Run as of this time (ISO 8601; default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Run an agent; consequential actions become proposals for `afflow approvals`."""
    with user_errors(as_json=as_json):
        names = [*AGENT_NAMES, WEEKLY]
        if agent not in names:
            raise UserError("unknown_agent", f"unknown agent {agent!r}; choose one of: {', '.join(names)}")
        from agents.registry import agent_body
        from agents.runs import run_agent  # langgraph and openai: only when an agent runs
        from workflows.schedule.weekly import run_weekly_cycle

        current = settings()
        engine = open_store()
        now = parse_time(as_of, option="--as-of", default=datetime.now(UTC))
        config = wiring.agent_config(current)
        if agent == WEEKLY:
            report = run_weekly_cycle(engine=engine, config=config, as_of=now, output_dir=current.output_dir)
            data: dict[str, Any] = report.as_json()
        else:
            result, usage = run_agent(
                agent=agent, engine=engine, config=config, now=now,
                body=agent_body(agent, output_dir=current.output_dir),
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
