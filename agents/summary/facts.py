"""The numbers of the weekly report, gathered from tools in one place (pure shaping, no SQL here)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from agents.nudges.diagnosis import drivers, main_driver
from agents.summary.decisions import DecisionGroup, FraudRow
from agents.wording import change_text, counted, size_text
from store.money import human_money
from tools.analytics_sql import percent_text
from tools.inbox_view import InboxAttention, ReasonGroup
from tools.ledger_view import ForeignOrder
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
    note: str = ""  # why a bottom partner is there


class InboxReason(BaseModel):
    reason: str  # the failure with its events' own ids and amounts left out
    count: int
    example_id: int  # ``afflow inbox list`` shows it whole


class InboxFacts(BaseModel):
    """Events received and not booked that need a person (``tools.inbox_view.attention``)."""

    failed: int = 0
    oldest_failed: str = ""  # its date, and how long ago
    failed_reasons: list[InboxReason] = []
    parked_overdue: int = 0  # refunds parked longer than the return window: their order may never come
    oldest_parked: str = ""
    return_days: int = 30
    waiting: int = 0  # orders booked without credit, their click not known yet
    parked_orders_overdue: int = 0  # orders not booked for as long (e.g. no exchange rate for their date)
    oldest_parked_order: str = ""
    parked_order_reasons: list[InboxReason] = []

    @property
    def needs_attention(self) -> bool:
        return bool(self.failed or self.parked_overdue or self.parked_orders_overdue)


def inbox_facts(attention: InboxAttention, now: datetime) -> InboxFacts:
    def when(ts: datetime | None) -> str:
        return "" if ts is None else f"{ts.date().isoformat()}, {counted(max((now - ts).days, 0), 'day')} ago"

    def reasons(groups: list[ReasonGroup]) -> list[InboxReason]:
        return [InboxReason(reason=g.reason, count=g.count, example_id=g.example_id) for g in groups]

    return InboxFacts(
        failed=attention.failed, oldest_failed=when(attention.oldest_failed),
        failed_reasons=reasons(attention.failed_reasons),
        parked_overdue=attention.parked_overdue, oldest_parked=when(attention.oldest_parked),
        return_days=attention.return_days, waiting=attention.waiting,
        parked_orders_overdue=attention.parked_orders_overdue, oldest_parked_order=when(attention.oldest_parked_order),
        parked_order_reasons=reasons(attention.parked_order_reasons),
    )  # fmt: skip


class ForeignOrderRow(BaseModel):
    order_id: str
    partner: str  # name (id)
    paid: str  # what the customer paid, in their currency
    rate: str  # program units per unit, and the rate's date
    booked: str  # in the program's currency


class ForeignCurrencyFacts(BaseModel):
    """The week's partner orders paid in another currency than the program's, booked at their date's rate."""

    count: int = 0
    totals: list[str] = []  # per currency paid: "99.99 EUR in 1 order, booked as 108.49 USD"
    orders: list[ForeignOrderRow] = []  # the first ones, oldest first


def foreign_currency_facts(
    orders: list[ForeignOrder], names: dict[str, str], currency: str, shown: int = 10
) -> ForeignCurrencyFacts:
    by_currency: dict[str, tuple[int, int, int]] = {}
    for order in orders:
        count, paid, booked = by_currency.get(order.paid.currency, (0, 0, 0))
        by_currency[order.paid.currency] = (count + 1, paid + order.paid.amount_cents, booked + order.booked_cents)
    totals = [
        f"{human_money(paid, code)} in {counted(count, 'order')}, booked as {human_money(booked, currency)}"
        for code, (count, paid, booked) in sorted(by_currency.items())
    ]
    rows = [
        ForeignOrderRow(
            order_id=o.order_id, partner=f"{names.get(o.partner_id, o.partner_id)} ({o.partner_id})",
            paid=human_money(o.paid.amount_cents, o.paid.currency),
            rate=f"{o.paid.fx_rate}" + (f" ({o.paid.fx_rate_date.isoformat()})" if o.paid.fx_rate_date else ""),
            booked=human_money(o.booked_cents, currency),
        )
        for o in orders[:shown]
    ]  # fmt: skip
    return ForeignCurrencyFacts(count=len(orders), totals=totals, orders=rows)


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
    messages_sent: dict[str, int] = {}  # the same, by a label people read ("creative briefs")
    store_share: str | None = None  # partners' share of all store revenue this week
    revenue_share_top: str | None = None  # the top partners' share of partner revenue
    decisions: list[DecisionGroup] = []
    fraud_rows: list[FraudRow] = []
    protected_pending: str = ""
    protected_applied: str = ""
    protected_applied_cents: int = 0
    offboarding_stops: str = ""
    inbox: InboxFacts = InboxFacts()
    foreign: ForeignCurrencyFacts = ForeignCurrencyFacts()


