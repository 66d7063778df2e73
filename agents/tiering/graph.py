"""The tiering graph: score -> draft_proposals -> open_proposals."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import AgentContext
from agents.tiering.nodes import draft_proposals, open_proposals, score
from agents.tiering.state import TieringState


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(TieringState, context_schema=AgentContext)
    graph.add_node("score", score)
    graph.add_node("draft_proposals", draft_proposals)
    graph.add_node("open_proposals", open_proposals)
    graph.add_edge(START, "score")
    graph.add_edge("score", "draft_proposals")
    graph.add_edge("draft_proposals", "open_proposals")
    graph.add_edge("open_proposals", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    tiers: dict[str, list[str]] = {"growth": [], "maintain": [], "purge": []}
    for scored in final["scores"].partners:
        tiers[scored.tier].append(scored.partner_id)
    return {
        "tiers": tiers,
        "proposals": [{"kind": d.kind, "partner_id": d.partner_id, "summary": d.summary} for d in final["drafts"]],
        "proposal_ids": final["proposal_ids"],
    }
