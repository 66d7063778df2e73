"""Finance's pages: locked balances, payout batches (create, export CSV, send via Stripe Connect),
connected accounts, and the partner statements (PDF) that promoters can also download for themselves.

Batches are ``workflows.booking.payouts.create_payout_batch`` (the ledger engine books the payout); sending is
``workflows.portal.transfers.send_batch`` (idempotent per item). A manager cannot create or send batches.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.datastructures import FormData

from store.audit import Actor, record
from store.ledger import balances
from store.models import Partner, PayoutAccount, PayoutBatch, StripeTransfer, WithdrawalRequest
from tools.statements import partner_statement, statement_pdf, yearly_earnings, yearly_pdf
from tools.stripe_connect import StripeConnect
from workflows.booking.bounds import time_problem
from workflows.booking.payouts import UnknownBatch, create_payout_batch, export_batch_csv
from workflows.portal.auth import Viewer
from workflows.portal.transfers import send_batch, set_payout_account
from workflows.portal.web import PREFIX, PortalWeb, RowId, form_text, not_found, see_other, visible_partner
from workflows.portal.withdrawals import settle_withdrawals


def _day(text: str, name: str) -> datetime:
    try:
        day = datetime.fromisoformat(text).replace(tzinfo=UTC)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=f"{name}: {text!r} is not a date (YYYY-MM-DD)") from exc
    problem = time_problem(day)
    if problem is not None:  # 9999-12-31 plus the day the range includes would overflow
        raise HTTPException(status_code=400, detail=f"{name}: {problem}")
    return day


def add_finance_routes(router: APIRouter, web: PortalWeb) -> None:
    finance = web.viewer_with("finance")
    finance_form = web.form_with("finance")
    statement_reader = web.viewer_with("promoter", "manager", "finance")

    def overview(viewer: Viewer, *, flash: str = "", status_code: int = 200) -> Response:
        with web.unit_of_work() as session:
            currency = web.currency(session)
            partners = {p.id: p for p in session.scalars(select(Partner))}
            accounts = {a.partner_id: a.stripe_account_id for a in session.scalars(select(PayoutAccount))}
            owed = [b for b in balances(session=session) if b.locked or b.pending or b.clawback]
            batches = list(session.scalars(select(PayoutBatch).order_by(PayoutBatch.id.desc()).limit(30)))
            transfers: dict[int, list[StripeTransfer]] = {}
            for transfer in session.scalars(select(StripeTransfer).order_by(StripeTransfer.id)):
                transfers.setdefault(transfer.batch_id, []).append(transfer)
            withdrawals = list(
                session.scalars(
                    select(WithdrawalRequest)
                    .where(WithdrawalRequest.status == "requested")
                    .order_by(WithdrawalRequest.id)
                )
            )
        return web.render(
            "finance.html.j2",
            viewer=viewer,
            currency=currency,
            partners=partners,
            accounts=accounts,
            owed=owed,
            batches=batches,
            transfers=transfers,
            withdrawals=withdrawals,
            stripe_ready=web.config.stripe_api_key is not None,
            flash=flash,
            status_code=status_code,
        )

    @router.get("/finance", response_class=HTMLResponse)
    def finance_home(viewer: Viewer = Depends(finance)) -> Response:
        return overview(viewer)

    @router.post("/finance/batches", response_class=HTMLResponse)
    def create_batch(posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        viewer, form = posted
        as_of_text = form_text(form, "as_of")
        as_of = _day(as_of_text, "as of") + timedelta(days=1) if as_of_text else datetime.now(UTC)
        with web.unit_of_work() as session:
            result = create_payout_batch(session=session, as_of=as_of)
            if result.batch_id is not None:
                settle_withdrawals(session=session, batch_id=result.batch_id)
                record(session=session, actor=Actor("portal", viewer.email), action="payout_batch_created_paid",
                       subject=f"payout_batch:{result.batch_id}",
                       details={"total_cents": result.total_cents, "partners": len(result.items)})  # fmt: skip
        if result.batch_id is None:
            return overview(viewer, flash=result.reason.capitalize() + ".", status_code=400)
        return see_other(f"{PREFIX}/finance#batch-{result.batch_id}")

    @router.get("/finance/batches/{batch_id}.csv")
    def batch_csv(batch_id: RowId, viewer: Viewer = Depends(finance)) -> Response:
        try:
            with web.unit_of_work() as session:
                text = export_batch_csv(session=session, batch_id=batch_id)
        except UnknownBatch as exc:
            raise not_found() from exc
        return Response(
            text,
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="payout-batch-{batch_id}.csv"'},
        )

    @router.post("/finance/batches/{batch_id}/send", response_class=HTMLResponse)
    def send(batch_id: RowId, posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        viewer, _form = posted
        if web.config.stripe_api_key is None:
            return overview(viewer, flash="Stripe is not configured: set AFFLOW_STRIPE_API_KEY.", status_code=400)
        with web.unit_of_work() as session:
            if session.get(PayoutBatch, batch_id) is None:
                raise not_found()
        with StripeConnect(api_key=web.config.stripe_api_key, base_url=web.config.stripe_api_url) as stripe:
            report = send_batch(engine=web.engine, batch_id=batch_id, stripe=stripe)
        with web.unit_of_work() as session:
            record(session=session, actor=Actor("portal", viewer.email), action="payout_batch_sent",
                   subject=f"payout_batch:{batch_id}", details={"sent": report.sent, "failed": report.failed})
        parts = [f"Batch #{batch_id}: {len(report.sent)} transfers sent, {len(report.already_sent)} already sent"]
        if report.missing_account:
            parts.append(f"no connected account for {', '.join(report.missing_account)}")
        if report.failed:
            parts.append("failed: " + "; ".join(f"{pid}: {why}" for pid, why in report.failed.items()))
        return overview(viewer, flash=". ".join(parts) + ".", status_code=200 if report.complete else 502)

    @router.post("/finance/partners/{partner_id}/payout-account", response_class=HTMLResponse)
    def payout_account(partner_id: str, posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        viewer, form = posted
        with web.unit_of_work() as session:
            if session.get(Partner, partner_id) is None:
                raise not_found()
        try:
            set_payout_account(engine=web.engine, partner_id=partner_id, stripe_account_id=form_text(form, "account"))
        except ValueError as error:
            return overview(viewer, flash=str(error), status_code=400)
        return see_other(f"{PREFIX}/finance#owed-{partner_id}")

    @router.get("/partners/{partner_id}/statement.pdf")
    def statement(partner_id: str, start: str, end: str, viewer: Viewer = Depends(statement_reader)) -> Response:
        visible_partner(viewer, partner_id)
        first, last = _day(start, "start"), _day(end, "end") + timedelta(days=1)
        if last <= first:
            raise HTTPException(status_code=400, detail="the statement must end on or after its start")
        with web.unit_of_work() as session:
            if session.get(Partner, partner_id) is None:
                raise not_found()
            pdf = statement_pdf(partner_statement(session=session, partner_id=partner_id, start=first, end=last))
        return _pdf(pdf, f"statement-{partner_id}-{start}-{end}.pdf")

    @router.get("/partners/{partner_id}/earnings.pdf")
    def earnings(partner_id: str, year: int, viewer: Viewer = Depends(statement_reader)) -> Response:
        visible_partner(viewer, partner_id)
        if not 2000 <= year <= 2100:
            raise HTTPException(status_code=400, detail="year out of range")
        with web.unit_of_work() as session:
            if session.get(Partner, partner_id) is None:
                raise not_found()
            pdf = yearly_pdf(yearly_earnings(session=session, partner_id=partner_id, year=year))
        return _pdf(pdf, f"earnings-{partner_id}-{year}.pdf")


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content, media_type="application/pdf", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
