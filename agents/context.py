"""The runtime context every agent graph gets (never checkpointed): the store, the reasoner, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from agents.background import BackgroundWork
from agents.llm import Reasoner


@dataclass(frozen=True)
class AgentContext:
    engine: Engine
    reasoner: Reasoner
    now: datetime
    public_url: str
    run_id: int | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # analytics shared within one cycle
    background: BackgroundWork | None = None  # where approval threads are opened (None: right away)
