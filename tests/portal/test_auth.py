"""Sign-in by one-time token or emailed link, sessions, sign-out and CSRF on every form."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import OutboxMessage, utcnow
from tests.portal.conftest import csrf_of, login_csrf, new_token, sign_in
from workflows.portal.auth import find_user, issue_login_token


def test_token_signs_in_once_and_opens_the_promoters_own_page(client: TestClient, program: Engine) -> None:
    token = new_token(program, "alice@example.com")
    csrf = login_csrf(client)
    first = client.post("/portal/signin", data={"token": token, "csrf_token": csrf})
    assert first.status_code == 303
    assert first.headers["location"] == "/portal/partners/p-alice"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/portal" in cookie
    assert client.get("/portal/partners/p-alice").status_code == 200

    other = TestClient(client.app, follow_redirects=False)
    replay = other.post("/portal/signin", data={"token": token, "csrf_token": login_csrf(other)})
    assert replay.status_code == 400
    assert other.get("/portal/partners/p-alice").status_code == 303


def test_expired_token_is_refused(client: TestClient, program: Engine) -> None:
    with transaction(program) as session:
        user = find_user(session=session, email="bob@example.com")
        assert user is not None
        token = issue_login_token(session=session, user=user, now=utcnow() - timedelta(hours=1))
    response = client.post("/portal/signin", data={"token": token, "csrf_token": login_csrf(client)})
    assert response.status_code == 400
    assert "invalid, used or expired" in response.text


def test_emailed_link_signs_in_and_unknown_addresses_get_the_same_answer(client: TestClient, program: Engine) -> None:
    csrf = login_csrf(client)
    known = client.post("/portal/login", data={"email": "Alice@Example.com", "csrf_token": csrf})
    unknown = client.post("/portal/login", data={"email": "mallory@example.com", "csrf_token": csrf})
    assert known.status_code == unknown.status_code == 200
    assert "a sign-in link is on its way" in known.text and "a sign-in link is on its way" in unknown.text
    with transaction(program) as session:
        mails = list(session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "sign_in")))
    assert [mail.recipient for mail in mails] == ["alice@example.com"]
    match = re.search(r"http://testserver(/portal/signin\?token=[\w-]+)", mails[0].body_text)
    assert match
    confirm = client.get(match.group(1))
    assert confirm.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', confirm.text)
    assert token
    signed_in = client.post("/portal/signin", data={"token": token.group(1), "csrf_token": csrf_of(confirm.text)})
    assert signed_in.headers["location"] == "/portal/partners/p-alice"


def test_signed_out_visitors_are_sent_to_the_login_page(client: TestClient) -> None:
    for path in ("/portal/", "/portal/partners/p-alice", "/portal/manager/inbox", "/portal/finance"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/portal/login"


def test_login_forms_refuse_a_missing_or_wrong_csrf_token(client: TestClient, program: Engine) -> None:
    token = new_token(program, "alice@example.com")
    login_csrf(client)
    assert client.post("/portal/signin", data={"token": token}).status_code == 403
    assert client.post("/portal/signin", data={"token": token, "csrf_token": "forged"}).status_code == 403
    assert client.post("/portal/login", data={"email": "alice@example.com"}).status_code == 403


def test_signed_in_forms_refuse_a_foreign_csrf_token(client: TestClient, program: Engine) -> None:
    sign_in(client, program, "alice@example.com")
    forged = client.post("/portal/partners/p-alice/links", data={"sku": "SKU-1", "csrf_token": "x" * 43})
    assert forged.status_code == 403
    missing = client.post("/portal/logout")
    assert missing.status_code == 403
    assert client.get("/portal/partners/p-alice").status_code == 200


def test_sign_out_revokes_the_session_server_side(client: TestClient, program: Engine) -> None:
    csrf = sign_in(client, program, "alice@example.com")
    stolen_cookie = client.cookies.get("afflow_session")
    assert stolen_cookie
    out = client.post("/portal/logout", data={"csrf_token": csrf})
    assert out.status_code == 303
    replay = TestClient(client.app, follow_redirects=False, cookies={"afflow_session": stolen_cookie})
    assert replay.get("/portal/partners/p-alice").status_code == 303


def test_private_pages_are_not_cached_framed_or_leaked_by_referrer(client: TestClient, program: Engine) -> None:
    sign_in(client, program, "alice@example.com")
    page = client.get("/portal/partners/p-alice")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert (
        "frame-ancestors 'none'"
        in client.get("/portal/signin", params={"token": "x"}).headers["content-security-policy"]
    )
