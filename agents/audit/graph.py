"""The content-audit graph: collect_content -> judge_content -> store_assessments.

The judgement (LLM or offline) is stored as ``partner_assessments`` that the quality score uses; page text
that tries to instruct the reviewer or the model (``agents.safety.find_injection``: normalised, in a dozen
languages, and by meaning) is judged low value, whatever the model said, and the finding leads its reasons.
"""

from __future__ import annotations

from typing import Any, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.judging import ContentJudgement, offline_content_judgement
from agents.safety import find_injection
from prompts import render
from store.db import transaction
from tools import applications, assessments, ledger_view
from tools.assessments import ContentSample


class AuditState(TypedDict, total=False):
    program: str
    brand_guide: str
    samples: list[ContentSample]
    judgements: dict[str, ContentJudgement]


def collect_content(state: AuditState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    with transaction(runtime.context.engine) as session:
        return {
            "samples": assessments.content_to_audit(session=session),
            "brand_guide": applications.program_brand_guide(session=session),
            "program": ledger_view.program_name(session=session),
        }


def judge_content(state: AuditState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    reasoner = runtime.context.reasoner
    system = render("system/base.txt.j2", program=state["program"])

    def judge(sample: ContentSample) -> tuple[str, ContentJudgement]:
        def offline() -> ContentJudgement:
            return offline_content_judgement(brand_guide=state["brand_guide"], content=sample.text)

        judgement = reasoner.structured(
            task="content_audit", system=system, schema=ContentJudgement, offline=offline,
            prompt=render("audit/judge.txt.j2", brand_guide=state["brand_guide"], source=sample.source, text=sample.text),
        )
        finding = find_injection({f"page text ({sample.source})": sample.text})
        if finding is not None:
            judgement = judgement.model_copy(update={
                "helpfulness": min(judgement.helpfulness, 20), "verdict": "low_value",
                "reasons": [f"content tries to instruct the reviewer: {finding.describe()}", *judgement.reasons[:2]],
            })
        return sample.partner_id, judgement

    return {"judgements": dict(reasoner.map(judge, state["samples"]))}


def store_assessments(state: AuditState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    with transaction(runtime.context.engine) as session:
        for partner_id, judgement in state["judgements"].items():
            summary = f"{judgement.verdict}, sentiment {judgement.sentiment}: " + "; ".join(judgement.reasons)
            assessments.record_assessment(session=session, partner_id=partner_id, kind="content",
                                          score=judgement.helpfulness, summary=summary, now=runtime.context.now)
            assessments.record_assessment(session=session, partner_id=partner_id, kind="brand_fit",
                                          score=judgement.brand_alignment, summary=summary, now=runtime.context.now)
    return {}


def build_graph() -> CompiledStateGraph[Any, Any, Any, Any]:
    graph = StateGraph(AuditState, context_schema=AgentContext)
    graph.add_node("collect_content", collect_content)
    graph.add_node("judge_content", judge_content)
    graph.add_node("store_assessments", store_assessments)
    graph.add_edge(START, "collect_content")
    graph.add_edge("collect_content", "judge_content")
    graph.add_edge("judge_content", "store_assessments")
    graph.add_edge("store_assessments", END)
    return graph.compile()


def run(context: AgentContext) -> dict[str, Any]:
    final = build_graph().invoke({}, context=context)
    return {"assessments": [{"partner_id": pid, **j.model_dump(mode="json")} for pid, j in final["judgements"].items()]}
