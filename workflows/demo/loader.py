"""Loading a generated demo program through the user's import path, then running its ledger history.

``load_program`` imports every CSV with ``workflows.importing.importer.import_csv`` (one transaction per file, as
``afflow import`` does), sets the program's brand and publishes the demo rule set. ``run_ledger_history``
replays four weekly payout runs and a final reconcile so the demo shows every commission state.
``summarize`` reads the totals the demo prints. The truth file is never read here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, func, select

from store.db import ensure_program, transaction
from store.models import Attribution, Click, Commission, Order, Partner, RuleSet
from store.rules import RuleSetBody, publish_rule_set
from workflows.booking.lifecycle import reconcile
from workflows.booking.payouts import create_payout_batch
from workflows.demo.catalog import BRAND, SHOP_URL
from workflows.demo.generator import CURRENCY, LOAD_ORDER, DemoFiles
from workflows.demo.traffic import COOKIE_DAYS, HISTORY_DAYS, RETURN_DAYS
from workflows.importing.importer import ImportReport, import_csv

LoadProgress = Callable[[str, int, int], None]
"""Called with (import kind, records written, records to write)."""
RULES_NOTE = "demo rule set"
COMMISSION_STATES = ("pending", "locked", "paid", "reversed")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    currency: str
    partners: int
    clicks: int
    orders: int
    attributed_orders: int
    revenue_cents: int
    attributed_revenue_cents: int
    commissions: dict[str, tuple[int, int]]  # state -> (count, amount in cents)


def load_program(*, engine: Engine, files: DemoFiles, progress: LoadProgress | None = None) -> list[ImportReport]:
    """Configure the program, publish the rule set, then import each CSV (its own all-or-nothing unit)."""
    with transaction(engine) as session:
        program = ensure_program(session)
        program.name, program.shop_url, program.currency = BRAND, SHOP_URL, CURRENCY
        program.cookie_days, program.return_days = COOKIE_DAYS, RETURN_DAYS
        program.brand_guide = files.brand_guide.read_text(encoding="utf-8")
        if session.scalar(select(func.count()).select_from(RuleSet).where(RuleSet.note == RULES_NOTE)) == 0:
            body = RuleSetBody.model_validate_json(files.rules.read_text(encoding="utf-8"))
            first_order = files.end - timedelta(days=365 + HISTORY_DAYS)
            publish_rule_set(session=session, body=body, effective_from=first_order, note=RULES_NOTE)
    reports = []
    for kind in LOAD_ORDER:
        tick = (lambda done, total, kind=kind: progress(kind, done, total)) if progress else None
        with transaction(engine) as session:
            reports.append(import_csv(session=session, kind=kind, path=files.csv[kind], progress=tick))
    return reports


def run_ledger_history(*, engine: Engine, end: datetime) -> None:
    """Weekly payout runs over the last four weeks before ``end`` (reconcile first), then reconcile at ``end``.

    All orders are already booked, and every refund falls inside the return window, so locking and
    paying as of an earlier date gives the same amounts it would have given on that day.
    """
    for weeks_before in (4, 3, 2, 1):
        as_of = end - timedelta(weeks=weeks_before)
        with transaction(engine) as session:
            reconcile(session=session, as_of=as_of)
            create_payout_batch(session=session, as_of=as_of)
    with transaction(engine) as session:
        reconcile(session=session, as_of=end)


def summarize(*, engine: Engine) -> DemoSummary:
    with transaction(engine) as session:
        currency = ensure_program(session).currency
        attributed = select(Attribution.order_id)
        revenue = session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(Order.total_cents), 0),
                func.coalesce(func.sum(case((Order.id.in_(attributed), Order.total_cents), else_=0)), 0),
            )
        ).one()
        net = Commission.amount_cents - Commission.reversed_cents
        by_state = {
            state: (int(count), int(amount))
            for state, count, amount in session.execute(
                select(
                    Commission.state,
                    func.count(),
                    func.sum(case((Commission.state == "reversed", Commission.reversed_cents), else_=net)),
                ).group_by(Commission.state)
            )
        }
        return DemoSummary(
            currency=currency,
            partners=session.scalar(select(func.count()).select_from(Partner)) or 0,
            clicks=session.scalar(select(func.count()).select_from(Click)) or 0,
            orders=int(revenue[0]),
            attributed_orders=session.scalar(select(func.count()).select_from(Attribution)) or 0,
            revenue_cents=int(revenue[1]),
            attributed_revenue_cents=int(revenue[2]),
            commissions={state: by_state.get(state, (0, 0)) for state in COMMISSION_STATES},
        )
