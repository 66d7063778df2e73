"""``GET /api/v1/...`` for a ``read`` key: partners, metrics, commissions, balances, payouts, fraud, scores,
proposals. Lists are cursor-paginated (``afflow.api.pagination``); reports are ``afflow.api.reports``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from afflow.api import reports
from afflow.api.errors import ApiError, documented
from afflow.api.pagination import CursorQuery, LimitQuery, Page, decode_cursor, page
from afflow.clikit import UserError, parse_time
from store.db import transaction
from store.models import Commission, Partner, PayoutBatch, PayoutItem
from tools.analytics_sql import program_currency
from tools.api_keys import KeyView
from tools.row_views import partner_view, payout_item_view, payout_view

READ_ERRORS = documented(400, 401, 403, 404, 422, 429)
DaysQuery = Query(None, ge=1, le=3650, description="Window length in days.")
AsOfQuery = Query(None, max_length=40, description="Window end, ISO 8601 (UTC when no offset); default: latest event.")
CommissionStatus = Query(None, pattern="^(pending|locked|paid|reversed)$")
ProposalStatus = Query(None, pattern="^(pending|approved|rejected|expired|applied)$")


def time_param(value: str | None, name: str) -> datetime | None:
    try:
        return parse_time(value, option=name)
    except UserError as exc:
        raise ApiError(422, "invalid_input", exc.message, {"field": name}) from exc


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session whose ``LookupError`` (an unknown partner, batch, proposal) is a 404."""
    try:
        with transaction(engine) as session:
            yield session
    except LookupError as exc:
        raise ApiError(404, "not_found", str(exc)) from exc


