"""The summary graph: gather_facts -> write_headline -> render_report."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.context import AgentContext
from agents.summary.nodes import gather_facts, render_report, write_headline
from agents.summary.state import SummaryState


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(SummaryState, context_schema=AgentContext)
    graph.add_node("gather_facts", gather_facts)
    graph.add_node("write_headline", write_headline)
    graph.add_node("render_report", render_report)
    graph.add_edge(START, "gather_facts")
    graph.add_edge("gather_facts", "write_headline")
    graph.add_edge("write_headline", "render_report")
    graph.add_edge("render_report", END)
    return graph.compile()


def run(context: AgentContext, *, output_dir: str) -> dict[str, Any]:
    final = build_graph().invoke({"output_dir": output_dir}, context=context)
    return {"summary": final["copy"].headline, "markdown_path": final["markdown_path"],
            "html_path": final["html_path"], "facts": final["facts"].model_dump(mode="json")}
