"""What the REST API and the MCP server read: the CLI's reports and views over one session.

Each function computes a report the way its CLI command does (same tools, same window rules, the CLI's
JSON view), so ``GET /api/v1/metrics``, the MCP ``program_metrics`` tool and ``afflow metrics --json`` agree.
A missing partner raises ``LookupError``; callers map it to their own error shape. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afflow.analytics_views import add_probabilistic_breakdown, fraud_view, metrics_view, score_view
from afflow.commands.approvals import proposal_view
from afflow.commands.ledger import balances_view
from store.ledger import PartnerBalance, balances
from store.models import Commission, Partner, Proposal
from store.money import format_money
from tools.analytics_sql import program_currency, resolve_window
from tools.fraud import scan
from tools.ledger_view import LineOriginal, line_originals
from tools.metrics import partner_metrics
from tools.row_views import commission_view
from tools.scoring import score_partners
from tools.thresholds import FraudThresholds, ScoreThresholds


@dataclass(frozen=True)
class ReportConfig:
    """The settings reports are judged by (``afflow.wiring.api_config`` fills it from ``Settings``)."""

    analytics_days: int
    score_thresholds: ScoreThresholds
    fraud_thresholds: FraudThresholds


def known_partner(session: Session, partner_id: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise LookupError(f"no partner {partner_id!r}")
    return partner


def metrics(
    *, session: Session, config: ReportConfig, partner_id: str | None, days: int | None, as_of: datetime | None
) -> dict[str, Any]:
    """``afflow metrics --json`` (for one partner when ``partner_id`` is given)."""
    if partner_id is not None:
        known_partner(session, partner_id)
    window = resolve_window(session=session, days=days or config.analytics_days, as_of=as_of)
    report = partner_metrics(session=session, start=window.start, end=window.end, partner_id=partner_id)
    view = metrics_view(report, program_currency(session=session))
    add_probabilistic_breakdown(view, session=session, start=window.start, end=window.end)
    return view


def fraud(
    *, session: Session, config: ReportConfig, partner_id: str | None, days: int | None, as_of: datetime | None
) -> dict[str, Any]:
    """``afflow fraud scan --json``, its findings narrowed to one partner when ``partner_id`` is given."""
    if partner_id is not None:
        known_partner(session, partner_id)
    window = resolve_window(session=session, days=days or config.score_thresholds.fraud_window_days, as_of=as_of)
    view = fraud_view(scan(session=session, start=window.start, end=window.end, thresholds=config.fraud_thresholds))
    if partner_id is not None:
        view["findings"] = [f for f in view["findings"] if f["partner_id"] == partner_id]
    return view


def scores(*, session: Session, config: ReportConfig, as_of: datetime | None) -> dict[str, Any]:
    """``afflow partners score --json``."""
    report = score_partners(
        session=session, as_of=as_of, thresholds=config.score_thresholds, fraud_thresholds=config.fraud_thresholds
    )
    return score_view(report, program_currency(session=session))


def ledger_balances(*, session: Session, partner_id: str | None) -> dict[str, Any]:
    """``afflow ledger balance --json``: a known partner without entries shows zeros."""
    if partner_id is not None:
        known_partner(session, partner_id)
    found = balances(session=session, partner_id=partner_id)
    if partner_id is not None and not found:
        found = [PartnerBalance(partner_id=partner_id, pending=0, locked=0, paid=0, clawback=0)]
    return balances_view(found, program_currency(session=session))


def commission_views(*, session: Session, commissions: Sequence[Commission], currency: str) -> list[dict[str, Any]]:
    """``commission_view`` of each, with what the customer paid beside what was booked: for an order paid in
    another currency (``workflows.booking.fx``), ``original_currency``, the line's ``original_amount``, the
    ``original_order_total``, and the ``fx_rate`` (program units per unit) of ``fx_rate_date``; all null otherwise.
    """
    originals = line_originals(session=session, order_line_ids=[c.order_line_id for c in commissions])
    return [_with_original(commission_view(c, currency), originals.get(c.order_line_id)) for c in commissions]


def _with_original(view: dict[str, Any], original: LineOriginal | None) -> dict[str, Any]:
    if original is None:
        return view | dict.fromkeys(ORIGINAL_FIELDS)
    paid = original.line
    return view | {
        "original_currency": paid.currency,
        "original_amount": format_money(paid.amount_cents, paid.currency),
        "original_order_total": format_money(original.order_total_cents, paid.currency),
        "fx_rate": paid.fx_rate,
        "fx_rate_date": paid.fx_rate_date.isoformat() if paid.fx_rate_date else None,
    }


ORIGINAL_FIELDS = ("original_currency", "original_amount", "original_order_total", "fx_rate", "fx_rate_date")


def proposals(
    *, session: Session, status: str | None, after: int | None = None, limit: int | None = None
) -> list[Proposal]:
    """Proposals in id order (``status`` None: all), from after ``after``; ``limit`` rows at most."""
    query = select(Proposal).order_by(Proposal.id)
    if status is not None:
        query = query.where(Proposal.status == status)
    if after is not None:
        query = query.where(Proposal.id > after)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def proposal_detail(proposal: Proposal) -> dict[str, Any]:
    """``afflow approvals list --json``'s row, with the payload, the evidence and the decision."""
    return {
        **proposal_view(proposal),
        "payload": proposal.payload,
        "evidence": proposal.evidence,
        "agent": proposal.agent,
        "decided_by": proposal.decided_by,
        "decided_at": proposal.decided_at.isoformat() if proposal.decided_at else None,
        "decision_reason": proposal.decision_reason,
        "applied_at": proposal.applied_at.isoformat() if proposal.applied_at else None,
    }
