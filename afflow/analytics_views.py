"""JSON views of the analytics reports (the CLI contract of DESIGN.md).

Money becomes a decimal string in the program currency, rates four-place decimal strings or null,
times ISO 8601 with offset. Field names are a public contract: add, never rename.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from store.money import format_money
from tools.fraud import FraudReport
from tools.metrics import MetricsReport, PeriodMetrics
from tools.scoring import ScoreReport
from workflows.matching.probabilistic import probabilistic_costs


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _money(cents: int | None, currency: str) -> str | None:
    return None if cents is None else format_money(cents, currency)


def period_view(period: PeriodMetrics, currency: str) -> dict[str, Any]:
    now, before, rates, change = period.current, period.previous, period.rates, period.change
    return {
        "clicks": now.clicks,
        "orders": now.orders,
        "click_orders": now.click_orders,
        "conversion_rate": _rate(rates.conversion_rate),
        "revenue": _money(now.revenue_cents, currency),
        "aov": _money(rates.aov_cents, currency),
        "epc": _money(rates.epc_cents, currency),
        "refunded": _money(now.refunded_cents, currency),
        "refunded_orders": now.refunded_orders,
        "refund_rate": _rate(rates.refund_rate),
        "new_customer_orders": now.new_customer_orders,
        "new_customer_share": _rate(rates.new_customer_share),
        "commission": _money(now.commission_cents, currency),
        "cost_of_goods": _money(now.cost_of_goods_cents, currency),
        "margin_contribution": _money(rates.margin_contribution_cents, currency),
        "referred_customers": now.referred_customers,
        "repeat_customers": now.repeat_customers,
        "repeat_purchase_rate": _rate(rates.repeat_purchase_rate),
        "previous": {
            "clicks": before.clicks,
            "orders": before.orders,
            "revenue": _money(before.revenue_cents, currency),
            "commission": _money(before.commission_cents, currency),
            "margin_contribution": _money(before.margin_contribution_cents, currency),
        },
        "change": {name: _rate(value) for name, value in change.model_dump().items()},
    }


def metrics_view(report: MetricsReport, currency: str) -> dict[str, Any]:
    program = period_view(report.program, currency)
    program["all_orders"] = report.program.all_orders
    program["all_revenue"] = format_money(report.program.all_revenue_cents, currency)
    return {
        "currency": currency,
        "window": {"start": report.window.start.isoformat(), "end": report.window.end.isoformat()},
        "previous_window": {
            "start": report.previous_window.start.isoformat(),
            "end": report.previous_window.end.isoformat(),
        },
        "program": program,
        "partners": [{"partner_id": p.partner_id, "name": p.name, **period_view(p, currency)} for p in report.partners],
    }


def fraud_view(report: FraudReport) -> dict[str, Any]:
    return {
        "window": {"start": report.window.start.isoformat(), "end": report.window.end.isoformat()},
        "findings": [finding.model_dump(mode="json") for finding in report.findings],
        "baselines": report.baselines,
    }


def score_view(report: ScoreReport, currency: str) -> dict[str, Any]:
    return {
        "window": {"start": report.window.start.isoformat(), "end": report.window.end.isoformat()},
        "partners": [
            {
                "partner_id": p.partner_id,
                "score": p.score,
                "tier": p.tier,
                "components": {
                    name: {"score": _rate(c.score), "weight": c.weight, "detail": c.detail}
                    for name, c in p.components.items()
                },
                "reasons": p.reasons,
                "fraud_signals": sorted({f.signal for f in p.findings}),
            }
            for p in report.partners
        ],
        "currency": currency,
    }


def add_probabilistic_breakdown(view: dict[str, Any], *, session: Session, start: datetime, end: datetime) -> None:
    """Give each partner row and the program row of an ``afflow metrics`` view its ``probabilistic`` part.

    ``{"orders", "revenue", "commission", "mean_confidence"}``: what probabilistic matches credited, already
    included in the row's totals, shown apart so a manager sees what matching costs.
    """
    currency = view["currency"]
    costs = {c.partner_id: c for c in probabilistic_costs(session=session, start=start, end=end)}

    def part(orders: int, revenue: int, commission: int, confidence: Decimal | None) -> dict[str, Any]:
        return {
            "orders": orders,
            "revenue": format_money(revenue, currency),
            "commission": format_money(commission, currency),
            "mean_confidence": None if confidence is None else str(confidence),
        }

    for row in view["partners"]:
        cost = costs.get(row["partner_id"])
        row["probabilistic"] = (
            part(cost.orders, cost.revenue_cents, cost.commission_cents, cost.mean_confidence)
            if cost
            else part(0, 0, 0, None)
        )
    orders = sum(c.orders for c in costs.values())
    weighted = sum((c.mean_confidence * c.orders for c in costs.values()), Decimal(0))
    mean = (weighted / orders).quantize(Decimal("0.001")) if orders else None
    view["program"]["probabilistic"] = part(
        orders,
        sum(c.revenue_cents for c in costs.values()),
        sum(c.commission_cents for c in costs.values()),
        mean,
    )
