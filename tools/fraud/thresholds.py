"""What a fraud finding looks like, and the knobs that decide when a behaviour is abnormal
(``FraudThresholds``, defined in ``tools.thresholds`` so that settings import it without the scan).

Every test is relative to the program's own baseline (median and MAD across partners with enough
volume): a partner is flagged when it is ``robust_z`` robust standard deviations away from its peers, or
its count is improbable (binomial tail below ``significance``) at the program's median rate for its volume,
*and* past an absolute floor that keeps a uniformly clean program from flagging its own noise. The
floors are domain judgements (e.g. "a majority of orders under a minute after the click"), overridable
from settings; they never come from the demo generator.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from tools.analytics_sql import Window
from tools.thresholds import FraudThresholds as FraudThresholds  # its home is light: settings import it

Signal = Literal[
    "click_injection", "click_spamming", "cookie_stuffing", "self_referral", "coupon_leakage", "customer_poaching"
]
Severity = Literal["low", "medium", "high"]


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
