"""``afflow import KIND FILE.csv``: load one CSV file, all-or-nothing, with a progress bar on big files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from afflow.clikit import JsonOption, UserError, cli_actor, console, emit, error_console, open_store, user_errors
from workflows.importing.importer import IMPORT_KINDS  # the KIND argument's help lists them

if TYPE_CHECKING:
    from workflows.importing.importer import ImportFailed, ImportReport
    from workflows.importing.importer import Progress as ProgressCallback

_BAR_FROM_BYTES = 1_000_000  # below ~1 MB an import is instant and a bar would only flicker


def import_command(
    kind: str = typer.Argument(..., help=f"What the file holds: {' | '.join(IMPORT_KINDS)}."),
    file: Path = typer.Argument(..., help="The CSV file (header row required)."),
    source: str = typer.Option(
        "csv", "--source", help="The store orders and refunds come from (shopify, woocommerce, ...): ids are per store."
    ),
    replace: bool = typer.Option(
        False,
        "--replace",
        help="orders only: re-book orders already booked whose content changed (old booking reversed, new one "
        "booked as new entries, audited); without it they are reported and left as booked.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Import a CSV file; any bad row rejects the whole file and names its line and column."""
    from store.db import transaction
    from workflows.importing.importer import ImportFailed, import_csv

    with user_errors(as_json=as_json):
        if kind not in IMPORT_KINDS:
            raise UserError("bad_kind", f"unknown KIND {kind!r}; expected one of {', '.join(IMPORT_KINDS)}")
        if not source.strip() or len(source) > 32 or not source.isprintable():
            raise UserError("bad_source", f"--source {source!r}: expected a store name of 1 to 32 characters")
        if replace and kind != "orders":
            raise UserError("bad_option", f"--replace applies to orders only, not {kind}")
        if not file.is_file():
            raise UserError("no_file", f"{file}: no such file")
        engine = open_store()
        show_bar = not as_json and file.stat().st_size >= _BAR_FROM_BYTES
        try:
            with progress_bar(f"importing {kind}", enabled=show_bar) as tick, transaction(engine) as session:
                report = import_csv(
                    session=session, kind=kind, path=file, progress=tick, source=source, replace=replace,
                    actor=cli_actor(),
                )  # fmt: skip
        except ImportFailed as failed:
            raise import_error(file, failed) from failed
        emit(report.as_dict(), as_json=as_json, render=lambda: _render(report))


def import_error(file: Path, failed: ImportFailed) -> UserError:
    """The user-facing error for a rejected file: one line, then each bad row (capped)."""
    shown = [str(error) for error in failed.errors]
    if failed.total > len(shown):
        shown.append(f"... and {failed.total - len(shown)} more")
    return UserError(
        "import_failed",
        f"{file.name}: {failed.total} bad row(s), nothing was imported",
        {
            "total": failed.total,
            "errors": [{"file": e.file, "line": e.line, "column": e.column, "reason": e.reason} for e in failed.errors],
            "lines": shown,
        },
    )


@contextmanager
def progress_bar(label: str, *, enabled: bool) -> Iterator[ProgressCallback]:
    """A rich bar on stderr fed by the importer's (done, total) callback; a no-op when disabled."""
    if not enabled:
        yield lambda done, total: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=error_console, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield tick


def _render(report: ImportReport) -> None:
    parts = [f"{report.records} {report.kind}"]
    if report.kind in ("orders", "refunds"):
        parts.append(f"{report.booked} booked, {report.parked} parked, {report.duplicates} already known")
    if report.kind == "orders":
        parts.append(
            f"{report.attributed} attributed, {report.unattributed} unattributed, "
            f"{report.waiting} waiting for their click"
        )
        if report.parked:  # an orders file parks only orders in a currency with no rate for their date
            parts.append(f"{report.parked} parked for an exchange rate (see `afflow inbox list --status parked`)")
        if report.replaced or report.unchanged:
            parts.append(f"{report.replaced} replaced, {report.unchanged} unchanged")
        if report.unknown_skus:
            shown = ", ".join(report.unknown_skus[:10]) + (" ..." if len(report.unknown_skus) > 10 else "")
            parts.append(f"{len(report.unknown_skus)} SKU(s) not in the catalog: {shown}")
    elif report.kind == "fx_rates":
        parts.append(f"{report.created} created, {report.updated} updated")
        parts.append(f"{report.booked} parked event(s) booked, {report.parked} order(s) still waiting for a rate")
    elif report.kind == "clicks":
        parts.append(f"{report.created} new, {report.duplicates} already known")
        if report.attributed:
            parts.append(f"{report.attributed} waiting order(s) attributed")
    else:
        parts.append(f"{report.created} created, {report.updated} updated")
    console.print(f"[green]imported[/] {Path(report.file).name}: " + "; ".join(parts), highlight=False)
    if report.changed:
        shown = ", ".join(report.changed[:10]) + (" ..." if len(report.changed) > 10 else "")
        console.print(
            f"[yellow]not re-booked:[/] {len(report.changed)} order(s) already booked with different content: "
            f"{shown}. Re-import the file with --replace to correct them (the old booking is reversed and the "
            "corrected one booked as new entries), or void one with `afflow orders void ORDER_ID --reason TEXT`.",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
