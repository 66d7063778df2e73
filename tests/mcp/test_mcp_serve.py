"""``/mcp`` on a real ``afflow serve``, driven by the ``mcp`` SDK's streamable HTTP client with API keys from
``afflow keys create``: a read key sees and calls only the read tools, a propose key's proposal is pending
in ``afflow approvals list`` with the key as actor, no or a revoked key is 401 — on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult, ListToolsResult

from tests.http.serve_process import ServeProcess, afflow_json
from tests.mcp.program import READ_TOOLS, imported_program, structured


async def as_key(
    url: str, key: str, calls: dict[str, tuple[str, dict[str, Any]]]
) -> tuple[ListToolsResult, dict[str, CallToolResult]]:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=60) as http,
        streamable_http_client(url, http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        listed = await session.list_tools()
        return listed, {label: await session.call_tool(name, args) for label, (name, args) in calls.items()}


def test_mcp_over_http_lists_and_allows_only_the_keys_scopes(db_url: str, tmp_path: Path) -> None:
    env = imported_program(db_url, tmp_path)
    reader = afflow_json(env, "keys", "create", "assistant", "--scope", "read", cwd=tmp_path)
    proposer = afflow_json(env, "keys", "create", "copilot", "--scope", "read,propose", cwd=tmp_path)
    server = ServeProcess(env=env, log_path=tmp_path / "serve.log")
    try:
        server.start()
        url = f"{server.base_url}/mcp"
        tier_bump = ("propose_tier_bump", {"partner_id": "p2", "percent": "12.5", "reason": "Steady growth"})
        read_listed, read_results = anyio.run(as_key, url, reader["key"], {
            "balance": ("ledger_balance", {"partner_id": "p1"}), "bump": tier_bump})  # fmt: skip
        assert {tool.name for tool in read_listed.tools} == READ_TOOLS
        assert structured(read_results["balance"])["partners"][0]["pending"] == "7.00"
        assert read_results["bump"].is_error and "'propose' scope" in str(read_results["bump"].content[0])

        propose_listed, propose_results = anyio.run(
            as_key, url, proposer["key"], {"bump": tier_bump, "pending": ("pending_proposals", {})}
        )
        assert {"propose_tier_bump", "propose_clawback"} <= {tool.name for tool in propose_listed.tools}
        assert "create_tracking_links" not in {tool.name for tool in propose_listed.tools}
        proposal = structured(propose_results["bump"])["proposal"]
        [pending] = structured(propose_results["pending"])["proposals"]
        assert (pending["id"], pending["agent"]) == (proposal["id"], f"mcp:api-key:{proposer['id']}:copilot")
        rows = afflow_json(env, "approvals", "list", cwd=tmp_path)["proposals"]
        assert [(r["id"], r["kind"], r["partner_id"], r["status"]) for r in rows] == [
            (proposal["id"], "tier_bump", "p2", "pending")]  # fmt: skip

        initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
        anonymous = httpx.post(url, json=initialize, timeout=30)
        assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthorized"
        revoked = subprocess.run(["afflow", "keys", "revoke", str(reader["id"])], env={**os.environ, **env},
                                 cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
        assert revoked.returncode == 0, revoked.stderr
        refused = httpx.post(url, json=initialize, headers={"Authorization": f"Bearer {reader['key']}"}, timeout=30)
        assert refused.status_code == 401
        assert server.stop(signal.SIGTERM) == 0
    finally:
        server.kill_if_running()
