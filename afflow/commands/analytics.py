"""``afflow metrics``, ``afflow fraud scan``, ``afflow partners score`` and ``afflow coupons watch``.

JSON conventions: money is a decimal string in the program currency ("12.34"), rates are decimal strings
with four places ("0.1250") or null when undefined (nothing to divide by), counts are integers, times are
ISO 8601 with offset. Windows end at ``--as-of`` or else at the latest click/order in the store (see
``tools.analytics_sql``). Thresholds come from settings and are passed to the tools explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.table import Table

from afflow.clikit import (
    JsonOption,
    UserError,
    console,
    emit,
    error_console,
    open_store,
    parse_time,
    settings,
    user_errors,
)
from afflow.commands import payout_profiles

fraud_app = typer.Typer(help="Fraud signals per partner.", no_args_is_help=True)
partners_app = typer.Typer(help="Partner quality scores and tiers.", no_args_is_help=True)
payout_profiles.mount(partners_app)  # payout-profile, tax-form (afflow.commands.payout_profiles)
coupons_app = typer.Typer(help="Watch coupon sites for leaked exclusive codes.", no_args_is_help=True)

DaysOption = typer.Option(
    None, "--days", min=1, max=3650, help="Window length in days (default AFFLOW_ANALYTICS_DAYS)."
)
FraudDaysOption = typer.Option(
    None,
    "--days",
    min=1,
    max=3650,
    help="Look-back in days (default: the one tiers judge fraud by, fraud_window_days of AFFLOW_SCORE_THRESHOLDS, 90).",
)
AsOfOption = typer.Option(None, "--as-of", help="Window end, ISO 8601 (default: the latest click or order).")


@contextmanager
def working(message: str, *, as_json: bool) -> Iterator[None]:
    """A spinner on stderr while the database works (silent with --json)."""
    if as_json:
        yield
        return
    with error_console.status(message):
        yield


def metrics(
    partner: str | None = typer.Option(None, "--partner", help="Only this partner."),
    days: int | None = DaysOption,
    as_of: str | None = AsOfOption,
    as_json: bool = JsonOption,
) -> None:
    """Clicks, orders, revenue, margin and their change per partner and for the program."""
    from afflow.analytics_views import add_probabilistic_breakdown, metrics_view
    from store.db import transaction
    from store.models import Partner
    from tools.analytics_sql import program_currency, resolve_window
    from tools.metrics import partner_metrics

    with user_errors(as_json=as_json):
        end = parse_time(as_of, option="--as-of")
        with transaction(open_store()) as session, working("computing metrics", as_json=as_json):
            if partner is not None and session.get(Partner, partner) is None:
                raise UserError("unknown_partner", f"--partner: no partner {partner!r}")
            window = resolve_window(session=session, days=days or settings().analytics_days, as_of=end)
            report = partner_metrics(session=session, start=window.start, end=window.end, partner_id=partner)
            view = metrics_view(report, program_currency(session=session))
            add_probabilistic_breakdown(view, session=session, start=window.start, end=window.end)
        emit(view, as_json=as_json, render=lambda: _render_metrics(view))


@fraud_app.command("scan")
def fraud_scan(days: int | None = FraudDaysOption, as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """Partners whose clicks or orders look like fraud, with the numbers behind each finding."""
    from afflow.analytics_views import fraud_view
    from store.db import transaction
    from tools.analytics_sql import resolve_window
    from tools.fraud import scan

    with user_errors(as_json=as_json):
        end = parse_time(as_of, option="--as-of")
        config = settings()
        with transaction(open_store()) as session, working("scanning for fraud", as_json=as_json):
            fraud_days = days or config.score_thresholds.fraud_window_days  # the look-back the tiers judge by
            window = resolve_window(session=session, days=fraud_days, as_of=end)
            report = scan(session=session, start=window.start, end=window.end, thresholds=config.fraud_thresholds)
        view = fraud_view(report)
        emit(view, as_json=as_json, render=lambda: _render_findings(view))


@partners_app.command("score")
def partners_score(days: int | None = DaysOption, as_of: str | None = AsOfOption, as_json: bool = JsonOption) -> None:
    """Quality score 0–100, its components, the tier (growth / maintain / purge) and the reasons."""
    from afflow.analytics_views import score_view
    from store.db import transaction
    from tools.analytics_sql import program_currency
    from tools.scoring import score_partners

    with user_errors(as_json=as_json):
        end = parse_time(as_of, option="--as-of")
        config = settings()
        thresholds = config.score_thresholds
        if days is not None:
            thresholds = thresholds.model_copy(update={"window_days": days})
        with transaction(open_store()) as session, working("scoring partners", as_json=as_json):
            report = score_partners(
                session=session, as_of=end, thresholds=thresholds, fraud_thresholds=config.fraud_thresholds
            )
            currency = program_currency(session=session)
        view = score_view(report, currency)
        emit(view, as_json=as_json, render=lambda: _render_scores(view))


@coupons_app.command("watch")
def coupons_watch(
    urls: list[str] | None = typer.Argument(None, help="Pages to check (default AFFLOW_COUPON_WATCH_URLS)."),
    as_json: bool = JsonOption,
) -> None:
    """Fetch coupon aggregator pages and report the program's exclusive codes they publish."""
    from afflow import wiring
    from agents.coupon_reader import code_reader
    from agents.llm import make_reasoner
    from store.db import transaction
    from tools import ledger_view
    from tools.coupon_watch import watch

    with user_errors(as_json=as_json):
        config = settings()
        pages = list(urls or config.coupon_watch_url_list)
        if not pages:
            raise UserError("no_urls", "no pages to watch: pass URLs or set AFFLOW_COUPON_WATCH_URLS")
        bad = [url for url in pages if not url.startswith(("http://", "https://"))]
        if bad:
            raise UserError("bad_url", f"not an http(s) URL: {bad[0]}")
        reasoner = make_reasoner(wiring.llm_config(config))  # reads only the pages parsing cannot read
        with transaction(open_store()) as session, working("reading coupon pages", as_json=as_json):
            reader = code_reader(reasoner, program=ledger_view.program_name(session=session))
            report = watch(
                session=session,
                urls=pages,
                timeout_seconds=config.coupon_watch_timeout_seconds,
                extract_with_llm=reader if reasoner.mode == "llm" else None,
            )
        view: dict[str, Any] = {**report.model_dump(mode="json"), "llm": reasoner.usage.snapshot()}
        emit(view, as_json=as_json, render=lambda: _render_watch(view))


