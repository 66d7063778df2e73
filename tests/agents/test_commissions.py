"""The commissions agent on its own, on a small program imported through the CSV importer (``tests.agents.sales``):
a rate cut for the SKU selling out, a flash incentive for the overstocked one, a clawback of the commission on
the orders behind a high-severity fraud finding, each with its amounts; and what it never proposes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from agents.registry import agent_body
from agents.runs import run_agent
from store.db import transaction
from store.models import Proposal
from tests.agents.config import agent_config
from tests.agents.sales import AS_OF, program
from tests.tools.scenario import load
from tools.thresholds import FraudThresholds
from workflows.approvals.decide import decide

SARA_OWN_ORDERS = ["o19", "o18", "o17", "o16"]  # the four March orders she placed with her own address, oldest first


@pytest.fixture
def sales(engine: Engine, tmp_path: Path) -> Engine:
    load(engine, tmp_path / "csv", **program())
    return engine


def run_commissions(engine: Engine, fraud_thresholds: FraudThresholds | None = None) -> dict[str, Any]:
    result, _ = run_agent(agent="commissions", engine=engine, config=agent_config(fraud_thresholds=fraud_thresholds),
                          now=AS_OF, body=agent_body("commissions", output_dir="unused"))  # fmt: skip
    return result


def proposals(engine: Engine, status: str = "pending") -> dict[tuple[str, str | None], Proposal]:
    """(kind, partner or SKU) -> proposal."""
    with transaction(engine) as session:
        rows = session.scalars(select(Proposal).where(Proposal.status == status))
        return {(p.kind, p.partner_id or p.payload.get("sku")): p for p in rows}


def test_it_proposes_a_rate_cut_a_flash_incentive_and_one_clawback(sales: Engine) -> None:
    result = run_commissions(sales)

    assert sorted(proposals(sales)) == [("clawback", "p-sara"), ("commission_change", "SKU-LAMP"),
                                        ("flash_incentive", "SKU-MUG")]  # fmt: skip
    assert len(result["proposal_ids"]) == 3


def test_the_sku_selling_out_gets_its_rate_cut_by_a_third(sales: Engine) -> None:
    run_commissions(sales)

    cut = proposals(sales)[("commission_change", "SKU-LAMP")]
    # 30 lamps sold in 28 days: 1.071 a day, 10 in stock = 9.3 days of cover; 10% x 2/3 = 6.67, to one decimal
    assert cut.payload == {"sku": "SKU-LAMP", "percent": "6.7", "previous_percent": "10"}
    assert cut.summary == "Lower commission on Lamp (SKU-LAMP) 10% -> 6.7%: 9.3 days of cover"
    # 10 lamps left x 20.00 x 3.3 points
    assert cut.expected_impact["margin_saved_on_remaining_stock_if_all_affiliate"] == "6.60"


def test_the_overstocked_slow_seller_gets_a_seven_day_flash_incentive(sales: Engine) -> None:
    run_commissions(sales)

    flash = proposals(sales)[("flash_incentive", "SKU-MUG")]
    assert flash.payload == {"sku": "SKU-MUG", "bonus_percent": "5", "days": 7}
    assert flash.summary.startswith("Flash incentive +5% for 7 days on Mug (SKU-MUG): 300 units over target")
    # a week at 2 mugs / 28 days is 0.497 mugs; 5% of 10.00 on them is 0.25; 300 mugs over target at 3.00 cost
    assert flash.expected_impact["bonus_cost_at_current_run_rate"] == "0.25"
    assert flash.expected_impact["inventory_over_target_at_cost"] == "900.00"


def test_high_severity_fraud_is_clawed_back_on_its_orders_and_a_medium_finding_is_not(sales: Engine) -> None:
    run_commissions(sales)

    pending = proposals(sales)
    claw = pending[("clawback", "p-sara")]
    assert claw.payload == {"amount_cents": 4000, "order_ids": SARA_OWN_ORDERS, "signal": "self_referral"}
    assert claw.summary == "Claw back 40.00 USD from Sara Self (p-sara): self referral on 4 orders"
    assert claw.expected_impact == {"money_protected": "40.00"}
    assert ("clawback", "p-mia") not in pending  # Mia's self-referral finding is medium
    assert not any(kind == "clawback" for kind, _ in pending if _ in ("p-gina", "p-fred"))


def test_the_fraud_thresholds_given_decide_what_is_clawed_back(sales: Engine) -> None:
    """Sara's four own orders are a finding at the default two; a program that wants five sees none."""
    result = run_commissions(sales, FraudThresholds(self_referral_min_orders=5))

    assert not any(p["kind"] == "clawback" for p in result["proposals"])
    assert sorted(proposals(sales)) == [("commission_change", "SKU-LAMP"), ("flash_incentive", "SKU-MUG")]


def test_a_rerun_proposes_nothing_already_pending(sales: Engine) -> None:
    run_commissions(sales)
    again = run_commissions(sales)

    assert again["proposal_ids"] == [] and len(proposals(sales)) == 3


def test_an_approved_clawback_is_not_proposed_again(sales: Engine) -> None:
    run_commissions(sales)
    claw = proposals(sales)[("clawback", "p-sara")]
    assert decide(engine=sales, proposal_id=claw.id, approve=True, actor="test", public_url="http://t",
                  now=AS_OF).status == "applied"  # fmt: skip

    again = run_commissions(sales)

    assert not any(p["kind"] == "clawback" for p in again["proposals"])
    assert again["proposal_ids"] == [] and ("clawback", "p-sara") not in proposals(sales)
