"""A manager shapes the demo's proposals through the installed CLI (``afflow`` subprocesses), on SQLite and
PostgreSQL: a tier bump's effect is previewed as edited (``show --set``, ``approve --dry-run``: nothing
applied), approved at another rate it is applied at that rate once, an edit out of bounds is refused, and the next ``afflow run weekly`` on the same scores puts neither the approved nor the rejected
bump back; ``afflow audit`` names the CLI user for each step; the rest are approved as a group but one,
each applied once."""

from __future__ import annotations

import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any


def afflow(env: dict[str, str], *args: str, ok: bool = True) -> Any:
    done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=600)
    assert (done.returncode == 0) == ok, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


def bumps(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {p["partner_id"]: p for p in afflow(env, "approvals", "list")["proposals"] if p["kind"] == "tier_bump"}


def test_a_manager_edits_a_bump_in_the_cli_and_the_next_weekly_run_does_not_loop(db_url: str, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_") and key != "OPENAI_API_KEY"}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}
    afflow(env, "demo", "--partners", "24", "--days", "40", "--skus", "40", "--seed", "7")  # books, runs weekly
    first = bumps(env)
    assert len(first) >= 2
    edited, rejected = sorted(first.values(), key=lambda p: p["id"])[:2]
    proposed = Decimal(afflow(env, "approvals", "show", str(edited["id"]))["proposed"]["percent"])
    target = proposed - 1

    refused = afflow(env, "approvals", "approve", str(edited["id"]), "--set", "percent=-1", ok=False)
    assert refused["error"]["code"] == "invalid_edit" and "percent" in refused["error"]["message"]
    assert afflow(env, "approvals", "show", str(edited["id"]))["status"] == "pending"

    as_proposed = afflow(env, "approvals", "show", str(edited["id"]))["preview"]
    dry = afflow(env, "approvals", "approve", str(edited["id"]), "--set", f"percent={target}", "--dry-run")
    previewed = afflow(env, "approvals", "show", str(edited["id"]), "--set", f"percent={target}")["preview"]
    assert dry["preview"] == previewed and dry["dry_run"] is True
    assert previewed["edited"] == {"percent": {"proposed": str(proposed), "approved": str(target)}}
    assert as_proposed["money_effect_cents"] < previewed["money_effect_cents"] < 0  # one point less costs less
    assert afflow(env, "approvals", "show", str(edited["id"]))["status"] == "pending"  # the dry run applied nothing

    decided = afflow(env, "approvals", "approve", str(edited["id"]), "--set", f"percent={target}")
    assert decided["preview"] == previewed
    afflow(env, "approvals", "reject", str(rejected["id"]), "--reason", "wait for the spring range")

    shown = afflow(env, "approvals", "show", str(edited["id"]))
    assert decided["status"] == shown["status"] == "applied"
    assert Decimal(shown["approved"]["percent"]) == target and Decimal(shown["proposed"]["percent"]) == proposed
    assert shown["decided_by"].startswith("cli:") and shown["decided_at"] and shown["reason"] is None
    rules = afflow(env, "rules", "show")
    previous = Decimal(shown["proposed"]["previous_percent"])  # the bump is points on every dimension
    assert Decimal(rules["in_force"]["body"]["partner_overrides"][edited["partner_id"]]["plus_percent"]) \
        == target - previous
    assert [v["note"].startswith(f"proposal {edited['id']}:") for v in rules["versions"]].count(True) == 1

    afflow(env, "run", "weekly")  # the second weekly run: same data, same scores

    again = bumps(env)
    assert edited["partner_id"] not in again and rejected["partner_id"] not in again
    assert set(again) == set(first) - {edited["partner_id"], rejected["partner_id"]}  # the rest still wait, once
    log = afflow(env, "audit", "--actor", "cli")["entries"]
    assert [(e["action"], e["subject"]) for e in log] == [
        ("proposal_edited", f"proposal:{edited['id']}"),
        ("proposal_approved", f"proposal:{edited['id']}"),
        ("proposal_rejected", f"proposal:{rejected['id']}"),
    ]
    assert log[0]["details"]["fields"]["percent"] == {"proposed": str(proposed), "approved": str(target)}
    assert log[2]["details"]["reason"] == "wait for the spring range"

    tier_group = next(g for g in afflow(env, "approvals", "list")["groups"] if g["kind"] == "tier_bump")
    assert sorted(tier_group["proposal_ids"]) == sorted(p["id"] for p in again.values())
    assert Decimal(tier_group["money_effect"]) < 0 and tier_group["label"] == "Tier bumps"
    kept, *grouped = sorted(again.values(), key=lambda p: p["id"])
    approved = afflow(env, "approvals", "approve-group", "tier_bump", "--except", str(kept["id"]))
    assert [(d["id"], d["status"]) for d in approved["decided"]] == [(p["id"], "applied") for p in grouped]
    refused = afflow(env, "approvals", "approve-group", "tier_bump", "--except", str(kept["id"]), ok=False)
    assert refused["error"]["code"] == "empty_group"  # nothing left to apply twice
    rules = afflow(env, "rules", "show")
    overrides = rules["in_force"]["body"]["partner_overrides"]
    for proposal in grouped:
        payload = afflow(env, "approvals", "show", str(proposal["id"]))["proposed"]
        points = Decimal(payload["percent"]) - Decimal(payload["previous_percent"])
        assert Decimal(overrides[proposal["partner_id"]]["plus_percent"]) == points
        assert [v["note"].startswith(f"proposal {proposal['id']}:") for v in rules["versions"]].count(True) == 1
    assert kept["partner_id"] not in overrides and set(bumps(env)) == {kept["partner_id"]}
