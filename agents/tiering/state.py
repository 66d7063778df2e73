"""Tiering state: the score report, current rates and partner numbers, and the drafted proposals."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from tools.metrics import MetricsReport
from tools.proposals import ProposalDraft
from tools.scoring import ScoreReport


class TieringState(TypedDict, total=False):
    scores: ScoreReport
    metrics: MetricsReport
    rates: dict[str, Decimal]
    names: dict[str, str]
    currency: str
    drafts: list[ProposalDraft]
    proposal_ids: list[int]
