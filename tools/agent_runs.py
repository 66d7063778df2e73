"""The token and cost record of each agent run (``agent_runs``): opened at start, closed with the usage."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from store.models import AgentRun


def open_run(*, session: Session, agent: str, mode: str, model: str, budget_micro_usd: int, now: datetime) -> int:
    run = AgentRun(agent=agent, mode=mode, model=model, budget_micro_usd=budget_micro_usd, started_at=now)
    session.add(run)
    session.flush()
    return run.id


def close_run(*, session: Session, run_id: int, usage: dict[str, Any], now: datetime) -> None:
    run = session.get(AgentRun, run_id)
    if run is None:
        raise LookupError(f"agent run {run_id} does not exist")
    run.finished_at = now
    run.llm_calls = int(usage["llm_calls"])
    run.prompt_tokens = int(usage["prompt_tokens"])
    run.completion_tokens = int(usage["completion_tokens"])
    run.cost_micro_usd = int(usage["cost_micro_usd"])
    run.fallbacks = int(usage["fallbacks"])
    run.budget_exhausted = bool(usage["budget_exhausted"])
    run.details = {"fallback_reasons": usage["fallback_reasons"]}
