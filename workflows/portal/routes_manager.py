"""The manager's pages: the approval inbox, partners with score, tier and fraud evidence, blocking, reports,
and the audit log.

The inbox (``routes_inbox``) decides through ``workflows.approvals.decide.decide`` and
``workflows.approvals.groups.decide_group``, the very calls Slack and ``afflow approvals`` make, so a proposal
decided in Slack shows as decided here and a second decision is refused, not applied twice.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.datastructures import FormData

from store.audit import Actor
from store.models import OutboxMessage, Partner
from workflows.portal.auth import Viewer
from workflows.portal.blocking import BlockingError, block_partner, unblock_partner
from workflows.portal.routes_audit import add_audit_routes
from workflows.portal.routes_inbox import add_inbox_routes
from workflows.portal.web import PREFIX, PortalWeb, RowId, form_text, not_found, see_other

DONE_MESSAGES = {
    "blocked": "Account blocked: its links stop crediting and its commissions are held.",
    "unblocked": "Account unblocked: its held commissions resume their normal lifecycle.",
}


def add_manager_routes(router: APIRouter, web: PortalWeb) -> None:
    manager = web.viewer_with("manager")
    manager_form = web.form_with("manager")

    add_inbox_routes(router, web)
    add_audit_routes(router, web)

    @router.get("/manager/partners", response_class=HTMLResponse)
    def partners(viewer: Viewer = Depends(manager), done: str = "") -> Response:
        with web.unit_of_work() as session:
            report = web.scores(session)
            accounts = {p.id: p for p in session.scalars(select(Partner))}
        return web.render(
            "manager_partners.html.j2",
            viewer=viewer,
            report=report,
            accounts=accounts,
            flash=DONE_MESSAGES.get(done, ""),
        )

    @router.post("/manager/partners/{partner_id}/block", response_class=HTMLResponse)
    def block(partner_id: str, posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        try:
            with web.unit_of_work() as session:
                block_partner(
                    session=session,
                    partner_id=partner_id,
                    actor=Actor("portal", viewer.email),
                    reason=form_text(form, "reason"),
                )
        except BlockingError as error:
            return web.render("error.html.j2", viewer=viewer, status=400, message=str(error), status_code=400)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=blocked")

    @router.post("/manager/partners/{partner_id}/unblock", response_class=HTMLResponse)
    def unblock(partner_id: str, posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        try:
            with web.unit_of_work() as session:
                unblock_partner(
                    session=session,
                    partner_id=partner_id,
                    actor=Actor("portal", viewer.email),
                    reason=form_text(form, "reason"),
                )
        except BlockingError as error:
            return web.render("error.html.j2", viewer=viewer, status=400, message=str(error), status_code=400)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=unblocked")

    @router.get("/manager/reports", response_class=HTMLResponse)
    def reports(viewer: Viewer = Depends(manager)) -> Response:
        with web.unit_of_work() as session:
            summaries = list(
                session.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.kind == "summary")
                    .order_by(OutboxMessage.id.desc())
                    .limit(60)
                )
            )
        # the same summary is queued once per channel (Slack, email): show each report once
        unique = list({(m.subject, m.body_text): m for m in reversed(summaries)}.values())[::-1]
        return web.render("manager_reports.html.j2", viewer=viewer, summaries=unique)

    @router.get("/manager/reports/{message_id}")
    def report_html(message_id: RowId, viewer: Viewer = Depends(manager)) -> Response:
        """A weekly summary's HTML, served sandboxed: it is generated text, so it gets no script or same-origin rights."""
        with web.unit_of_work() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.kind != "summary":
                raise not_found()
            body = message.body_html or f"<pre>{escape(message.body_text)}</pre>"
        return HTMLResponse(body, headers={"Content-Security-Policy": "sandbox"})
