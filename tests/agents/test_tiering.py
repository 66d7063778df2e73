"""The tiering agent on its own, on a small program imported through the CSV importer (``tests.agents.sales``):
who gets a tier bump and at what rate, who is offboarded and on what evidence, and what is never proposed."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from agents.registry import agent_body
from agents.runs import run_agent
from store.db import make_engine, migrate, transaction
from store.models import Proposal
from store.rules import RateRule, RuleSetBody, publish_rule_set
from tests.agents.config import agent_config
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools.thresholds import ScoreThresholds

# Fred has too few orders for growth and Mia's medium self-referral finding only blocks growth, by default;
# these move Fred into growth and Mia (a medium finding is enough) into purge.
LENIENT = {"min_orders": 1, "growth_min_score": 50, "purge_severity": "medium"}


@pytest.fixture
def sales(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path / "csv", **program())
    return engine


def run_tiering(engine: Engine, thresholds: ScoreThresholds | None = None) -> dict[str, Any]:
    result, _ = run_agent(agent="tiering", engine=engine, config=agent_config(score_thresholds=thresholds),
                          now=AS_OF, body=agent_body("tiering", output_dir="unused"))  # fmt: skip
    return result


def pending(engine: Engine) -> dict[tuple[str, str | None], Proposal]:
    with transaction(engine) as session:
        rows = session.scalars(select(Proposal).where(Proposal.status == "pending"))
        return {(p.kind, p.partner_id): p for p in rows}


def kinds(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p["kind"], p["partner_id"]) for p in result["proposals"]}


def test_the_growth_partner_is_bumped_two_points_and_the_self_referrer_offboarded(sales: Engine) -> None:
    result = run_tiering(sales)

    assert result["tiers"] == {"growth": ["p-gina"], "maintain": ["p-fred", "p-mia"], "purge": ["p-sara"]}
    assert kinds(result) == {("tier_bump", "p-gina"), ("offboard_partner", "p-sara")}
    proposals = pending(sales)
    assert sorted(proposals) == [("offboard_partner", "p-sara"), ("tier_bump", "p-gina")]
    assert sorted(p.id for p in proposals.values()) == sorted(result["proposal_ids"])
    bump = proposals[("tier_bump", "p-gina")]
    assert bump.payload == {"percent": "12", "previous_percent": "10"}
    assert bump.summary == "Tier bump for Gina Grows: 10% -> 12% (growth, score 88)"
    # March: 8 tents (800.00) and 8 x 2 lamps (320.00); 2 points of 1,120.00 is 22.40 more commission.
    # Margin: 1,120.00 - cost 448.00 - commission 112.00 = 560.00; it keeps 560.00 - 22.40 if sales stay flat.
    impact = bump.expected_impact
    assert impact["window_days"] == 30
    assert (impact["extra_commission_at_current_run_rate"], impact["margin_contribution_in_window"],
            impact["margin_after_bump_if_sales_flat"]) == ("22.40", "560.00", "537.60")  # fmt: skip
    offboard = proposals[("offboard_partner", "p-sara")]
    assert offboard.payload == {"signals": ["self_referral"]}
    assert offboard.summary == "Offboard Sara Self: self referral"
    assert [f["signal"] for f in offboard.evidence["findings"]] == ["self_referral"]


def test_a_flagged_partner_gets_no_bump_however_good_its_numbers(sales: Engine) -> None:
    """Mia sells more than Gina, but a medium self-referral finding blocks growth until someone reviews it."""
    result = run_tiering(sales, ScoreThresholds(growth_min_score=0, min_orders=1))

    assert "p-mia" in result["tiers"]["maintain"]
    assert ("tier_bump", "p-mia") not in kinds(result) and ("offboard_partner", "p-mia") not in kinds(result)
    assert ("tier_bump", "p-mia") not in pending(sales)


def test_a_rerun_proposes_nothing_already_pending(sales: Engine) -> None:
    first = run_tiering(sales)
    again = run_tiering(sales)

    assert kinds(again) == kinds(first) and again["proposal_ids"] == []
    assert len(pending(sales)) == 2


def test_the_bump_is_capped_at_25_percent_and_a_partner_at_the_cap_gets_none(sales: Engine) -> None:
    overrides = {"p-gina": RateRule(percent=Decimal(25)), "p-fred": RateRule(percent=Decimal("24.5"))}
    with transaction(sales) as session:
        publish_rule_set(session=session, body=RuleSetBody(partner_overrides=overrides),
                         effective_from=datetime(2026, 1, 1, tzinfo=UTC))  # fmt: skip

    run_tiering(sales, ScoreThresholds(**{k: v for k, v in LENIENT.items() if k != "purge_severity"}))

    proposals = pending(sales)
    assert ("tier_bump", "p-gina") not in proposals
    assert proposals[("tier_bump", "p-fred")].payload == {"percent": "25", "previous_percent": "24.5"}


def test_the_thresholds_given_decide_who_is_bumped_and_who_is_offboarded(sales: Engine) -> None:
    result = run_tiering(sales, ScoreThresholds.model_validate(LENIENT))

    assert kinds(result) == {("tier_bump", "p-gina"), ("tier_bump", "p-fred"),
                             ("offboard_partner", "p-sara"), ("offboard_partner", "p-mia")}  # fmt: skip


def afflow_run_tiering(db_url: str, tmp_path: Path, extra_env: dict[str, str]) -> dict[str, Any]:
    """The installed ``afflow run tiering --json`` in a subprocess, configured by its environment only."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_") and key != "OPENAI_API_KEY"}
    env |= {"AFFLOW_DATABASE_URL": db_url, "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"), **extra_env}
    done = subprocess.run(["afflow", "run", "tiering", "--as-of", AS_OF.isoformat(), "--json"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the in-process tests above cover PostgreSQL
def test_afflow_run_tiering_follows_AFFLOW_SCORE_THRESHOLDS(db_url: str, tmp_path: Path) -> None:
    stores = {}
    for name in ("default", "lenient"):
        url = f"{db_url.removesuffix('/afflow.db')}/{name}.db"
        engine = make_engine(url)
        migrate(engine)
        load(engine, tmp_path / name, **program())
        engine.dispose()
        stores[name] = url

    default = afflow_run_tiering(stores["default"], tmp_path, {})
    lenient = afflow_run_tiering(stores["lenient"], tmp_path, {"AFFLOW_SCORE_THRESHOLDS": json.dumps(LENIENT)})

    assert kinds(default) == {("tier_bump", "p-gina"), ("offboard_partner", "p-sara")}
    assert kinds(lenient) - kinds(default) == {("tier_bump", "p-fred"), ("offboard_partner", "p-mia")}
    assert lenient["tiers"] == {"growth": ["p-fred", "p-gina"], "maintain": [], "purge": ["p-mia", "p-sara"]}
    assert len(lenient["proposal_ids"]) == 4
