"""The registry of proposal kinds: every kind is one module with all its parts, and a kind registered from
outside afflow's modules (this test's) is proposed, listed, previewed, edited and applied once without any
other module knowing it — on the small selling program of ``tests.agents.sales``, SQLite and PostgreSQL."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import fields
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import Field
from sqlalchemy import Engine

from agents.approval.kinds.base import (
    UNITS,
    Applying,
    EarningsStop,
    EditableField,
    KindSpec,
    NoMoney,
    Percent,
    ProposalPayload,
    RuleChange,
    StatedAmount,
)
from agents.approval.registry import all_kinds, register, spec_of, unregister
from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from store.audit import entries
from store.db import transaction
from store.models import Proposal
from store.rules import RateRule, RuleSetBody
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools import rule_changes
from tools.proposals import ProposalDraft
from tools.thresholds import FraudThresholds, ScoreThresholds
from workflows.approvals.decide import ProposalEditError, ProposalStateError, decide
from workflows.approvals.groups import pending_groups
from workflows.approvals.preview import effect_preview
from workflows.portal.inbox_view import InboxFilters, build_inbox

EFFECTS = (RuleChange, StatedAmount, EarningsStop, NoMoney)
AGENT_KINDS = {"approve_application", "reject_application", "review_application", "tier_bump", "commission_change",
               "flash_incentive", "offboard_partner", "clawback"}  # fmt: skip


def test_every_kind_the_agents_draft_is_registered() -> None:
    assert {spec.kind for spec in all_kinds()} >= AGENT_KINDS


@pytest.mark.parametrize("spec", all_kinds(), ids=lambda spec: spec.kind)
def test_every_registered_kind_has_all_its_parts(spec: KindSpec[typing.Any]) -> None:
    assert issubclass(spec.payload, ProposalPayload)
    assert spec.label.strip() and spec.name.strip() and spec.label != spec.kind and spec.name != spec.kind
    assert isinstance(spec.effect, EFFECTS), f"{spec.kind}: its money effect is not one the preview prices"
    assert callable(spec.apply)
    for field in spec.editable:
        assert field.field in spec.payload.model_fields, f"{spec.kind}: editable {field.field} is no payload field"
        assert field.names and field.label and field.unit in UNITS
    for part in fields(spec):
        value = getattr(spec, part.name)
        assert value is not None or part.default is None, f"{spec.kind} lacks {part.name}"


def test_labels_are_unique_so_groups_are_told_apart() -> None:
    assert len({spec.label for spec in all_kinds()}) == len(all_kinds())


def test_a_kind_without_an_apply_function_cannot_be_declared() -> None:
    with pytest.raises(TypeError, match="apply"):
        KindSpec(kind="half", payload=ProposalPayload, label="Halves", name="Half", effect=NoMoney(line=str))  # type: ignore[call-arg]


class SkuTrial(ProposalPayload):
    """This test's kind: a trial rate on one SKU, editable, priced as a rule change."""

    sku: str
    percent: Percent = Field(ge=0, le=30)


def _trial_rules(body: RuleSetBody, trial: SkuTrial, proposal: Proposal, start: datetime, end: datetime) -> RuleSetBody:
    return rule_changes.sku_rate_rules(body=body, sku=trial.sku, percent=trial.percent)


def _apply_trial(applying: Applying, trial: SkuTrial) -> None:
    rule_changes.set_sku_rate(session=applying.session, sku=trial.sku, percent=trial.percent, now=applying.now,
                              note=applying.note)  # fmt: skip


TRIAL = KindSpec(kind="sku_trial", payload=SkuTrial, label="SKU rate trials", name="SKU rate trial",
                 effect=RuleChange(rules=_trial_rules), apply=_apply_trial,
                 editable=(EditableField("percent", ("percent",), "Trial rate", "percent"),))  # fmt: skip


@pytest.fixture
def trial_kind() -> Iterator[KindSpec[SkuTrial]]:
    register(TRIAL)
    yield TRIAL
    unregister(TRIAL.kind)


@pytest.fixture
def sales(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path / "csv", **program())
    return engine


