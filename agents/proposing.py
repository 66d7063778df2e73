"""Submitting proposals: persist them, then open one approval thread each, parked in its ``interrupt``.

A draft is not persisted when a proposal of the same kind and subject still waits, nor when one was
decided (approved or rejected) within ``tools.proposals.COOLDOWN`` and the draft brings no new evidence
(its kind's ``KindSpec.is_new_evidence``): an approved bump 8 % -> 10 % does not come back as 10 % -> 12 % on the
next run with the same score, and a rejected one is not put to the manager again. A draft on a subject
whose last decision was a rejection carries that rejection (id, reason, who, when) so the manager sees it.
Every draft's kind must be registered and its payload its kind's model (``agents.approval.registry``): a malformed one is a bug
in its drafter and raises here, before anything is stored, not when a manager approves it.

Every submitter goes through ``submit_in`` — the agents and the REST API / MCP (``submit_proposals``, which
then opens the threads), experiments (``submit_after_commit``, inside the transaction that stops the
experiment) — and each submission is audited with its actor (the agent run, the API key, the experiment).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from agents.approval.payloads import parse_payload
from agents.approval.registry import spec_of
from agents.approval.runner import ThreadStart, open_threads, thread_start
from agents.approval.state import ApprovalContext
from agents.context import AgentContext
from store.audit import Actor, record
from store.db import transaction
from store.models import Proposal
from tools.proposals import (
    COOLDOWN,
    ProposalDraft,
    create_proposal,
    last_decisions,
    pending_subjects,
    subject_of,
)


def agent_actor(agent: str, run_id: int | None) -> Actor:
    """The audit actor of an agent's submissions: ``agent:tiering:run-12`` (``agent:tiering`` outside a run)."""
    return Actor("agent", f"{agent}:run-{run_id}" if run_id is not None else agent)


def submit_in(
    *, session: Session, agent: str, drafts: Sequence[ProposalDraft], now: datetime, actor: Actor
) -> list[ThreadStart]:
    """The one submission path, in the caller's transaction: each draft's payload validated as its kind's model,
    dropped if its subject waits or cools down (module docstring), else stored with its rejection memory and
    audited (``proposal_submitted``, by ``actor``). The threads to open once this commits, in order."""
    for draft in drafts:
        parse_payload(draft.kind, draft.payload)
    created: list[ThreadStart] = []
    pending = pending_subjects(session=session)
    decided = last_decisions(session=session)
    for draft in drafts:
        subject = subject_of(draft)
        if subject in pending:
            continue
        last = decided.get(subject)
        if last is not None and _cooling_down(last, draft, now):
            continue
        pending.add(subject)
        if last is not None and last.status == "rejected":
            draft = _remembering(draft, last)
        proposal = create_proposal(session=session, draft=draft, agent=agent, now=now)
        record(session=session, actor=actor, action="proposal_submitted", subject=f"proposal:{proposal.id}",
               details={"kind": proposal.kind, "partner_id": proposal.partner_id, "agent": agent}, now=now)  # fmt: skip
        created.append(thread_start(proposal))
    return created


def submit_proposals(
    *, context: AgentContext, agent: str, drafts: Sequence[ProposalDraft], actor: Actor | None = None
) -> list[int]:
    """Persist the drafts that are new (``submit_in``) and open their threads; their ids, in order. The actor
    is the agent run unless a caller submits for someone else (an API key, an MCP client)."""
    with transaction(context.engine) as session:
        created = submit_in(session=session, agent=agent, drafts=drafts, now=context.now,
                            actor=actor if actor is not None else agent_actor(agent, context.run_id))  # fmt: skip
    approval = ApprovalContext(engine=context.engine, public_url=context.public_url, now=context.now)
    if context.background is None:
        open_threads(context=approval, proposals=created)
    else:  # the proposals are committed; their threads park in the background (see agents.background)
        context.background.submit(lambda: open_threads(context=approval, proposals=created))
    return [start.proposal_id for start in created]


def submit_after_commit(
    *, session: Session, agent: str, drafts: Sequence[ProposalDraft], now: datetime, actor: Actor
) -> list[int]:
    """``submit_in`` for a caller already inside its own transaction (experiments stop in the caller's): the
    threads open once that transaction commits, and never if it rolls back. Opening a thread applies nothing,
    so its context needs no public URL (a decision passes its own when it resumes the thread)."""
    created = submit_in(session=session, agent=agent, drafts=drafts, now=now, actor=actor)
    if created:
        approval = ApprovalContext(engine=session.get_bind().engine, public_url="", now=now)
        event.listen(session, "after_commit", lambda _: open_threads(context=approval, proposals=created), once=True)
    return [start.proposal_id for start in created]


def _cooling_down(last: Proposal, draft: ProposalDraft, now: datetime) -> bool:
    assert last.decided_at is not None
    new = spec_of(draft.kind).is_new_evidence(decided=last.evidence or {}, drafted=draft.evidence)
    return last.decided_at > now - COOLDOWN and not new


def _remembering(draft: ProposalDraft, rejected: Proposal) -> ProposalDraft:
    assert rejected.decided_at is not None
    memory = {"proposal_id": rejected.id, "reason": rejected.decision_reason, "decided_by": rejected.decided_by,
              "decided_at": rejected.decided_at.isoformat()}  # fmt: skip
    note = f"Rejected before (#{rejected.id}, {rejected.decided_at.date()}): {rejected.decision_reason or 'no reason'}"
    return draft.model_copy(update={
        "evidence": {**draft.evidence, "previous_rejection": memory},
        "rationale": f"{note}. {draft.rationale}" if draft.rationale else note,
    })  # fmt: skip
