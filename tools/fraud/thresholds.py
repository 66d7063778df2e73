"""What a fraud finding looks like, and the knobs that decide when a behaviour is abnormal.

Every test is relative to the program's own baseline (median and MAD across partners with enough
volume): a partner is flagged when it is ``robust_z`` robust standard deviations away from its peers, or
its count is improbable (binomial tail below ``significance``) at the program's median rate for its volume,
*and* past an absolute floor that keeps a uniformly clean program from flagging its own noise. The
floors are domain judgements (e.g. "a majority of orders under a minute after the click"), overridable
from settings; they never come from the demo generator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.analytics_sql import Window

Signal = Literal[
    "click_injection", "click_spamming", "cookie_stuffing", "self_referral", "coupon_leakage", "customer_poaching"
]
Severity = Literal["low", "medium", "high"]


class FraudThresholds(BaseModel):
    robust_z: Decimal = Field(default=Decimal("3.5"), gt=0, description="robust z-score that counts as far off")
    min_orders: int = Field(default=5, ge=1, description="attributed orders needed to judge order-based signals")
    min_clicks: int = Field(default=100, ge=1, description="clicks needed to judge click-based signals")
    fast_conversion_seconds: int = Field(default=60, ge=1)
    fast_share_floor: Decimal = Field(default=Decimal("0.4"), ge=0, le=1)
    min_base_rate: Decimal = Field(
        default=Decimal("0.01"), gt=0, lt=1, description="rate assumed when the program median is lower (e.g. 0)"
    )
    significance: float = Field(default=0.001, gt=0, lt=1, description="p-value below which a count is abnormal")
    no_referrer_floor: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    returning_share_floor: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    returning_gap: Decimal = Field(
        default=Decimal("0.4"), ge=0, le=1, description="poaching: share of the way from the median to 100%"
    )
    poaching_significance: float = Field(
        default=0.0001, gt=0, lt=1, description="combined (Fisher) p-value of the two poaching views"
    )
    quick_conversion_seconds: int = Field(default=900, ge=1, description="a returning customer's click at checkout")
    self_referral_min_orders: int = Field(default=2, ge=1)
    coupon_min_orders: int = Field(default=5, ge=1)
    coupon_no_click_floor: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    spam_clicks_factor: Decimal = Field(default=Decimal("10"), gt=1, description="clicks vs the median partner")
    sample_size: int = Field(default=5, ge=1, le=50)


class Finding(BaseModel):
    partner_id: str
    signal: Signal
    severity: Severity
    evidence: dict[str, Any]
    summary: str = ""  # one sentence of the evidence's decisive numbers, for people


class FraudReport(BaseModel):
    window: Window
    findings: list[Finding]
    baselines: dict[str, Any]

    def by_partner(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.partner_id, []).append(finding)
        return grouped