def test_a_kind_registered_from_outside_goes_end_to_end(sales: Engine, trial_kind: KindSpec[SkuTrial]) -> None:
    context = AgentContext(engine=sales, reasoner=OfflineReasoner(), now=AS_OF, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    draft = ProposalDraft(kind="sku_trial", summary="Try 15 % on the tent", payload={"sku": "SKU-TENT", "percent": "15"})
    [proposal_id] = submit_proposals(context=context, agent="tester", drafts=[draft])
    assert submit_proposals(context=context, agent="tester", drafts=[draft]) == []  # its subject already waits

    groups, _ = pending_groups(engine=sales)
    [group] = [g for g in groups if g.kind == "sku_trial"]
    with transaction(sales) as session:
        proposal = session.get_one(Proposal, proposal_id)
        as_proposed = effect_preview(session=session, proposal=proposal, as_of=AS_OF)
        edited = effect_preview(session=session, proposal=proposal, edits={"percent": "12"}, as_of=AS_OF)
        view = build_inbox(session=session, filters=InboxFilters(kind="sku_trial"), now=AS_OF)
        with pytest.raises(ProposalEditError, match="percent"):
            effect_preview(session=session, proposal=proposal, edits={"percent": "31"})
    assert group.label == "SKU rate trials" and group.proposal_ids == (proposal_id,)
    assert group.money_effect_cents == effect_preview_now(sales, proposal_id)
    assert as_proposed.money_cents < edited.money_cents < 0  # 15 % on the tent costs more than 12 %, both cost
    [shown] = view.groups
    assert (shown.label, shown.cards[0].effect_cents) == ("SKU rate trials", group.money_effect_cents)

    result = decide(engine=sales, proposal_id=proposal_id, approve=True, actor="cli:ann", public_url="http://t",
                    edits={"percent": "12"}, now=AS_OF)  # fmt: skip
    assert (result.status, result.outcome) == ("applied", "applied")
    with transaction(sales) as session:
        body = rule_changes.current_rules(session=session, now=AS_OF)
        trail = [e.action for e in entries(session=session) if e.subject == f"proposal:{proposal_id}"]
    assert body.sku_overrides["SKU-TENT"] == RateRule(percent=Decimal(12))
    assert trail == ["proposal_submitted", "proposal_edited", "proposal_approved"]
    with pytest.raises(ProposalStateError):
        decide(engine=sales, proposal_id=proposal_id, approve=True, actor="cli:ann", public_url="http://t", now=AS_OF)


def effect_preview_now(engine: Engine, proposal_id: int) -> int:
    """The effect preview over the default window (the latest event's), as a listing computes it."""
    with transaction(engine) as session:
        return effect_preview(session=session, proposal=session.get_one(Proposal, proposal_id)).money_cents


def test_an_unknown_kind_is_refused_before_anything_is_stored(sales: Engine) -> None:
    context = AgentContext(engine=sales, reasoner=OfflineReasoner(), now=AS_OF, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    with pytest.raises(KeyError, match="unknown proposal kind 'sku_trial'"):
        submit_proposals(context=context, agent="tester", drafts=[ProposalDraft(kind="sku_trial", summary="x")])
    with transaction(sales) as session:
        assert session.query(Proposal).count() == 0
    assert spec_of("tier_bump").kind == "tier_bump"


def test_each_kind_says_what_new_evidence_is() -> None:
    bump, claw = spec_of("tier_bump"), spec_of("clawback")
    assert not bump.is_new_evidence(decided={"score": 81}, drafted={"score": 81})  # the same case: it cools down
    assert not bump.is_new_evidence(decided={"score": 81}, drafted={"score": 79})
    assert bump.is_new_evidence(decided={"score": 81}, drafted={"score": 85})
    assert bump.is_new_evidence(decided={"score": 81}, drafted={"score": 81, "reason": "a new contract"})
    assert not claw.is_new_evidence(decided={"order_ids": ["o1"]}, drafted={"order_ids": ["o1"]})
    assert claw.is_new_evidence(decided={"order_ids": ["o1"]}, drafted={"order_ids": ["o1", "o2"]})