def add_read_routes(
    router: APIRouter, *, engine: Engine, require: Callable[[str], Callable[..., KeyView]], config: reports.ReportConfig
) -> None:
    key = Depends(require("read"))

    @router.get("/partners", response_model=Page, responses=READ_ERRORS, tags=["partners"])
    def list_partners(status: str | None = Query(None, pattern="^(active|blocked|offboarded)$"),
                      cursor: str | None = CursorQuery, limit: int = LimitQuery, _key: KeyView = key) -> Page:  # fmt: skip
        """Partners in id order."""
        after = decode_cursor(cursor, kind=str)
        query = select(Partner).order_by(Partner.id).limit(limit + 1)
        query = query.where(Partner.id > after) if after is not None else query
        query = query.where(Partner.status == status) if status else query
        with reading(engine) as session:
            return page(list(session.scalars(query)), limit=limit, key=lambda p: p.id, view=partner_view)

    @router.get("/partners/{partner_id}", responses=READ_ERRORS, tags=["partners"])
    def show_partner(partner_id: str, _key: KeyView = key) -> dict[str, Any]:
        """One partner, with its ledger balance."""
        with reading(engine) as session:
            view = partner_view(reports.known_partner(session, partner_id))
            view["balance"] = reports.ledger_balances(session=session, partner_id=partner_id)["partners"][0]
            return view

    @router.get("/partners/{partner_id}/metrics", responses=READ_ERRORS, tags=["partners"])
    def partner_metrics(partner_id: str, days: int | None = DaysQuery, as_of: str | None = AsOfQuery,
                        _key: KeyView = key) -> dict[str, Any]:  # fmt: skip
        """``afflow metrics --partner ID --json``."""
        end = time_param(as_of, "as_of")
        with reading(engine) as session:
            return reports.metrics(session=session, config=config, partner_id=partner_id, days=days, as_of=end)

    @router.get("/metrics", responses=READ_ERRORS, tags=["analytics"])
    def program_metrics(days: int | None = DaysQuery, as_of: str | None = AsOfQuery, _key: KeyView = key) -> dict[str, Any]:
        """``afflow metrics --json``: the program and every partner."""
        end = time_param(as_of, "as_of")
        with reading(engine) as session:
            return reports.metrics(session=session, config=config, partner_id=None, days=days, as_of=end)

    @router.get("/commissions", response_model=Page, responses=READ_ERRORS, tags=["commissions"])
    def list_commissions(partner_id: str | None = Query(None, max_length=64), status: str | None = CommissionStatus,
                         since: str | None = Query(None, alias="from", max_length=40, description="Order time >= this."),
                         until: str | None = Query(None, alias="to", max_length=40, description="Order time < this."),
                         cursor: str | None = CursorQuery, limit: int = LimitQuery, _key: KeyView = key) -> Page:  # fmt: skip
        """Commissions (one per attributed order line) in id order, by partner, status and order time; for an
        order paid in another currency, what the customer paid (``original_currency``, ``original_amount``,
        ``original_order_total``) and the rate it was booked at (``fx_rate``, ``fx_rate_date``)."""
        start, end = time_param(since, "from"), time_param(until, "to")
        after = decode_cursor(cursor, kind=int)
        query = select(Commission).order_by(Commission.id).limit(limit + 1)
        query = query.where(Commission.id > after) if after is not None else query
        query = query.where(Commission.partner_id == partner_id) if partner_id is not None else query
        query = query.where(Commission.state == status) if status is not None else query
        query = query.where(Commission.order_ts >= start) if start is not None else query
        query = query.where(Commission.order_ts < end) if end is not None else query
        with reading(engine) as session:
            currency = program_currency(session=session)
            rows = list(session.scalars(query))
            shown = reports.commission_views(session=session, commissions=rows[:limit], currency=currency)
            views = {view["id"]: view for view in shown}
            return page(rows, limit=limit, key=lambda c: c.id, view=lambda c: views[c.id])

    @router.get("/ledger/balances", responses=READ_ERRORS, tags=["ledger"])
    def ledger_balances(partner_id: str | None = Query(None, max_length=64), _key: KeyView = key) -> dict[str, Any]:
        """``afflow ledger balance --json``: pending / locked / paid / clawback per partner."""
        with reading(engine) as session:
            return reports.ledger_balances(session=session, partner_id=partner_id)

    @router.get("/payouts", response_model=Page, responses=READ_ERRORS, tags=["payouts"])
    def list_payouts(cursor: str | None = CursorQuery, limit: int = LimitQuery, _key: KeyView = key) -> Page:
        """Payout batches in id order."""
        after = decode_cursor(cursor, kind=int)
        query = select(PayoutBatch).order_by(PayoutBatch.id).limit(limit + 1)
        query = query.where(PayoutBatch.id > after) if after is not None else query
        with reading(engine) as session:
            return page(list(session.scalars(query)), limit=limit, key=lambda b: b.id, view=payout_view)

    @router.get("/payouts/{batch_id}", responses=READ_ERRORS, tags=["payouts"])
    def show_payout(batch_id: int, _key: KeyView = key) -> dict[str, Any]:
        """A payout batch and its items (one per partner paid)."""
        with reading(engine) as session:
            batch = session.get(PayoutBatch, batch_id)
            if batch is None:
                raise LookupError(f"no payout batch {batch_id}")
            items = session.scalars(select(PayoutItem).where(PayoutItem.batch_id == batch_id).order_by(PayoutItem.id))
            return {**payout_view(batch), "items": [payout_item_view(i, batch.currency) for i in items]}

    @router.get("/fraud/findings", responses=READ_ERRORS, tags=["analytics"])
    def fraud_findings(partner_id: str | None = Query(None, max_length=64), days: int | None = DaysQuery,
                       as_of: str | None = AsOfQuery, _key: KeyView = key) -> dict[str, Any]:  # fmt: skip
        """``afflow fraud scan --json``: findings with their evidence."""
        end = time_param(as_of, "as_of")
        with reading(engine) as session:
            return reports.fraud(session=session, config=config, partner_id=partner_id, days=days, as_of=end)

    @router.get("/scores", responses=READ_ERRORS, tags=["analytics"])
    def scores(as_of: str | None = AsOfQuery, _key: KeyView = key) -> dict[str, Any]:
        """``afflow partners score --json``: quality score, components and tier per partner."""
        end = time_param(as_of, "as_of")
        with reading(engine) as session:
            return reports.scores(session=session, config=config, as_of=end)

    @router.get("/proposals", response_model=Page, responses=READ_ERRORS, tags=["proposals"])
    def list_proposals(status: str | None = ProposalStatus, cursor: str | None = CursorQuery, limit: int = LimitQuery,
                       _key: KeyView = key) -> Page:  # fmt: skip
        """Proposals in id order (every status unless ``status`` is given)."""
        after = decode_cursor(cursor, kind=int)
        with reading(engine) as session:
            rows = reports.proposals(session=session, status=status, after=after, limit=limit + 1)
            return page(rows, limit=limit, key=lambda p: p.id, view=reports.proposal_detail)

    @router.get("/proposals/{proposal_id}", responses=READ_ERRORS, tags=["proposals"])
    def show_proposal(proposal_id: int, _key: KeyView = key) -> dict[str, Any]:
        """One proposal with its payload, evidence and decision."""
        from store.models import Proposal

        with reading(engine) as session:
            proposal = session.get(Proposal, proposal_id)
            if proposal is None:
                raise LookupError(f"no proposal {proposal_id}")
            return reports.proposal_detail(proposal)
