"""Deciding in groups: pending proposals by kind with each group's money effect, and one decision for a group.

A group's money effect is the sum of its members' ``workflows.approvals.preview.effect_preview`` (what the
edit-then-approve preview states, per 30 days), never the agents' own estimates.

``decide_group`` records every member's decision, its audit rows and (for an approval) every member's
effects in ONE transaction: all of them or none (a member someone else decided meanwhile fails the whole
group with ``ProposalStateError``). Each member is claimed like a single approval, so it is applied
exactly once however often the group is decided; the members' waiting threads are resumed afterwards and
end without applying anything again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from agents.approval.effects import apply_claimed, reject_in
from agents.approval.registry import label
from agents.approval.runner import resume_threads
from agents.approval.state import ApprovalContext, Decision
from store.audit import Actor
from store.db import transaction
from store.models import Proposal
from tools import ledger_view, proposals
from tools.proposals import EXPIRY
from workflows.approvals.decide import DecisionResult, as_decision, audit_decision
from workflows.approvals.preview import listing_effects


@dataclass(frozen=True, slots=True)
class ProposalGroup:
    kind: str
    label: str
    proposal_ids: tuple[int, ...]
    money_effect_cents: int  # + kept or recovered, - cost, per 30 days (the members' effect previews)


def group_proposals(*, pending: Sequence[Proposal], effects: Mapping[int, int]) -> list[ProposalGroup]:
    """Pending proposals by kind with the sum of their ``effects`` (proposal id -> money, ``listing_effects``),
    the group with the largest money effect (either way) first."""
    by_kind: dict[str, list[Proposal]] = {}
    for proposal in pending:
        by_kind.setdefault(proposal.kind, []).append(proposal)
    groups = [
        ProposalGroup(kind=kind, label=label(kind), proposal_ids=tuple(p.id for p in members),
                      money_effect_cents=sum(effects.get(p.id, 0) for p in members))
        for kind, members in by_kind.items()
    ]  # fmt: skip
    return sorted(groups, key=lambda g: (-abs(g.money_effect_cents), g.label))


def pending_groups(*, engine: Engine) -> tuple[list[ProposalGroup], str]:
    """The groups of what is pending now, and the program's currency."""
    groups, currency, _ = pending_listing(engine=engine)
    return groups, currency


def pending_listing(*, engine: Engine) -> tuple[list[ProposalGroup], str, dict[int, int]]:
    """The groups of what is pending now, the program's currency, and each pending proposal's money effect."""
    with transaction(engine) as session:
        currency = ledger_view.program_currency(session=session)
        pending = proposals.list_proposals(session=session, status="pending")
        effects = listing_effects(session=session, proposals=pending)
        return group_proposals(pending=pending, effects=effects), currency, effects


def decide_group(
    *,
    engine: Engine,
    kind: str,
    approve: bool,
    actor: str,
    public_url: str,
    reason: str | None = None,
    exclude: Collection[int] = (),
    now: datetime | None = None,
) -> list[DecisionResult]:
    """Decide every pending proposal of ``kind`` except ``exclude``, at once; their results (none: no member)."""
    now = now or datetime.now(UTC)
    results: list[DecisionResult] = []
    threads: list[tuple[str, Decision]] = []
    with transaction(engine) as session:
        members = [p.id for p in proposals.list_proposals(session=session, status="pending")
                   if p.kind == kind and p.id not in exclude and p.created_at >= now - EXPIRY]  # fmt: skip
        for proposal_id in members:
            current = proposals.get_proposal(session=session, proposal_id=proposal_id)
            decided = proposals.record_decision(
                session=session, proposal_id=proposal_id, approve=approve, actor=actor, reason=reason, now=now,
                approved_payload=dict(current.payload) if approve else None,
            )
            audit_decision(session, decided, Actor.parse(actor), now)
            outcome = (apply_claimed(session=session, proposal_id=proposal_id, public_url=public_url, now=now)
                       if approve else reject_in(session=session, proposal_id=proposal_id, now=now))  # fmt: skip
            final = proposals.get_proposal(session=session, proposal_id=proposal_id)
            results.append(DecisionResult(proposal_id=proposal_id, kind=kind, status=final.status, outcome=outcome))
            threads.append((final.thread_id or f"proposal-{proposal_id}", as_decision(final, actor=actor)))
    resume_threads(context=ApprovalContext(engine=engine, public_url=public_url, now=now), decisions=threads)
    return results
