"""A waiting proposal survives a process restart: triage in one ``afflow`` process, approval in another."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from agents.approval.graph import compile_graph, thread_config
from agents.checkpoint import open_checkpointer
from store.db import transaction
from tests.agents.programs import GOOD_CONTENT, application, load
from tools import ledger_view

AFFLOW = [sys.executable, "-c", "from afflow.cli import main; main()"]


def afflow(db_url: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "AFFLOW_DATABASE_URL": db_url, "AFFLOW_PUBLIC_URL": "http://links.test"}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run([*AFFLOW, *args, "--json"], capture_output=True, text=True,
                          env=env, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_waiting_proposal_is_resumed_by_another_process(engine: Engine, db_url: str, tmp_path: Path) -> None:
    load(engine, tmp_path, applications=[
        application("a-good", name="Dana Hikes", email="dana@example.com", audience=45000, engagement="0.05",
                    content=GOOD_CONTENT),
    ])
    triage = afflow(db_url, "run", "triage")
    assert triage["decisions"] == [{"application_id": "a-good", "decision": "approve", "reasons": triage["decisions"][0]["reasons"]}]  # type: ignore[index]
    listed = afflow(db_url, "approvals", "list")["proposals"]
    assert isinstance(listed, list) and len(listed) == 1
    proposal_id = listed[0]["id"]
    with open_checkpointer(db_url) as saver:
        assert compile_graph(saver).get_state(thread_config(f"proposal-{proposal_id}")).next == ("await_decision",)
    approved = afflow(db_url, "approvals", "approve", str(proposal_id))
    assert approved["status"] == "applied"
    with transaction(engine) as session:
        assert any(p.email == "dana@example.com" for p in ledger_view.partner_contacts(session=session).values())
    env = {**os.environ, "AFFLOW_DATABASE_URL": db_url}
    again = subprocess.run([*AFFLOW, "approvals", "approve", str(proposal_id), "--json"],
                           capture_output=True, text=True, env=env, check=False, timeout=300)
    assert again.returncode == 1 and json.loads(again.stdout)["error"]["code"] == "not_pending"
