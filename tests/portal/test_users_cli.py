"""``afflow users add|list|token``: accounts and one-time sign-in tokens from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings
from afflow.wiring import portal_config
from store.db import make_engine, transaction
from store.models import OutboxMessage
from tests.portal.conftest import PARTNERS_CSV, login_csrf
from workflows.portal import portal_router


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.setenv("AFFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("AFFLOW_PUBLIC_URL", "https://affiliates.example.com")
    get_settings.cache_clear()
    runner = CliRunner()
    partners = tmp_path / "partners.csv"
    partners.write_text(PARTNERS_CSV)
    assert runner.invoke(app, ["import", "partners", str(partners)]).exit_code == 0
    yield runner
    get_settings.cache_clear()


def test_add_then_token_signs_the_user_in(run: CliRunner, db_url: str) -> None:
    added = run.invoke(
        app, ["users", "add", "Alice@Example.com", "--role", "promoter", "--partner", "p-alice", "--json"]
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout) == {
        "email": "alice@example.com",
        "role": "promoter",
        "partner_id": "p-alice",
        "active": True,
    }
    issued = run.invoke(app, ["users", "token", "alice@example.com", "--send", "--json"])
    assert issued.exit_code == 0, issued.output
    token = json.loads(issued.stdout)
    assert token["url"] == f"https://affiliates.example.com/portal/signin?token={token['token']}"
    engine = make_engine(db_url)
    with transaction(engine) as session:
        mail = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "sign_in")).one()
    assert mail.recipient == "alice@example.com" and token["url"] in mail.body_text
    web = FastAPI()  # the portal as afflow serve configures it from the same environment as the CLI
    web.include_router(portal_router(engine=engine, config=portal_config(get_settings())))
    client = TestClient(web, base_url="https://testserver", follow_redirects=False)
    signed_in = client.post("/portal/signin", data={"token": token["token"], "csrf_token": login_csrf(client)})
    assert signed_in.headers["location"] == "/portal/partners/p-alice"
    assert "Secure" in signed_in.headers["set-cookie"]  # https public URL: cookies only over TLS
    listed = json.loads(run.invoke(app, ["users", "list", "--json"]).stdout)
    assert [u["email"] for u in listed["users"]] == ["alice@example.com"]
    assert client.get("/portal/partners/p-alice").status_code == 200
    disabled = run.invoke(app, ["users", "disable", "alice@example.com", "--json"])
    assert disabled.exit_code == 0 and json.loads(disabled.stdout)["active"] is False
    assert client.get("/portal/partners/p-alice").status_code == 303  # the open session ended at once
    assert run.invoke(app, ["users", "token", "alice@example.com"]).exit_code == 1
    engine.dispose()


def test_user_mistakes_are_clean_errors(run: CliRunner) -> None:
    no_partner = run.invoke(app, ["users", "add", "x@example.com", "--role", "promoter", "--json"])
    assert no_partner.exit_code == 1
    assert json.loads(no_partner.stdout)["error"] == {
        "code": "bad_user",
        "message": "a promoter account needs --partner",
        "details": {},
    }
    bad_role = run.invoke(app, ["users", "add", "x@example.com", "--role", "admin"])
    assert bad_role.exit_code == 1 and "role must be one of" in bad_role.output and "Traceback" not in bad_role.output
    unknown_partner = run.invoke(
        app, ["users", "add", "x@example.com", "--role", "promoter", "--partner", "p-zed", "--json"]
    )
    assert json.loads(unknown_partner.stdout)["error"]["message"] == "unknown partner 'p-zed'"
    unknown = run.invoke(app, ["users", "token", "ghost@example.com", "--json"])
    assert unknown.exit_code == 1 and json.loads(unknown.stdout)["error"]["code"] == "unknown_user"
