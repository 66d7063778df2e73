"""Running an agent: one ``agent_runs`` record with its reasoner's calls, tokens and cost, open to close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine

from agents.background import BackgroundWork
from agents.context import AgentConfig, AgentContext
from agents.llm import make_reasoner
from store.db import transaction
from tools.agent_runs import close_run, open_run

ResultT = TypeVar("ResultT")


def run_agent(
    *,
    agent: str,
    engine: Engine,
    config: AgentConfig,
    now: datetime,
    body: Callable[[AgentContext], ResultT],
    cache: dict[str, Any] | None = None,
    background: BackgroundWork | None = None,
) -> tuple[ResultT, dict[str, object]]:
    """Run ``body`` with a fresh reasoner (its own budget, from ``config.llm``) and the thresholds and public URL
    of ``config``, and record what it spent; returns (result, usage).

    With ``background`` (the weekly cycle's) approval threads are opened there and the caller joins it;
    without, the run opens them itself and returns once they are parked.
    """
    reasoner = make_reasoner(config.llm)
    with transaction(engine) as session:
        run_id = open_run(
            session=session,
            agent=agent,
            mode=reasoner.mode,
            model=reasoner.usage.model,
            budget_micro_usd=reasoner.usage.budget_micro_usd,
            now=now,
        )
    context = AgentContext(
        engine=engine, reasoner=reasoner, now=now, public_url=config.public_url,
        score_thresholds=config.score_thresholds, fraud_thresholds=config.fraud_thresholds, run_id=run_id,
        cache=cache if cache is not None else {}, background=background,
    )
    try:
        result = body(context)
    finally:
        usage = reasoner.usage.snapshot()
        with transaction(engine) as session:
            close_run(session=session, run_id=run_id, usage=usage, now=now)
    return result, {"run_id": run_id, "mode": reasoner.mode, **usage}
