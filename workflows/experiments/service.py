"""Creating, measuring and stopping commission experiments.

Rates change only through published rule-set versions (``store.rules.publish_rule_set``): ``create``
adds per-partner overrides effective at the start, ``stop`` restores each cohort partner's previous
override (or none) effective at the stop, keeping what was given on top of the variant rate meanwhile (a tier
bump approved during the experiment is points over the variant rate: they go over the restored rate); an
override someone replaced during the experiment is theirs and stays as it is. Limitation, by design of effective-dated rules: a version
published by someone else *between creation and a future start* is not carried into the experiment's
version, so experiments start now unless told otherwise; orders arriving between the planned end and
the actual stop still book at the variant rate (``stop_due``, run by reconcile, stops them on time).
A winner becomes a ``commission_change`` proposal whose payload carries ``partner_ids``; approving it
(``workflows.approvals.decide.decide``) publishes the winning percent for those partners
(``tools.rule_changes.set_partner_rates``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agents.proposing import submit_after_commit
from store.audit import Actor
from store.models import Experiment, ExperimentAssignment, Partner
from store.rules import RateRule, publish_rule_set, rule_sets_in_force
from tools.fraud.thresholds import FraudThresholds
from tools.proposals import ProposalDraft
from tools.scoring import ScoreThresholds, score_partners
from workflows.experiments.assignment import assign
from workflows.experiments.report import analysis_of, evidence_of


class ExperimentError(ValueError):
    """A request the experiment cannot honour (unknown id, bad variants, partner already in one...)."""


@dataclass(frozen=True)
class StopResult:
    experiment_id: int
    restore_rule_version: int
    verdict: str
    winner: str | None
    proposal_id: int | None


def tiers_of(
    *,
    session: Session,
    partner_ids: Sequence[str],
    as_of: datetime,
    thresholds: ScoreThresholds,
    fraud_thresholds: FraudThresholds,
) -> dict[str, str]:
    """Each partner's current tier from the quality score; partners without one form stratum ``unscored``."""
    report = score_partners(session=session, as_of=as_of, thresholds=thresholds, fraud_thresholds=fraud_thresholds)
    tiers = {score.partner_id: score.tier for score in report.partners}
    return {partner_id: tiers.get(partner_id, "unscored") for partner_id in partner_ids}


def create_experiment(
    *,
    session: Session,
    name: str,
    variants: Mapping[str, Decimal],
    starts_at: datetime,
    ends_at: datetime,
    seed: int,
    now: datetime,
    thresholds: ScoreThresholds,
    fraud_thresholds: FraudThresholds,
    partner_ids: Sequence[str] | None = None,
    tiers: Sequence[str] | None = None,
) -> Experiment:
    """Randomise the cohort (active partners, optionally only ``partner_ids`` / ``tiers``) and publish its rates.

    The cohort is stratified by tier, scored with ``thresholds`` / ``fraud_thresholds`` (the settings')."""
    if len(variants) < 2:
        raise ExperimentError("give at least two variants, e.g. control=10,higher=12")
    if any(not Decimal(0) <= percent <= 100 for percent in variants.values()):
        raise ExperimentError("variant rates are percents between 0 and 100")
    if ends_at <= starts_at:
        raise ExperimentError("the experiment must end after it starts")
    active = set(session.scalars(select(Partner.id).where(Partner.status == "active")))
    cohort = sorted(active if partner_ids is None else set(partner_ids))
    unknown = sorted(set(cohort) - active)
    if unknown:
        raise ExperimentError(f"not active partners: {', '.join(unknown[:10])}")
    busy = _in_running_experiments(session, cohort)
    if busy:
        raise ExperimentError(f"already in a running experiment: {', '.join(busy[:10])}")
    strata = tiers_of(
        session=session, partner_ids=cohort, as_of=now, thresholds=thresholds, fraud_thresholds=fraud_thresholds
    )
    if tiers is not None:
        strata = {p: tier for p, tier in strata.items() if tier in tiers}
    if len(strata) < len(variants):
        raise ExperimentError(f"the cohort has {len(strata)} partners: too few for {len(variants)} variants")
    assignment = assign(strata=strata, variants=list(variants), seed=seed)
    body = rule_sets_in_force(session=session).at(starts_at).body
    previous = {p: body.partner_overrides[p].model_dump(mode="json") for p in assignment if p in body.partner_overrides}
    overrides = {**body.partner_overrides}
    overrides.update({p: RateRule(percent=variants[v]) for p, v in assignment.items()})
    experiment = Experiment(
        name=name,
        status="running",
        starts_at=starts_at,
        ends_at=ends_at,
        variants={v: {"percent": str(percent)} for v, percent in variants.items()},
        cohort={"tiers": list(tiers) if tiers else None, "previous_overrides": previous},
        seed=seed,
        created_at=now,
    )
    session.add(experiment)
    session.flush()
    experiment.rule_version = publish_rule_set(
        session=session,
        body=body.model_copy(update={"partner_overrides": overrides}),
        effective_from=starts_at,
        note=f"experiment {experiment.id} ({name}): variant rates for {len(assignment)} partners",
    )
    session.add_all(
        ExperimentAssignment(experiment_id=experiment.id, partner_id=p, variant=v, stratum=strata[p])
        for p, v in sorted(assignment.items())
    )
    session.flush()
    return experiment


