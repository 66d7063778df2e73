"""The rules editor: change commission rules through a validated form, preview, publish, import/export YAML.

Only managers reach these routes (finance and promoters get 403). Publishing is
``store.rules.publish_rule_set``: a new version effective from the chosen date (today or later, UTC, so
nothing already earned is re-priced), with an audit-log entry naming who published it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from store.audit import Actor, record
from store.rules import RuleSetBody, publish_rule_set, rule_sets_in_force
from workflows.portal.auth import Viewer
from workflows.portal.rules_form import (
    FIELDS,
    RulesFormError,
    body_to_form,
    body_to_yaml,
    form_to_body,
    yaml_to_body,
)
from workflows.portal.rules_preview import preview_rule_set
from workflows.portal.web import PREFIX, PortalWeb, form_text, not_found, see_other


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def add_rules_routes(router: APIRouter, web: PortalWeb) -> None:
    manager = web.viewer_with("manager")
    manager_form = web.form_with("manager")

    def editor(
        viewer: Viewer,
        fields: dict[str, str],
        *,
        body: RuleSetBody | None = None,
        problems: list[str] | None = None,
        flash: str = "",
        status_code: int = 200,
    ) -> Response:
        with web.unit_of_work() as session:
            book = rule_sets_in_force(session=session)
            in_force = book.at(datetime.now(UTC))
            preview = preview_rule_set(session=session, body=body) if body is not None else None
        return web.render(
            "rules.html.j2",
            viewer=viewer,
            fields=fields,
            versions=list(reversed(book.versions)),
            in_force=in_force,
            preview=preview,
            problems=problems or [],
            flash=flash,
            status_code=status_code,
        )

    def posted_fields(form: FormData) -> dict[str, str]:
        return {name: form_text(form, name) for name in (*FIELDS, "effective_from", "note")}

    @router.get("/manager/rules", response_class=HTMLResponse)
    def rules_home(viewer: Viewer = Depends(manager), published: int = 0) -> Response:
        with web.unit_of_work() as session:
            current = rule_sets_in_force(session=session).at(datetime.now(UTC))
            fields = body_to_form(current.body, web.currency(session))
        fields |= {"effective_from": _today(), "note": ""}
        flash = f"Published version {published}." if published else ""
        return editor(viewer, fields, flash=flash)

    @router.post("/manager/rules/preview", response_class=HTMLResponse)
    def preview(posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        fields = posted_fields(form)
        with web.unit_of_work() as session:
            currency = web.currency(session)
        try:
            body = form_to_body(fields, currency)
        except RulesFormError as error:
            return editor(viewer, fields, problems=error.problems, status_code=400)
        return editor(viewer, fields, body=body)

    @router.post("/manager/rules/publish", response_class=HTMLResponse)
    def publish(posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        viewer, form = posted
        fields = posted_fields(form)
        with web.unit_of_work() as session:
            currency = web.currency(session)
        problems: list[str] = []
        try:
            body = form_to_body(fields, currency)
        except RulesFormError as error:
            problems, body = error.problems, None
        try:
            effective = datetime.fromisoformat(fields["effective_from"]).replace(tzinfo=UTC)
        except ValueError:
            problems.append(f"effective from: {fields['effective_from']!r} is not a date (YYYY-MM-DD)")
        else:
            if effective.date().isoformat() < _today():
                problems.append(
                    "effective from: choose today or a later date (published rules never re-price the past)"
                )
        if problems or body is None:
            return editor(viewer, fields, problems=problems, status_code=400)
        with web.unit_of_work() as session:
            version = publish_rule_set(session=session, body=body, effective_from=effective, note=fields["note"])
            record(
                session=session,
                actor=Actor("portal", viewer.email),
                action="rule_set_published",
                subject=f"rule_set:{version}",
                details={"effective_from": effective.isoformat(), "note": fields["note"]},
            )
        return see_other(f"{PREFIX}/manager/rules?published={version}")

    @router.get("/manager/rules/export.yaml")
    def export_yaml(viewer: Viewer = Depends(manager), version: int = 0) -> Response:
        with web.unit_of_work() as session:
            book = rule_sets_in_force(session=session)
        chosen = (
            book.at(datetime.now(UTC))
            if version == 0
            else next((v for v in book.versions if v.version == version), None)
        )
        if chosen is None:
            raise not_found()
        return Response(
            body_to_yaml(chosen.body),
            media_type="application/yaml",
            headers={"Content-Disposition": f'attachment; filename="rules-v{chosen.version}.yaml"'},
        )

    @router.post("/manager/rules/import", response_class=HTMLResponse)
    async def import_yaml(posted: tuple[Viewer, FormData] = Depends(manager_form)) -> Response:
        """Load a YAML rule set into the form with its preview; publishing stays a separate, explicit step."""
        viewer, form = posted
        upload = form.get("file")
        text = form_text(form, "yaml")
        if isinstance(upload, UploadFile) and upload.filename:
            text = (await upload.read()).decode("utf-8", errors="replace")
        with web.unit_of_work() as session:
            current = body_to_form(
                rule_sets_in_force(session=session).at(datetime.now(UTC)).body, web.currency(session)
            )
            currency = web.currency(session)
        try:
            body = yaml_to_body(text)
        except RulesFormError as error:
            fields = current | {"effective_from": _today(), "note": ""}
            return editor(viewer, fields, problems=error.problems, status_code=400)
        fields = body_to_form(body, currency) | {"effective_from": _today(), "note": "imported from YAML"}
        return editor(viewer, fields, body=body, flash="Imported: review the preview, then publish.")
