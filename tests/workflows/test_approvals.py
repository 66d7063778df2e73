"""The approval loop: decisions resume the waiting thread; approved applies exactly once; rejected changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from agents.approval.effects import apply_approved
from agents.approval.graph import compile_graph, thread_config
from agents.checkpoint import open_checkpointer
from agents.registry import agent_body
from agents.runs import run_agent
from store.db import transaction
from tests.agents.config import agent_config
from tests.agents.programs import COUPON_CONTENT, GOOD_CONTENT, application, load
from tools import ledger_view, outbox
from workflows.approvals.decide import ProposalStateError, decide, expire_stale, list_proposals

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def triaged(engine: Engine, tmp_path: Path) -> dict[str, int]:
    load(engine, tmp_path, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
        application("a-coupon", name="Deal Hub", email="deals@example.com", audience=90000, engagement="0.05",
                    content=COUPON_CONTENT),
        application("a-dupe", name="Ana Again", email="ana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
    ])
    run_agent(agent="triage", engine=engine, config=agent_config(), now=NOW,
              body=agent_body("triage", output_dir=str(tmp_path)))
    return {p.application_id or "": p.id for p in list_proposals(engine=engine)}


def waiting(engine: Engine, proposal_id: int) -> bool:
    with open_checkpointer(engine.url.render_as_string(hide_password=False)) as saver:
        return "await_decision" in compile_graph(saver).get_state(thread_config(f"proposal-{proposal_id}")).next


def test_approval_resumes_the_thread_and_applies_exactly_once(engine: Engine, tmp_path: Path) -> None:
    ids = triaged(engine, tmp_path)
    assert waiting(engine, ids["a-good"])
    result = decide(engine=engine, proposal_id=ids["a-good"], approve=True, actor="test", public_url="http://t", now=NOW)
    assert (result.status, result.outcome) == ("applied", "applied")
    assert not waiting(engine, ids["a-good"])
    with transaction(engine) as session:
        partners = ledger_view.partner_contacts(session=session)
        welcome = outbox.queued_messages(session=session, kind="welcome")
    admitted = [p for p in partners.values() if p.email == "dana@example.com"]
    assert len(admitted) == 1 and len(welcome) == 1
    assert "http://t/r/" in welcome[0].body_text and "Dana Hikes" in welcome[0].body_text
    with pytest.raises(ProposalStateError):
        decide(engine=engine, proposal_id=ids["a-good"], approve=True, actor="someone else", public_url="http://t", now=NOW)
    assert apply_approved(engine=engine, proposal_id=ids["a-good"], public_url="http://t", now=NOW) == "already_applied"
    with transaction(engine) as session:
        assert len(ledger_view.partner_contacts(session=session)) == len(partners)
        assert len(outbox.queued_messages(session=session)) == 1


def test_rejecting_a_proposal_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    ids = triaged(engine, tmp_path)
    with transaction(engine) as session:
        before = len(ledger_view.partner_contacts(session=session))
    result = decide(engine=engine, proposal_id=ids["a-good"], approve=False, actor="test", reason="not now", public_url="http://t", now=NOW)
    assert (result.status, result.outcome) == ("rejected", "rejected")
    with transaction(engine) as session:
        assert len(ledger_view.partner_contacts(session=session)) == before
        assert outbox.queued_messages(session=session) == []


def test_approved_rejection_sends_one_courteous_decline(engine: Engine, tmp_path: Path) -> None:
    ids = triaged(engine, tmp_path)
    decide(engine=engine, proposal_id=ids["a-coupon"], approve=True, actor="test", public_url="http://t", now=NOW)
    with transaction(engine) as session:
        declines = outbox.queued_messages(session=session, kind="decline")
    assert len(declines) == 1 and declines[0].recipient == "deals@example.com"
    assert "Thank you for applying" in declines[0].body_text


def test_escalated_application_rejected_by_the_human_is_declined(engine: Engine, tmp_path: Path) -> None:
    ids = triaged(engine, tmp_path)
    result = decide(engine=engine, proposal_id=ids["a-dupe"], approve=False, actor="test", reason="duplicate", public_url="http://t", now=NOW)
    assert result.outcome == "declined"
    with transaction(engine) as session:
        assert [m.recipient for m in outbox.queued_messages(session=session, kind="decline")] == ["ana@example.com"]


def test_proposals_waiting_over_seven_days_expire_and_cannot_be_approved(engine: Engine, tmp_path: Path) -> None:
    ids = triaged(engine, tmp_path)
    assert expire_stale(engine=engine, now=NOW + timedelta(days=6)) == []
    expired = expire_stale(engine=engine, now=NOW + timedelta(days=7, minutes=1))
    assert sorted(expired) == sorted(ids.values())
    with pytest.raises(ProposalStateError):
        decide(engine=engine, proposal_id=ids["a-good"], approve=True, actor="late", public_url="http://t", now=NOW + timedelta(days=8))
    with transaction(engine) as session:
        assert all(p.email != "dana@example.com" for p in ledger_view.partner_contacts(session=session).values())
