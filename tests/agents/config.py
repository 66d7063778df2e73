"""The ``AgentConfig`` agent tests run with: what ``afflow.wiring.agent_config`` builds from default settings
without an API key (the offline reasoner, the thresholds' defaults), a test's own LLM, URL or thresholds aside."""

from __future__ import annotations

from agents.context import AgentConfig
from agents.llm import LLMConfig
from tools.thresholds import FraudThresholds, ScoreThresholds

OFFLINE = LLMConfig(api_key=None)


def agent_config(
    *,
    llm: LLMConfig = OFFLINE,
    public_url: str = "http://t",
    score_thresholds: ScoreThresholds | None = None,
    fraud_thresholds: FraudThresholds | None = None,
) -> AgentConfig:
    return AgentConfig(
        llm=llm,
        public_url=public_url,
        score_thresholds=score_thresholds if score_thresholds is not None else ScoreThresholds(),
        fraud_thresholds=fraud_thresholds if fraud_thresholds is not None else FraudThresholds(),
    )
