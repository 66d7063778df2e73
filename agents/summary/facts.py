"""The numbers of the weekly report, gathered from tools in one place (pure shaping, no SQL here)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from store.money import format_money
from tools.metrics import PartnerMetrics, Totals, change_of, rates_of


class Kpi(BaseModel):
    name: str
    current: str
    previous: str
    change: str


class NetworkRow(BaseModel):
    network: str
    partners: int
    revenue_cents: int
    previous_revenue_cents: int
    kpis: list[Kpi]


class PartnerRow(BaseModel):
    partner_id: str
    name: str
    revenue: str
    margin: str
    margin_cents: int
    change: str
    flagged: bool = False


class SummaryFacts(BaseModel):
    program: str
    currency: str
    week_start: str
    week_end: str
    kpis: list[Kpi]
    networks: list[NetworkRow]
    top: list[PartnerRow]
    bottom: list[PartnerRow]
    fraud_findings: dict[str, int]
    fraud_partners: list[str]
    money_protected: str
    money_protected_cents: int
    proposals_waiting: dict[str, int]
    outbox_this_week: dict[str, int]


def human_money(cents: int, currency: str) -> str:
    """``1234567`` -> ``"12,345.67 USD"``: for people reading the report (JSON keeps ``format_money``)."""
    return f"{Decimal(format_money(cents, currency)):,} {currency}"


def pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{(value * 100).quantize(Decimal('0.1')):+}%"


def kpis(current: Totals, previous: Totals, currency: str) -> list[Kpi]:
    change, now_rates, before_rates = change_of(current, previous), rates_of(current), rates_of(previous)

    def money(cents: int | None) -> str:
        return "n/a" if cents is None else human_money(cents, currency)

    def rate(value: Decimal | None) -> str:
        return "n/a" if value is None else f"{(value * 100).quantize(Decimal('0.01'))}%"

    return [
        Kpi(name="Revenue", current=money(current.revenue_cents), previous=money(previous.revenue_cents),
            change=pct(change.revenue)),
        Kpi(name="Orders", current=str(current.orders), previous=str(previous.orders), change=pct(change.orders)),
        Kpi(name="Clicks", current=str(current.clicks), previous=str(previous.clicks), change=pct(change.clicks)),
        Kpi(name="Conversion rate", current=rate(now_rates.conversion_rate), previous=rate(before_rates.conversion_rate),
            change=""),
        Kpi(name="Commission", current=money(current.commission_cents), previous=money(previous.commission_cents),
            change=pct(change.commission)),
        Kpi(name="Margin contribution", current=money(current.margin_contribution_cents),
            previous=money(previous.margin_contribution_cents), change=pct(change.margin_contribution)),
    ]


def by_network(partners: list[PartnerMetrics], networks: dict[str, str], currency: str) -> list[NetworkRow]:
    groups: dict[str, tuple[Totals, Totals, int]] = {}
    for partner in partners:
        network = networks.get(partner.partner_id, "direct")
        current, previous, count = groups.get(network, (Totals(), Totals(), 0))
        groups[network] = (current.plus(partner.current), previous.plus(partner.previous), count + 1)
    return [
        NetworkRow(network=network, partners=count, revenue_cents=current.revenue_cents,
                   previous_revenue_cents=previous.revenue_cents, kpis=kpis(current, previous, currency)[:3])
        for network, (current, previous, count) in sorted(groups.items(), key=lambda kv: -kv[1][0].revenue_cents)
    ]


def ranked(partners: list[PartnerMetrics], names: dict[str, str], currency: str, flagged: set[str], n: int = 5
           ) -> tuple[list[PartnerRow], list[PartnerRow]]:
    """Top (never a flagged partner: its revenue is suspect) and bottom partners by margin contribution."""
    active = [p for p in partners if p.current.orders > 0 or p.previous.orders > 0]
    rows = sorted(
        (PartnerRow(partner_id=p.partner_id, name=names.get(p.partner_id, p.partner_id),
                    revenue=human_money(p.current.revenue_cents, currency),
                    margin=human_money(p.rates.margin_contribution_cents, currency),
                    flagged=p.partner_id in flagged,
                    margin_cents=p.rates.margin_contribution_cents, change=pct(p.change.revenue))
         for p in active),
        key=lambda row: (-row.margin_cents, row.partner_id),
    )
    top = [row for row in rows if not row.flagged][:n]
    bottom = [row for row in reversed(rows[n:]) if row not in top][:n]
    return top, bottom
