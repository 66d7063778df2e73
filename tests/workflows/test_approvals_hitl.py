"""The approval thread's interrupt speaks LangChain's agent-inbox schema: a ``HumanInterrupt`` with the action
(kind and payload) and what the human may do (``allow_edit`` only where the kind has editable fields), and
the resume value carries the answer as a ``HumanResponse`` (accept, edit with the edited arguments, response
with the reason); on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from agents.approval.graph import compile_graph, thread_config
from agents.approval.runner import store_url
from agents.checkpoint import open_checkpointer
from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools.proposals import ProposalDraft
from tools.thresholds import FraudThresholds, ScoreThresholds
from workflows.approvals.decide import decide


@pytest.fixture
def proposals(engine: Engine, tmp_path: Path) -> dict[str, int]:
    load(engine, tmp_path / "csv", **program())
    context = AgentContext(engine=engine, reasoner=OfflineReasoner(), now=AS_OF, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    drafts = [
        ProposalDraft(kind="tier_bump", partner_id="p-gina", summary="Tier bump for Gina: 10% -> 12%",
                      payload={"percent": "12", "previous_percent": "10"}, evidence={"score": 80}),
        ProposalDraft(kind="offboard_partner", partner_id="p-sara", summary="Offboard Sara",
                      payload={"signals": ["self_referral"]}, evidence={"score": 5}),
    ]  # fmt: skip
    bump, offboard = submit_proposals(context=context, agent="tiering", drafts=drafts)
    return {"tier_bump": bump, "offboard_partner": offboard}


def waiting_in(engine: Engine, proposal_id: int) -> dict[str, Any]:
    with open_checkpointer(store_url(engine)) as saver:
        state = compile_graph(saver).get_state(thread_config(f"proposal-{proposal_id}"))
    [task] = state.tasks
    [waiting] = task.interrupts
    value: dict[str, Any] = waiting.value
    return value


def decided_with(engine: Engine, proposal_id: int) -> dict[str, Any]:
    with open_checkpointer(store_url(engine)) as saver:
        values: dict[str, Any] = compile_graph(saver).get_state(thread_config(f"proposal-{proposal_id}")).values
    return values


def test_the_interrupt_allows_an_edit_only_where_the_kind_has_editable_fields(
    engine: Engine, proposals: dict[str, int]
) -> None:
    bump, offboard = waiting_in(engine, proposals["tier_bump"]), waiting_in(engine, proposals["offboard_partner"])

    assert bump["action_request"] == {"action": "tier_bump", "args": {"percent": "12", "previous_percent": "10"}}
    assert bump["config"] == {"allow_ignore": True, "allow_respond": True, "allow_edit": True, "allow_accept": True}
    assert bump["description"] == "Tier bump for Gina: 10% -> 12%" and bump["proposal_id"] == proposals["tier_bump"]
    assert offboard["config"]["allow_edit"] is False and offboard["config"]["allow_accept"] is True


def test_the_resume_value_is_an_edit_with_the_edited_arguments_or_a_response_with_the_reason(
    engine: Engine, proposals: dict[str, int]
) -> None:
    decide(engine=engine, proposal_id=proposals["tier_bump"], approve=True, actor="slack:U0BOSS",
           public_url="http://t", edits={"percent": "11"}, now=AS_OF)  # fmt: skip
    decide(engine=engine, proposal_id=proposals["offboard_partner"], approve=False, actor="slack:U0BOSS",
           reason="not proven", public_url="http://t", now=AS_OF)  # fmt: skip

    bump, offboard = decided_with(engine, proposals["tier_bump"]), decided_with(engine, proposals["offboard_partner"])
    assert bump["decision"]["response"] == {"type": "edit", "args": {"action": "tier_bump",
                                            "args": {"percent": "11", "previous_percent": "10"}}}  # fmt: skip
    assert bump["outcome"] == "applied"
    assert offboard["decision"]["response"] == {"type": "response", "args": "not proven"}
    assert offboard["outcome"] == "rejected"
