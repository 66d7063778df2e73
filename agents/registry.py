"""Every runnable agent by name, each returning a JSON-able result (the ``afflow run AGENT --json`` body)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agents.context import AgentContext
from agents.triage.graph import run as run_triage

AgentBody = Callable[[AgentContext], dict[str, Any]]


def _triage(context: AgentContext) -> dict[str, Any]:
    decisions = run_triage(context)
    return {
        "decisions": [
            {"application_id": d.application_id, "decision": d.decision, "reasons": d.reasons} for d in decisions
        ]
    }


AGENTS: dict[str, AgentBody] = {
    "triage": _triage,
}
