"""The triage graph: gather_evidence -> screen_applications -> judge_brand_fit -> propose_decisions -> open_proposals."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import AgentContext
from agents.triage.nodes import (
    gather_evidence,
    judge_brand_fit,
    open_proposals,
    propose_decisions,
    screen_applications,
)
from agents.triage.state import TriageDecision, TriageState


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(TriageState, context_schema=AgentContext)
    graph.add_node("gather_evidence", gather_evidence)
    graph.add_node("screen_applications", screen_applications)
    graph.add_node("judge_brand_fit", judge_brand_fit)
    graph.add_node("propose_decisions", propose_decisions)
    graph.add_node("open_proposals", open_proposals)
    graph.add_edge(START, "gather_evidence")
    graph.add_edge("gather_evidence", "screen_applications")
    graph.add_edge("screen_applications", "judge_brand_fit")
    graph.add_edge("judge_brand_fit", "propose_decisions")
    graph.add_edge("propose_decisions", "open_proposals")
    graph.add_edge("open_proposals", END)
    return graph.compile()


def run(context: AgentContext) -> list[TriageDecision]:
    final = build_graph().invoke({}, context=context)
    decisions: list[TriageDecision] = final.get("decisions", [])
    return decisions
