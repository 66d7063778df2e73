"""Through the installed entry points: ``afflow import`` a program, ``afflow keys create`` a read key, and a
real ``afflow serve`` lists its partners and commissions to that key and refuses it a write (403)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx

from tests.api.program import FILES, ORDER_HEADER, ORDERS
from tests.http.serve_process import ServeProcess, afflow_json


def test_a_read_key_lists_partners_and_commissions_of_a_served_program_and_cannot_write(
    db_url: str, tmp_path: Path
) -> None:
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_SCHEDULER_ENABLED": "false",
           "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"), "AFFLOW_PUBLIC_URL": "https://go.example"}  # fmt: skip
    for kind, text in {**FILES, "orders": ORDER_HEADER + ORDERS}.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow_json(env, "import", kind, str(tmp_path / f"{kind}.csv"), cwd=tmp_path)
    created = afflow_json(env, "keys", "create", "warehouse", "--scope", "read", cwd=tmp_path)
    listed = afflow_json(env, "keys", "list", cwd=tmp_path)
    assert created["key"] not in str(listed) and listed["keys"][0]["scopes"] == ["read"]
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        auth = {"Authorization": f"Bearer {created['key']}"}
        partners = httpx.get(f"{server.base_url}/api/v1/partners", headers=auth, timeout=30).json()
        assert [p["id"] for p in partners["data"]] == ["p1", "p2", "p3"]
        commissions = httpx.get(f"{server.base_url}/api/v1/commissions", headers=auth, timeout=30).json()
        assert [(c["order_id"], c["amount"]) for c in commissions["data"]] == [("o1", "4.00"), ("o2", "1.00"),
                                                                             ("o3", "3.00")]  # fmt: skip
        write = httpx.post(f"{server.base_url}/api/v1/links", json={"partner_id": "p1"}, headers=auth, timeout=30)
        assert write.status_code == 403 and write.json()["error"]["code"] == "forbidden"
        assert "/api/v1/commissions" in httpx.get(f"{server.base_url}/openapi.json", timeout=30).json()["paths"]
        revoked = subprocess.run(["afflow", "keys", "revoke", str(created["id"])], env={**os.environ, **env},
                                 cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
        assert revoked.returncode == 0, revoked.stderr
        assert httpx.get(f"{server.base_url}/api/v1/partners", headers=auth, timeout=30).status_code == 401
        assert server.stop(signal.SIGTERM) == 0
    finally:
        server.kill_if_running()
