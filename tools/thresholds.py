"""The knobs settings carry to the fraud scan (``tools.fraud``) and the partner score (``tools.scoring``).

They live apart from the code that judges with them so that reading settings (``afflow.settings``, which
every command does) imports neither the scan nor the store: pydantic only, never SQL or store models.
The fraud knobs are explained in ``tools.fraud.thresholds``, the score's in ``tools.scoring``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field


class FraudThresholds(BaseModel):
    robust_z: Decimal = Field(default=Decimal("3.5"), gt=0, description="robust z-score that counts as far off")
    min_orders: int = Field(default=5, ge=1, description="attributed orders needed to judge order-based signals")
    min_clicks: int = Field(default=100, ge=1, description="clicks needed to judge click-based signals")
    fast_conversion_seconds: int = Field(default=60, ge=1)
    fast_share_floor: Decimal = Field(
        default=Decimal("0.3"), ge=0, le=1, description="injection: share of orders within fast_conversion_seconds"
    )
    min_base_rate: Decimal = Field(
        default=Decimal("0.01"), gt=0, lt=1, description="rate assumed when the program median is lower (e.g. 0)"
    )
    significance: float = Field(default=0.001, gt=0, lt=1, description="p-value below which a count is abnormal")
    strong_significance: float = Field(
        default=1e-6, gt=0, lt=1, description="p-value a view needs to decide on its own, without corroboration"
    )
    no_referrer_floor: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    repeat_click_floor: Decimal = Field(
        default=Decimal("0.4"), ge=0, le=1, description="stuffing: share of clicks from a device that already clicked"
    )
    returning_gap: Decimal = Field(
        default=Decimal("0.25"), ge=0, le=1, description="poaching: share of the way from the median to 100%"
    )
    returning_strong_gap: Decimal = Field(
        default=Decimal("0.6"), ge=0, le=1, description="poaching without interception evidence: a larger gap"
    )
    intercepted_floor: Decimal = Field(
        default=Decimal("0.2"),
        ge=0,
        le=1,
        description="poaching: returning orders clicked at checkout or on a search page",
    )
    quick_conversion_seconds: int = Field(default=900, ge=1, description="a returning customer's click at checkout")
    self_referral_min_orders: int = Field(default=2, ge=1)
    farm_min_accounts: int = Field(
        default=5, ge=2, description="accounts one checkout IP buys for, all through one partner"
    )
    farm_share: Decimal = Field(
        default=Decimal("0.75"), gt=0, le=1, description="that partner's share of the IP's buyers"
    )
    coupon_min_orders: int = Field(default=10, ge=1, description="code orders without the owner's click to judge")
    coupon_gap: Decimal = Field(
        default=Decimal("0.3"), ge=0, le=1, description="leakage: share of the way from the median code-only share"
    )
    spam_clicks_factor: Decimal = Field(default=Decimal("2.5"), gt=1, description="clicks vs the median partner")
    late_order_floor: Decimal = Field(
        default=Decimal("0.25"), ge=0, le=1, description="spamming: share of orders a week or more after the click"
    )
    spam_conversion_ratio: Decimal = Field(
        default=Decimal("0.5"), gt=0, lt=1, description="spamming: prompt conversion vs the median, squared"
    )
    sample_size: int = Field(default=5, ge=1, le=50)


class ScoreThresholds(BaseModel):
    window_days: int = Field(default=30, ge=1, description="the performance window: margin, trend, refunds")
    fraud_window_days: int = Field(
        default=90,
        ge=1,
        description="the fraud look-back: a partner's pattern needs more orders than one month gives to be proven",
    )
    growth_min_score: int = Field(default=65, ge=0, le=100)
    purge_max_score: int = Field(default=25, ge=0, le=100)
    min_orders: int = Field(default=5, ge=1, description="orders needed before a partner can be tiered growth")
    purge_severity: Literal["medium", "high"] = "high"
    weights: dict[str, int] = Field(
        default_factory=lambda: {"margin": 30, "trend": 20, "new_customers": 15, "refunds": 15, "brand_fit": 20}
    )
    fraud_penalty: dict[str, int] = Field(default_factory=lambda: {"high": 60, "medium": 25, "low": 10})
