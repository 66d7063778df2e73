"""``afflow experiments create | status | stop``: commission experiments measured with confidence intervals."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import typer
from rich.table import Table

from afflow.clikit import MAX_ID, JsonOption, UserError, console, emit, open_store, parse_time, settings, user_errors

experiments_app = typer.Typer(help="Commission experiments: randomised rate variants, measured.", no_args_is_help=True)


def parse_variants(text: str) -> dict[str, Decimal]:
    """``control=10,higher=12.5`` -> ordered {name: percent}; the first is the control."""
    variants: dict[str, Decimal] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, percent = part.partition("=")
        try:
            value = Decimal(percent)
        except InvalidOperation as exc:
            raise UserError("bad_option", f"--variants: {part!r} is not NAME=PERCENT") from exc
        if not name.strip() or name.strip() in variants or not value.is_finite():
            raise UserError("bad_option", f"--variants: {part!r} is not a new NAME=PERCENT")
        variants[name.strip()] = value
    return variants


def _split(text: str | None) -> list[str] | None:
    return None if text is None else [p.strip() for p in text.split(",") if p.strip()]


@experiments_app.command("create")
def experiments_create(
    name: str = typer.Option(..., help="What the experiment tests."),
    variants: str = typer.Option(..., help="NAME=PERCENT,... (the first is the control), e.g. control=10,higher=12."),
    days: int = typer.Option(28, min=1, max=365, help="Length in days (ignored with --end)."),
    start: str | None = typer.Option(None, help="Start time, ISO 8601 (default now)."),
    end: str | None = typer.Option(None, help="End time, ISO 8601."),
    partners: str | None = typer.Option(None, help="Cohort: comma-separated partner ids (default: all active)."),
    tiers: str | None = typer.Option(None, help="Cohort: only these tiers, e.g. growth,maintain."),
    seed: int | None = typer.Option(None, help="Randomisation seed (default random; recorded)."),
    as_json: bool = JsonOption,
) -> None:
    """Randomise the cohort (stratified by tier) to the variants and publish their rates."""
    from store.db import transaction
    from workflows.experiments.report import report_view
    from workflows.experiments.service import ExperimentError, create_experiment

    with user_errors(as_json=as_json):
        now = datetime.now(UTC)
        starts_at = parse_time(start, option="--start", default=now)
        ends_at = parse_time(end, option="--end", default=starts_at + timedelta(days=days))
        current = settings()
        with transaction(open_store()) as session:
            try:
                experiment = create_experiment(
                    session=session,
                    name=name,
                    variants=parse_variants(variants),
                    starts_at=starts_at,
                    ends_at=ends_at,
                    seed=seed if seed is not None else secrets.randbelow(2**31),
                    now=now,
                    thresholds=current.score_thresholds,
                    fraud_thresholds=current.fraud_thresholds,
                    partner_ids=_split(partners),
                    tiers=_split(tiers),
                )
            except ExperimentError as exc:
                raise UserError("bad_experiment", str(exc)) from exc
            view = report_view(session=session, experiment=experiment, now=now)
        emit(view, as_json=as_json, render=lambda: _render(view))


@experiments_app.command("status")
def experiments_status(
    experiment_id: int | None = typer.Argument(None, help="Experiment id (default: all experiments)."),
    as_json: bool = JsonOption,
) -> None:
    """Per variant: conversion rate, revenue, commission, margin contribution and ROI with 95% intervals."""
    from sqlalchemy import select

    from store.db import transaction
    from store.models import Experiment
    from workflows.experiments.report import report_view
    from workflows.experiments.service import ExperimentError, get_experiment

    with user_errors(as_json=as_json):
        now = datetime.now(UTC)
        with transaction(open_store()) as session:
            try:
                ids = (
                    [experiment_id]
                    if experiment_id is not None
                    else list(session.scalars(select(Experiment.id).order_by(Experiment.id)))
                )
                views = [
                    report_view(session=session, experiment=get_experiment(session=session, experiment_id=i), now=now)
                    for i in ids
                ]
            except ExperimentError as exc:
                raise UserError("not_found", str(exc)) from exc
        if experiment_id is not None:
            emit(views[0], as_json=as_json, render=lambda: _render(views[0]))
        else:
            emit({"experiments": views}, as_json=as_json, render=lambda: _render_all(views))


@experiments_app.command("stop")
def experiments_stop(
    experiment_id: int = typer.Argument(..., min=1, max=MAX_ID, help="Experiment id."),
    as_json: bool = JsonOption,
) -> None:
    """Restore the previous rates, report, and propose adopting the winner (approved like any proposal)."""
    from store.db import transaction
    from workflows.experiments.report import report_view
    from workflows.experiments.service import ExperimentError, get_experiment, stop_experiment

    with user_errors(as_json=as_json):
        now = datetime.now(UTC)
        with transaction(open_store()) as session:
            try:
                stop_experiment(session=session, experiment_id=experiment_id, now=now)
            except ExperimentError as exc:
                raise UserError("bad_experiment", str(exc)) from exc
            view = report_view(
                session=session, experiment=get_experiment(session=session, experiment_id=experiment_id), now=now
            )
        emit(view, as_json=as_json, render=lambda: _render(view))


def _render_all(views: list[dict[str, Any]]) -> None:
    if not views:
        console.print("no experiments yet: afflow experiments create --name ... --variants control=10,higher=12")
    for view in views:
        _render(view)


def _interval(estimate: dict[str, str | None]) -> str:
    if estimate["value"] is None:
        return "n/a"
    if estimate["low"] is None:
        return f"{estimate['value']} (no spread yet)"
    return f"{estimate['value']} [{estimate['low']}, {estimate['high']}]"


def _render(view: dict[str, Any]) -> None:
    console.print(
        f"[bold]experiment {view['id']}[/] {view['name']} — {view['status']}, "
        f"{view['window']['start']} → {view['window']['end']} (rules v{view['rule_version']})"
    )
    table = Table("variant", "rate %", "partners", "orders", "revenue", "commission", "margin",
                  "conversion rate (95% CI)", "ROI (95% CI)")  # fmt: skip
    for v in view["variants"]:
        table.add_row(
            v["variant"], v["percent"], str(v["partners"]), str(v["orders"]), v["revenue"], v["commission"],
            v["margin_contribution"], _interval(v["estimates"]["conversion_rate"]), _interval(v["estimates"]["roi"]),
        )  # fmt: skip
    console.print(table)
    for v in view["variants"][1:]:
        versus = v["versus_control"]["margin_per_click"]
        console.print(f"{v['variant']} vs {view['control']}: margin per click {_interval(versus)}")
    style = {"not_enough_data": "yellow", "winner": "green", "inconclusive": "cyan"}[view["verdict"]]
    console.print(f"[{style}]{view['reason']}[/]")
    if view["proposal_id"]:
        console.print(
            f"proposal {view['proposal_id']} waits for approval: afflow approvals approve {view['proposal_id']}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(experiments_app, name="experiments")
