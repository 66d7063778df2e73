"""What every portal route shares: configuration, the database, templates, and the guards.

Every route asks for a viewer through ``PortalWeb.viewer_with`` (role check) and every form handler through
``PortalWeb.form_with`` (role check + CSRF token). A promoter asking for another partner's data gets 404,
exactly as if it did not exist, so partner ids cannot be probed.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from store.db import MAX_ROW_ID, ensure_program, transaction
from store.money import format_money
from tools.scoring import ScoreReport, score_partners
from workflows.portal.auth import Viewer, load_viewer, tokens_match
from workflows.portal.config import PortalConfig

SESSION_COOKIE = "afflow_session"
LOGIN_CSRF_COOKIE = "afflow_login_csrf"
PREFIX = "/portal"
SCORE_TTL_SECONDS = 60.0
# Private pages: never framed (clickjacking), never cached by shared caches, never leak the URL (sign-in
# tokens travel in it) to other sites; only inline styles and the copy button's inline handler run.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'none'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


def _money(cents: int | None, currency: str = "USD") -> str:
    return format_money(int(cents or 0), currency)


class PortalWeb:
    def __init__(self, *, engine: Engine, config: PortalConfig) -> None:
        self.engine = engine
        self.config = config
        self.templates = Environment(
            loader=PackageLoader("prompts", "portal"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._scores: tuple[float, ScoreReport] | None = None
        self.templates.filters["money"] = _money
        # evidence dicts carry Decimals and datetimes: show them as text rather than fail the page
        self.templates.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": str}

    def scores(self, session: Session) -> ScoreReport:
        """Scoring runs the whole fraud scan (seconds on a large program): reuse it for ``SCORE_TTL_SECONDS``."""
        if self._scores and time.monotonic() - self._scores[0] < SCORE_TTL_SECONDS:
            return self._scores[1]
        report = score_partners(
            session=session,
            as_of=None,
            thresholds=self.config.score_thresholds,
            fraud_thresholds=self.config.fraud_thresholds,
        )
        self._scores = (time.monotonic(), report)
        return report

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with transaction(self.engine) as session:
            yield session

    def currency(self, session: Session) -> str:
        return ensure_program(session).currency

    def render(self, template: str, *, viewer: Viewer | None, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(viewer=viewer, prefix=PREFIX, **context)
        return HTMLResponse(html, status_code=status_code, headers=PAGE_HEADERS)

    def route_class(self) -> type[APIRoute]:
        """Routes whose errors render as portal pages (403, 404, 400) or redirect to the login page (303)."""
        web = self

        class PortalRoute(APIRoute):
            def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
                handler = super().get_route_handler()

                async def render_errors(request: Request) -> Response:
                    try:
                        return await handler(request)
                    except HTTPException as error:
                        if error.status_code == 303:
                            return RedirectResponse(dict(error.headers or {})["Location"], status_code=303)
                        return web.render(
                            "error.html.j2",
                            viewer=None,
                            status_code=error.status_code,
                            status=error.status_code,
                            message=str(error.detail),
                        )

                return render_errors

        return PortalRoute

    def current_viewer(self, request: Request) -> Viewer | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        with self.unit_of_work() as session:
            return load_viewer(session=session, raw_session_id=raw)

    def viewer_with(self, *roles: str) -> Callable[[Request], Viewer]:
        """A dependency: the signed-in viewer, if its role is one of ``roles`` (403 otherwise)."""

        def guard(request: Request) -> Viewer:
            viewer = self.current_viewer(request)
            if viewer is None:
                raise HTTPException(status_code=303, detail="sign in first", headers={"Location": f"{PREFIX}/login"})
            if viewer.role not in roles:
                raise HTTPException(status_code=403, detail=f"a {viewer.role} cannot do this")
            return viewer

        return guard

    def form_with(self, *roles: str) -> Callable[[Request], Coroutine[Any, Any, tuple[Viewer, FormData]]]:
        """A dependency for form posts: role check, then the form's ``csrf_token`` must match the session's."""
        role_guard = self.viewer_with(*roles)

        async def guard(request: Request) -> tuple[Viewer, FormData]:
            viewer = role_guard(request)
            form = await request.form()
            given = form.get("csrf_token")
            if not isinstance(given, str) or not tokens_match(viewer.csrf_token, given):
                raise HTTPException(status_code=403, detail="the form's CSRF token is missing or wrong")
            return viewer, form

        return guard

    def set_session_cookie(self, response: Response, raw_session_id: str) -> None:
        response.set_cookie(
            SESSION_COOKIE,
            raw_session_id,
            httponly=True,
            secure=self.config.secure_cookies,
            samesite="lax",
            path=PREFIX,
            max_age=12 * 3600,
        )

    def login_csrf(self, request: Request) -> str:
        """The double-submit token for forms shown before sign-in (reused while its cookie lives)."""
        return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)

    def set_login_csrf(self, response: Response, token: str) -> None:
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, secure=self.config.secure_cookies, samesite="strict", path=PREFIX
        )

    def check_login_csrf(self, request: Request, form: FormData) -> None:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        given = form.get("csrf_token")
        if not cookie or not isinstance(given, str) or not tokens_match(cookie, given):
            raise HTTPException(status_code=403, detail="the form's CSRF token is missing or wrong")


def form_text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else default


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]  # an id in a path: out of range is 422, never a database error


def not_found() -> HTTPException:
    return HTTPException(status_code=404, detail="not found")


def visible_partner(viewer: Viewer, partner_id: str) -> None:
    """404 unless the viewer may see ``partner_id`` (a promoter sees only its own)."""
    if not viewer.can_see_partner(partner_id):
        raise not_found()
