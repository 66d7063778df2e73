"""Summary nodes: gather_facts -> write_headline -> render_report.

Numbers come from the tools; the LLM (or the offline reasoner) writes only the headline, highlights and
watch-outs, from those numbers. The report is Markdown and HTML (inline SVG charts, no external assets).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.context import AgentContext
from agents.summary.decisions import MESSAGE_LABELS, amount, decision_groups, fraud_rows, human
from agents.summary.facts import (
    NetworkRow,
    SummaryFacts,
    by_network,
    foreign_currency_facts,
    inbox_facts,
    kpis,
    ranked,
)
from agents.summary.state import SummaryCopy, SummaryState
from agents.wording import counted
from prompts import render
from store.db import transaction
from store.money import human_money
from tools import inbox_view, ledger_view, outbox, proposals

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
        inbox = inbox_view.attention(session=session, now=now)
        foreign = ledger_view.foreign_currency_orders(
            session=session, since=metrics.window.start, until=metrics.window.end
        )
    fraud: dict[str, int] = {}
    for finding in findings:
        fraud[finding.signal] = fraud.get(finding.signal, 0) + 1
    claws = [p for p in every if p.kind == "clawback" and p.status in ("pending", "approved", "applied")]
    protected = sum(int(p.payload.get("amount_cents", 0)) for p in claws)
    applied = sum(int(p.payload.get("amount_cents", 0)) for p in claws if p.status == "applied")
    claw_by_partner: dict[str, Decimal] = {}
    for claw in claws:
        if claw.partner_id:
            claw_by_partner[claw.partner_id] = claw_by_partner.get(claw.partner_id, Decimal(0)) + Decimal(
                int(claw.payload.get("amount_cents", 0))) / 100
    pending = [p for p in every if p.status == "pending"]
    proposed: dict[str, set[str]] = {}
    for proposal in pending:
        if proposal.partner_id:
            proposed.setdefault(proposal.partner_id, set()).add(proposal.kind)
    stops = sum((amount(p.expected_impact.get("commission_stopped_per_window", 0))
                 for p in pending if p.kind == "offboard_partner"), Decimal(0))
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
        proposals_waiting=waiting,
        outbox_this_week=sent,
        messages_sent={MESSAGE_LABELS.get(kind, kind): count for kind, count in sorted(sent.items())},
        store_share=_share(metrics.program.current.revenue_cents, metrics.program.all_revenue_cents),
        revenue_share_top=_share(sum(p.current.revenue_cents for p in metrics.partners
                                     if p.partner_id in {row.partner_id for row in top}),
                                 metrics.program.current.revenue_cents),
        decisions=decision_groups(pending, currency, now),
        fraud_rows=fraud_rows(findings, names, claw_by_partner, proposed, currency),
        protected_pending=human_money(protected - applied, currency), protected_applied=human_money(applied, currency),
        protected_applied_cents=applied,
        offboarding_stops=human(stops, currency),
        inbox=inbox_facts(inbox, now),
        foreign=foreign_currency_facts(foreign, names, currency),
    )
    return {"facts": facts}


def _trend(network: NetworkRow) -> float:
    return (network.revenue_cents - network.previous_revenue_cents) / max(1, network.previous_revenue_cents)


def _share(part: int, whole: int) -> str | None:
    return f"{(Decimal(part) * 100 / whole).quantize(Decimal('0.1'))}%" if whole > 0 else None


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
    """The opening an affiliate manager would write, from the numbers: the result, what drove it, what to do."""
    revenue, orders, margin = facts.kpis[0], facts.kpis[1], facts.kpis[5]
    share = f", {facts.store_share} of all store revenue" if facts.store_share else ""
    headline = (f"Partners brought in {revenue.current} this week ({revenue.change} on last week{share}), "
                f"from {orders.current} order{'' if orders.current == '1' else 's'}; margin after commission and cost of goods: {margin.current} "
                f"({margin.change}).")
    highlights = []
    if facts.top:
        best = facts.top[0]
        concentration = (f"; the top {len(facts.top)} brought {facts.revenue_share_top} of partner revenue"
                         if facts.revenue_share_top else "")
        highlights.append(f"{best.name} led on margin ({best.margin}, revenue {best.change}){concentration}.")
    if len(facts.networks) > 1:
        lead = facts.networks[0]
        moves = sorted(facts.networks, key=lambda n: (n.revenue_cents - n.previous_revenue_cents)
                       / max(1, n.previous_revenue_cents))
        mover = moves[-1] if abs(_trend(moves[-1])) >= abs(_trend(moves[0])) else moves[0]
        text = f"{lead.network} is the largest sub-network ({lead.kpis[0].current}, {lead.kpis[0].change})"
        if mover.network != lead.network:
            text += f"; the biggest move: {mover.network} {mover.kpis[0].change} ({mover.kpis[0].current})"
        highlights.append(text + ".")
    if facts.decisions:
        parts = [f"{g.count} {g.short}" + (f" ({g.total})" if g.total else "") for g in facts.decisions[:3]]
        waiting = sum(g.count for g in facts.decisions)
        highlights.append(f"{counted(waiting, 'decision')} {'waits' if waiting == 1 else 'wait'} for you: "
                          + "; ".join(parts) + ".")
    watch = []
    if facts.fraud_rows:
        names = ", ".join(row.partner.split(" (")[0] for row in facts.fraud_rows[:3])
        more = f" and {len(facts.fraud_rows) - 3} more" if len(facts.fraud_rows) > 3 else ""
        recovered = (f", {facts.protected_applied} already recovered" if facts.protected_applied_cents else "")
        watch.append(f"High-severity fraud at {counted(len(facts.fraud_rows), 'partner')} this week ({names}{more}): "
                     f"{facts.protected_pending} in clawbacks waits for your approval{recovered}.")
    if facts.inbox.needs_attention:
        watch.append(inbox_watch_out(facts))
    if facts.bottom and facts.bottom[0].margin_cents < 0:
        worst = facts.bottom[0]
        watch.append(f"{worst.name} cost more than it earned this week ({worst.margin}): {worst.note}.")
    elif revenue.change.startswith("-") and facts.bottom:
        names = ", ".join(f"{row.name} ({row.change})" for row in facts.bottom[:3])
        nudged = facts.messages_sent.get("performance nudges", 0)
        watch.append(f"Revenue is down {revenue.change.lstrip('-')}; the largest drops: {names}. "
                     f"{counted(nudged, 'partner')} whose decline was more than noise "
                     f"{'was' if nudged == 1 else 'were'} sent a nudge with one concrete action.")
    if not watch:
        watch.append("No high-severity fraud this week.")
    return SummaryCopy(headline=headline[:300], highlights=highlights[:3], watch_outs=watch[:2])


def inbox_watch_out(facts: SummaryFacts) -> str:
    """Money received but not booked: failed events first (nothing retries them), then refunds parked too long."""
    inbox, parts = facts.inbox, []
    if inbox.failed:
        common = inbox.failed_reasons[0]
        parts.append(f"{counted(inbox.failed, 'order or refund', 'orders or refunds')} failed to book (oldest "
                     f"{inbox.oldest_failed}; most often: {common.reason}), see `afflow inbox list --status failed`")
    if inbox.parked_overdue:
        parts.append(f"{counted(inbox.parked_overdue, 'refund')} {'has' if inbox.parked_overdue == 1 else 'have'} "
                     f"waited over {inbox.return_days} days for {'its' if inbox.parked_overdue == 1 else 'their'} "
                     "order (`afflow inbox list --status parked`)")
    if inbox.parked_orders_overdue:
        common = inbox.parked_order_reasons[0]
        parts.append(f"{counted(inbox.parked_orders_overdue, 'order')} not booked for over {inbox.return_days} days "
                     f"({common.reason}; `afflow inbox list --status parked`)")
    return "; ".join(parts) + "."


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
