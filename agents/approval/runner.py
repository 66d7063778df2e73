"""Opening and resuming approval threads (one per proposal) on the store's checkpointer."""

from __future__ import annotations

from collections.abc import Sequence

from langgraph.types import Command
from sqlalchemy import Engine

from agents.approval.graph import compile_graph, thread_config
from agents.approval.state import ApprovalContext, Decision
from agents.checkpoint import open_checkpointer


def store_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def open_threads(*, context: ApprovalContext, proposals: Sequence[tuple[int, str]]) -> None:
    """Run each (proposal id, thread id) thread up to its ``interrupt``: it now waits for a human.

    ``durability="exit"`` writes one checkpoint per thread, at the interrupt, instead of one per step: the
    thread has nothing to recover before it waits, and a proposal whose thread was never parked (a crash
    in between) is still applied exactly once by ``workflows.approvals.decide.decide``'s direct path.
    """
    if not proposals:
        return
    with open_checkpointer(store_url(context.engine)) as saver:
        graph = compile_graph(saver)
        for proposal_id, thread_id in proposals:
            graph.invoke({"proposal_id": proposal_id}, thread_config(thread_id), context=context, durability="exit")


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
