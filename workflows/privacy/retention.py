"""The signal retention (``AFFLOW_SIGNAL_RETENTION_DAYS``): what a click or checkout revealed about a device is
kept only as long as matching and fraud work can use it.

``purge_expired_signals`` blanks the hashed IP, network prefix, user agent and customer reference of clicks
older than the retention and deletes the checkout signals of orders older than it. A click keeps its id,
partner, time, SKU and device class (what attribution, metrics and the ledger's explanations use); orders,
attributions and commissions are never touched. Inside the window nothing changes, so probabilistic matching
and the fraud scan see what they always saw. It must never delete a click or an order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.models import Click, Order, OrderSignal


@dataclass(frozen=True, slots=True)
class PurgeReport:
    cutoff: datetime
    clicks: int  # clicks whose device signals were blanked by this run
    order_signals: int  # checkout signals deleted by this run


def purge_expired_signals(*, session: Session, retention_days: int, now: datetime) -> PurgeReport:
    """Blank device signals of clicks before ``now - retention_days`` and delete checkout signals of orders before
    it, in the caller's transaction, recorded in the audit log when anything was purged. Idempotent."""
    if retention_days < 1:
        raise ValueError(f"retention_days must be at least 1, got {retention_days}")
    cutoff = now - timedelta(days=retention_days)
    clicks = session.execute(
        update(Click)
        .where(Click.ts < cutoff)
        .where(or_(Click.ip_hash != "", Click.ip_prefix != "", Click.user_agent != "", Click.customer_ref.is_not(None)))
        .values(ip_hash="", ip_prefix="", user_agent="", customer_ref=None)
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]
    signals = session.execute(
        delete(OrderSignal)
        .where(OrderSignal.order_id.in_(select(Order.id).where(Order.ts < cutoff)))
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]
    if clicks or signals:
        record(session=session, actor=Actor("scheduler", "purge_signals"), action="signals_purged",
               subject=f"before:{cutoff.isoformat()}",
               details={"retention_days": retention_days, "clicks": clicks, "order_signals": signals})  # fmt: skip
    return PurgeReport(cutoff=cutoff, clicks=clicks, order_signals=signals)
