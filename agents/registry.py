"""Every runnable agent by name, each returning a JSON-able result (the ``afflow run AGENT --json`` body).

Importing this module is cheap (``afflow run --help`` lists ``AGENT_NAMES``): the graphs, and LangGraph with
them, are imported by ``agent_body``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agents.context import AgentContext

AgentBody = Callable[["AgentContext"], dict[str, Any]]
AGENT_NAMES = ("triage", "tiering", "briefs", "nudges", "launch", "audit", "commissions", "summary")


def _triage(context: AgentContext) -> dict[str, Any]:
    from agents.triage.graph import run as run_triage

    decisions = run_triage(context)
    return {
        "decisions": [
            {"application_id": d.application_id, "decision": d.decision, "reasons": d.reasons} for d in decisions
        ]
    }


def agent_body(name: str, *, output_dir: str) -> AgentBody:
    """The body that runs agent ``name``; raises KeyError for an unknown name."""
    from agents.audit.graph import run as run_audit
    from agents.briefs.graph import run as run_briefs
    from agents.commissions.graph import run as run_commissions
    from agents.launch.graph import run as run_launch
    from agents.nudges.graph import run as run_nudges
    from agents.summary.graph import run as run_summary
    from agents.tiering.graph import run as run_tiering

    bodies: dict[str, AgentBody] = {
        "triage": _triage,
        "tiering": run_tiering,
        "briefs": run_briefs,
        "nudges": run_nudges,
        "launch": run_launch,
        "audit": run_audit,
        "commissions": run_commissions,
        "summary": lambda context: run_summary(context, output_dir=output_dir),
    }
    return bodies[name]
