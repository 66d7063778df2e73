"""The installed ``afflow serve`` serves the portal: accounts made and sign-in links issued with the installed
``afflow users`` commands, followed by an HTTP client against the real server, on SQLite and PostgreSQL.

This is the path a user takes; building the app in-process would not see a router that only some entry
point registers (the portal used to be added by importing the ``users`` command module, which ``afflow
serve`` never imports).
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from serve_process import ServeProcess, afflow_json, free_port

PARTNERS_CSV = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p-alice,Alice Reviews,alice@example.com,youtube,120000,0.05,ALICE,\n"
    "p-bob,Bob Deals,bob@example.com,blog,8000,0.02,BOB,\n"
)


def follow_sign_in_link(url: str, *, base_url: str) -> tuple[httpx.Client, httpx.Response]:
    """What a person does with the link: open it, press "Sign in"; returns the client (its cookies kept) and
    the page it lands on."""
    client = httpx.Client(base_url=base_url, timeout=60)
    confirm = client.get(url)
    assert confirm.status_code == 200, (url, confirm.status_code, confirm.text[:300])
    fields = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', confirm.text))
    signed_in = client.post("/portal/signin", data=fields)
    assert signed_in.status_code == 303, signed_in.text[:300]
    return client, client.get(signed_in.headers["location"])


def test_the_installed_serve_shows_a_promoter_their_page_and_a_manager_the_manager_pages(
    db_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        "AFFLOW_DATABASE_URL": db_url,
        "AFFLOW_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"),
        "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"),
    }
    (tmp_path / "partners.csv").write_text(PARTNERS_CSV, encoding="utf-8")
    afflow_json(env, "import", "partners", str(tmp_path / "partners.csv"), cwd=tmp_path)
    afflow_json(env, "users", "add", "alice@example.com", "--role", "promoter", "--partner", "p-alice", cwd=tmp_path)
    afflow_json(env, "users", "add", "manager@brand.example", "--role", "manager", cwd=tmp_path)
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log", port=port)
    try:
        server.start()
        link = afflow_json(env, "users", "token", "alice@example.com", cwd=tmp_path)["url"]
        assert link.startswith(f"{server.base_url}/portal/signin?token=")
        promoter, home = follow_sign_in_link(link, base_url=server.base_url)
        assert home.status_code == 200 and str(home.url) == f"{server.base_url}/portal/partners/p-alice"
        assert "Alice Reviews" in home.text and "Bob Deals" not in home.text
        assert promoter.get("/portal/partners/p-bob").status_code == 404
        assert promoter.get("/portal/manager/inbox").status_code == 403

        manager_link = afflow_json(env, "users", "token", "manager@brand.example", cwd=tmp_path)["url"]
        manager, inbox = follow_sign_in_link(manager_link, base_url=server.base_url)
        assert inbox.status_code == 200 and str(inbox.url) == f"{server.base_url}/portal/manager/inbox"
        partners = manager.get("/portal/manager/partners")
        assert partners.status_code == 200 and "Alice Reviews" in partners.text and "Bob Deals" in partners.text
        assert httpx.get(f"{server.base_url}/portal/manager/inbox", timeout=60).status_code == 303  # signed out
    finally:
        server.kill_if_running()
    assert "Traceback" not in server.log(), server.log()
