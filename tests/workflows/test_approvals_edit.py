"""Edit, then approve; proposals that don't loop; the audit log of each decision — on the small selling
program of ``tests.agents.sales`` (Gina is the growth partner at 10 %, bumped to 12 %; Sara's self-referral is clawed back),
through the agents' own runs and ``workflows.approvals.decide``, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from agents.approval.effects import apply_approved
from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from agents.registry import agent_body
from agents.runs import run_agent
from store.audit import Actor, entries, record
from store.db import transaction
from store.ledger import balances
from store.models import Proposal
from store.rules import rule_sets_in_force
from tests.agents.config import agent_config
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools import rule_changes
from tools.proposals import ProposalDraft
from tools.thresholds import FraudThresholds, ScoreThresholds
from workflows.approvals.decide import ProposalEditError, ProposalStateError, decide


@pytest.fixture
def sales(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path / "csv", **program())
    return engine


def run(engine: Engine, agent: str) -> None:
    run_agent(agent=agent, engine=engine, config=agent_config(), now=AS_OF, body=agent_body(agent, output_dir="unused"))


def pending(engine: Engine, kind: str, partner_id: str) -> list[Proposal]:
    with transaction(engine) as session:
        query = select(Proposal).where(Proposal.kind == kind, Proposal.partner_id == partner_id,
                                       Proposal.status == "pending")  # fmt: skip
        return list(session.scalars(query))


def gina_rate(engine: Engine) -> Decimal:
    with transaction(engine) as session:
        return rule_changes.effective_percent(body=rule_changes.current_rules(session=session, now=AS_OF),
                                              partner_id="p-gina")  # fmt: skip


def rule_versions(engine: Engine) -> int:
    with transaction(engine) as session:
        return len(rule_sets_in_force(session=session).versions)


def submitting(engine: Engine) -> AgentContext:
    """What agents, the REST API and MCP submit proposals with."""
    return AgentContext(engine=engine, reasoner=OfflineReasoner(), now=AS_OF, public_url="http://t",
                        score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())


def approve(engine: Engine, proposal_id: int, **edits: str) -> str:
    return decide(engine=engine, proposal_id=proposal_id, approve=True, actor="cli:ann", public_url="http://t",
                  edits=edits, now=AS_OF).status  # fmt: skip


def test_an_edited_tier_bump_applies_the_edited_rate_once(sales: Engine) -> None:
    run(sales, "tiering")
    [bump] = pending(sales, "tier_bump", "p-gina")
    assert bump.payload["percent"] == "12" and gina_rate(sales) == Decimal(10)
    versions = rule_versions(sales)

    assert approve(sales, bump.id, percent="11") == "applied"

    assert gina_rate(sales) == Decimal(11) and rule_versions(sales) == versions + 1
    assert apply_approved(engine=sales, proposal_id=bump.id, public_url="http://t", now=AS_OF) == "already_applied"
    with pytest.raises(ProposalStateError):
        approve(sales, bump.id, percent="11")
    assert rule_versions(sales) == versions + 1
    with transaction(sales) as session:
        stored = session.get_one(Proposal, bump.id)
        assert (stored.payload["percent"], stored.approved_payload) == ("12", {"percent": "11", "previous_percent": "10"})
        assert stored.decided_by == "cli:ann"
        log = [(e.actor, e.action, e.subject) for e in entries(session=session) if e.action != "proposal_submitted"]
    assert log == [("cli:ann", "proposal_edited", f"proposal:{bump.id}"),
                   ("cli:ann", "proposal_approved", f"proposal:{bump.id}")]  # fmt: skip


@pytest.mark.parametrize("edits", [{"percent": "-1"}, {"percent": "101"}, {"percent": "nine"}, {"rate": "9"}])
def test_an_edit_outside_the_kinds_bounds_is_refused_and_changes_nothing(sales: Engine, edits: dict[str, str]) -> None:
    run(sales, "tiering")
    [bump] = pending(sales, "tier_bump", "p-gina")
    versions = rule_versions(sales)

    with pytest.raises(ProposalEditError, match=r"percent|rate"):
        approve(sales, bump.id, **edits)

    assert pending(sales, "tier_bump", "p-gina")[0].id == bump.id
    assert gina_rate(sales) == Decimal(10) and rule_versions(sales) == versions
    with transaction(sales) as session:
        assert [e for e in entries(session=session) if e.action != "proposal_submitted"] == []


def test_a_clawback_edited_down_books_the_edited_amount_and_one_above_the_commission_is_refused(sales: Engine) -> None:
    run(sales, "commissions")
    [claw] = pending(sales, "clawback", "p-sara")
    paid = claw.payload["amount_cents"]

    with pytest.raises(ProposalEditError, match="more than the commission paid"):
        approve(sales, claw.id, amount=f"{Decimal(paid + 1) / 100:.2f}")
    assert approve(sales, claw.id, amount="1.50") == "applied"

    with transaction(sales) as session:
        [sara] = balances(session=session, partner_id="p-sara")
    assert sara.clawback == 150


def test_an_expired_proposal_cannot_be_approved_edited(sales: Engine) -> None:
    run(sales, "tiering")
    [bump] = pending(sales, "tier_bump", "p-gina")
    with pytest.raises(ProposalStateError, match="expired"):
        decide(engine=sales, proposal_id=bump.id, approve=True, actor="cli:ann", public_url="http://t",
               edits={"percent": "11"}, now=AS_OF + timedelta(days=8))  # fmt: skip
    assert gina_rate(sales) == Decimal(10)


def test_an_approved_bump_does_not_come_back_as_the_next_bump_on_the_same_score(sales: Engine) -> None:
    run(sales, "tiering")
    [bump] = pending(sales, "tier_bump", "p-gina")
    approve(sales, bump.id)
    assert gina_rate(sales) == Decimal(12)

    run(sales, "tiering")

    assert pending(sales, "tier_bump", "p-gina") == []


def test_a_rejected_bump_is_not_proposed_again_and_returns_with_its_reason_on_new_evidence(sales: Engine) -> None:
    run(sales, "tiering")
    [bump] = pending(sales, "tier_bump", "p-gina")
    decide(engine=sales, proposal_id=bump.id, approve=False, actor="slack:U1", reason="wait for Q2",
           public_url="http://t", now=AS_OF)  # fmt: skip
    run(sales, "tiering")
    assert pending(sales, "tier_bump", "p-gina") == []

    context = submitting(sales)
    higher = bump.evidence["score"] + 5
    draft = ProposalDraft(kind="tier_bump", partner_id="p-gina", summary="Tier bump for Gina: 10% -> 12%",
                          payload={"percent": "12"}, evidence={"score": higher})  # fmt: skip
    [again] = submit_proposals(context=context, agent="tiering", drafts=[draft])

    with transaction(sales) as session:
        returned = session.get_one(Proposal, again)
    assert returned.evidence["previous_rejection"]["reason"] == "wait for Q2"
    assert returned.evidence["previous_rejection"]["proposal_id"] == bump.id
    assert "wait for Q2" in returned.rationale


def test_the_database_refuses_to_change_or_delete_audit_rows(engine: Engine) -> None:
    with transaction(engine) as session:
        row = record(session=session, actor=Actor("portal", "ann@example.com"), action="rule_set_published",
                     subject="rule_set:2")  # fmt: skip
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), transaction(engine) as session:
            session.execute(text(statement))
    with transaction(engine) as session:
        [kept] = entries(session=session, actor="portal")
    assert (kept.id, kept.actor) == (row.id, "portal:ann@example.com")


def test_a_submitted_proposal_rejected_returns_only_with_a_new_reason(sales: Engine) -> None:
    """What the REST API and MCP submit: the submitter's reason is its evidence."""
    context = submitting(sales)

    def submit(reason: str) -> list[int]:
        draft = ProposalDraft(kind="offboard_partner", partner_id="p-fred", summary="Offboard Fred",
                              payload={"signals": []}, evidence={"submitted_by": "api-key:1:crm", "reason": reason})
        return submit_proposals(context=context, agent="api-key:1:crm", drafts=[draft])

    [first] = submit("chargebacks")
    decide(engine=sales, proposal_id=first, approve=False, actor="portal:mo@example.com", reason="not proven",
           public_url="http://t", now=AS_OF)  # fmt: skip

    assert submit("chargebacks") == []
    [second] = submit("chargebacks confirmed by the bank")
    with transaction(sales) as session:
        assert session.get_one(Proposal, second).evidence["previous_rejection"]["reason"] == "not proven"
