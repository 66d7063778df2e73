"""The MCP server's read tools (``read`` scope): the same reports the REST API and ``afflow ... --json`` give.

Every answer comes from ``afflow.api.reports`` over one session, so an assistant, the API and the CLI
agree; untrusted strings in it are fenced (``afflow.mcp.fencing``). Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from afflow.api import reports
from afflow.clikit import UserError, parse_time
from afflow.mcp.access import Access
from afflow.mcp.fencing import fenced
from store.db import transaction
from store.models import OutboxMessage
from tools.row_views import partner_view

READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)
PartnerId = Annotated[
    str, Field(min_length=1, max_length=64, description="The partner's id (e.g. from program_metrics).")
]
Days = Annotated[int | None, Field(ge=1, le=3650, description="Window length in days; default: the program's.")]
AsOf = Annotated[str | None, Field(max_length=40, description="Window end, ISO 8601 (UTC when no offset); default: the latest event.")]  # fmt: skip


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session in which an unknown partner (``LookupError``) is a tool error the model can read."""
    try:
        with transaction(engine) as session:
            yield session
    except LookupError as exc:
        raise ToolError(str(exc)) from exc


def window_end(as_of: str | None) -> datetime | None:
    try:
        return parse_time(as_of, option="as_of")
    except UserError as exc:
        raise ToolError(exc.message) from exc


def add_read_tools(
    server: MCPServer[Any], *, engine: Engine, config: reports.ReportConfig, access: Access
) -> dict[str, str]:
    """Add the read tools; their names, each with the scope it needs (``read``)."""
    names: dict[str, str] = {}

    def tool(fn: Callable[..., dict[str, Any]], title: str) -> None:
        server.add_tool(fn, title=title, annotations=READ_ONLY.model_copy(update={"title": title}))
        names[fn.__name__] = "read"

    def program_metrics(days: Days = None, as_of: AsOf = None) -> dict[str, Any]:
        """Clicks, orders, revenue, commission, margin and their change on the previous window, for the
        program and every partner (``afflow metrics --json``). Use it for "who are my best partners?"."""
        access.grant("read")
        end = window_end(as_of)
        with reading(engine) as session:
            return fenced(reports.metrics(session=session, config=config, partner_id=None, days=days, as_of=end))

    def partner_profile(partner_id: PartnerId, days: Days = None, as_of: AsOf = None) -> dict[str, Any]:
        """One partner: profile (status, channel, codes, audience), ledger balance and the window's numbers."""
        access.grant("read")
        end = window_end(as_of)
        with reading(engine) as session:
            view = partner_view(reports.known_partner(session, partner_id))
            view["balance"] = reports.ledger_balances(session=session, partner_id=partner_id)["partners"][0]
            view["metrics"] = reports.metrics(
                session=session, config=config, partner_id=partner_id, days=days, as_of=end
            )
            return fenced(view)

    def fraud_findings(partner_id: PartnerId | None = None, days: Days = None, as_of: AsOf = None) -> dict[str, Any]:
        """Fraud findings with their evidence and the program's baselines (``afflow fraud scan --json``),
        for one partner or all."""
        access.grant("read")
        end = window_end(as_of)
        with reading(engine) as session:
            return fenced(reports.fraud(session=session, config=config, partner_id=partner_id, days=days, as_of=end))

    def ledger_balance(partner_id: PartnerId | None = None) -> dict[str, Any]:
        """Pending, locked, paid and clawback balances per partner (``afflow ledger balance --json``)."""
        access.grant("read")
        with reading(engine) as session:
            return fenced(reports.ledger_balances(session=session, partner_id=partner_id))

    def partner_scores(as_of: AsOf = None) -> dict[str, Any]:
        """Quality score, its components and the tier per partner (``afflow partners score --json``)."""
        access.grant("read")
        end = window_end(as_of)
        with reading(engine) as session:
            return fenced(reports.scores(session=session, config=config, as_of=end))

    def weekly_report() -> dict[str, Any]:
        """The latest weekly report the summary agent wrote (Markdown), or ``report: null`` before the first."""
        access.grant("read")
        with reading(engine) as session:
            latest = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "summary")
                                     .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(1)).first()  # fmt: skip
            if latest is None:
                return {"report": None}
            return fenced({"report": {"subject": latest.subject, "created_at": latest.created_at.isoformat(),
                                      "markdown": latest.body_text}})  # fmt: skip

    def pending_proposals(limit: Annotated[int, Field(ge=1, le=200)] = 50) -> dict[str, Any]:
        """Proposals waiting for a manager's decision (oldest first), with payload and evidence."""
        access.grant("read")
        with reading(engine) as session:
            rows = reports.proposals(session=session, status="pending", limit=limit)
            return fenced({"proposals": [reports.proposal_detail(p) for p in rows]})

    tool(program_metrics, "Program and partner metrics")
    tool(partner_profile, "A partner's profile and numbers")
    tool(fraud_findings, "Fraud findings with evidence")
    tool(ledger_balance, "Ledger balances")
    tool(partner_scores, "Partner scores and tiers")
    tool(weekly_report, "The latest weekly report")
    tool(pending_proposals, "Pending proposals")
    return names
