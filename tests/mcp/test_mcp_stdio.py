"""``afflow mcp`` through the installed entry point, driven by the ``mcp`` SDK's own stdio client: a program
imported with ``afflow import``, then ``initialize``, ``tools/list`` with annotations, read tools' answers (a
partner name that tries to instruct the model arrives fenced; the weekly report ``afflow run summary`` wrote),
a propose tool's pending proposal as ``afflow approvals list --json`` shows it, and a tracking link whose
``links_created`` row ``afflow audit --json`` names the local user ``mcp`` for — on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.types import CallToolResult, InitializeResult, ListToolsResult

from prompts import UNTRUSTED_CLOSE, UNTRUSTED_OPEN
from tests.http.serve_process import afflow_json
from tests.mcp.program import INJECTED, READ_TOOLS, WRITE_TOOLS, imported_program, structured


async def session_run(
    env: dict[str, str], cwd: Path
) -> tuple[InitializeResult, ListToolsResult, dict[str, CallToolResult]]:
    params = StdioServerParameters(command="afflow", args=["mcp"], env={**os.environ, **env}, cwd=cwd)
    calls: dict[str, tuple[str, dict[str, Any]]] = {
        "metrics": ("program_metrics", {"days": 30, "as_of": "2026-03-10T00:00:00Z"}),
        "profile": ("partner_profile", {"partner_id": "p3"}),
        "balance": ("ledger_balance", {"partner_id": "p1"}),
        "propose": ("propose_tier_bump", {"partner_id": "p1", "percent": "25", "reason": "Best margin this month"}),
        "again": ("propose_tier_bump", {"partner_id": "p1", "percent": "25", "reason": "Best margin this month"}),
        "unknown": ("propose_offboarding", {"partner_id": "nobody", "reason": "gone"}),
        "pending": ("pending_proposals", {}),
        "fraud": ("fraud_findings", {"partner_id": "p1"}),
        "weekly": ("weekly_report", {}),
        "link": ("create_tracking_links", {"partner_id": "p1", "skus": ["S1"]}),
        "no_sku": ("create_tracking_links", {"partner_id": "p1", "skus": ["NOPE"]}),
    }
    with open(cwd / "mcp.stderr", "w", encoding="utf-8") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as session:
            initialized = await session.initialize()
            listed = await session.list_tools()
            results = {label: await session.call_tool(name, arguments) for label, (name, arguments) in calls.items()}
    return initialized, listed, results


def test_afflow_mcp_lists_annotated_tools_answers_reads_and_proposes_a_pending_tier_bump(
    db_url: str, tmp_path: Path
) -> None:
    env = imported_program(db_url, tmp_path)
    env["AFFLOW_OUTPUT_DIR"] = str(tmp_path / "out")
    weekly = afflow_json(env, "run", "summary", "--as-of", "2026-03-10T00:00:00Z", cwd=tmp_path)
    initialized, listed, results = anyio.run(session_run, env, tmp_path)

    assert initialized.server_info.name == "afflow"
    assert UNTRUSTED_OPEN in (initialized.instructions or "")
    annotations = {tool.name: tool.annotations for tool in listed.tools}
    assert set(annotations) == READ_TOOLS | WRITE_TOOLS
    assert all(a is not None and a.read_only_hint is True for name, a in annotations.items() if name in READ_TOOLS)
    assert all(a is not None and a.read_only_hint is False and a.destructive_hint is False
               for name, a in annotations.items() if name in WRITE_TOOLS)  # fmt: skip

    metrics = structured(results["metrics"])
    by_partner = {row["partner_id"]: row for row in metrics["partners"]}
    assert by_partner["p1"]["orders"] == 2 and by_partner["p1"]["revenue"] == "70.00"
    assert metrics["program"]["revenue"] == "80.00"
    assert structured(results["balance"])["partners"][0]["pending"] == "7.00"
    profile = structured(results["profile"])
    assert profile["name"] == f"{UNTRUSTED_OPEN}\n{INJECTED}\n{UNTRUSTED_CLOSE}"  # data, marked as such
    assert profile["id"] == "p3" and profile["balance"]["pending"] == "0.00"

    proposal = structured(results["propose"])["proposal"]
    assert proposal["kind"] == "tier_bump" and proposal["status"] == "pending"
    assert results["again"].is_error and "duplicate" in str(results["again"].content[0])
    assert results["unknown"].is_error and "no partner 'nobody'" in str(results["unknown"].content[0])
    pending = structured(results["pending"])["proposals"]
    assert [(p["id"], p["agent"], p["payload"]["percent"]) for p in pending] == [
        (proposal["id"], "mcp", f"{UNTRUSTED_OPEN}\n25\n{UNTRUSTED_CLOSE}")
    ]

    fraud = structured(results["fraud"])
    assert {"window", "findings", "baselines"} <= set(fraud) and all(f["partner_id"] == "p1" for f in fraud["findings"])
    report = structured(results["weekly"])["report"]
    assert (
        report["markdown"]
        == f"{UNTRUSTED_OPEN}\n{(tmp_path / 'out' / 'weekly-2026-03-10.md').read_text()}\n{UNTRUSTED_CLOSE}"
    )
    assert weekly["summary"] in report["markdown"]

    approvals = afflow_json(env, "approvals", "list", cwd=tmp_path)
    rows = approvals["proposals"] if isinstance(approvals, dict) else approvals
    assert [(row["id"], row["kind"], row["partner_id"], row["status"]) for row in rows] == [
        (proposal["id"], "tier_bump", "p1", "pending")
    ]

    [link] = structured(results["link"])["links"]
    assert link["sku"] == "S1" and link["url"].startswith("https://go.example/r/")
    assert results["no_sku"].is_error and "unknown_sku" in str(results["no_sku"].content[0])
    audit = afflow_json(env, "audit", "--actor", "mcp", cwd=tmp_path)["entries"]
    assert [(row["action"], row["subject"], row["details"].get("codes")) for row in audit
            if row["action"] == "links_created"] == [("links_created", "partner:p1", [link["code"]])]  # fmt: skip
    assert {row["actor"] for row in audit} == {"mcp"}


def test_help_of_afflow_mcp_does_not_import_the_sdk(tmp_path: Path) -> None:
    probe = "import sys\nfrom afflow.cli import main\nsys.argv = ['afflow', 'mcp', '--help']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('mcp', 'mcp_types')), file=sys.stderr)\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "Usage: afflow mcp [OPTIONS]" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
