"""Flash incentive: a bonus of ``bonus_percent`` points on one SKU for ``days`` from approval."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from agents.approval.kinds.base import (
    Applying,
    EditableField,
    KindSpec,
    Percent,
    ProposalPayload,
    RuleChange,
    Scope,
)
from store.models import Proposal
from store.rules import RuleSetBody
from tools import rule_changes


class FlashIncentive(ProposalPayload):
    sku: str
    bonus_percent: Percent = Field(gt=0, le=100)
    days: int = Field(default=7, ge=1, le=90)


def flashed(body: RuleSetBody, flash: FlashIncentive, proposal: Proposal, start: datetime,
            end: datetime) -> RuleSetBody:  # fmt: skip
    """Placed over the whole preview window so that its orders are priced with it (its days are counted after)."""
    return rule_changes.flash_rules(body=body, sku=flash.sku, bonus_percent=flash.bonus_percent, start=start,
                                    end=end + timedelta(microseconds=1))  # fmt: skip


def apply(applying: Applying, flash: FlashIncentive) -> None:
    rule_changes.add_flash_incentive(session=applying.session, sku=flash.sku, bonus_percent=flash.bonus_percent,
                                     start=applying.now, end=applying.now + timedelta(days=flash.days),
                                     now=applying.now, note=applying.note)  # fmt: skip


SPEC = KindSpec(
    kind="flash_incentive", payload=FlashIncentive, label="Flash incentives", name="Flash incentive",
    effect=RuleChange(rules=flashed, scope=lambda flash, p: Scope(skus=(flash.sku,)),
                      lasts_days=lambda flash: flash.days), apply=apply,
    editable=(EditableField("bonus_percent", ("percent", "bonus_percent"), "Bonus", "percent"),
              EditableField("days", ("days",), "Days it runs", "days")),
    evidence_keys=("stock", "stock_target", "reason"),
)  # fmt: skip
