"""The nudges graph: find_declines -> write_nudges -> queue_nudges."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import AgentContext
from agents.nudges.nodes import find_declines, queue_nudges, write_nudges
from agents.nudges.state import NudgesState


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(NudgesState, context_schema=AgentContext)
    graph.add_node("find_declines", find_declines)
    graph.add_node("write_nudges", write_nudges)
    graph.add_node("queue_nudges", queue_nudges)
    graph.add_edge(START, "find_declines")
    graph.add_edge("find_declines", "write_nudges")
    graph.add_edge("write_nudges", "queue_nudges")
    graph.add_edge("queue_nudges", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {
        "window_days": final["window_days"],
        "nudges": [{"partner_id": f.partner_id, "action": f.action, "sku": f.action_sku} for f in final["facts"]],
        "queued": final["queued"],
    }
