"""Through the installed entry points: ``afflow import`` a program, ``afflow keys create`` a read key, and a
real ``afflow serve`` lists its partners and commissions to that key and refuses it a write (403); a
``conversions`` key books a custom checkout's order through ``POST /api/v1/conversions`` (a read key: 403, a
bad amount: 422 and nothing written). SQLite and PostgreSQL (the ``db_url`` fixture)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from tests.api.program import FILES, ORDER_HEADER, ORDERS
from tests.http.serve_process import ServeProcess, afflow_json


def imported_program(db_url: str, tmp_path: Path) -> dict[str, str]:
    """The environment of a program imported with ``afflow import`` (three partners, three orders)."""
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_SCHEDULER_ENABLED": "false",
           "AFFLOW_SPOOL_DIR": str(tmp_path / "spool"), "AFFLOW_PUBLIC_URL": "https://go.example"}  # fmt: skip
    for kind, text in {**FILES, "orders": ORDER_HEADER + ORDERS}.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        afflow_json(env, "import", kind, str(tmp_path / f"{kind}.csv"), cwd=tmp_path)
    return env


def test_a_read_key_lists_partners_and_commissions_of_a_served_program_and_cannot_write(
    db_url: str, tmp_path: Path
) -> None:
    env = imported_program(db_url, tmp_path)
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


CHECKOUT_ORDER = {
    "order_id": "web-501", "ts": "2026-03-10T10:00:00Z", "customer_id": "c9", "ref_code": "SAMREF",
    "currency": "USD", "lines": [{"sku": "S1", "quantity": 2, "unit_price": "20.00"}],
}  # fmt: skip


def test_a_conversions_key_books_an_order_through_a_served_program_and_a_bad_one_writes_nothing(
    db_url: str, tmp_path: Path
) -> None:
    env = imported_program(db_url, tmp_path)
    checkout = afflow_json(env, "keys", "create", "checkout", "--scope", "conversions", cwd=tmp_path)["key"]
    reader = afflow_json(env, "keys", "create", "warehouse", "--scope", "read", cwd=tmp_path)["key"]
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        url = f"{server.base_url}/api/v1/conversions"

        def post(body: dict[str, Any], key: str) -> httpx.Response:
            return httpx.post(url, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=30)

        forbidden = post(CHECKOUT_ORDER, reader)
        assert forbidden.status_code == 403, forbidden.text
        assert forbidden.json()["error"]["details"]["required_scope"] == "conversions"
        bad_lines = [{"sku": "S1", "quantity": 1, "unit_price": "12.345"}]
        bad = post({**CHECKOUT_ORDER, "order_id": "web-502", "lines": bad_lines}, checkout)
        assert bad.status_code == 422 and "unit_price" in bad.json()["error"]["message"], bad.text

        accepted = post(CHECKOUT_ORDER, checkout)
        assert accepted.status_code == 202, accepted.text
        assert accepted.json() == {"status": "queued", "events": 1, "new": 1, "duplicates": 0}
        commissions = f"{server.base_url}/api/v1/commissions"
        read = {"Authorization": f"Bearer {reader}"}
        deadline = time.monotonic() + 60
        booked: list[tuple[str, str, str]] = []
        while time.monotonic() < deadline:
            rows = httpx.get(commissions, headers=read, timeout=30).json()["data"]
            booked = [(c["order_id"], c["partner_id"], c["amount"]) for c in rows if c["order_id"].startswith("web-")]
            if booked:
                break
            time.sleep(0.2)
        assert booked == [("web-501", "p2", "4.00")]  # 10% of 40.00, credited to SAMREF; nothing of web-502
        again = post(CHECKOUT_ORDER, checkout)
        assert again.status_code == 202 and again.json()["duplicates"] == 1
        assert server.stop(signal.SIGTERM) == 0
    finally:
        server.kill_if_running()
    audit = afflow_json(env, "audit", cwd=tmp_path)["entries"]
    received = [e for e in audit if e["action"] == "conversions_received"]
    assert [(e["details"]["new"], e["details"]["duplicates"]) for e in received] == [(1, 0), (0, 1)]
    imported = afflow_json(env, "ledger", "balance", cwd=tmp_path)["partners"]
    assert {row["partner_id"]: row["pending"] for row in imported}["p2"] == "5.00"  # o2's 1.00 and web-501's 4.00
