"""A partner's page (the promoter's home; managers and finance may read any), links, withdrawals, downloads,
and the promoter's tax form upload (kept on disk under ``AFFLOW_TAX_FORMS_DIR``, never in the database).

A promoter reaching for another partner's id gets 404 on every route here, reads and writes alike.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUpload

from store.audit import Actor
from store.models import FraudFinding, OutboxMessage, Partner, TaxForm, utcnow
from tools.links import LinkError, create_links
from workflows.booking.fraud_holds import FindingAlreadyDecided, decide_finding
from workflows.booking.payout_profiles import MAX_TAX_FORM_BYTES, ProfileError, store_tax_form
from workflows.portal.auth import Viewer
from workflows.portal.views_partner import partner_page
from workflows.portal.web import PREFIX, PortalWeb, RowId, form_text, not_found, see_other, visible_partner
from workflows.portal.withdrawals import WithdrawalRefused, request_withdrawal

ANY_ROLE = ("promoter", "manager", "finance")
# Outcomes shown after a redirect: fixed texts, so a crafted URL cannot put words in the portal's mouth.
DONE_MESSAGES = {
    "link": "Your link is ready.",
    "withdrawal": "Withdrawal requested: finance pays it with the next batch.",
    "blocked": "Account blocked: its links stop crediting and its commissions are held.",
    "unblocked": "Account unblocked: its held commissions resume their normal lifecycle.",
    "tax_form": "Tax form received: the program reviews it before your next payout.",
    "finding": "Fraud finding decided: it no longer holds this partner's payouts.",
}


def add_partner_routes(router: APIRouter, web: PortalWeb) -> None:
    reader = web.viewer_with(*ANY_ROLE)
    link_maker = web.form_with("promoter", "manager")
    promoter_form = web.form_with("promoter")
    manager_form = web.form_with("manager")

    def show(viewer: Viewer, partner_id: str, *, flash: str = "", status_code: int = 200) -> Response:
        visible_partner(viewer, partner_id)
        with web.unit_of_work() as session:
            partner = session.get(Partner, partner_id)
            if partner is None:
                raise not_found()
            page = partner_page(session=session, partner=partner, public_url=web.config.public_url)
            score = None
            if viewer.role == "manager":
                score = next((s for s in web.scores(session).partners if s.partner_id == partner_id), None)
        return web.render(
            "partner.html.j2", viewer=viewer, page=page, score=score, flash=flash, status_code=status_code
        )

    @router.get("/partners/{partner_id}", response_class=HTMLResponse)
    def partner_home(partner_id: str, viewer: Viewer = Depends(reader), done: str = "") -> Response:
        return show(viewer, partner_id, flash=DONE_MESSAGES.get(done, ""))

    @router.post("/partners/{partner_id}/links", response_class=HTMLResponse)
    def make_link(partner_id: str, posted: tuple[Viewer, FormData] = Depends(link_maker)) -> Response:
        viewer, form = posted
        visible_partner(viewer, partner_id)
        sku = form_text(form, "sku")
        try:
            with web.unit_of_work() as session:
                (link,) = create_links(
                    session=session, partner_id=partner_id, skus=[sku] if sku else [], public_url=web.config.public_url
                )
        except LinkError as error:
            return show(viewer, partner_id, flash=str(error), status_code=400)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=link#link-{link.code}")

    @router.post("/partners/{partner_id}/withdrawals", response_class=HTMLResponse)
    def withdraw(partner_id: str, posted: tuple[Viewer, FormData] = Depends(promoter_form)) -> Response:
        viewer, _form = posted
        visible_partner(viewer, partner_id)
        try:
            with web.unit_of_work() as session:
                request_withdrawal(session=session, partner_id=partner_id, requested_by=viewer.email)
        except WithdrawalRefused as error:
            return show(viewer, partner_id, flash=str(error), status_code=400)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=withdrawal")

    @router.post("/partners/{partner_id}/tax-forms", response_class=HTMLResponse)
    def upload_tax_form(partner_id: str, posted: tuple[Viewer, FormData] = Depends(promoter_form)) -> Response:
        """The promoter's tax form: the file goes under AFFLOW_TAX_FORMS_DIR, a row records it as submitted."""
        viewer, form = posted
        visible_partner(viewer, partner_id)
        document = form.get("document")
        if not isinstance(document, StarletteUpload):
            return show(viewer, partner_id, flash="Choose the tax form file (PDF, PNG or JPEG).", status_code=400)
        data = document.file.read(MAX_TAX_FORM_BYTES + 1)
        try:
            with web.unit_of_work() as session:
                store_tax_form(session=session, directory=web.config.tax_forms_dir, partner_id=partner_id,
                               form_type=form_text(form, "form_type"), original_name=document.filename or "",
                               data=data, actor=Actor("portal", viewer.email), now=utcnow())  # fmt: skip
        except ProfileError as error:
            return show(viewer, partner_id, flash=f"Tax form not saved: {error.problem}.", status_code=400)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=tax_form#payout-readiness")

    @router.post("/partners/{partner_id}/findings/{finding_id}", response_class=HTMLResponse)
    def decide_fraud_finding(
        partner_id: str, finding_id: RowId, posted: tuple[Viewer, FormData] = Depends(manager_form)
    ) -> Response:
        """A manager clears (false alarm) or confirms an open high-severity finding, with a reason."""
        viewer, form = posted
        decision, reason = form_text(form, "decision"), form_text(form, "reason")
        if decision not in ("cleared", "confirmed") or not reason:
            return show(viewer, partner_id, flash="Choose clear or confirm and say why.", status_code=400)
        try:
            with web.unit_of_work() as session:
                row = session.get(FraudFinding, finding_id)
                if row is None or row.partner_id != partner_id:
                    raise not_found()
                decide_finding(session=session, finding_id=finding_id, decision="cleared" if decision == "cleared"
                               else "confirmed", actor=Actor("portal", viewer.email), reason=reason, now=utcnow())  # fmt: skip
        except FindingAlreadyDecided as error:
            return show(viewer, partner_id, flash=f"{error}.", status_code=409)
        return see_other(f"{PREFIX}/partners/{partner_id}?done=finding#payout-readiness")

    @router.get("/partners/{partner_id}/tax-forms/{form_id}")
    def download_tax_form(partner_id: str, form_id: RowId, viewer: Viewer = Depends(reader)) -> Response:
        """The stored document, for the promoter it belongs to, managers and finance."""
        visible_partner(viewer, partner_id)
        with web.unit_of_work() as session:
            row = session.get(TaxForm, form_id)
            if row is None or row.partner_id != partner_id or row.stored_name is None:
                raise not_found()
            stored, content_type, suffix = row.stored_name, row.content_type, Path(row.stored_name).suffix
        path = web.config.tax_forms_dir / stored
        if not path.is_file():
            raise not_found()
        return Response(
            path.read_bytes(),
            media_type=content_type or "application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="tax-form-{form_id}{suffix}"'},
        )

    @router.get("/partners/{partner_id}/messages/{message_id}")
    def download_message(partner_id: str, message_id: int, viewer: Viewer = Depends(reader)) -> Response:
        """A brief's (or nudge's) materials as a file the promoter keeps."""
        visible_partner(viewer, partner_id)
        with web.unit_of_work() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.partner_id != partner_id:
                raise not_found()
            as_html = message.body_html is not None
            body = message.body_html if message.body_html is not None else message.body_text
            name = f"{message.kind}-{message.id}.{'html' if as_html else 'txt'}"
        return Response(
            body,
            media_type="text/html" if as_html else "text/plain",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
