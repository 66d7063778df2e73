"""The launch graph: match_partners -> attach_links -> write_copy -> queue_briefs (see ``nodes``)."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.briefs.nodes import attach_links
from agents.briefs.state import BriefsState
from agents.context import AgentContext
from agents.launch.nodes import match_partners, queue_briefs, write_copy


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(BriefsState, context_schema=AgentContext)
    graph.add_node("match_partners", match_partners)
    graph.add_node("attach_links", attach_links)
    graph.add_node("write_copy", write_copy)
    graph.add_node("queue_briefs", queue_briefs)
    graph.add_edge(START, "match_partners")
    graph.add_edge("match_partners", "attach_links")
    graph.add_edge("attach_links", "write_copy")
    graph.add_edge("write_copy", "queue_briefs")
    graph.add_edge("queue_briefs", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {"launch_briefs": [{"partner_id": b.partner_id, "skus": [p.sku for p in b.picks]} for b in final["briefs"]],
            "queued": final["queued"]}
