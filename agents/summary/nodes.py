"""Summary nodes: gather_facts -> write_headline -> render_report.

Numbers come from the tools; the LLM (or the offline reasoner) writes only the headline, highlights and
watch-outs, from those numbers. The report is Markdown and HTML (inline SVG charts, no external assets).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.context import AgentContext
from agents.summary.facts import SummaryFacts, by_network, human_money, kpis, ranked
from agents.summary.state import SummaryCopy, SummaryState
from prompts import render
from store.db import transaction
from tools import ledger_view, outbox, proposals

WEEK = timedelta(days=7)


def prefetch(context: AgentContext) -> None:
    """Warm the week's metrics and fraud scan ``gather_facts`` reads (run beside earlier agents)."""
    analysis.window_metrics(context, start=context.now - WEEK, end=context.now)
    analysis.fraud_findings(context, start=context.now - WEEK, end=context.now)


def gather_facts(state: SummaryState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    metrics = analysis.window_metrics(runtime.context, start=now - WEEK, end=now)
    contacts = analysis.contacts(runtime.context, status=None)
    findings = analysis.fraud_findings(runtime.context, start=now - WEEK, end=now)
    with transaction(runtime.context.engine) as session:
        currency = ledger_view.program_currency(session=session)
        every = proposals.list_proposals(session=session)
        program = ledger_view.program_name(session=session)
        sent = ledger_view.outbox_counts(session=session, since=now - WEEK)
    fraud: dict[str, int] = {}
    for finding in findings:
        fraud[finding.signal] = fraud.get(finding.signal, 0) + 1
    protected = sum(int(p.payload.get("amount_cents", 0)) for p in every
                    if p.kind == "clawback" and p.status in ("pending", "approved", "applied"))
    waiting: dict[str, int] = {}
    for proposal in every:
        if proposal.status == "pending":
            waiting[proposal.kind] = waiting.get(proposal.kind, 0) + 1
    names = {pid: c.name for pid, c in contacts.items()}
    flagged = {f.partner_id for f in findings if f.severity == "high"} | {
        p.partner_id for p in every if p.kind == "offboard_partner" and p.status == "pending" and p.partner_id}
    top, bottom = ranked(metrics.partners, names, currency, flagged)
    facts = SummaryFacts(
        program=program, currency=currency,
        week_start=metrics.window.start.date().isoformat(), week_end=metrics.window.end.date().isoformat(),
        kpis=kpis(metrics.program.current, metrics.program.previous, currency),
        networks=by_network(metrics.partners, {pid: c.network for pid, c in contacts.items()}, currency),
        top=top, bottom=bottom, fraud_findings=fraud,
        fraud_partners=sorted({f.partner_id for f in findings if f.severity == "high"}),
        money_protected=human_money(protected, currency), money_protected_cents=protected,
        proposals_waiting=waiting, outbox_this_week=sent,
    )
    return {"facts": facts}


def write_headline(state: SummaryState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    facts = state["facts"]
    copy = runtime.context.reasoner.structured(
        task="summary",
        system=render("system/base.txt.j2", program=facts.program),
        prompt=render("summary/copy.txt.j2", facts=facts),
        schema=SummaryCopy,
        offline=lambda: offline_copy(facts),
    )
    return {"copy": copy}


def render_report(state: SummaryState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    facts, copy = state["facts"], state["copy"]
    context = {"facts": facts, "copy": copy, "charts": charts(facts)}
    markdown = render("summary/weekly.md.j2", **context)
    html = render("summary/weekly.html.j2", **context)
    out = Path(state["output_dir"])
    out.mkdir(parents=True, exist_ok=True)
    md_path, html_path = out / f"weekly-{facts.week_end}.md", out / f"weekly-{facts.week_end}.html"
    md_path.write_text(markdown, encoding="utf-8")
    html_path.write_text(html, encoding="utf-8")
    with transaction(runtime.context.engine) as session:
        outbox.queue_message(
            session=session, dedupe_key=f"summary:{facts.week_end}", channel="email", recipient="managers",
            kind="summary", subject=f"{facts.program}: weekly affiliate report, {facts.week_end}",
            body_text=markdown, body_html=html,
        )
    return {"markdown_path": str(md_path), "html_path": str(html_path), "markdown": markdown}


def offline_copy(facts: SummaryFacts) -> SummaryCopy:
    revenue = facts.kpis[0]
    margin = facts.kpis[5]
    headline = f"Affiliate revenue {revenue.current} ({revenue.change} week over week), margin contribution {margin.current}."
    highlights = []
    if facts.top:
        best = facts.top[0]
        highlights.append(f"{best.name} led with {best.margin} margin contribution ({best.change} revenue).")
    if facts.networks:
        lead = facts.networks[0]
        highlights.append(f"{lead.network} is the largest sub-network: {lead.kpis[0].current} revenue ({lead.kpis[0].change}).")
    waiting = sum(facts.proposals_waiting.values())
    highlights.append(f"{waiting} proposals wait for a decision" + (": " + ", ".join(
        f"{n} {k.replace('_', ' ')}" for k, n in sorted(facts.proposals_waiting.items())) if waiting else "."))
    watch = []
    if facts.fraud_partners:
        watch.append(f"High-severity fraud at {len(facts.fraud_partners)} partner(s) ({', '.join(facts.fraud_partners[:5])}); "
                     f"{facts.money_protected} in clawbacks proposed or applied.")
    if facts.bottom and facts.bottom[0].margin_cents < 0:
        worst = facts.bottom[0]
        watch.append(f"{worst.name} destroyed margin ({worst.margin}); see the proposals.")
    if not watch:
        watch.append("No high-severity fraud this week.")
    return SummaryCopy(headline=headline, highlights=highlights[:3], watch_outs=watch[:2])


def charts(facts: SummaryFacts) -> dict[str, list[dict[str, Any]]]:
    """Bar geometry for the inline SVG charts (pixels are layout, not money)."""
    peak = max([n.revenue_cents for n in facts.networks] + [n.previous_revenue_cents for n in facts.networks] + [1])
    networks = [
        {"label": n.network, "now": 300 * n.revenue_cents // peak, "before": 300 * n.previous_revenue_cents // peak,
         "value": n.kpis[0].current}
        for n in facts.networks
    ]
    top_peak = max([abs(row.margin_cents) for row in facts.top] + [1])
    top = [{"label": row.name, "width": 300 * max(row.margin_cents, 0) // top_peak, "value": row.margin}
           for row in facts.top]
    return {"networks": networks, "top": top}
