"""``afflow audit`` through the installed CLI (subprocesses), on SQLite and PostgreSQL: program settings,
portal roles, a published rule set and a payout batch are each logged once with the CLI user as actor, and
``--since`` / ``--actor`` filter the rows."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tests.agents.sales import program
from tests.tools.scenario import load


def afflow(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


def test_each_settings_role_rule_and_payout_change_is_logged_with_the_cli_user(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    load(engine, tmp_path / "csv", **program())
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), "USER": "ann", "LOGNAME": "ann"}
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"percent": "9"}), encoding="utf-8")

    afflow(env, "program", "set", "--cookie-days", "21")
    afflow(env, "program", "set", "--cookie-days", "21")  # no change: nothing to log
    afflow(env, "users", "add", "mo@example.com", "--role", "manager")
    afflow(env, "users", "add", "mo@example.com", "--role", "finance")
    afflow(env, "rules", "set", str(rules), "--note", "spring rates")
    afflow(env, "ledger", "reconcile", "--as-of", "2026-06-30")
    batch = afflow(env, "payouts", "create", "--as-of", "2026-06-30")
    assert batch["batch_id"] is not None

    log = afflow(env, "audit")["entries"]

    assert [(e["actor"], e["action"], e["subject"]) for e in log] == [
        ("cli:ann", "program_settings_changed", "program"),
        ("cli:ann", "portal_role_changed", "user:mo@example.com"),
        ("cli:ann", "portal_role_changed", "user:mo@example.com"),
        ("cli:ann", "rule_set_published", f"rule_set:{log[3]['subject'].split(':')[1]}"),
        ("cli:ann", "payout_batch_created_paid", f"payout_batch:{batch['batch_id']}"),
    ]
    assert log[0]["details"]["cookie_days"]["to"] == "21"
    assert (log[1]["details"]["previous_role"], log[2]["details"]["previous_role"]) == (None, "manager")
    assert log[2]["details"]["role"] == "finance" and log[3]["details"]["note"] == "spring rates"
    assert afflow(env, "audit", "--actor", "slack")["entries"] == []
    assert len(afflow(env, "audit", "--actor", "cli:ann")["entries"]) == 5
    assert [e["id"] for e in afflow(env, "audit", "--since", log[3]["ts"])["entries"]] == [log[3]["id"], log[4]["id"]]
