"""Commission nodes: draft_proposals -> open_proposals. Every draft states its expected effect on margin.

- low stock, fast seller (under 14 days of cover): lower its rate by a third (floor 2%): it sells anyway,
  and paying less commission on units that would run out protects margin;
- overstock (over 1.5x target and over 90 days of cover): a 7-day +5-point flash incentive, with its cost
  at the current run-rate and the extra units that pay for it;
- high-severity fraud findings (from the partner scores' window) with order evidence: claw back the
  commission on those orders.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from langgraph.runtime import Runtime

from agents import analysis
from agents.commissions.state import CommissionsState
from agents.context import AgentContext
from agents.proposing import submit_proposals
from store.db import transaction
from store.money import format_money, human_money, round_half_even
from tools import ledger_view, rule_changes
from tools.inventory import SkuInventory
from tools.proposals import ProposalDraft

FLASH_BONUS = Decimal(5)
FLASH_DAYS = 7
MIN_PERCENT = Decimal(2)
MAX_PER_KIND = 10


def draft_proposals(state: CommissionsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    now = runtime.context.now
    findings = [f for scored in analysis.partner_scores(runtime.context).partners for f in scored.findings]
    recoverable = analysis.clawback_orders(runtime.context)
    stock = analysis.inventory(runtime.context)
    names = {pid: c.name for pid, c in analysis.contacts(runtime.context, status=None).items()}
    with transaction(runtime.context.engine) as session:
        body = rule_changes.current_rules(session=session, now=now)
        currency = ledger_view.program_currency(session=session)
        clawbacks: list[ProposalDraft] = []
        for finding in findings:
            order_ids = recoverable.get((finding.partner_id, finding.signal), [])
            if finding.severity != "high" or not order_ids:
                continue
            amount = ledger_view.commission_on_orders(session=session, partner_id=finding.partner_id, order_ids=order_ids)
            if amount > 0:
                clawbacks.append(_clawback(finding.partner_id, names.get(finding.partner_id, finding.partner_id),
                                           finding.signal, order_ids, amount, finding.evidence, currency))
    drafts: list[ProposalDraft] = []
    fast = sorted((i for i in stock if i.low_stock), key=lambda i: -i.daily_velocity)[:MAX_PER_KIND]
    for item in fast:
        current = rule_changes.effective_percent(body=body, sku=item.sku)
        lower = max(MIN_PERCENT, (current * 2 / 3).quantize(Decimal("0.5")))
        if lower < current:
            drafts.append(_rate_cut(item, current, lower, currency))
    slow = sorted((i for i in stock if i.overstock), key=lambda i: -(i.stock - i.stock_target) * i.unit_margin_cents)
    for item in slow[:MAX_PER_KIND]:
        drafts.append(_flash(item, rule_changes.effective_percent(body=body, sku=item.sku), currency))
    return {"drafts": drafts + clawbacks}


def open_proposals(state: CommissionsState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    return {"proposal_ids": submit_proposals(context=runtime.context, agent="commissions", drafts=state["drafts"])}


def _cover(item: SkuInventory) -> str:
    return "no recent sales" if item.days_of_cover is None else f"{item.days_of_cover} days of cover"


def _rate_cut(item: SkuInventory, current: Decimal, lower: Decimal, currency: str) -> ProposalDraft:
    units_until_out = item.stock
    saved = round_half_even(Decimal(units_until_out * item.price_cents) * (current - lower) / 100)
    return ProposalDraft(
        kind="commission_change",
        summary=f"Lower commission on {item.title} ({item.sku}) {current.normalize():f}% -> {lower.normalize():f}%: "
        f"{_cover(item)}",
        rationale=f"{item.stock} in stock selling {item.daily_velocity}/day ({_cover(item)}); it sells without extra "
        "push, so a lower rate protects margin on the units left",
        payload={"sku": item.sku, "percent": str(lower), "previous_percent": str(current)},
        evidence={"stock": item.stock, "stock_target": item.stock_target, "units_sold_28d": item.units_sold,
                  "daily_velocity": str(item.daily_velocity), "days_of_cover": str(item.days_of_cover)},
        expected_impact={"margin_saved_on_remaining_stock_if_all_affiliate": format_money(saved, currency),
                         "assumption": "every remaining unit sells through affiliates at the current price"},
    )


def _flash(item: SkuInventory, current: Decimal, currency: str) -> ProposalDraft:
    weekly_units = item.daily_velocity * FLASH_DAYS
    cost = round_half_even(weekly_units * item.price_cents * FLASH_BONUS / 100)
    margin_after_bonus = Decimal(item.unit_margin_cents) - item.price_cents * (current + FLASH_BONUS) / 100
    breakeven = (Decimal(cost) / margin_after_bonus).quantize(Decimal("0.1")) if margin_after_bonus > 0 else None
    excess = item.stock - item.stock_target
    return ProposalDraft(
        kind="flash_incentive",
        summary=f"Flash incentive +{FLASH_BONUS}% for {FLASH_DAYS} days on {item.title} ({item.sku}): "
        f"{excess} units over target, {_cover(item)}",
        rationale=f"stock {item.stock} vs target {item.stock_target}; {_cover(item)} ties up "
        f"{format_money(excess * item.unit_cost_cents, currency)} of inventory at cost",
        payload={"sku": item.sku, "bonus_percent": str(FLASH_BONUS), "days": FLASH_DAYS},
        evidence={"stock": item.stock, "stock_target": item.stock_target, "units_sold_28d": item.units_sold,
                  "days_of_cover": str(item.days_of_cover), "current_percent": str(current)},
        expected_impact={
            "bonus_cost_at_current_run_rate": format_money(cost, currency),
            "extra_units_that_pay_for_it": str(breakeven) if breakeven is not None else None,
            "inventory_over_target_at_cost": format_money(excess * item.unit_cost_cents, currency),
        },
    )


def _clawback(partner_id: str, name: str, signal: str, order_ids: list[str], amount: int, evidence: dict[str, Any],
              currency: str) -> ProposalDraft:
    return ProposalDraft(
        kind="clawback",
        partner_id=partner_id,
        summary=f"Claw back {human_money(amount, currency)} from {name} ({partner_id}): "
        f"{signal.replace('_', ' ')} on {len(order_ids)} orders",
        rationale=f"high-severity {signal} finding; commission on the flagged orders is recovered from the next payout",
        payload={"amount_cents": amount, "order_ids": order_ids, "signal": signal},
        evidence={"signal": signal, **{k: v for k, v in evidence.items() if k != "sample_order_ids"},
                  "order_ids": order_ids},
        expected_impact={"money_protected": format_money(amount, currency)},
    )
