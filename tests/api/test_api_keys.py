"""API keys: scopes, 401 for missing / unknown / revoked keys, 403 beyond the scope, 429 past the rate limit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from afflow.api.auth import RateLimiter
from store.db import transaction
from store.models import ApiKey
from tests.api.conftest import MakeKey, bearer
from tools.api_keys import hash_key, list_keys, revoke_key


def test_a_key_is_stored_only_as_its_hash(seeded: Engine, make_key: MakeKey) -> None:
    secret = make_key("read")
    with transaction(seeded) as session:
        row = session.scalars(select(ApiKey)).one()
    assert row.key_hash == hash_key(secret) != secret
    assert secret not in {row.name, row.prefix, row.scopes, row.key_hash}
    assert secret.startswith(row.prefix)


def test_no_header_and_an_unknown_key_are_401_in_the_error_envelope(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, bearer("afk_" + "x" * 32)):
        response = client.get("/api/v1/partners", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_a_revoked_key_is_refused_by_its_next_request(client: TestClient, seeded: Engine, make_key: MakeKey) -> None:
    key = make_key("read")
    assert client.get("/api/v1/partners", headers=bearer(key)).status_code == 200
    with transaction(seeded) as session:
        [view] = list_keys(session=session)
        revoke_key(session=session, key_id=view.id, now=datetime.now(UTC))
    response = client.get("/api/v1/partners", headers=bearer(key))
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "unknown or revoked API key"


def test_a_read_key_gets_403_on_a_write(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read")
    response = client.post("/api/v1/links", json={"partner_id": "p1"}, headers=bearer(key))
    assert response.status_code == 403
    assert response.json()["error"]["details"] == {"required_scope": "links", "key_scopes": ["read"]}
    proposal = client.post("/api/v1/proposals", headers=bearer(key),
                           json={"kind": "offboard_partner", "partner_id": "p1", "reason": "spam"})  # fmt: skip
    assert proposal.status_code == 403


def test_a_links_key_cannot_read(client: TestClient, make_key: MakeKey) -> None:
    assert client.get("/api/v1/commissions", headers=bearer(make_key("links"))).status_code == 403


def test_a_key_past_its_rate_limit_gets_429_with_retry_after(client: TestClient, make_key: MakeKey) -> None:
    key = make_key("read", rate_limit=3)
    assert [client.get("/api/v1/partners", headers=bearer(key)).status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/partners", headers=bearer(key))
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "rate_limited"
    other = make_key("read", rate_limit=3, name="other")  # the limit is per key
    assert client.get("/api/v1/partners", headers=bearer(other)).status_code == 200


def test_the_rate_limit_window_slides() -> None:
    now = [1000.0]
    limiter = RateLimiter(clock=lambda: now[0])
    assert [limiter.admit(key_id=1, limit=2) for _ in range(2)] == [None, None]
    assert limiter.admit(key_id=1, limit=2) == 60.0
    now[0] += 30
    assert limiter.admit(key_id=1, limit=2) == 30.0
    now[0] += 30.001
    assert limiter.admit(key_id=1, limit=2) is None
