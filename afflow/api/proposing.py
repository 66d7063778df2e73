"""Proposals from outside (a ``propose`` API key, an MCP client): drafted, checked, and submitted through
``agents.proposing.submit_proposals`` — the very path the agents use, so each gets its approval thread and
waits for a manager in Slack, the portal or ``afflow approvals``. Nothing here applies a proposal, books
money or publishes a rule; a client can only ask.

Kinds a client may propose: ``tier_bump`` (a partner's rate), ``commission_change`` (a SKU's rate),
``clawback`` (recover an amount from a partner) and ``offboard_partner``. Each submission is written to the
audit trail with the client as actor, by ``submit_proposals`` in the transaction that stores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from store.audit import Actor
from store.db import transaction
from store.models import Partner, Product
from store.money import MoneyError, format_money, parse_money
from tools.analytics_sql import program_currency
from tools.proposals import ProposalDraft, get_proposal
from tools.thresholds import FraudThresholds, ScoreThresholds

ClientKind = Literal["tier_bump", "commission_change", "clawback", "offboard_partner"]


class ProposalRequest(BaseModel):
    """What a client asks for. ``percent`` for tier_bump / commission_change, ``sku`` for commission_change,
    ``amount`` (a decimal string in the program currency) and optional ``order_ids`` for clawback."""

    kind: ClientKind
    partner_id: str | None = Field(default=None, max_length=64)
    sku: str | None = Field(default=None, max_length=64)
    percent: Decimal | None = Field(default=None, ge=0, le=100, max_digits=9, decimal_places=4)
    amount: str | None = Field(default=None, max_length=32)
    order_ids: list[str] = Field(default_factory=list, max_length=500)
    reason: str = Field(min_length=1, max_length=2000, description="Why: shown to the manager who decides.")


@dataclass(frozen=True)
class ProposingConfig:
    """What submission needs beyond the store: where approval messages link to, and the agents' thresholds."""

    public_url: str
    score_thresholds: ScoreThresholds
    fraud_thresholds: FraudThresholds


class ProposalRefused(ValueError):
    """A request that cannot become a proposal: ``code`` is ``not_found`` / ``invalid_input`` / ``duplicate``."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.details = code, details or {}


def propose(*, engine: Engine, config: ProposingConfig, request: ProposalRequest, actor: str) -> dict[str, Any]:
    """Submit one pending proposal; its id and status. Refuses what applying could not carry out."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        draft = _draft(session, request, actor)
    context = AgentContext(
        engine=engine, reasoner=OfflineReasoner(), now=now, public_url=config.public_url,
        score_thresholds=config.score_thresholds, fraud_thresholds=config.fraud_thresholds,
    )  # fmt: skip
    created = submit_proposals(context=context, agent=actor[:32], drafts=[draft], actor=Actor.parse(actor))
    if not created:
        raise ProposalRefused("duplicate", "a proposal of this kind and subject waits for a decision, or was decided "
                              "in the last 28 days on the same evidence (give a new reason)",
                              {"kind": request.kind, "partner_id": request.partner_id, "sku": request.sku})  # fmt: skip
    with transaction(engine) as session:  # submit_proposals audited it, by the client, as it stored it
        proposal = get_proposal(session=session, proposal_id=created[0])
        return {"id": proposal.id, "kind": proposal.kind, "status": proposal.status, "summary": proposal.summary}


def _draft(session: Session, request: ProposalRequest, actor: str) -> ProposalDraft:
    partner = _partner(session, request)
    evidence: dict[str, Any] = {"submitted_by": actor, "reason": request.reason}
    name = partner.name if partner is not None else ""
    if request.kind == "tier_bump":
        percent = _percent(request)
        return ProposalDraft(kind="tier_bump", partner_id=request.partner_id, summary=f"Tier bump for {name} to "
                             f"{percent.normalize():f}% (asked by {actor})", rationale=request.reason,
                             payload={"percent": str(percent)}, evidence=evidence)  # fmt: skip
    if request.kind == "commission_change":
        percent = _percent(request)
        if request.sku is None or session.get(Product, request.sku) is None:
            raise ProposalRefused("not_found", f"no product {request.sku!r}", {"sku": request.sku})
        return ProposalDraft(kind="commission_change", summary=f"Commission on {request.sku} to "
                             f"{percent.normalize():f}% (asked by {actor})", rationale=request.reason,
                             payload={"sku": request.sku, "percent": str(percent)}, evidence=evidence)  # fmt: skip
    if request.kind == "clawback":
        currency = program_currency(session=session)
        try:
            cents = parse_money(request.amount or "", currency)
        except MoneyError as exc:
            raise ProposalRefused("invalid_input", f"amount: {exc}", {"field": "amount"}) from exc
        if cents <= 0:
            raise ProposalRefused("invalid_input", "amount: a clawback recovers a positive amount", {"field": "amount"})
        return ProposalDraft(kind="clawback", partner_id=request.partner_id, summary=f"Claw back "
                             f"{format_money(cents, currency)} {currency} from {name} (asked by {actor})",
                             rationale=request.reason, payload={"amount_cents": cents, "order_ids": request.order_ids},
                             evidence=evidence)  # fmt: skip
    return ProposalDraft(kind="offboard_partner", partner_id=request.partner_id,
                         summary=f"Offboard {name} (asked by {actor})", rationale=request.reason,
                         payload={"signals": []}, evidence=evidence)  # fmt: skip


def _partner(session: Session, request: ProposalRequest) -> Partner | None:
    if request.kind == "commission_change":
        return None
    if request.partner_id is None:
        raise ProposalRefused("invalid_input", f"partner_id: a {request.kind} names a partner", {"field": "partner_id"})
    partner = session.get(Partner, request.partner_id)
    if partner is None:
        raise ProposalRefused("not_found", f"no partner {request.partner_id!r}", {"partner_id": request.partner_id})
    return partner


def _percent(request: ProposalRequest) -> Decimal:
    if request.percent is None:
        raise ProposalRefused("invalid_input", f"percent: a {request.kind} sets a rate", {"field": "percent"})
    return request.percent
