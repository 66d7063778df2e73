"""Commission changes an approved proposal makes: each publishes a new rule-set version effective now.

Only the approval graph calls these, after a human approved; publishing never re-prices booked commissions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from store.rules import FlashIncentive, RateRule, RuleSetBody, publish_rule_set, rule_sets_in_force


def current_rules(*, session: Session, now: datetime) -> RuleSetBody:
    return rule_sets_in_force(session=session).at(now).body


def set_partner_rate(*, session: Session, partner_id: str, percent: Decimal, now: datetime, note: str) -> int:
    """Tier bump: a per-partner percent override."""
    body = current_rules(session=session, now=now)
    overrides = {**body.partner_overrides, partner_id: RateRule(percent=percent)}
    return publish_rule_set(
        session=session, body=body.model_copy(update={"partner_overrides": overrides}), effective_from=now, note=note
    )


def set_partner_rates(
    *, session: Session, partner_ids: Sequence[str], percent: Decimal, now: datetime, note: str
) -> int:
    """One version giving several partners the same percent override (an experiment's winning rate)."""
    body = current_rules(session=session, now=now)
    overrides = {**body.partner_overrides, **dict.fromkeys(partner_ids, RateRule(percent=percent))}
    return publish_rule_set(
        session=session, body=body.model_copy(update={"partner_overrides": overrides}), effective_from=now, note=note
    )


def set_sku_rate(*, session: Session, sku: str, percent: Decimal, now: datetime, note: str) -> int:
    """Commission change on one SKU (e.g. lower on a low-stock fast seller)."""
    body = current_rules(session=session, now=now)
    overrides = {**body.sku_overrides, sku: RateRule(percent=percent)}
    return publish_rule_set(
        session=session, body=body.model_copy(update={"sku_overrides": overrides}), effective_from=now, note=note
    )


def add_flash_incentive(
    *, session: Session, sku: str, bonus_percent: Decimal, start: datetime, end: datetime, now: datetime, note: str
) -> int:
    body = current_rules(session=session, now=now)
    incentive = FlashIncentive(sku=sku, start=start, end=end, bonus_percent=bonus_percent)
    return publish_rule_set(
        session=session,
        body=body.model_copy(update={"flash_incentives": (*body.flash_incentives, incentive)}),
        effective_from=now,
        note=note,
    )


def effective_percent(*, body: RuleSetBody, partner_id: str | None = None, sku: str | None = None) -> Decimal:
    """The base percent a partner or SKU earns now (override first, else the default), for proposals' evidence."""
    if partner_id is not None and partner_id in body.partner_overrides:
        rule = body.partner_overrides[partner_id]
        if rule.percent is not None:
            return rule.percent
    if sku is not None and sku in body.sku_overrides:
        rule = body.sku_overrides[sku]
        if rule.percent is not None:
            return rule.percent
    return body.percent
