"""Analytics shared by several agents of one cycle (partner scores), computed once per cycle and ``now``."""

from __future__ import annotations

from agents.context import AgentContext
from store.db import transaction
from tools.fraud import FraudThresholds
from tools.scoring import ScoreReport, ScoreThresholds, score_partners


def partner_scores(context: AgentContext) -> ScoreReport:
    key = f"scores:{context.now.isoformat()}"
    cached = context.cache.get(key)
    if isinstance(cached, ScoreReport):
        return cached
    with transaction(context.engine) as session:
        report = score_partners(
            session=session, as_of=context.now, thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds()
        )
    context.cache[key] = report
    return report
