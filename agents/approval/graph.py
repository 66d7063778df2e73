"""``await_decision`` (interrupt) -> ``apply_decision``; thread id ``proposal-<id>``."""

from __future__ import annotations

from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.approval.nodes import apply_decision, await_decision
from agents.approval.state import ApprovalContext, ApprovalState


def build_graph() -> StateGraph[ApprovalState, ApprovalContext, ApprovalState, ApprovalState]:
    graph = StateGraph(ApprovalState, context_schema=ApprovalContext)
    graph.add_node("await_decision", await_decision)
    graph.add_node("apply_decision", apply_decision)
    graph.add_edge(START, "await_decision")
    graph.add_edge("await_decision", "apply_decision")
    graph.add_edge("apply_decision", END)
    return graph


def compile_graph(checkpointer: BaseCheckpointSaver[Any]) -> CompiledStateGraph[Any, Any, Any, Any]:
    return build_graph().compile(checkpointer=checkpointer)


def thread_config(thread_id: str) -> RunnableConfig:
    return {"configurable": {"thread_id": thread_id}}
