"""The recomputed effect preview (``workflows.approvals.preview``) and what a tier bump really changes, on a
program with new / returning-customer rates, a volume tier and a SKU rate: the bump raises every dimension by
its points, and its money effect equals the rules editor's preview of the same change, on SQLite and
PostgreSQL. The selling program is ``tests.agents.sales``; its rules are published before its orders are
booked, so what was booked is what the current rules pay."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from agents.approval.payloads import ProposalEditError
from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from store.db import transaction
from store.models import Commission, Proposal
from store.rules import EPOCH, RateRule, RuleSetBody, VolumeTier, compute_commission, publish_rule_set
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools import rule_changes
from tools.proposals import ProposalDraft
from tools.thresholds import FraudThresholds, ScoreThresholds
from workflows.approvals.decide import decide
from workflows.approvals.preview import Preview, effect_preview
from workflows.portal.rules_form import body_to_form, form_to_body
from workflows.portal.rules_preview import preview_rule_set

RULES = RuleSetBody(
    percent=Decimal(10), new_customer_percent=Decimal(10), returning_customer_percent=Decimal(5),
    volume_tiers=(VolumeTier(min_revenue_cents=50_000, percent=Decimal(15)),),
    sku_overrides={"SKU-LAMP": RateRule(percent=Decimal(20))},
)  # fmt: skip


@pytest.fixture
def tiered(engine: Engine, tmp_path: Path) -> Engine:
    with transaction(engine) as session:
        publish_rule_set(session=session, body=RULES, effective_from=EPOCH, note="tiered program")
    load(engine, tmp_path / "csv", **program())
    return engine


def propose_bump(engine: Engine, partner_id: str = "p-mia") -> int:
    context = AgentContext(engine=engine, reasoner=OfflineReasoner(), now=AS_OF, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    draft = ProposalDraft(kind="tier_bump", partner_id=partner_id, summary="Tier bump for Mia: 10% -> 12%",
                          payload={"percent": "12", "previous_percent": "10"}, evidence={"score": 80})  # fmt: skip
    [proposal_id] = submit_proposals(context=context, agent="tiering", drafts=[draft])
    return proposal_id


def preview(engine: Engine, proposal_id: int, **edits: str) -> Preview:
    with transaction(engine) as session:
        return effect_preview(session=session, proposal=session.get_one(Proposal, proposal_id), edits=edits,
                              as_of=AS_OF)  # fmt: skip


def mia_base_in_window(engine: Engine, start: object, end: object) -> int:
    with transaction(engine) as session:
        bases = session.scalars(select(Commission.base_cents).where(
            Commission.partner_id == "p-mia", Commission.order_ts > start, Commission.order_ts <= end))  # fmt: skip
        return sum(bases)


def test_a_bumps_money_effect_equals_the_rules_editors_preview_of_the_same_change(tiered: Engine) -> None:
    bump = propose_bump(tiered)
    shown = preview(tiered, bump)

    with transaction(tiered) as session:
        body = rule_changes.bumped_rules(body=rule_changes.current_rules(session=session, now=AS_OF),
                                         partner_id="p-mia", points=Decimal(2))  # fmt: skip
        editor = preview_rule_set(session=session, body=body, days=30, as_of=AS_OF)
    assert shown.money_cents == -editor.change_cents != 0
    # every line of Mia's, whichever dimension priced it (new, returning, tier, SKU), costs 2 points more
    assert shown.money_cents == -mia_base_in_window(tiered, editor.start, editor.end) * 2 // 100


def test_an_edited_rate_is_recomputed_before_it_is_applied(tiered: Engine) -> None:
    bump = propose_bump(tiered)
    proposed, edited = preview(tiered, bump), preview(tiered, bump, percent="11")

    assert edited.money_cents * 2 == proposed.money_cents
    assert edited.edited == {"percent": {"proposed": "12", "approved": "11"}}
    assert "returning customers: 5% -> 6%" in edited.lines and "SKU SKU-LAMP: 20% -> 21%" in edited.lines
    with pytest.raises(ProposalEditError, match="percent"):
        preview(tiered, bump, percent="101")


def test_a_bump_raises_every_dimension_by_its_points_not_to_one_flat_rate(tiered: Engine) -> None:
    bump = propose_bump(tiered)
    shown = preview(tiered, bump)
    assert shown.lines[:5] == ["default: 10% -> 12%", "new customers: 10% -> 12%", "returning customers: 5% -> 7%",
                               "volume tier ≥ 500.00: 15% -> 17%", "SKU SKU-LAMP: 20% -> 22%"]  # fmt: skip

    decide(engine=tiered, proposal_id=bump, approve=True, actor="cli:ann", public_url="http://t", now=AS_OF)

    with transaction(tiered) as session:
        body = rule_changes.current_rules(session=session, now=AS_OF)
    assert body.partner_overrides == {"p-mia": RateRule(plus_percent=Decimal(2))}
    assert body.returning_customer_percent == Decimal(5) and body.volume_tiers == RULES.volume_tiers

    def rate(partner_id: str, *, sku: str = "SKU-TENT", new: bool = True, trailing: int = 0) -> int:
        return compute_commission(rules=body, version=0, currency="USD", sku=sku, base_cents=10_000,
                                  partner_id=partner_id, is_new_customer=new, trailing_revenue_cents=trailing,
                                  order_ts=AS_OF).cents  # fmt: skip

    assert [rate("p-mia"), rate("p-mia", new=False), rate("p-mia", trailing=60_000), rate("p-mia", sku="SKU-LAMP")] \
        == [1200, 700, 1700, 2200]
    assert [rate("p-gina"), rate("p-gina", new=False), rate("p-gina", trailing=60_000)] == [1000, 500, 1500]


def test_an_approved_bumps_next_bump_adds_to_it() -> None:
    once = rule_changes.bumped_rules(body=RULES, partner_id="p-mia", points=Decimal(2))
    twice = rule_changes.bumped_rules(body=once, partner_id="p-mia", points=Decimal("1.5"))
    assert twice.partner_overrides["p-mia"] == RateRule(plus_percent=Decimal("3.5"))
    assert rule_changes.effective_percent(body=twice, partner_id="p-mia") == Decimal("13.5")
    undone = rule_changes.bumped_rules(body=twice, partner_id="p-mia", points=Decimal("-3.5"))
    assert undone.partner_overrides == {}


def test_the_rules_editor_shows_and_keeps_a_partners_bump() -> None:
    body = RULES.model_copy(update={"partner_overrides": {
        "p-mia": RateRule(plus_percent=Decimal(2)), "p-gina": RateRule(percent=Decimal(8), plus_percent=Decimal("1.5")),
        "p-fred": RateRule(flat_cents=250, plus_percent=Decimal(-1))}})  # fmt: skip
    form = body_to_form(body, "USD")
    assert form["partner_overrides"].splitlines() == ["p-fred 2.50 -1%", "p-gina 8% +1.5%", "p-mia +2%"]
    assert form_to_body(form, "USD") == body
