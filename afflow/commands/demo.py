"""``afflow demo``: generate a realistic program as CSV files, import them like a user would, run its ledger.

The files (and ``demo_truth.json``, the generator's ground truth, which never enters the store) go to
``--out`` (default ``{AFFLOW_OUTPUT_DIR}/demo``). Data ends at ``--end`` (default: today 00:00 UTC), so the
same seed gives the same program shifted to the current date; pass ``--end`` for identical files.
Steps that follow the ledger (the agents' weekly cycle) belong after ``run_ledger_history`` in ``demo``.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from afflow import wiring
from afflow.clikit import JsonOption, console, emit, error_console, open_store, parse_time, settings, user_errors
from afflow.commands.importing import import_error
from store.money import format_money, human_money

if TYPE_CHECKING:
    from workflows.demo import DemoSummary


def demo(
    partners: int = typer.Option(200, min=1, max=5000, help="Number of partners."),
    days: int = typer.Option(90, min=7, max=730, help="Days of traffic, ending at --end."),
    seed: int = typer.Option(7, help="Random seed: the same seed gives the same program."),
    skus: int = typer.Option(500, min=8, max=20_000, help="Catalog size."),
    end: str | None = typer.Option(None, help="Last moment of data, ISO 8601 (default: today 00:00 UTC)."),
    out: Path | None = typer.Option(None, help="Where to write the CSV files (default: AFFLOW_OUTPUT_DIR/demo)."),
    as_json: bool = JsonOption,
) -> None:
    """Seed a realistic program (partners, catalog, clicks, orders, refunds, applications) and book it."""
    from workflows.demo import generate_program, load_program, run_ledger_history, summarize
    from workflows.importing.importer import ImportFailed
    from workflows.schedule.weekly import run_weekly_cycle

    with user_errors(as_json=as_json):
        end_at = parse_time(end, option="--end")
        out_dir = out or Path(settings().output_dir) / "demo"
        engine = open_store()
        timings: dict[str, float] = {}
        started = time.perf_counter()
        columns = (TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=error_console, transient=True, disable=as_json) as progress:
            task = progress.add_task("generating program", total=None)
            files = generate_program(out_dir=out_dir, partners=partners, days=days, seed=seed, skus=skus, end=end_at)
            timings["generate"] = time.perf_counter() - started

            def tick(kind: str, done: int, total: int) -> None:
                progress.update(task, description=f"importing {kind}", completed=done, total=total)

            try:
                reports = load_program(engine=engine, files=files, progress=tick)
            except ImportFailed as failed:  # the generator wrote a file the importer refuses: a bug, but say where
                raise import_error(out_dir, failed) from failed
            timings["import"] = time.perf_counter() - started - timings["generate"]
            progress.update(task, description="reconciling", completed=0, total=None)
            run_ledger_history(engine=engine, end=files.end)
        timings["ledger_total"] = time.perf_counter() - started - timings["generate"]
        summary = summarize(engine=engine)
        view = _view(summary, seed=seed, files_dir=out_dir, end_at=files.end, timings=timings)
        view["imports"] = [report.as_dict() for report in reports]
        with Progress(TextColumn("{task.description}"), console=error_console, transient=True, disable=as_json) as bar:
            bar.add_task("agents: triage + weekly cycle (offline)", total=None)
            weekly = run_weekly_cycle(engine=engine, config=wiring.agent_config(settings(), offline=True),
                                      as_of=files.end, output_dir=settings().output_dir, triage=True)
        view["weekly"] = weekly.as_json()
        emit(view, as_json=as_json, render=lambda: _render(summary, view))


def _view(
    summary: DemoSummary, *, seed: int, files_dir: Path, end_at: datetime, timings: dict[str, float]
) -> dict[str, Any]:
    money = summary.currency
    return {
        "seed": seed,
        "end": end_at.isoformat(),
        "files": str(files_dir),
        "truth_file": str(files_dir / "demo_truth.json"),
        "currency": summary.currency,
        "partners": summary.partners,
        "clicks": summary.clicks,
        "orders": summary.orders,
        "attributed_orders": summary.attributed_orders,
        "revenue": format_money(summary.revenue_cents, money),
        "attributed_revenue": format_money(summary.attributed_revenue_cents, money),
        "commissions": {
            state: {"count": count, "amount": format_money(amount, money)}
            for state, (count, amount) in summary.commissions.items()
        },
        "seconds": {name: round(value, 2) for name, value in timings.items()},
    }


def _render(summary: DemoSummary, view: dict[str, Any]) -> None:
    table = Table(title=f"Demo program (seed {view['seed']}, data up to {view['end']})", show_header=False)
    table.add_row("partners", f"{summary.partners:,}")
    table.add_row("clicks", f"{summary.clicks:,}")
    table.add_row("orders", f"{summary.orders:,} ({summary.attributed_orders:,} attributed to partners)")
    money = summary.currency
    table.add_row(
        "revenue",
        f"{human_money(summary.revenue_cents, money)} ({human_money(summary.attributed_revenue_cents, money)} via partners)",
    )
    for state, numbers in summary.commissions.items():
        count, amount = numbers
        table.add_row(f"commissions {state}", f"{human_money(amount, money)} ({count:,} lines)")
    console.print(table)
    console.print(
        f"CSV files and the ground truth (demo_truth.json) are in {view['files']}; "
        f"ledger built in {view['seconds']['ledger_total']:.1f} s.",
        highlight=False,
    )
    weekly = view["weekly"]
    console.print(f"[bold]{weekly['summary']}[/]", highlight=False)
    console.print(
        f"weekly report: {weekly['markdown_path']} (HTML: {weekly['html_path']}); "
        "proposals wait for you: afflow approvals list",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
