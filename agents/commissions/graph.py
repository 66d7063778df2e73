"""The commissions graph: draft_proposals -> open_proposals."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.commissions.nodes import draft_proposals, open_proposals
from agents.commissions.state import CommissionsState
from agents.context import AgentContext


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(CommissionsState, context_schema=AgentContext)
    graph.add_node("draft_proposals", draft_proposals)
    graph.add_node("open_proposals", open_proposals)
    graph.add_edge(START, "draft_proposals")
    graph.add_edge("draft_proposals", "open_proposals")
    graph.add_edge("open_proposals", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {"proposals": [{"kind": d.kind, "partner_id": d.partner_id, "summary": d.summary,
                           "expected_impact": d.expected_impact} for d in final["drafts"]],
            "proposal_ids": final["proposal_ids"]}
