"""Commission change: a SKU's rate (the commissions agent), or an experiment winner's rate for its cohort."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

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


class CommissionChange(ProposalPayload):
    percent: Percent = Field(ge=0, le=100)
    previous_percent: Percent | None = Field(default=None, ge=0, le=100)
    sku: str | None = None
    partner_ids: list[str] | None = None
    experiment_id: int | None = None
    variant: str | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> CommissionChange:
        if (self.sku is None) == (self.partner_ids is None):
            raise ValueError("a commission change names either a SKU or a cohort of partners")
        return self


def changed(body: RuleSetBody, change: CommissionChange, proposal: Proposal, start: datetime,
            end: datetime) -> RuleSetBody:  # fmt: skip
    if change.partner_ids is not None:
        return rule_changes.cohort_rate_rules(body=body, partner_ids=change.partner_ids, percent=change.percent)
    assert change.sku is not None  # the model admits a SKU or a cohort, never neither
    return rule_changes.sku_rate_rules(body=body, sku=change.sku, percent=change.percent)


def scope(change: CommissionChange, proposal: Proposal) -> Scope:
    """A cohort's rate re-prices its partners' lines; a SKU's rate that SKU's lines."""
    if change.partner_ids is not None:
        return Scope(partner_ids=tuple(change.partner_ids))
    return Scope(skus=(change.sku or "",))


def shown_partner(change: CommissionChange, proposal: Proposal) -> str | None:
    """Whose rates the preview lists: a cohort's first member (a SKU change: any partner without an override)."""
    return change.partner_ids[0] if change.partner_ids else proposal.partner_id


def apply(applying: Applying, change: CommissionChange) -> None:
    if change.partner_ids is not None:  # an experiment's winner (workflows.experiments): its rate for its cohort
        rule_changes.set_partner_rates(session=applying.session, partner_ids=change.partner_ids,
                                       percent=change.percent, now=applying.now, note=applying.note)  # fmt: skip
        return
    assert change.sku is not None
    rule_changes.set_sku_rate(session=applying.session, sku=change.sku, percent=change.percent, now=applying.now,
                              note=applying.note)  # fmt: skip


SPEC = KindSpec(
    kind="commission_change", payload=CommissionChange, label="Commission rate changes",
    name="Commission rate change", effect=RuleChange(rules=changed, scope=scope, shown_partner=shown_partner), apply=apply,
    editable=(EditableField("percent", ("percent",), "Commission rate", "percent"),),
    evidence_keys=("stock", "days_of_cover", "experiment_id", "reason"),
)  # fmt: skip
