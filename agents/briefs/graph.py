"""The briefs graph: plan_briefs -> attach_links -> write_copy -> queue_briefs."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.briefs.nodes import attach_links, plan_briefs, queue_briefs, write_copy
from agents.briefs.state import BriefsState
from agents.context import AgentContext


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(BriefsState, context_schema=AgentContext)
    for name, node in (("plan_briefs", plan_briefs), ("attach_links", attach_links), ("write_copy", write_copy),
                       ("queue_briefs", queue_briefs)):
        graph.add_node(name, node)
    graph.add_edge(START, "plan_briefs")
    graph.add_edge("plan_briefs", "attach_links")
    graph.add_edge("attach_links", "write_copy")
    graph.add_edge("write_copy", "queue_briefs")
    graph.add_edge("queue_briefs", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {
        "week": final["week"],
        "briefs": [
            {"partner_id": b.partner_id, "tier": b.tier, "skus": [p.sku for p in b.picks], "video": b.is_video}
            for b in final["briefs"]
        ],
        "queued": final["queued"],
    }
