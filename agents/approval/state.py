"""State of one proposal's approval thread, and the human-in-the-loop schema its interrupt speaks.

The interrupt follows LangChain's agent-inbox convention (``HumanInterrupt``: the action and its arguments,
what the human may do, a description; the answer a ``HumanResponse`` of type accept / edit / response /
ignore). Those types moved out of ``langgraph.prebuilt`` (deprecated since LangGraph 1.0, now in
``langchain.agents.interrupt``, which afflow does not depend on), so they are declared here, field for field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, NotRequired, TypedDict

from sqlalchemy import Engine


class ActionRequest(TypedDict):
    action: str  # the proposal's kind, e.g. "tier_bump"
    args: dict[str, Any]  # its payload (for an edit: the payload as the human edited it)


class HumanInterruptConfig(TypedDict):
    allow_ignore: bool  # leave it: a proposal nobody decides expires after 7 days
    allow_respond: bool  # answer in words: a rejection with its reason
    allow_edit: bool  # change the arguments before accepting: the kind has editable fields
    allow_accept: bool


class HumanInterrupt(TypedDict):
    action_request: ActionRequest
    config: HumanInterruptConfig
    description: str | None


class HumanResponse(TypedDict):
    type: Literal["accept", "ignore", "response", "edit"]
    args: str | ActionRequest | None


class Decision(TypedDict):
    approve: bool
    actor: str
    reason: str | None
    response: NotRequired[HumanResponse]  # the same decision in the agent-inbox schema


class ApprovalState(TypedDict, total=False):
    proposal_id: int
    request: HumanInterrupt  # what the thread's interrupt carries (threads opened before it carry only the id)
    decision: Decision
    outcome: str


@dataclass(frozen=True)
class ApprovalContext:
    """Runtime context (not checkpointed): passed again when a decision resumes the thread."""

    engine: Engine
    public_url: str
    now: datetime
