"""Commission changes an approved proposal makes: each publishes a new rule-set version effective now.

Each change is a pure ``*_rules(body, ...) -> RuleSetBody`` (what the new version would say) and a
``set_*`` / ``bump_*`` that publishes it. The effect preview (``agents.approval.preview``) prices the very
body the ``*_rules`` function returns, so what a manager is shown is what is published. Only the approval
graph publishes, after a human approved; publishing never re-prices booked commissions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from store.money import format_money
from store.rules import FlashIncentive, RateRule, RuleSetBody, publish_rule_set, rule_sets_in_force


def current_rules(*, session: Session, now: datetime) -> RuleSetBody:
    return rule_sets_in_force(session=session).at(now).body


def bumped_rules(*, body: RuleSetBody, partner_id: str, points: Decimal) -> RuleSetBody:
    """Tier bump: the partner earns ``points`` more under every dimension (new / returning customer, each
    volume tier, each SKU rate, or its own partner rate), as its override's ``plus_percent``; bumps add up."""
    rule = body.partner_overrides.get(partner_id)
    plus = (rule.plus_percent if rule is not None and rule.plus_percent is not None else Decimal(0)) + points
    kept = {"percent": rule.percent, "flat_cents": rule.flat_cents} if rule is not None else {}
    overrides = {pid: r for pid, r in body.partner_overrides.items() if pid != partner_id}
    if plus or any(value is not None for value in kept.values()):
        overrides[partner_id] = RateRule(**kept, plus_percent=plus or None)
    return body.model_copy(update={"partner_overrides": overrides})


def bump_partner_rate(*, session: Session, partner_id: str, points: Decimal, now: datetime, note: str) -> int:
    body = bumped_rules(body=current_rules(session=session, now=now), partner_id=partner_id, points=points)
    return publish_rule_set(session=session, body=body, effective_from=now, note=note)


def cohort_rate_rules(*, body: RuleSetBody, partner_ids: Sequence[str], percent: Decimal) -> RuleSetBody:
    """Several partners on one percent override (an experiment's winning rate, as it was tested), each keeping the
    points a tier bump gave it (``plus_percent``, see ``bumped_rules``): a bump is on top of whatever the rate is."""
    overrides = dict(body.partner_overrides)
    for partner_id in partner_ids:
        current = overrides.get(partner_id)
        overrides[partner_id] = RateRule(percent=percent, plus_percent=current.plus_percent if current else None)
    return body.model_copy(update={"partner_overrides": overrides})


def set_partner_rates(
    *, session: Session, partner_ids: Sequence[str], percent: Decimal, now: datetime, note: str
) -> int:
    body = cohort_rate_rules(body=current_rules(session=session, now=now), partner_ids=partner_ids, percent=percent)
    return publish_rule_set(session=session, body=body, effective_from=now, note=note)


def sku_rate_rules(*, body: RuleSetBody, sku: str, percent: Decimal) -> RuleSetBody:
    """Commission change on one SKU (e.g. lower on a low-stock fast seller)."""
    return body.model_copy(update={"sku_overrides": {**body.sku_overrides, sku: RateRule(percent=percent)}})


def set_sku_rate(*, session: Session, sku: str, percent: Decimal, now: datetime, note: str) -> int:
    body = sku_rate_rules(body=current_rules(session=session, now=now), sku=sku, percent=percent)
    return publish_rule_set(session=session, body=body, effective_from=now, note=note)


def flash_rules(*, body: RuleSetBody, sku: str, bonus_percent: Decimal, start: datetime, end: datetime) -> RuleSetBody:
    incentive = FlashIncentive(sku=sku, start=start, end=end, bonus_percent=bonus_percent)
    return body.model_copy(update={"flash_incentives": (*body.flash_incentives, incentive)})


def add_flash_incentive(
    *, session: Session, sku: str, bonus_percent: Decimal, start: datetime, end: datetime, now: datetime, note: str
) -> int:
    body = flash_rules(body=current_rules(session=session, now=now), sku=sku, bonus_percent=bonus_percent,
                       start=start, end=end)  # fmt: skip
    return publish_rule_set(session=session, body=body, effective_from=now, note=note)


def effective_percent(*, body: RuleSetBody, partner_id: str | None = None, sku: str | None = None) -> Decimal:
    """The headline percent a partner or SKU earns now (its override, else the default, plus the partner's
    bump), for proposals' evidence: a bump proposed from it is a change of points (``bumped_rules``)."""
    rule = body.partner_overrides.get(partner_id) if partner_id is not None else None
    plus = rule.plus_percent if rule is not None and rule.plus_percent is not None else Decimal(0)
    if rule is not None and rule.percent is not None:
        return max(Decimal(0), rule.percent + plus)
    if sku is not None and sku in body.sku_overrides:
        sku_rule = body.sku_overrides[sku]
        if sku_rule.percent is not None:
            return max(Decimal(0), sku_rule.percent + plus)
    return max(Decimal(0), body.percent + plus)


def earned_rates(*, body: RuleSetBody, currency: str, partner_id: str | None = None) -> dict[str, str]:
    """What a partner (or, without one, any partner without an override) earns under each dimension of the
    rules, for humans: ``{"returning customers": "5%", "volume tier ≥ 5,000.00": "12%", "SKU TENT": "15%"}``."""
    rule = body.partner_overrides.get(partner_id) if partner_id is not None else None
    plus = rule.plus_percent if rule is not None and rule.plus_percent is not None else Decimal(0)

    def rate(percent: Decimal) -> str:
        return f"{max(Decimal(0), percent + plus).normalize():f}%"

    def flat(cents: int) -> str:
        return format_money(cents, currency) + (f" + {plus.normalize():f}%" if plus else "") + " per line"

    if rule is not None and rule.percent is not None:
        return {"every line (partner rate)": rate(rule.percent)}
    if rule is not None and rule.flat_cents is not None:
        return {"every line (partner flat)": flat(rule.flat_cents)}
    rates = {"default": rate(body.percent)}
    if body.new_customer_percent is not None:
        rates["new customers"] = rate(body.new_customer_percent)
    if body.returning_customer_percent is not None:
        rates["returning customers"] = rate(body.returning_customer_percent)
    for tier in body.volume_tiers:
        rates[f"volume tier ≥ {format_money(tier.min_revenue_cents, currency)}"] = rate(tier.percent)
    for sku, sku_rule in sorted(body.sku_overrides.items()):
        rates[f"SKU {sku}"] = rate(sku_rule.percent) if sku_rule.percent is not None else flat(sku_rule.flat_cents or 0)
    return rates
