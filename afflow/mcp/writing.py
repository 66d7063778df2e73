"""The MCP server's write tools: they only ask. Four ``propose`` tools submit pending proposals through
``afflow.api.proposing.propose`` (the REST API's path, and through it the agents' ``submit_proposals``), which a
manager approves or rejects; ``create_tracking_links`` (``links`` scope) is the idempotent
``tools.links.create_links`` with its audit row (``afflow.api.linking``, the REST API's path). Nothing here
applies a proposal, books money or publishes a rule; each write is in the audit trail with the caller as actor.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field, ValidationError
from sqlalchemy import Engine

from afflow.api.linking import create_audited_links
from afflow.api.proposing import ProposalRefused, ProposalRequest, ProposingConfig, propose
from afflow.mcp.access import Access
from afflow.mcp.fencing import fenced
from afflow.mcp.reading import PartnerId
from tools.links import LinkError

# Additive (a pending proposal, a link), never destructive: deciding and applying happen elsewhere, by people.
PROPOSES = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)
LINKS = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
Reason = Annotated[str, Field(min_length=1, max_length=2000, description="Why: shown to the manager who decides.")]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=9, decimal_places=4, description="The rate, in percent.")]


def add_write_tools(
    server: MCPServer[Any], *, engine: Engine, config: ProposingConfig, access: Access
) -> dict[str, str]:
    """Add the write tools; their names, each with the scope it needs (``propose`` or ``links``)."""

    def submit(**fields: Any) -> dict[str, Any]:
        actor = access.grant("propose")
        try:
            request = ProposalRequest(**fields)
            return fenced({"proposal": propose(engine=engine, config=config, request=request, actor=actor),
                           "note": "pending: a manager approves or rejects it; nothing is applied until then"})  # fmt: skip
        except ProposalRefused as exc:
            raise ToolError(f"{exc.code}: {exc}") from exc
        except ValidationError as exc:
            raise ToolError(f"invalid_input: {exc.errors()[0]['msg']}") from exc

    def propose_tier_bump(partner_id: PartnerId, percent: Percent, reason: Reason) -> dict[str, Any]:
        """Propose a new commission rate for one partner (a tier bump); a manager decides."""
        return submit(kind="tier_bump", partner_id=partner_id, percent=percent, reason=reason)

    def propose_commission_change(
        sku: Annotated[str, Field(min_length=1, max_length=64)], percent: Percent, reason: Reason
    ) -> dict[str, Any]:
        """Propose a new commission rate for one product (SKU) for every partner; a manager decides."""
        return submit(kind="commission_change", sku=sku, percent=percent, reason=reason)

    def propose_clawback(
        partner_id: PartnerId,
        amount: Annotated[str, Field(min_length=1, max_length=32, description="Decimal string, program currency.")],
        reason: Reason,
        order_ids: Annotated[list[str], Field(max_length=500, description="The orders it recovers, if known.")] = [],  # noqa: B006
    ) -> dict[str, Any]:
        """Propose recovering an amount from a partner (e.g. for fraud); a manager decides, finance books it."""
        return submit(kind="clawback", partner_id=partner_id, amount=amount, order_ids=order_ids, reason=reason)

    def propose_offboarding(partner_id: PartnerId, reason: Reason) -> dict[str, Any]:
        """Propose ending a partner's membership of the program; a manager decides."""
        return submit(kind="offboard_partner", partner_id=partner_id, reason=reason)

    def create_tracking_links(
        partner_id: PartnerId,
        skus: Annotated[list[str], Field(max_length=500, description="One link per SKU; none: a landing link.")] = [],  # noqa: B006
        all_skus: bool = False,
    ) -> dict[str, Any]:
        """Tracking links for an active partner (one per SKU, or a landing-page link); existing links come back
        unchanged."""
        actor = access.grant("links")
        try:
            links = create_audited_links(engine=engine, actor=actor, partner_id=partner_id, skus=skus,
                                         all_skus=all_skus, public_url=config.public_url)  # fmt: skip
        except LinkError as exc:
            raise ToolError(f"{exc.code}: {exc}") from exc
        return {"links": [link.as_json() for link in links]}

    tools: list[tuple[Callable[..., dict[str, Any]], str, ToolAnnotations, str]] = [
        (propose_tier_bump, "Propose a tier bump", PROPOSES, "propose"),
        (propose_commission_change, "Propose a SKU commission change", PROPOSES, "propose"),
        (propose_clawback, "Propose a clawback", PROPOSES, "propose"),
        (propose_offboarding, "Propose offboarding a partner", PROPOSES, "propose"),
        (create_tracking_links, "Create tracking links", LINKS, "links"),
    ]
    for fn, title, hints, _scope in tools:
        server.add_tool(fn, title=title, annotations=hints.model_copy(update={"title": title}))
    return {fn.__name__: scope for fn, _title, _hints, scope in tools}
