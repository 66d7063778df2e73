"""Deciding in groups on the small selling program of ``tests.agents.sales`` with lenient thresholds (Gina
and Fred are both growth partners, so two tier bumps wait), on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select

from agents.registry import agent_body
from agents.runs import run_agent
from store.audit import entries
from store.db import transaction
from store.models import Proposal
from store.rules import rule_sets_in_force
from tests.agents.config import agent_config
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools import rule_changes
from tools.proposals import ProposalDraft, create_proposal
from tools.thresholds import ScoreThresholds
from workflows.approvals.groups import decide_group, pending_groups
from workflows.approvals.preview import effect_preview

LENIENT = ScoreThresholds(min_orders=1, growth_min_score=50)


@pytest.fixture
def bumps(engine: Engine, tmp_path: Path) -> dict[str, int]:
    load(engine, tmp_path / "csv", **program())
    for agent in ("tiering", "commissions"):
        run_agent(agent=agent, engine=engine, config=agent_config(score_thresholds=LENIENT), now=AS_OF,
                  body=agent_body(agent, output_dir="unused"))  # fmt: skip
    with transaction(engine) as session:
        rows = session.scalars(select(Proposal).where(Proposal.kind == "tier_bump", Proposal.status == "pending"))
        found = {p.partner_id or "": p.id for p in rows}
    assert set(found) == {"p-gina", "p-fred"}
    return found


def rates(engine: Engine) -> dict[str, Decimal]:
    with transaction(engine) as session:
        body = rule_changes.current_rules(session=session, now=AS_OF)
    return {p: rule_changes.effective_percent(body=body, partner_id=p) for p in ("p-gina", "p-fred")}


def versions(engine: Engine) -> int:
    with transaction(engine) as session:
        return len(rule_sets_in_force(session=session).versions)


def test_pending_proposals_group_by_kind_with_their_money_effect(engine: Engine, bumps: dict[str, int]) -> None:
    groups, currency = pending_groups(engine=engine)
    by_kind = {g.kind: g for g in groups}
    with transaction(engine) as session:
        claw = session.scalars(select(Proposal).where(Proposal.kind == "clawback")).one()
        tier = list(session.scalars(select(Proposal).where(Proposal.kind == "tier_bump")))
        previewed = sum(effect_preview(session=session, proposal=p).money_cents for p in tier)
    assert currency == "USD" and set(by_kind["tier_bump"].proposal_ids) == set(bumps.values())
    assert by_kind["clawback"].money_effect_cents == claw.payload["amount_cents"] > 0
    # the group states what the preview states for approving its members (tests/portal/test_manager_inbox
    # shows it differ from the agents' estimates)
    assert by_kind["tier_bump"].money_effect_cents == previewed < 0
    assert by_kind["tier_bump"].label == "Tier bumps"
    effects = [abs(g.money_effect_cents) for g in groups]
    assert effects == sorted(effects, reverse=True)


def test_a_group_approval_applies_each_member_once_and_leaves_the_excluded_pending(
    engine: Engine, bumps: dict[str, int]
) -> None:
    before, published = rates(engine), versions(engine)

    results = decide_group(engine=engine, kind="tier_bump", approve=True, actor="portal:mo@example.com",
                           public_url="http://t", exclude=[bumps["p-fred"]], now=AS_OF)  # fmt: skip

    assert [(r.proposal_id, r.status, r.outcome) for r in results] == [(bumps["p-gina"], "applied", "applied")]
    after = rates(engine)
    assert after["p-gina"] == before["p-gina"] + 2 and after["p-fred"] == before["p-fred"]
    assert versions(engine) == published + 1
    again = decide_group(engine=engine, kind="tier_bump", approve=True, actor="portal:mo@example.com",
                         public_url="http://t", now=AS_OF)  # fmt: skip
    assert [r.proposal_id for r in again] == [bumps["p-fred"]]
    assert rates(engine)["p-gina"] == after["p-gina"] and versions(engine) == published + 2
    with transaction(engine) as session:
        log = [(e.actor, e.action, e.subject) for e in entries(session=session) if e.action != "proposal_submitted"]
    assert log == [("portal:mo@example.com", "proposal_approved", f"proposal:{bumps['p-gina']}"),
                   ("portal:mo@example.com", "proposal_approved", f"proposal:{bumps['p-fred']}")]  # fmt: skip


def test_a_group_with_a_member_that_cannot_be_applied_commits_nothing(engine: Engine, bumps: dict[str, int]) -> None:
    with transaction(engine) as session:  # a stored payload no tier bump may carry (e.g. from an older release)
        broken = create_proposal(session=session, agent="tiering", now=AS_OF, draft=ProposalDraft(
            kind="tier_bump", partner_id="p-mia", summary="Tier bump for Mia", payload={"percent": "-5"}))
    before, published = rates(engine), versions(engine)

    with pytest.raises(ValidationError):
        decide_group(engine=engine, kind="tier_bump", approve=True, actor="cli:ann", public_url="http://t", now=AS_OF)

    assert rates(engine) == before and versions(engine) == published
    with transaction(engine) as session:
        statuses = set(session.scalars(select(Proposal.status).where(Proposal.kind == "tier_bump")))
        assert statuses == {"pending"} and [e for e in entries(session=session) if e.action != "proposal_submitted"] == []
    results = decide_group(engine=engine, kind="tier_bump", approve=True, actor="cli:ann", public_url="http://t",
                           exclude=[broken.id], now=AS_OF)  # fmt: skip
    assert sorted(r.proposal_id for r in results) == sorted(bumps.values())
