"""Odd input to the portal is refused with a reason, never a 5xx: ids beyond 64 bits, out-of-range dates,
bodies beyond the limit (refused before any handler reads them); sign-in mails are rate-limited per address
and per client; the CSP allows no inline script."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.models import OutboxMessage
from tests.portal.conftest import login_csrf, sign_in
from workflows.http.limits import MAX_BODY_BYTES
from workflows.portal.auth import SIGN_IN_MAILS_PER_HOUR
from workflows.portal.routes_auth import SIGN_IN_REQUESTS_PER_CLIENT

BEYOND_64_BITS = "99999999999999999999"


def sign_in_mails(engine: Engine) -> int:
    with transaction(engine) as session:
        query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "sign_in")
        return session.scalar(query) or 0


def test_ids_beyond_64_bits_are_422_not_a_database_error(client: TestClient, program: Engine) -> None:
    sign_in(client, program, "finance@brand.example")
    assert client.get(f"/portal/finance/batches/{BEYOND_64_BITS}.csv").status_code == 422
    assert client.get("/portal/finance/batches/0.csv").status_code == 422
    assert client.get("/portal/finance/batches/2147483647.csv").status_code == 404  # in range: no such batch


def test_manager_ids_beyond_64_bits_are_422(client: TestClient, program: Engine) -> None:
    csrf = sign_in(client, program, "manager@brand.example")
    assert client.get(f"/portal/manager/reports/{BEYOND_64_BITS}").status_code == 422
    decided = client.post(f"/portal/manager/proposals/{BEYOND_64_BITS}/decide", data={"csrf_token": csrf})
    assert decided.status_code == 422


def test_statement_dates_outside_the_bookable_years_are_400(client: TestClient, program: Engine) -> None:
    sign_in(client, program, "finance@brand.example")
    for start, end in (("2026-01-01", "9999-12-31"), ("0001-01-01", "2026-01-01")):
        response = client.get("/portal/partners/p-alice/statement.pdf", params={"start": start, "end": end})
        assert response.status_code == 400, response.text
        assert "outside 2000..2099" in response.text


def test_a_body_beyond_the_limit_is_413_before_it_is_read(client: TestClient, program: Engine) -> None:
    declared = client.post("/portal/login", content=b"x", headers={"content-length": str(150 * 1024 * 1024)})
    assert declared.status_code == 413

    def chunked() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536

    streamed = client.post("/portal/login", content=chunked())
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "too_large"
    assert sign_in_mails(program) == 0


def test_sign_in_mails_are_limited_per_address(client: TestClient, program: Engine) -> None:
    csrf = login_csrf(client)
    for _ in range(SIGN_IN_MAILS_PER_HOUR + 3):
        answer = client.post("/portal/login", data={"email": "alice@example.com", "csrf_token": csrf})
        assert answer.status_code == 200 and "a sign-in link is on its way" in answer.text  # same answer
    assert sign_in_mails(program) == SIGN_IN_MAILS_PER_HOUR


def test_sign_in_requests_are_limited_per_client(client: TestClient, program: Engine) -> None:
    csrf = login_csrf(client)
    statuses = [
        client.post("/portal/login", data={"email": f"nobody{i}@example.com", "csrf_token": csrf}).status_code
        for i in range(SIGN_IN_REQUESTS_PER_CLIENT + 1)
    ]
    assert statuses[:-1] == [200] * SIGN_IN_REQUESTS_PER_CLIENT
    assert statuses[-1] == 429
    refused = client.post("/portal/login", data={"email": "alice@example.com", "csrf_token": csrf})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert sign_in_mails(program) == 0  # a known address gets nothing once the client is over its limit


def test_pages_allow_scripts_only_from_the_portal_itself(client: TestClient, program: Engine) -> None:
    sign_in(client, program, "alice@example.com")
    page = client.get("/portal/partners/p-alice")
    policy = page.headers["content-security-policy"]
    script_src = next(part.strip() for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src == "script-src 'self'"
    assert "onclick" not in page.text and "<script>" not in page.text
    script = client.get("/portal/portal.js")
    assert script.status_code == 200 and "clipboard" in script.text
