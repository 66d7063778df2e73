"""Tier bump: the partner's headline rate ``previous_percent`` -> ``percent``, applied as that many points more
under every dimension of the rules (``tools.rule_changes.bumped_rules``), not as one flat partner rate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

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


class TierBump(ProposalPayload):
    percent: Percent = Field(ge=0, le=100)
    previous_percent: Percent | None = Field(default=None, ge=0, le=100)

    def points_over(self, headline_now: Percent) -> Percent:
        """The points the bump adds: over the rate it was proposed from, else over the headline rate now."""
        return self.percent - (self.previous_percent if self.previous_percent is not None else headline_now)


def bumped(body: RuleSetBody, bump: TierBump, proposal: Proposal, start: datetime, end: datetime) -> RuleSetBody:
    assert proposal.partner_id is not None
    points = bump.points_over(rule_changes.effective_percent(body=body, partner_id=proposal.partner_id))
    return rule_changes.bumped_rules(body=body, partner_id=proposal.partner_id, points=points)


def higher_score(decided: Mapping[str, Any], drafted: Mapping[str, Any]) -> bool:
    """A bump lowers the partner's margin, so a score that held or fell after one is no case for another."""
    return _number(drafted.get("score")) > _number(decided.get("score"))


def _number(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(0)


def apply(applying: Applying, bump: TierBump) -> None:
    partner_id = applying.proposal.partner_id
    assert partner_id is not None
    body = rule_changes.current_rules(session=applying.session, now=applying.now)
    points = bump.points_over(rule_changes.effective_percent(body=body, partner_id=partner_id))
    rule_changes.bump_partner_rate(session=applying.session, partner_id=partner_id, points=points, now=applying.now,
                                   note=applying.note)  # fmt: skip


SPEC = KindSpec(
    kind="tier_bump", payload=TierBump, label="Tier bumps", name="Tier bump",
    effect=RuleChange(rules=bumped, scope=lambda bump, p: Scope(partner_ids=(p.partner_id or "",)), partner=True), apply=apply,
    editable=(EditableField("percent", ("percent",), "Commission rate", "percent"),),
    evidence_keys=("reason",), stronger=higher_score,
)  # fmt: skip
