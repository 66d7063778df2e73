"""State of one proposal's approval thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from sqlalchemy import Engine


class Decision(TypedDict):
    approve: bool
    actor: str
    reason: str | None


class ApprovalState(TypedDict, total=False):
    proposal_id: int
    decision: Decision
    outcome: str


@dataclass(frozen=True)
class ApprovalContext:
    """Runtime context (not checkpointed): passed again when a decision resumes the thread."""

    engine: Engine
    public_url: str
    now: datetime
