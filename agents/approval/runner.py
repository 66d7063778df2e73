"""Opening and resuming approval threads (one per proposal) on the store's checkpointer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langgraph.types import Command
from sqlalchemy import Engine

from agents.approval.graph import compile_graph, thread_config
from agents.approval.payloads import editable_fields
from agents.approval.state import ActionRequest, ApprovalContext, Decision, HumanInterrupt, HumanInterruptConfig
from agents.checkpoint import open_checkpointer
from store.models import Proposal


def store_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@dataclass(frozen=True, slots=True)
class ThreadStart:
    """A proposal whose approval thread is to be opened: its id, thread id and the interrupt it waits in."""

    proposal_id: int
    thread_id: str
    request: HumanInterrupt


def thread_start(proposal: Proposal) -> ThreadStart:
    """The thread a stored proposal waits in: its kind and payload as the agent-inbox ``HumanInterrupt``, which
    allows an edit only where the kind has editable fields (its ``KindSpec.editable``)."""
    request = HumanInterrupt(
        action_request=ActionRequest(action=proposal.kind, args=dict(proposal.payload)),
        config=HumanInterruptConfig(
            allow_ignore=True, allow_respond=True, allow_edit=bool(editable_fields(proposal.kind)), allow_accept=True
        ),
        description=proposal.summary,
    )
    return ThreadStart(proposal.id, proposal.thread_id or f"proposal-{proposal.id}", request)


def open_threads(*, context: ApprovalContext, proposals: Sequence[ThreadStart]) -> None:
    """Run each proposal's thread up to its ``interrupt``: it now waits for a human.

    ``durability="exit"`` writes one checkpoint per thread, at the interrupt, instead of one per step: the
    thread has nothing to recover before it waits, and a proposal whose thread was never parked (a crash
    in between) is still applied exactly once by ``workflows.approvals.decide.decide``'s direct path.
    """
    if not proposals:
        return
    with open_checkpointer(store_url(context.engine)) as saver:
        graph = compile_graph(saver)
        for start in proposals:
            graph.invoke({"proposal_id": start.proposal_id, "request": start.request}, thread_config(start.thread_id),
                         context=context, durability="exit")  # fmt: skip


def resume_thread(*, context: ApprovalContext, thread_id: str, decision: Decision) -> str | None:
    """Resume a waiting thread with the decision; the outcome, or None when no thread waits under that id."""
    with open_checkpointer(store_url(context.engine)) as saver:
        graph = compile_graph(saver)
        config = thread_config(thread_id)
        if "await_decision" not in graph.get_state(config).next:
            return None
        result = graph.invoke(Command(resume=decision), config, context=context)
        return str(result["outcome"])


def resume_threads(*, context: ApprovalContext, decisions: Sequence[tuple[str, Decision]]) -> None:
    """Resume each waiting (thread id, decision) on one checkpointer, e.g. after a group was applied directly:
    each thread's ``apply_decision`` then finds its proposal applied and ends (``already_applied``)."""
    if not decisions:
        return
    with open_checkpointer(store_url(context.engine)) as saver:
        graph = compile_graph(saver)
        for thread_id, decision in decisions:
            config = thread_config(thread_id)
            if "await_decision" in graph.get_state(config).next:
                graph.invoke(Command(resume=decision), config, context=context)
