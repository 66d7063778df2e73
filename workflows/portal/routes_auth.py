"""Sign-in by one-time link or token, sign-out, and the role-based home page.

The emailed link opens a confirmation page whose button spends the token: mail scanners that prefetch
links therefore cannot burn it. The login form answers the same way whether or not the address is known,
so it cannot be used to discover accounts. Sign-in mails are limited per address
(``SIGN_IN_MAILS_PER_HOUR``, beyond it the same answer and no mail) and per client
(``SIGN_IN_REQUESTS_PER_CLIENT`` an hour in this process, beyond it 429 with ``Retry-After``), so the form
cannot be used to flood anyone's mailbox.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from tools.rate_limit import RateLimiter
from workflows.portal.auth import (
    Viewer,
    find_user,
    issue_login_token,
    may_mail_sign_in,
    redeem_login_token,
    revoke_session,
)
from workflows.portal.mail import queue_sign_in_email
from workflows.portal.web import PREFIX, SESSION_COOKIE, PortalWeb, form_text, see_other

ANY_ROLE = ("promoter", "manager", "finance")
SIGN_IN_REQUESTS_PER_CLIENT = 20


def home_of(viewer: Viewer) -> str:
    if viewer.role == "promoter":
        return f"{PREFIX}/partners/{viewer.partner_id}"
    if viewer.role == "manager":
        return f"{PREFIX}/manager/inbox"
    return f"{PREFIX}/finance"


def add_auth_routes(router: APIRouter, web: PortalWeb) -> None:
    signed_in = web.viewer_with(*ANY_ROLE)
    posted = web.form_with(*ANY_ROLE)
    clients = RateLimiter(window_seconds=3600.0)

    def login_page(request: Request, *, message: str = "", status_code: int = 200) -> Response:
        token = web.login_csrf(request)
        response = web.render("login.html.j2", viewer=None, csrf=token, message=message, status_code=status_code)
        web.set_login_csrf(response, token)
        return response

    @router.get("/", response_class=HTMLResponse)
    def home(viewer: Viewer = Depends(signed_in)) -> Response:
        return see_other(home_of(viewer))

    script = web.templates.get_template("portal.js.j2").render()

    @router.get("/portal.js")
    def portal_script() -> Response:
        return Response(script, media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        return login_page(request)

    @router.post("/login", response_class=HTMLResponse)
    async def send_link(request: Request) -> Response:
        form = await request.form()
        web.check_login_csrf(request, form)
        client = request.client.host if request.client else ""
        wait = clients.admit(key_id=client, limit=SIGN_IN_REQUESTS_PER_CLIENT)
        if wait is not None:
            minutes = math.ceil(wait / 60)
            response = login_page(
                request, message=f"Too many sign-in requests; try again in {minutes} minute(s).", status_code=429
            )
            response.headers["Retry-After"] = str(math.ceil(wait))
            return response
        email = form_text(form, "email")
        with web.unit_of_work() as session:
            user = find_user(session=session, email=email)
            if user is not None and may_mail_sign_in(session=session, user=user):
                token = issue_login_token(session=session, user=user)
                queue_sign_in_email(session=session, user=user, token=token, public_url=web.config.public_url)
        return login_page(request, message="If that address has an account, a sign-in link is on its way.")

    @router.get("/signin", response_class=HTMLResponse)
    def confirm_sign_in(request: Request, token: str = "") -> Response:
        csrf = web.login_csrf(request)
        response = web.render("signin.html.j2", viewer=None, csrf=csrf, token=token)
        web.set_login_csrf(response, csrf)
        return response

    @router.post("/signin", response_class=HTMLResponse)
    async def sign_in(request: Request) -> Response:
        form = await request.form()
        web.check_login_csrf(request, form)
        with web.unit_of_work() as session:
            opened = redeem_login_token(session=session, token=form_text(form, "token"))
        if opened is None:
            return login_page(request, message="That sign-in link is invalid, used or expired.", status_code=400)
        raw_session_id, viewer = opened
        response = see_other(home_of(viewer))
        web.set_session_cookie(response, raw_session_id)
        return response

    @router.post("/logout", response_class=HTMLResponse)
    def sign_out(request: Request, posted_form: tuple[Viewer, FormData] = Depends(posted)) -> Response:
        with web.unit_of_work() as session:
            revoke_session(session=session, raw_session_id=request.cookies.get(SESSION_COOKIE, ""))
        response = see_other(f"{PREFIX}/login")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response
