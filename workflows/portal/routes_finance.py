"""Finance's pages: locked balances, payout batches (preview, confirm, export CSV, send via Stripe Connect, mark
sent / paid), connected accounts, and the partner statements (PDF) that promoters can also download for themselves.

A batch is created in two steps: ``POST /finance/batches/preview`` shows who would be paid, the totals and who is
held and why (``workflows.booking.payouts.plan_payout``), with a confirm form carrying a one-time token and the
plan's fingerprint; ``POST /finance/batches`` with that token creates the batch (``create_payout_batch``; the
ledger engine books the payout). Without a token it only shows the preview; the same token twice (a double
click, a resubmitted form, two tabs) creates one batch; a plan that changed since the preview is shown again
instead of paid. Sending is ``workflows.portal.transfers.send_batch`` (idempotent per item); status moves are
``workflows.booking.payout_status.move_batch``. A manager cannot create, send or move batches.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import FormData

from store.audit import Actor, record
from store.ledger import balances
from store.models import Partner, PayoutAccount, PayoutBatch, StripeTransfer, WithdrawalRequest
from tools.statements import partner_statement, statement_pdf, yearly_earnings, yearly_pdf
from tools.stripe_connect import StripeConnect
from workflows.booking.bounds import time_problem
from workflows.booking.payout_status import BatchStatusRefused, batch_json, list_batches, move_batch
from workflows.booking.payouts import (
    PayoutPlan,
    PayoutResult,
    UnknownBatch,
    create_payout_batch,
    export_batch_csv,
    plan_payout,
)
from workflows.portal.auth import Viewer
from workflows.portal.transfers import send_batch, set_payout_account
from workflows.portal.web import PREFIX, PortalWeb, RowId, form_text, not_found, see_other, visible_partner
from workflows.portal.withdrawals import settle_withdrawals

METHOD_NAMES = {"paypal": "PayPal", "bank_csv": "bank transfer"}  # how the send report names another method


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
            batches = list_batches(session=session, limit=30)
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

    def preview(
        viewer: Viewer, as_of: datetime, *, flash: str = "", status_code: int = 200
    ) -> Response:
        with web.unit_of_work() as session:
            plan = plan_payout(session=session, as_of=as_of)
            names = {p.id: p.name for p in session.scalars(select(Partner))}
        return web.render(
            "finance_preview.html.j2",
            viewer=viewer,
            plan=plan,
            names=names,
            currency=plan.currency,
            confirm_token=secrets.token_urlsafe(24),
            fingerprint=plan_fingerprint(plan),
            flash=flash,
            status_code=status_code,
        )

    def posted_as_of(form: FormData) -> datetime:
        exact = form_text(form, "as_of_exact")
        if exact:
            try:
                moment = datetime.fromisoformat(exact)
            except ValueError as exc:
                raise HTTPException(status_code=400, detail=f"as of: {exact!r} is not an ISO 8601 time") from exc
            if moment.tzinfo is None or time_problem(moment) is not None:
                raise HTTPException(status_code=400, detail=f"as of: {exact!r} is out of range or has no offset")
            return moment
        as_of_text = form_text(form, "as_of")
        return _day(as_of_text, "as of") + timedelta(days=1) if as_of_text else datetime.now(UTC)

    @router.post("/finance/batches/preview", response_class=HTMLResponse)
    def preview_batch(posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        viewer, form = posted
        return preview(viewer, posted_as_of(form))

    def batch_of_token(token: str) -> int | None:
        with web.unit_of_work() as session:
            return session.scalar(select(PayoutBatch.id).where(PayoutBatch.confirm_token == token))

    def confirm(viewer: Viewer, as_of: datetime, token: str, fingerprint: str) -> PayoutResult | None:
        """The batch the confirmed preview promised (None: the plan changed since, nothing was created)."""
        with web.unit_of_work() as session:
            existing = session.scalar(select(PayoutBatch).where(PayoutBatch.confirm_token == token))
            if existing is None and plan_fingerprint(plan_payout(session=session, as_of=as_of)) != fingerprint:
                return None
            result = create_payout_batch(
                session=session, as_of=as_of, actor=Actor("portal", viewer.email), confirm_token=token
            )
            if result.batch_id is not None and not result.already_created:
                settle_withdrawals(session=session, batch_id=result.batch_id)
            return result

    @router.post("/finance/batches", response_class=HTMLResponse)
    def create_batch(posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        viewer, form = posted
        as_of = posted_as_of(form)
        token = form_text(form, "confirm_token")
        if not token or len(token) > 64:  # no confirmation yet: show what would happen, create nothing
            return preview(viewer, as_of, flash="Review the batch below, then confirm it.")
        try:
            result = confirm(viewer, as_of, token, form_text(form, "fingerprint"))
        except IntegrityError:  # a concurrent submit of the same token committed first: its batch is the one
            batch_id = batch_of_token(token)
            if batch_id is None:
                raise
            return see_other(f"{PREFIX}/finance#batch-{batch_id}")
        if result is None:
            return preview(viewer, as_of, flash="The balances changed since the preview: review again.", status_code=409)
        if result.batch_id is None:
            return overview(viewer, flash=result.reason.capitalize() + ".", status_code=400)
        return see_other(f"{PREFIX}/finance#batch-{result.batch_id}")

    @router.get("/finance/batches/{batch_id}.json")
    def batch_document(batch_id: RowId, viewer: Viewer = Depends(finance)) -> Response:
        with web.unit_of_work() as session:
            batch = session.get(PayoutBatch, batch_id)
            if batch is None:
                raise not_found()
            document = batch_json(session=session, batch=batch)
        return JSONResponse(document, headers={"Cache-Control": "no-store"})

    def move(viewer: Viewer, batch_id: int, to: str, form: FormData) -> Response:
        try:
            with web.unit_of_work() as session:
                move_batch(session=session, batch_id=batch_id, to="sent" if to == "sent" else "paid",
                           actor=Actor("portal", viewer.email), now=datetime.now(UTC), note=form_text(form, "note"))  # fmt: skip
        except UnknownBatch as exc:
            raise not_found() from exc
        except BatchStatusRefused as error:
            return overview(viewer, flash=str(error).capitalize() + ".", status_code=409)
        return see_other(f"{PREFIX}/finance#batch-{batch_id}")

    @router.post("/finance/batches/{batch_id}/mark-sent", response_class=HTMLResponse)
    def mark_sent(batch_id: RowId, posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        return move(posted[0], batch_id, "sent", posted[1])

    @router.post("/finance/batches/{batch_id}/mark-paid", response_class=HTMLResponse)
    def mark_paid(batch_id: RowId, posted: tuple[Viewer, FormData] = Depends(finance_form)) -> Response:
        return move(posted[0], batch_id, "paid", posted[1])

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
                   subject=f"payout_batch:{batch_id}",
                   details={"sent": report.sent, "failed": report.failed, "other_method": report.other_method})
            batch = session.get(PayoutBatch, batch_id)
            if batch is not None and batch.status == "sent" and batch.sent_at is None:  # send_batch set it
                batch.sent_at, batch.sent_by = datetime.now(UTC), str(Actor("portal", viewer.email))
        parts = [f"Batch #{batch_id}: {len(report.sent)} transfers sent, {len(report.already_sent)} already sent"]
        if report.missing_account:
            parts.append(f"no connected account for {', '.join(report.missing_account)}")
        if report.other_method:
            left = ", ".join(f"{pid} ({METHOD_NAMES.get(m, m)})" for pid, m in report.other_method.items())
            parts.append(f"not sent via Stripe, left for their own payout method: {left}; pay them from the "
                         "batch CSV, then mark the batch sent")  # fmt: skip
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


def plan_fingerprint(plan: PayoutPlan) -> str:
    """What the confirm form promises: the as-of time, each line paid and each partner held."""
    text = "|".join(
        [plan.as_of.isoformat(), *(f"{x.partner_id}:{x.net_cents}:{x.clawback_cents}" for x in plan.lines),
         *(f"held:{h.partner_id}:{h.locked_cents}" for h in plan.held)]
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content, media_type="application/pdf", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
