"""What agent runs receive: ``AgentConfig`` (from settings, built by the composition root ``afflow.wiring``) and
the runtime ``AgentContext`` every graph gets (never checkpointed): the store, the reasoner, the clock and the
thresholds tiers and fraud findings are judged by. Nothing here reads settings or builds default thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from agents.background import BackgroundWork
from agents.llm import LLMConfig, Reasoner
from tools.thresholds import FraudThresholds, ScoreThresholds


@dataclass(frozen=True)
class AgentConfig:
    """The settings every agent run takes: its reasoner's configuration, where shared links point, and the
    score and fraud thresholds (``AFFLOW_SCORE_THRESHOLDS`` / ``AFFLOW_FRAUD_THRESHOLDS``)."""

    llm: LLMConfig
    public_url: str
    score_thresholds: ScoreThresholds
    fraud_thresholds: FraudThresholds


@dataclass(frozen=True)
class AgentContext:
    engine: Engine
    reasoner: Reasoner
    now: datetime
    public_url: str
    score_thresholds: ScoreThresholds
    fraud_thresholds: FraudThresholds
    run_id: int | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # analytics shared within one cycle
    background: BackgroundWork | None = None  # where approval threads are opened (None: right away)