def _render_metrics(view: dict[str, Any]) -> None:
    window = view["window"]
    table = Table(title=f"{window['start'][:10]} → {window['end'][:10]} ({view['currency']}; --json for everything)")
    columns = {
        "partner_id": "partner", "clicks": "clicks", "orders": "orders", "conversion_rate": "conv",
        "revenue": "revenue", "commission": "commission", "margin_contribution": "margin",
    }  # fmt: skip
    for key, title in columns.items():
        table.add_column(title, justify="left" if key == "partner_id" else "right")
    table.add_column("Δ revenue", justify="right")
    for row in [*view["partners"], {"partner_id": "program", **view["program"]}]:
        cells = ["–" if row.get(key) is None else str(row[key]) for key in columns]
        table.add_row(*cells, row["change"]["revenue"] or "–")
    console.print(table)
    matched = view["program"]["probabilistic"]
    if matched["orders"]:
        console.print(f"of which probabilistic matches: {matched['orders']} orders, revenue {matched['revenue']}, "
                      f"commission {matched['commission']} (mean confidence {matched['mean_confidence']})")  # fmt: skip


def _render_findings(view: dict[str, Any]) -> None:
    if not view["findings"]:
        console.print("[green]no findings[/]")
        return
    table = Table(title=f"Fraud findings ({len(view['findings'])})")
    for column in ("partner", "signal", "severity", "evidence (--json for every number and sample ids)"):
        table.add_column(column)
    for finding in view["findings"]:
        evidence = finding.get("summary") or ", ".join(
            f"{k}={v}" for k, v in finding["evidence"].items() if not k.startswith("sample")
        )
        table.add_row(finding["partner_id"], finding["signal"], finding["severity"], evidence[:300])
    console.print(table)


def _render_scores(view: dict[str, Any]) -> None:
    table = Table(title="Partner quality")
    for column in ("partner", "score", "tier", "reasons"):
        table.add_column(column)
    colors = {"growth": "green", "maintain": "yellow", "purge": "red"}
    for row in view["partners"]:
        tier = row["tier"]
        table.add_row(row["partner_id"], str(row["score"]), f"[{colors[tier]}]{tier}[/]", "; ".join(row["reasons"][:2]))
    console.print(table)


def _render_watch(view: dict[str, Any]) -> None:
    for page in view["pages"]:
        color = {"readable": "green", "unreadable": "yellow", "error": "red"}[page["status"]]
        detail = page["error"] or (", ".join(page["codes"]) or "no codes")
        console.print(f"[{color}]{page['status']}[/] {page['url']}: {detail}", highlight=False)
    for finding in view["findings"]:
        evidence = finding["evidence"]
        console.print(f"[bold red]leak[/] {evidence['code']} of {finding['partner_id']} on {evidence['url']}")
    llm = view["llm"]
    if llm["llm_calls"] or llm["fallbacks"]:
        console.print(f"[dim]LLM reader: {llm['llm_calls']} calls, {llm['fallbacks']} fallbacks "
                      f"{llm['fallback_reasons'] or ''}[/]", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("metrics")(metrics)
    app.add_typer(fraud_app, name="fraud")
    app.add_typer(partners_app, name="partners")
    app.add_typer(coupons_app, name="coupons")
