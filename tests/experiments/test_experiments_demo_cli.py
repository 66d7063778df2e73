"""A commission experiment on the demo program, from the CLI: create, status, stop, and approve the winner.

The demo program ends on a fixed past date (so the files, the assignment and the figures are the same on
every run) and the experiment starts there. The two weeks that follow are the demo's last two weeks of
clicks and click-credited orders replayed (shifted forward, new ids) through ``afflow import``, with the
planted effect that partners on the higher rate convert each click three times as often. Those orders
book at each partner's variant rate; the winner becomes a proposal that, approved like any other,
publishes the rate for the cohort. (Scored as of today, months after the data, every partner falls in one
stratum here; the tier split itself is pinned in ``test_assignment_and_stats``.)
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fakes.cli import afflow_json
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import ExperimentAssignment
from store.rules import RateRule, rule_sets_in_force
from tests.agents.programs import write_csv
from workflows.demo import DemoFiles, generate_program, load_program, run_ledger_history

SHIFT = timedelta(days=14)
START = datetime(2026, 10, 5, tzinfo=UTC)
COPIES_ON_HIGHER = ("-r", "-r2", "-r3")
HONEST_MIX = {"steady": 0.6, "rising": 0.2, "declining": 0.2}


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def replay_two_weeks(files: DemoFiles, out: Path, higher: set[str]) -> tuple[Path, Path]:
    """The demo's last two weeks of clicks and their click-id orders, two weeks later; tripled for ``higher``."""
    click_header, clicks = _rows(files.csv["clicks"])
    order_header, orders = _rows(files.csv["orders"])
    col = {name: i for i, name in enumerate(click_header)}
    ocol = {name: i for i, name in enumerate(order_header)}
    since = files.end - SHIFT
    partner_of: dict[str, str] = {}
    new_clicks = []
    for row in clicks:
        if datetime.fromisoformat(row[col["ts"]]) > since:
            partner_of[row[col["click_id"]]] = row[col["partner_id"]]
            moved = list(row)
            moved[col["click_id"]] += "-r"
            moved[col["ts"]] = (datetime.fromisoformat(row[col["ts"]]) + SHIFT).isoformat()
            new_clicks.append(moved)
    new_orders = []
    for row in orders:
        partner = partner_of.get(row[ocol["click_id"]])
        if partner is None:
            continue
        for copy in COPIES_ON_HIGHER if partner in higher else ("-r",):
            moved = list(row)
            moved[ocol["order_id"]] += copy
            moved[ocol["customer_id"]] += copy
            moved[ocol["click_id"]] += "-r"
            moved[ocol["ts"]] = (datetime.fromisoformat(row[ocol["ts"]]) + SHIFT).isoformat()
            new_orders.append(moved)
    return write_csv(out / "clicks_replay.csv", click_header, new_clicks), write_csv(
        out / "orders_replay.csv", order_header, new_orders
    )


def test_demo_experiment_finds_the_planted_winner_and_its_proposal_adopts_it(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the CLI's checkpoint and output files stay in the test's directory
    start = START
    files = generate_program(
        out_dir=tmp_path / "demo", seed=21, partners=30, days=30, skus=40, end=start, mix=HONEST_MIX
    )
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=files.end)
    env = {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out")}

    code, created = afflow_json(monkeypatch, env, "experiments", "create", "--name", "higher rate",
                                "--variants", "control=8,higher=12", "--start", start.isoformat(),
                                "--end", (start + SHIFT).isoformat(), "--seed", "4")  # fmt: skip
    assert code == 0 and created["status"] == "running" and created["verdict"] == "not_enough_data"
    assert sum(v["partners"] for v in created["variants"]) == 30
    with transaction(engine) as session:
        assignment = dict(session.execute(select(ExperimentAssignment.partner_id, ExperimentAssignment.variant)).all())
    clicks, orders = replay_two_weeks(files, tmp_path, {p for p, v in assignment.items() if v == "higher"})
    for kind, path in (("clicks", clicks), ("orders", orders)):
        code, imported = afflow_json(monkeypatch, env, "import", kind, str(path))
        assert code == 0, imported

    code, status = afflow_json(monkeypatch, env, "experiments", "status", str(created["id"]))
    assert code == 0 and status["verdict"] == "winner" and status["winner"] == "higher", status["reason"]
    for variant in status["variants"]:  # every order booked at its partner's variant rate
        rate = Decimal(variant["commission"]) / Decimal(variant["revenue"])
        assert abs(rate - Decimal(variant["percent"]) / 100) < Decimal("0.001"), variant["variant"]
    control, higher = status["variants"]
    rates = [Decimal(v["estimates"]["conversion_rate"]["value"]) for v in (control, higher)]
    assert rates[1] > rates[0]
    assert Decimal(higher["versus_control"]["margin_per_click"]["low"]) > 0

    code, stopped = afflow_json(monkeypatch, env, "experiments", "stop", str(created["id"]))
    assert code == 0 and stopped["status"] == "stopped" and stopped["proposal_id"] is not None
    code, pending = afflow_json(monkeypatch, env, "approvals", "list")
    [proposal] = [p for p in pending["proposals"] if p["id"] == stopped["proposal_id"]]
    assert proposal["kind"] == "commission_change" and proposal["status"] == "pending"
    code, decided = afflow_json(monkeypatch, env, "approvals", "approve", str(proposal["id"]))
    assert code == 0 and decided["status"] == "applied"
    with transaction(engine) as session:
        adopted = rule_sets_in_force(session=session).at(datetime.now(UTC) + timedelta(seconds=1)).body
    assert {p: adopted.partner_overrides.get(p) for p in assignment} == dict.fromkeys(
        assignment, RateRule(percent=Decimal(12))
    )
