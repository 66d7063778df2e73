"""Commission experiments on a real store: variant rates through rules, honest verdicts, proposals, restore."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from agents.context import AgentContext
from agents.llm import OfflineReasoner
from agents.proposing import submit_proposals
from store.db import transaction
from store.models import Commission, Experiment, ExperimentAssignment, Proposal
from store.rules import RateRule, RuleSetBody, publish_rule_set, rule_sets_in_force
from tools.fraud import FraudThresholds
from tools.proposals import ProposalDraft
from tools.scoring import ScoreThresholds
from workflows.approvals.decide import decide
from workflows.booking.lifecycle import reconcile
from workflows.experiments.report import report_view
from workflows.experiments.service import ExperimentError, create_experiment, restored_override, stop_experiment
from workflows.importing.importer import import_csv

S = datetime(2026, 1, 5, tzinfo=UTC)
END = S + timedelta(days=28)
PARTNERS = [f"p{i:02d}" for i in range(12)]
VARIANTS = {"control": Decimal(10), "higher": Decimal(20)}


def _load(engine: Engine, path: Path, kind: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    with transaction(engine) as session:
        import_csv(session=session, kind=kind, path=path)


@pytest.fixture
def cohort(engine: Engine, tmp_path: Path) -> Engine:
    partners = [[p, p, f"{p}@example.com", "blog", 100, "0.1", "", ""] for p in PARTNERS]
    _load(engine, tmp_path / "partners.csv", "partners",
          ["partner_id", "name", "email", "channel", "audience_size", "engagement_rate", "ref_code", "coupon_code"],
          partners)  # fmt: skip
    _load(engine, tmp_path / "products.csv", "products",
          ["sku", "title", "price", "unit_cost", "stock", "stock_target", "category"],
          [["SKU-A", "A", "50.00", "20.00", 10, 10, "misc"]])  # fmt: skip
    return engine


def _traffic(
    engine: Engine, tmp_path: Path, orders_per_partner: dict[str, int], *, at: datetime, clicks: int = 100
) -> None:
    """``clicks`` clicks per partner; the first N convert one hour later into a 50.00 order (click attributed)."""
    click_rows: list[list[object]] = []
    order_rows: list[list[object]] = []
    tag = f"{at:%m%d%H}"
    for partner, orders in orders_per_partner.items():
        for index in range(clicks):
            click_id = f"{partner}-{tag}-{index}"
            ts = at + timedelta(minutes=index)
            click_rows.append([click_id, ts.isoformat(), partner, "", "Mozilla/5.0", "", "", "SKU-A", ""])
            if index < orders:
                order_rows.append([f"o-{click_id}", (ts + timedelta(hours=1)).isoformat(), f"c-{click_id}", click_id,
                                   "", "", "USD", "SKU-A", 1, "50.00"])  # fmt: skip
    _load(engine, tmp_path / f"clicks-{tag}.csv", "clicks",
          ["click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref"], click_rows)  # fmt: skip
    _load(engine, tmp_path / f"orders-{tag}.csv", "orders",
          ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price"],
          order_rows)  # fmt: skip


def _create(engine: Engine, **extra: object) -> tuple[int, dict[str, str]]:
    with transaction(engine) as session:
        experiment = create_experiment(
            session=session,
            name="rate test",
            variants=VARIANTS,
            starts_at=S,
            ends_at=END,
            seed=7,
            now=S,
            thresholds=ScoreThresholds(),
            fraud_thresholds=FraudThresholds(),
            **extra,  # type: ignore[arg-type]
        )
        assignment = {
            a.partner_id: a.variant
            for a in session.scalars(
                select(ExperimentAssignment).where(ExperimentAssignment.experiment_id == experiment.id)
            )
        }
        return experiment.id, assignment


def _commissions(engine: Engine) -> dict[str, set[tuple[int, int]]]:
    """partner -> {(commission cents, rule version)}"""
    found: dict[str, set[tuple[int, int]]] = {}
    with transaction(engine) as session:
        for c in session.scalars(select(Commission)):
            found.setdefault(c.partner_id, set()).add((c.amount_cents, c.rule_version))
    return found


def _view(engine: Engine, experiment_id: int, now: datetime) -> dict[str, object]:
    with transaction(engine) as session:
        return report_view(session=session, experiment=session.get_one(Experiment, experiment_id), now=now)


def test_each_partner_books_at_its_variant_rate(cohort: Engine, tmp_path: Path) -> None:
    experiment_id, assignment = _create(cohort)
    assert sorted(assignment.values()).count("control") == 6  # balanced
    _traffic(cohort, tmp_path, dict.fromkeys(PARTNERS, 1), at=S + timedelta(days=1))
    view = _view(cohort, experiment_id, END)
    rule_version = view["rule_version"]
    expected = {p: {(500 if v == "control" else 1000, rule_version)} for p, v in assignment.items()}
    assert _commissions(cohort) == expected


def test_few_orders_say_not_enough_data(cohort: Engine, tmp_path: Path) -> None:
    experiment_id, _ = _create(cohort)
    _traffic(cohort, tmp_path, dict.fromkeys(PARTNERS, 2), at=S + timedelta(days=1))
    view = _view(cohort, experiment_id, S + timedelta(days=3))
    assert view["verdict"] == "not_enough_data" and view["winner"] is None
    assert "not enough data yet" in str(view["reason"])
    control = view["variants"][0]  # type: ignore[index]
    assert (control["orders"], control["clicks"], control["revenue"]) == (12, 600, "600.00")
    assert control["commission"] == "60.00" and control["margin_contribution"] == "300.00"  # 600 - 240 cogs - 60
    assert control["estimates"]["conversion_rate"]["value"] == "0.0200"
    assert control["estimates"]["roi"]["value"] == "5.0000"


def test_stop_restores_previous_rates(cohort: Engine, tmp_path: Path) -> None:
    with transaction(cohort) as session:
        body = RuleSetBody(partner_overrides={"p00": RateRule(percent=Decimal(7))})
        publish_rule_set(session=session, body=body, effective_from=S - timedelta(days=10), note="p00 deal")
    experiment_id, _ = _create(cohort)
    stop_at = S + timedelta(days=2)
    with transaction(cohort) as session:
        result = stop_experiment(session=session, experiment_id=experiment_id, now=stop_at)
        restored = rule_sets_in_force(session=session).at(stop_at).body
    assert result.verdict == "not_enough_data" and result.proposal_id is None
    assert restored.partner_overrides == {"p00": RateRule(percent=Decimal(7))}
    _traffic(cohort, tmp_path, {"p00": 1, "p01": 1}, at=stop_at + timedelta(hours=1))
    assert _commissions(cohort) == {
        "p00": {(350, result.restore_rule_version)},
        "p01": {(500, result.restore_rule_version)},
    }
    with transaction(cohort) as session, pytest.raises(ExperimentError, match="stopped, not running"):
        stop_experiment(session=session, experiment_id=experiment_id, now=stop_at)


def test_clear_winner_becomes_a_proposal_that_adopts_its_rate(cohort: Engine, tmp_path: Path) -> None:
    experiment_id, assignment = _create(cohort)
    orders = {p: (14 + i % 4 if assignment[p] == "higher" else 5 + i % 3) for i, p in enumerate(PARTNERS)}
    _traffic(cohort, tmp_path, orders, at=S + timedelta(days=1))
    running = _view(cohort, experiment_id, S + timedelta(days=5))
    assert running["verdict"] == "winner" and running["winner"] == "higher"
    with transaction(cohort) as session:
        result = stop_experiment(session=session, experiment_id=experiment_id, now=END)
        proposal = session.get_one(Proposal, result.proposal_id)
        proposal_id = proposal.id
        assert (proposal.kind, proposal.status) == ("commission_change", "pending")
        assert proposal.payload["percent"] == "20" and proposal.payload["partner_ids"] == PARTNERS
        assert proposal.evidence["verdict"] == "winner"
    decided = decide(engine=cohort, proposal_id=proposal_id, approve=True, actor="manager", public_url="http://t",
                     now=END + timedelta(days=1))
    assert (decided.status, decided.outcome) == ("applied", "applied")
    with transaction(cohort) as session:
        adopted = rule_sets_in_force(session=session).at(END + timedelta(days=1))
    assert adopted.body.partner_overrides == dict.fromkeys(PARTNERS, RateRule(percent=Decimal(20)))


def test_a_partner_runs_in_one_experiment_at_a_time(cohort: Engine) -> None:
    _create(cohort, partner_ids=PARTNERS[:6])
    with pytest.raises(ExperimentError, match="already in a running experiment: p05"):
        _create(cohort, partner_ids=PARTNERS[5:])
    with pytest.raises(ExperimentError, match="not active partners: nobody"):
        _create(cohort, partner_ids=["nobody"])


def test_reconcile_stops_experiments_whose_period_ended(cohort: Engine) -> None:
    experiment_id, _ = _create(cohort)
    with transaction(cohort) as session:
        assert reconcile(session=session, as_of=END - timedelta(hours=1)).experiments_stopped == 0
        assert reconcile(session=session, as_of=END).experiments_stopped == 1
        assert session.get_one(Experiment, experiment_id).status == "stopped"


def test_a_tier_bump_approved_during_the_experiment_survives_the_stop(cohort: Engine, tmp_path: Path) -> None:
    with transaction(cohort) as session:
        body = RuleSetBody(partner_overrides={"p00": RateRule(percent=Decimal(7))})
        publish_rule_set(session=session, body=body, effective_from=S - timedelta(days=10), note="p00 deal")
    experiment_id, assignment = _create(cohort)
    during = S + timedelta(days=1)
    context = AgentContext(engine=cohort, reasoner=OfflineReasoner(), now=during, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    bumps = []
    for partner in ("p00", "p01"):  # p00 had its own 7 % deal before the experiment, p01 the program's rates
        variant = VARIANTS[assignment[partner]]
        draft = ProposalDraft(kind="tier_bump", partner_id=partner, summary=f"Tier bump for {partner}",
                              payload={"percent": str(variant + 2), "previous_percent": str(variant)})  # fmt: skip
        bumps += submit_proposals(context=context, agent="tiering", drafts=[draft])
    for proposal_id in bumps:
        assert decide(engine=cohort, proposal_id=proposal_id, approve=True, actor="cli:ann", public_url="http://t",
                      now=during).status == "applied"  # fmt: skip
    stop_at = S + timedelta(days=2)
    with transaction(cohort) as session:
        result = stop_experiment(session=session, experiment_id=experiment_id, now=stop_at)
        restored = rule_sets_in_force(session=session).at(stop_at).body
    assert restored.partner_overrides == {"p00": RateRule(percent=Decimal(7), plus_percent=Decimal(2)),
                                          "p01": RateRule(plus_percent=Decimal(2))}  # fmt: skip
    _traffic(cohort, tmp_path, {"p00": 1, "p01": 1, "p02": 1}, at=stop_at + timedelta(hours=1))
    assert _commissions(cohort) == {  # 50.00 at 7 + 2 %, at the program's 10 + 2 %, at the program's 10 %
        "p00": {(450, result.restore_rule_version)},
        "p01": {(600, result.restore_rule_version)},
        "p02": {(500, result.restore_rule_version)},
    }


def test_adopting_the_winner_keeps_a_bump_given_during_the_experiment(cohort: Engine, tmp_path: Path) -> None:
    experiment_id, assignment = _create(cohort)
    during = S + timedelta(days=1)
    orders = {p: (14 + i % 4 if assignment[p] == "higher" else 5 + i % 3) for i, p in enumerate(PARTNERS)}
    _traffic(cohort, tmp_path, orders, at=during)
    context = AgentContext(engine=cohort, reasoner=OfflineReasoner(), now=during, public_url="http://t",
                           score_thresholds=ScoreThresholds(), fraud_thresholds=FraudThresholds())  # fmt: skip
    variant = VARIANTS[assignment["p00"]]
    draft = ProposalDraft(kind="tier_bump", partner_id="p00", summary="Tier bump for p00",
                          payload={"percent": str(variant + 2), "previous_percent": str(variant)})  # fmt: skip
    (bump,) = submit_proposals(context=context, agent="tiering", drafts=[draft])
    assert decide(engine=cohort, proposal_id=bump, approve=True, actor="cli:ann", public_url="http://t",
                  now=during).status == "applied"  # fmt: skip
    with transaction(cohort) as session:
        result = stop_experiment(session=session, experiment_id=experiment_id, now=END)
    assert result.proposal_id is not None
    adopted_at = END + timedelta(days=1)
    decided = decide(engine=cohort, proposal_id=result.proposal_id, approve=True, actor="manager",
                     public_url="http://t", now=adopted_at)  # fmt: skip
    assert (decided.status, decided.outcome) == ("applied", "applied")
    with transaction(cohort) as session:
        adopted = rule_sets_in_force(session=session).at(adopted_at).body.partner_overrides
    assert adopted["p00"] == RateRule(percent=Decimal(20), plus_percent=Decimal(2))
    assert {p: adopted[p] for p in PARTNERS[1:]} == dict.fromkeys(PARTNERS[1:], RateRule(percent=Decimal(20)))


def test_an_override_replaced_during_the_experiment_is_kept_at_the_stop() -> None:
    installed = RateRule(percent=Decimal(20))
    replaced = RateRule(percent=Decimal(15))
    assert restored_override(previous=RateRule(percent=Decimal(7)), installed=installed, current=replaced) == replaced
    assert restored_override(previous=RateRule(percent=Decimal(7)), installed=installed, current=None) is None
    assert restored_override(previous=None, installed=installed, current=installed) is None
    assert restored_override(previous=RateRule(percent=Decimal(7), plus_percent=Decimal(1)), installed=installed,
                             current=RateRule(percent=Decimal(20), plus_percent=Decimal(-1))) == RateRule(
        percent=Decimal(7))  # fmt: skip
