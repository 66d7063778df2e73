"""The weekly cycle, offline, end to end on the demo program: the proposals hit the planted partners.

Then approving what it proposed applies through the rules and the ledger: a tier bump publishes a
per-partner rate, a flash incentive a time-boxed bonus, a clawback books the partner's clawback balance.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select

from store.db import transaction
from store.ledger import balances
from store.models import AgentRun
from store.rules import rule_sets_in_force
from tests.agents.config import agent_config
from tools import outbox
from tools.rule_changes import effective_percent
from workflows.approvals.decide import decide, list_proposals
from workflows.demo.generator import generate_program
from workflows.demo.loader import load_program, run_ledger_history
from workflows.schedule.weekly import run_weekly_cycle

FRAUD = {"coupon_leaker", "click_injector", "cookie_stuffer", "poacher", "self_referrer"}


def test_weekly_cycle_offline_on_demo_data(engine: Engine, tmp_path: Path) -> None:
    end = datetime(2026, 11, 23, tzinfo=UTC)
    files = generate_program(out_dir=tmp_path / "demo", partners=24, days=40, skus=40, seed=7, end=end)
    load_program(engine=engine, files=files)
    run_ledger_history(engine=engine, end=end)
    truth: dict[str, str] = json.loads(files.truth.read_text())["partners"]

    report = run_weekly_cycle(engine=engine, config=agent_config(public_url="http://links.test"), as_of=end,
                              output_dir=str(tmp_path / "out"))

    proposals = list_proposals(engine=engine, status="pending")
    purged = {p.partner_id for p in proposals if p.kind == "offboard_partner"}
    bumped = {p.partner_id for p in proposals if p.kind == "tier_bump"}
    assert purged and {truth[p] for p in purged if p} <= FRAUD
    assert bumped and not {truth[p] for p in bumped if p} & FRAUD, "no fraudster is ever proposed a raise"
    assert bumped == set(report.results["tiering"]["tiers"]["growth"]), "every growth partner gets a tier bump"
    rising = {p for p, archetype in truth.items() if archetype == "rising"}
    assert rising and not rising & purged
    clawbacks = [p for p in proposals if p.kind == "clawback"]
    assert clawbacks and all(truth[p.partner_id or ""] in FRAUD for p in clawbacks)
    assert all(p.expected_impact for p in proposals), "every proposal states its expected effect"

    markdown = Path(report.markdown_path).read_text()
    html = Path(report.html_path).read_text()
    for section in ("KPIs, week over week", "By sub-network", "Top partners", "Fraud and money protected",
                    "Waiting for your decision"):
        assert section in markdown
    assert "| **Total** |" in markdown and "<svg" in html and "Tier bumps for growth partners" in markdown
    assert "· decide by " in markdown and "(expires" not in markdown, "the expiry once per group, not per line"
    assert "_" not in markdown.split("## Waiting for your decision")[1].split("`")[0], "signals in words, not ids"
    facts = report.results["summary"]["facts"]
    assert facts["fraud_rows"] and facts["bottom"]
    for row in facts["fraud_rows"]:
        assert truth[row["partner"].rsplit("(", 1)[1].rstrip(")")] in FRAUD, "the fraud table names fraudsters"
    assert all(row["note"] for row in facts["bottom"]), "every bottom partner says why it is there"
    with transaction(engine) as session:
        briefs = outbox.queued_messages(session=session, kind="brief")
        runs = session.scalars(select(AgentRun)).all()
    assert briefs and all("http://links.test/r/" in b.body_text for b in briefs)
    assert not {b.partner_id for b in briefs} & purged, "no creative push to partners proposed for offboarding"
    assert not {b.partner_id for b in briefs} & set(facts["fraud_partners"]), "nor to this week's high-severity fraud"
    assert sorted(r.agent for r in runs) == sorted(["tiering", "briefs", "nudges", "commissions", "summary"])
    assert all(r.mode == "offline" and r.finished_at is not None for r in runs)

    bump = next(p for p in proposals if p.kind == "tier_bump")
    claw = clawbacks[0]
    flash = next((p for p in proposals if p.kind == "flash_incentive"), None)
    with transaction(engine) as session:
        owed_before = {b.partner_id: b.clawback for b in balances(session=session)}
    for proposal in (bump, claw, *([flash] if flash else [])):
        assert decide(engine=engine, proposal_id=proposal.id, approve=True, actor="test", public_url="http://links.test",
                      now=end).status == "applied"
    with transaction(engine) as session:
        rules = rule_sets_in_force(session=session).at(end).body
        owed = {b.partner_id: b.clawback for b in balances(session=session)}
    # a bump adds points to every rate the partner earns; its headline rate is then the proposed one
    assert effective_percent(body=rules, partner_id=bump.partner_id or "") == Decimal(bump.payload["percent"])
    pid = claw.partner_id or ""
    assert owed[pid] - owed_before.get(pid, 0) == int(claw.payload["amount_cents"])
    if flash is not None:
        assert any(f.sku == flash.payload["sku"] for f in rules.flash_incentives)

    run_weekly_cycle(engine=engine, config=agent_config(public_url="http://links.test"), as_of=end,
                     output_dir=str(tmp_path / "again"))
    recovered = set(claw.payload["order_ids"])
    later_clawbacks = [p for p in list_proposals(engine=engine) if p.kind == "clawback" and p.id != claw.id]
    assert not any(recovered & set(p.payload["order_ids"]) for p in later_clawbacks), "an order is clawed back once"
    assert not any(p.partner_id == pid for p in later_clawbacks), "nothing of that partner's is left to recover"
