"""Analytics shared by the agents of one cycle, each computed once per cycle (and ``now``) and then reused.

The weekly cycle passes one ``cache`` to every agent: tiering, briefs, nudges, commissions and the summary
read the same partner scores, window metrics, SKU sales, inventory and contacts instead of each running the
queries again. The cycle never books events, so what was read at its start stays true until its end.
Values are keyed by what they depend on (the window), so two agents asking the same question share one
answer and different questions never collide; an entry being computed by one thread is waited for by
another, never computed twice. Nothing here writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timedelta
from typing import TypeVar

from agents.context import AgentContext
from store.db import transaction
from tools import ledger_view, proposals
from tools.analytics_sql import Window, resolve_window
from tools.fraud import Finding, FraudReport, scan
from tools.fraud import flagged_orders as fraud_orders
from tools.inventory import SkuInventory, inventory_status
from tools.ledger_view import PartnerContact, SkuSales
from tools.metrics import MetricsReport, partner_metrics
from tools.scoring import ScoreReport, score_partners

T = TypeVar("T")


_CACHE_LOCK = threading.Lock()


def _cached(context: AgentContext, key: str, compute: Callable[[], T]) -> T:
    """Compute ``key`` once: a second asker (another agent, or the cycle's prefetch thread) waits for it."""
    with _CACHE_LOCK:
        entry = context.cache.get(key)
        owner = entry is None
        if owner:
            entry = context.cache[key] = Future()
    assert isinstance(entry, Future)
    if owner:
        try:
            entry.set_result(compute())
        except BaseException as exc:
            entry.set_exception(exc)
            with _CACHE_LOCK:
                context.cache.pop(key, None)  # the next asker tries again
            raise
    value: T = entry.result()
    return value


def scoring_windows(context: AgentContext) -> tuple[Window, Window]:
    """(performance window, fraud look-back) the tiers judge by (``context.score_thresholds``), both ending at
    ``now``."""
    thresholds = context.score_thresholds
    with transaction(context.engine) as session:
        return (resolve_window(session=session, days=thresholds.window_days, as_of=context.now),
                resolve_window(session=session, days=thresholds.fraud_window_days, as_of=context.now))


def partner_scores(context: AgentContext) -> ScoreReport:
    """Scores and tiers over the scoring window, from the cycle's shared metrics and fraud reports."""
    def compute() -> ScoreReport:
        window, look_back = scoring_windows(context)
        metrics = window_metrics(context, start=window.start, end=window.end)
        fraud = fraud_report(context, start=look_back.start, end=look_back.end)
        with transaction(context.engine) as session:
            return score_partners(session=session, as_of=context.now, thresholds=context.score_thresholds,
                                  fraud_thresholds=context.fraud_thresholds, metrics=metrics, fraud=fraud)

    return _cached(context, f"scores:{context.now.isoformat()}", compute)


def clawback_orders(context: AgentContext) -> dict[tuple[str, str], list[str]]:
    """(partner, signal) -> the orders of each high-severity finding of the tiers' fraud look-back that no
    clawback covers yet: what the commissions agent may propose to recover."""
    def compute() -> dict[tuple[str, str], list[str]]:
        _, look_back = scoring_windows(context)
        report = fraud_report(context, start=look_back.start, end=look_back.end)
        with transaction(context.engine) as session:
            high = [f for f in report.findings if f.severity == "high"]
            flagged = fraud_orders(session=session, report=report, findings=high, thresholds=context.fraud_thresholds)
            covered = proposals.clawed_back_orders(session=session)
        uncovered: dict[tuple[str, str], list[str]] = {}
        for (partner_id, signal), order_ids in sorted(flagged.items()):
            taken = covered.setdefault(partner_id, set())  # an order two signals condemn is recovered once
            fresh = [order_id for order_id in order_ids if order_id not in taken]
            taken.update(fresh)
            if fresh:
                uncovered[(partner_id, signal)] = fresh
        return uncovered

    return _cached(context, f"clawback_orders:{context.now.isoformat()}", compute)


def window_metrics(context: AgentContext, *, start: datetime, end: datetime) -> MetricsReport:
    """``tools.metrics.partner_metrics`` for ``start < ts <= end`` (and its previous window)."""
    def compute() -> MetricsReport:
        with transaction(context.engine) as session:
            return partner_metrics(session=session, start=start, end=end)

    return _cached(context, f"metrics:{start.isoformat()}:{end.isoformat()}", compute)


def sku_sales(context: AgentContext, *, since: datetime, until: datetime) -> dict[str, list[SkuSales]]:
    """Per partner, the SKUs its attributed orders sold in the window, best first."""
    def compute() -> dict[str, list[SkuSales]]:
        with transaction(context.engine) as session:
            return ledger_view.partner_sku_sales(session=session, since=since, until=until)

    return _cached(context, f"sku_sales:{since.isoformat()}:{until.isoformat()}", compute)


def inventory(context: AgentContext, *, new_days: int = 14) -> list[SkuInventory]:
    """Every SKU's stock, velocity and days of cover as of ``now``."""
    def compute() -> list[SkuInventory]:
        with transaction(context.engine) as session:
            return inventory_status(session=session, as_of=context.now, new_days=new_days)

    return _cached(context, f"inventory:{context.now.isoformat()}:{new_days}", compute)


def contacts(context: AgentContext, *, status: str | None = "active") -> dict[str, PartnerContact]:
    """Partners by id (``status=None``: every partner, whatever its status)."""
    def compute() -> dict[str, PartnerContact]:
        with transaction(context.engine) as session:
            return ledger_view.partner_contacts(session=session, status=status)

    return _cached(context, f"contacts:{status}", compute)


def fraud_report(context: AgentContext, *, start: datetime, end: datetime) -> FraudReport:
    def compute() -> FraudReport:
        with transaction(context.engine) as session:
            return scan(session=session, start=start, end=end, thresholds=context.fraud_thresholds)

    return _cached(context, f"fraud:{start.isoformat()}:{end.isoformat()}", compute)


def fraud_findings(context: AgentContext, *, start: datetime, end: datetime) -> list[Finding]:
    return fraud_report(context, start=start, end=end).findings


def history_start(context: AgentContext) -> datetime | None:
    """The first click or order in the store: how far back a comparison can reach."""
    def compute() -> datetime | None:
        with transaction(context.engine) as session:
            return ledger_view.first_event_ts(session=session)

    return _cached(context, "history_start", compute)


RECENT_FRAUD = timedelta(days=7)


def flagged_partners(context: AgentContext) -> set[str]:
    """Partners no creative push goes to: purge tier, or a high-severity finding in the scoring window or in
    the last 7 days (a fresh pattern the 30-day window dilutes is still one the weekly report flags)."""
    scores = partner_scores(context).partners
    recent = fraud_findings(context, start=context.now - RECENT_FRAUD, end=context.now)
    return ({s.partner_id for s in scores if s.tier == "purge" or any(f.severity == "high" for f in s.findings)}
            | {f.partner_id for f in recent if f.severity == "high"})
