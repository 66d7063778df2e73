"""Nodes of the approval thread: wait for the human, then apply an approved proposal exactly once."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agents.approval.effects import apply_approved, apply_rejected
from agents.approval.state import ApprovalContext, ApprovalState, Decision


def await_decision(state: ApprovalState) -> dict[str, Any]:
    """Pause the thread until ``workflows.approvals.decide.decide`` resumes it with the human's decision.

    The interrupt carries the proposal id and its ``HumanInterrupt`` (action, arguments, what the human may
    do: ``allow_edit`` where the kind has editable fields); the resume value is a ``Decision``."""
    shown: dict[str, object] = {"proposal_id": state["proposal_id"]}
    if "request" in state:
        shown.update(state["request"])
    decision: Decision = interrupt(shown)
    return {"decision": decision}


def apply_decision(state: ApprovalState, runtime: Runtime[ApprovalContext]) -> dict[str, Any]:
    context = runtime.context
    if state["decision"]["approve"]:
        outcome = apply_approved(
            engine=context.engine, proposal_id=state["proposal_id"], public_url=context.public_url, now=context.now
        )
    else:
        outcome = apply_rejected(engine=context.engine, proposal_id=state["proposal_id"], now=context.now)
    return {"outcome": outcome}
