"""The weekly cycle: expire stale proposals, then tiering, briefs, nudges, commissions and the summary.

Each agent runs with its own reasoner, budget and ``agent_runs`` record; the summary runs last so it
reports the proposals this cycle opened. ``afflow run weekly`` and ``afflow demo`` call this.

The agents share one analytics cache (``agents.analysis``): scores, metrics, SKU sales and inventory are
computed once per cycle. Two background workers keep the slow parts off the critical path: one warms the
analytics nudges and the summary will read while tiering and briefs run; one parks the approval threads
of the proposals already committed. The cycle returns only when both are done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from agents.background import BackgroundWork
from agents.context import AgentConfig, AgentContext
from agents.llm import OfflineReasoner
from agents.nudges.nodes import prefetch as prefetch_nudges
from agents.registry import agent_body
from agents.runs import run_agent
from agents.summary.nodes import prefetch as prefetch_summary
from workflows.approvals.decide import expire_stale

WEEKLY_AGENTS = ("tiering", "briefs", "nudges", "commissions", "summary")


@dataclass
class WeeklyReport:
    as_of: datetime
    markdown_path: str
    html_path: str
    headline: str
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    usage: dict[str, dict[str, object]] = field(default_factory=dict)
    expired: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "summary": self.headline,
            "markdown_path": self.markdown_path,
            "html_path": self.html_path,
            "expired_proposals": self.expired,
            "agents": {
                name: {k: v for k, v in result.items() if k != "facts"} | {"run": self.usage[name]}
                for name, result in self.results.items()
            },
        }

    @property
    def llm_calls(self) -> int:
        return sum(int(str(u["llm_calls"])) for u in self.usage.values())

    @property
    def tokens(self) -> int:
        return sum(int(str(u["prompt_tokens"])) + int(str(u["completion_tokens"])) for u in self.usage.values())


def run_weekly_cycle(
    *,
    engine: Engine,
    config: AgentConfig,
    as_of: datetime,
    output_dir: str,
    triage: bool = False,
) -> WeeklyReport:
    """Run the cycle as of ``as_of`` with ``config`` (reasoner, public URL, thresholds; see ``afflow.wiring``);
    the summary is written under ``output_dir``; ``triage=True`` (the demo) first triages pending applications too."""
    expired = expire_stale(engine=engine, now=as_of)
    results: dict[str, dict[str, Any]] = {}
    usage: dict[str, dict[str, object]] = {}
    cache: dict[str, Any] = {}
    threads, warmer = BackgroundWork("approval-threads"), BackgroundWork("analytics-prefetch")
    warm = AgentContext(
        engine=engine, reasoner=OfflineReasoner(), now=as_of, public_url=config.public_url,
        score_thresholds=config.score_thresholds, fraud_thresholds=config.fraud_thresholds, cache=cache,
    )
    warmer.submit(lambda: prefetch_nudges(warm))
    warmer.submit(lambda: prefetch_summary(warm))
    try:
        for name in (("triage",) if triage else ()) + WEEKLY_AGENTS:
            results[name], usage[name] = run_agent(
                agent=name, engine=engine, config=config, now=as_of,
                body=agent_body(name, output_dir=output_dir), cache=cache, background=threads,
            )
    finally:
        warmer.join()
        threads.join()
    summary = results["summary"]
    return WeeklyReport(
        as_of=as_of,
        markdown_path=str(summary["markdown_path"]),
        html_path=str(summary["html_path"]),
        headline=str(summary["summary"]),
        results=results,
        usage=usage,
        expired=expired,
    )