def _in_running_experiments(session: Session, partner_ids: Sequence[str]) -> list[str]:
    query = (
        select(ExperimentAssignment.partner_id)
        .join(Experiment, Experiment.id == ExperimentAssignment.experiment_id)
        .where(Experiment.status == "running", ExperimentAssignment.partner_id.in_(list(partner_ids)))
    )
    return sorted(set(session.scalars(query)))


def get_experiment(*, session: Session, experiment_id: int) -> Experiment:
    experiment = session.get(Experiment, experiment_id)
    if experiment is None:
        raise ExperimentError(f"experiment {experiment_id} does not exist")
    return experiment


def stop_experiment(*, session: Session, experiment_id: int, now: datetime) -> StopResult:
    """Restore the cohort's previous rates from ``now``, analyse, and propose adopting a winner."""
    experiment = get_experiment(session=session, experiment_id=experiment_id)
    if experiment.status != "running":
        raise ExperimentError(f"experiment {experiment_id} is {experiment.status}, not running")
    assigned = _assignment(session, experiment_id)
    body = rule_sets_in_force(session=session).at(now).body
    previous: dict[str, Any] = experiment.cohort.get("previous_overrides", {})
    overrides = {p: rule for p, rule in body.partner_overrides.items() if p not in assigned}
    for partner_id, variant in assigned.items():
        installed = RateRule(percent=Decimal(str(experiment.variants[variant]["percent"])))
        before = RateRule.model_validate(previous[partner_id]) if partner_id in previous else None
        restored = restored_override(previous=before, installed=installed,
                                     current=body.partner_overrides.get(partner_id))  # fmt: skip
        if restored is not None:
            overrides[partner_id] = restored
    experiment.restore_rule_version = publish_rule_set(
        session=session,
        body=body.model_copy(update={"partner_overrides": overrides}),
        effective_from=now,
        note=f"experiment {experiment_id} stopped: previous rates restored",
    )
    experiment.status = "stopped"
    experiment.stopped_at = now
    session.flush()
    analysis = analysis_of(session=session, experiment=experiment, now=now)
    control = next(iter(experiment.variants))
    proposal_id = None
    if analysis.winner is not None and analysis.winner != control:
        proposal_id = _propose(session, experiment, analysis.winner, sorted(assigned), now)
        experiment.proposal_id = proposal_id
    return StopResult(experiment_id, experiment.restore_rule_version, analysis.verdict, analysis.winner, proposal_id)


def restored_override(*, previous: RateRule | None, installed: RateRule, current: RateRule | None) -> RateRule | None:
    """A cohort partner's override once its experiment stops: ``previous`` (from before the experiment, or none)
    plus the points given on top of the variant rate the experiment ``installed`` (a tier bump approved
    meanwhile: ``tools.rule_changes.bumped_rules`` adds ``plus_percent``). An override whose rate is no longer
    the installed one (someone set another rate, or removed it) is not the experiment's to undo: kept."""
    if current is None or (current.percent, current.flat_cents) != (installed.percent, installed.flat_cents):
        return current
    gained = (current.plus_percent or Decimal(0)) - (installed.plus_percent or Decimal(0))
    if not gained:
        return previous
    plus = (previous.plus_percent if previous is not None and previous.plus_percent is not None else Decimal(0)) + gained
    if previous is None:
        return RateRule(plus_percent=plus) if plus else None
    if not plus and not previous.sets_base:
        return None
    return RateRule(percent=previous.percent, flat_cents=previous.flat_cents, plus_percent=plus or None)


def _assignment(session: Session, experiment_id: int) -> dict[str, str]:
    rows = session.execute(
        select(ExperimentAssignment.partner_id, ExperimentAssignment.variant).where(
            ExperimentAssignment.experiment_id == experiment_id
        )
    )
    return {partner_id: variant for partner_id, variant in rows}


def _propose(session: Session, experiment: Experiment, winner: str, partner_ids: list[str], now: datetime) -> int | None:
    """The winner as a proposal through the agents' one submission path (payload model, duplicate and cooldown
    checks, audit by ``agent:experiments:<id>``, its approval thread opened once the stop commits); None if an
    equal proposal already waits or was just decided on the same evidence."""
    percent = experiment.variants[winner]["percent"]
    draft = ProposalDraft(
        kind="commission_change",
        summary=f"Adopt {percent}% (variant {winner!r} of experiment {experiment.id}) for its {len(partner_ids)} partners",
        rationale=f"Experiment {experiment.name!r}: {winner} won on margin contribution per click.",
        payload={"experiment_id": experiment.id, "variant": winner, "percent": percent, "partner_ids": partner_ids},
        evidence=evidence_of(session=session, experiment=experiment, now=now),
    )
    created = submit_after_commit(session=session, agent="experiments", drafts=[draft], now=now,
                                  actor=Actor("agent", f"experiments:{experiment.id}"))  # fmt: skip
    return created[0] if created else None


def stop_due(*, session: Session, now: datetime) -> list[StopResult]:
    """Stop every running experiment whose end has passed (for the scheduler or reconcile)."""
    due = session.scalars(select(Experiment.id).where(Experiment.status == "running", Experiment.ends_at <= now))
    return [stop_experiment(session=session, experiment_id=experiment_id, now=now) for experiment_id in list(due)]