def points(now: Decimal | None, before: Decimal | None) -> str:
    """The change of a rate in percentage points (a relative change of a rate misleads)."""
    return "n/a" if now is None or before is None else f"{((now - before) * 100).quantize(Decimal('0.01')):+} pp"


def kpis(current: Totals, previous: Totals, currency: str) -> list[Kpi]:
    change, now_rates, before_rates = change_of(current, previous), rates_of(current), rates_of(previous)

    def money(cents: int | None) -> str:
        return "n/a" if cents is None else human_money(cents, currency)

    def rate(value: Decimal | None) -> str:
        return "n/a" if value is None else f"{(value * 100).quantize(Decimal('0.01'))}%"

    return [
        Kpi(name="Revenue", current=money(current.revenue_cents), previous=money(previous.revenue_cents),
            change=change_text(change.revenue)),
        Kpi(name="Orders", current=f"{current.orders:,}", previous=f"{previous.orders:,}", change=change_text(change.orders)),
        Kpi(name="Clicks", current=f"{current.clicks:,}", previous=f"{previous.clicks:,}", change=change_text(change.clicks)),
        Kpi(name="Conversion rate", current=rate(now_rates.conversion_rate), previous=rate(before_rates.conversion_rate),
            change=points(now_rates.conversion_rate, before_rates.conversion_rate)),
        Kpi(name="Commission", current=money(current.commission_cents), previous=money(previous.commission_cents),
            change=change_text(change.commission)),
        Kpi(name="Margin contribution", current=money(current.margin_contribution_cents),
            previous=money(previous.margin_contribution_cents), change=change_text(change.margin_contribution)),
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
                    margin_cents=p.rates.margin_contribution_cents, change=change_text(p.change.revenue))
         for p in active),
        key=lambda row: (-row.margin_cents, row.partner_id),
    )
    top = [row for row in rows if not row.flagged][:n]
    by_id = {p.partner_id: p for p in active}
    # the bottom: who costs money (negative margin), then who lost the most revenue; fraud has its own section
    clean = [row for row in rows if not row.flagged and row not in top]
    losing = sorted((row for row in clean if row.margin_cents < 0), key=lambda row: row.margin_cents)
    drops = sorted((row for row in clean if row.margin_cents >= 0 and _drop(by_id[row.partner_id]) > 0),
                   key=lambda row: -_drop(by_id[row.partner_id]))
    bottom = [row.model_copy(update={"note": _why_bottom(row, by_id[row.partner_id], currency)})
              for row in (losing + drops)[:n]]
    return top, bottom


def _drop(partner: PartnerMetrics) -> int:
    return partner.previous.revenue_cents - partner.current.revenue_cents


def _why_bottom(row: PartnerRow, partner: PartnerMetrics, currency: str) -> str:
    refunds = partner.rates.refund_rate
    if refunds is not None and refunds >= Decimal("0.3"):
        return f"{(refunds * 100).quantize(Decimal(1))}% of its orders were refunded"
    if row.margin_cents < 0:
        return "its commission exceeds what its orders earn"
    lost = f"lost {human_money(_drop(partner), currency)} of revenue"
    driver = main_driver(drivers(partner, measure="revenue"))
    if driver == "clicks":
        return f"{lost}: {size_text(partner.change.clicks)} fewer clicks"
    if driver == "conversion":
        if partner.current.clicks and not partner.current.click_orders:
            return f"{lost}: none of its {counted(partner.current.clicks, 'click')} bought"
        return (f"{lost}: fewer of its clicks bought ({percent_text(partner.rates.conversion_rate)}, against "
                f"{percent_text(rates_of(partner.previous).conversion_rate)})")
    if driver == "order_value":
        return (f"{lost}: smaller orders ({human_money(partner.rates.aov_cents or 0, currency)} on average, against "
                f"{human_money(rates_of(partner.previous).aov_cents or 0, currency)})")
    return f"{lost}: fewer orders through its code or ref link"
