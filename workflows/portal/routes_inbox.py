"""The manager's approval inbox: grouped and filtered, one proposal's edit and preview, decisions alone or by group.

Every decision is ``workflows.approvals.decide.decide`` (one proposal, maybe edited) or
``workflows.approvals.groups.decide_group`` (a group, in one transaction): the calls Slack and
``afflow approvals`` make, so a proposal decided anywhere is decided once. A group form decides exactly the
members the page showed and the manager left ticked (``inbox_view.AllExcept``): a double submit finds them
decided and applies nothing again. The preview only reads; nothing is recorded before "approve".
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.datastructures import FormData

from agents.approval.payloads import ProposalEditError
from agents.approval.registry import known
from agents.approval.registry import label as kind_label
from agents.approval.registry import name as kind_name
from store.db import MAX_ROW_ID
from store.models import Partner, Proposal
from tools import ledger_view
from tools.proposals import ProposalStateError
from workflows.approvals.decide import decide
from workflows.approvals.groups import decide_group
from workflows.approvals.preview import listing_effects
from workflows.portal.auth import Viewer
from workflows.portal.inbox_view import (
    AllExcept,
    EditPreview,
    InboxFilters,
    build_inbox,
    card,
    decided_rows,
    edit_fields,
    edit_note,
    form_edits,
    preview_edit,
)
from workflows.portal.proposal_text import effect_text
from workflows.portal.web import PREFIX, PortalWeb, RowId, form_text, not_found, see_other

DONE_MESSAGES = {
    "approved": "Approved and applied.",
    "approved_edited": "Approved with your values and applied.",
    "rejected": "Rejected.",
}
MAX_GROUP = 1000  # members one group form may name


def add_inbox_routes(router: APIRouter, web: PortalWeb) -> None:
    manager = web.viewer_with("manager")
    manager_form = web.form_with("manager")

    def inbox(
        viewer: Viewer, filters: InboxFilters, *, flash: str = "", error: str = "", status_code: int = 200
    ) -> Response:
        with web.unit_of_work() as session:
            view = build_inbox(session=session, filters=filters, now=datetime.now(UTC))
            decided = decided_rows(session=session)
            notes = {p.id: edit_note(p, currency=view.currency) for p in decided}
        return web.render("manager_inbox.html.j2", viewer=viewer, view=view, decided=decided, notes=notes,
                          kind_name=kind_name, flash=flash, error=error, status_code=status_code)  # fmt: skip

    def proposal_page(viewer: Viewer, proposal_id: int, *, preview: EditPreview | None = None,
                      submitted: dict[str, str] | None = None, error: str = "", status_code: int = 200) -> Response:  # fmt: skip
        now = datetime.now(UTC)
        with web.unit_of_work() as session:
            proposal = session.get(Proposal, proposal_id)
            if proposal is None:
                raise not_found()
            currency = ledger_view.program_currency(session=session)
            ids = {proposal.partner_id or "", *(proposal.payload or {}).get("partner_ids", [])} - {""}
            partners = {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(ids)))}
            shown = card(proposal, partners=partners, currency=currency, now=now,
                         effect_cents=listing_effects(session=session, proposals=[proposal])[proposal.id])
            fields = edit_fields(proposal.kind, proposal.payload, currency=currency)
            note = edit_note(proposal, currency=currency)
        values = {f.name: (submitted or {}).get(f.name, f.value) for f in fields}
        return web.render("manager_proposal.html.j2", viewer=viewer, proposal=proposal, card=shown, fields=fields,
                          values=values, preview=preview, currency=currency, error=error, note=note,
                          label=kind_name(proposal.kind), effect_text=effect_text,
                          pending=proposal.status == "pending" and not shown.expired, status_code=status_code)  # fmt: skip

    @router.get("/manager/inbox", response_class=HTMLResponse)
    def approval_inbox(
        viewer: Viewer = Depends(manager), done: str = "", kind: str = "", partner: str = "", network: str = "",
        severity: str = "", decided: int = 0,
    ) -> Response:  # fmt: skip
        filters = InboxFilters.clean(kind=kind, partner=partner, network=network, severity=severity)
        flash = DONE_MESSAGES.get(done, "")
        if done in ("group_approved", "group_rejected"):
            verb = "Approved and applied" if done == "group_approved" else "Rejected"
            flash = f"{verb}: {decided} proposal{'s' if decided != 1 else ''}." if decided else (
                "Nothing was decided: the group's proposals were already decided.")  # fmt: skip
        return inbox(viewer, filters, flash=flash)

    @router.get("/manager/proposals/{proposal_id}", response_class=HTMLResponse)
    def proposal_detail(proposal_id: RowId, viewer: Viewer = Depends(manager)) -> Response:
        return proposal_page(viewer, proposal_id)

    @router.post("/manager/proposals/{proposal_id}/preview", response_class=HTMLResponse)
    def preview(proposal_id: RowId, posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        with web.unit_of_work() as session:
            proposal = session.get(Proposal, proposal_id)
            if proposal is None:
                raise not_found()
            submitted = form_edits(form, proposal.kind)
            try:
                result = preview_edit(session=session, proposal=proposal, submitted=submitted, now=datetime.now(UTC))
            except ProposalEditError as error:
                refused, status = f"Not changed: {error}", 400
            except ProposalStateError as error:
                refused, status = f"Not decided: {error}", 409
            else:
                refused, status = "", 200
        if refused:
            return proposal_page(viewer, proposal_id, submitted=submitted, error=refused, status_code=status)
        return proposal_page(viewer, proposal_id, preview=result, submitted=submitted)

    @router.post("/manager/proposals/{proposal_id}/decide", response_class=HTMLResponse)
    def decide_proposal(proposal_id: RowId, posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        choice = form_text(form, "decision")
        reason = form_text(form, "reason") or None
        with web.unit_of_work() as session:
            proposal = session.get(Proposal, proposal_id)
            edits = form_edits(form, proposal.kind) if proposal is not None else {}

        def back(message: str, status: int) -> Response:
            """An edited approval returns to its proposal's page with the values typed; others to the inbox."""
            if edits:
                return proposal_page(viewer, proposal_id, submitted=edits, error=message, status_code=status)
            return inbox(viewer, InboxFilters(), error=message, status_code=status)

        if choice not in ("approve", "reject"):
            return back("Choose approve or reject.", 400)
        if choice == "reject" and reason is None:
            return back("Say why you reject it.", 400)
        try:
            result = decide(engine=web.engine, proposal_id=proposal_id, approve=choice == "approve",
                            actor=f"portal:{viewer.email}", reason=reason, public_url=web.config.public_url,
                            edits=edits if choice == "approve" else None)  # fmt: skip
        except ProposalEditError as error:
            return back(f"Not changed: {error}", 400)
        except ProposalStateError as error:
            return back(f"Not decided: {error}", 409)
        done = "rejected" if result.status == "rejected" else "approved_edited" if edits else "approved"
        return see_other(f"{PREFIX}/manager/inbox?done={done}")

    @router.post("/manager/groups/{kind}/decide", response_class=HTMLResponse)
    def decide_kind(
        kind: str = Path(max_length=32), posted: tuple[Viewer, FormData] = Depends(manager_form)
    ) -> Response:
        viewer, form = posted
        if not known(kind):
            raise not_found()
        choice = form_text(form, "decision")
        reason = form_text(form, "reason") or None
        members, excluded = _ids(form, "member"), _ids(form, "exclude")
        filters = InboxFilters()
        if members is None or excluded is None:
            return inbox(viewer, filters, error="The group's proposal ids are not ids.", status_code=400)
        if choice not in ("approve", "reject"):
            return inbox(viewer, filters, error="Choose approve all or reject all.", status_code=400)
        if choice == "reject" and reason is None:
            return inbox(viewer, filters, error="Say why you reject the group.", status_code=400)
        chosen = frozenset(members) - frozenset(excluded)
        if not chosen:
            return inbox(viewer, filters, error=f"Nothing to decide: every {kind_label(kind).lower()} proposal is excluded.",
                         status_code=400)  # fmt: skip
        try:
            results = decide_group(engine=web.engine, kind=kind, approve=choice == "approve",
                                   actor=f"portal:{viewer.email}", public_url=web.config.public_url, reason=reason,
                                   exclude=AllExcept(chosen))  # fmt: skip
        except ProposalStateError as error:  # a member decided elsewhere meanwhile: the whole group is undone
            return inbox(viewer, filters, error=f"Not decided: {error}", status_code=409)
        done = "group_approved" if choice == "approve" else "group_rejected"
        return see_other(f"{PREFIX}/manager/inbox?done={done}&decided={len(results)}")


def _ids(form: FormData, name: str) -> list[int] | None:
    """A repeated form field as proposal ids, or None if one is not an id in range (or there are too many)."""
    values = form.getlist(name)
    if len(values) > MAX_GROUP:
        return None
    ids: list[int] = []
    for value in values:
        if not isinstance(value, str) or not value.isdigit() or not 1 <= int(value) <= MAX_ROW_ID:
            return None
        ids.append(int(value))
    return ids
