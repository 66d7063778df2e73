"""``afflow experiments create | status | stop`` end to end on both stores, in JSON."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fakes.cli import afflow_json
from sqlalchemy import Engine

from store.db import transaction
from workflows.importing.importer import import_csv


def test_create_status_stop(engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "partners.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"]
        )
        writer.writerows([[f"p{i}", f"P{i}", f"p{i}@example.com", "blog", 10, "0.1", "", ""] for i in range(6)])
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=path)
    env = {"AFFLOW_DATABASE_URL": db_url}
    code, bad = afflow_json(monkeypatch, env, "experiments", "create", "--name", "x", "--variants", "control=10")
    assert code == 1 and bad["error"]["code"] == "bad_experiment"
    code, created = afflow_json(monkeypatch, env, "experiments", "create", "--name", "rates", "--variants", "control=10,higher=12.5",
                            "--days", "14", "--seed", "3")  # fmt: skip
    assert code == 0 and created["status"] == "running" and created["verdict"] == "not_enough_data"
    assert [(v["variant"], v["percent"], v["partners"]) for v in created["variants"]] == [
        ("control", "10", 3),
        ("higher", "12.5", 3),
    ]
    code, listed = afflow_json(monkeypatch, env, "experiments", "status")
    assert [e["id"] for e in listed["experiments"]] == [created["id"]]
    code, stopped = afflow_json(monkeypatch, env, "experiments", "stop", str(created["id"]))
    assert (
        code == 0 and stopped["status"] == "stopped" and stopped["restore_rule_version"] == created["rule_version"] + 1
    )
    assert stopped["proposal_id"] is None and stopped["verdict"] == "not_enough_data"
    code, missing = afflow_json(monkeypatch, env, "experiments", "status", "999")
    assert code == 1 and missing["error"]["message"] == "experiment 999 does not exist"
