"""Commission rules as data: a validated, versioned, effective-dated ``RuleSetBody`` and the pure engine.

A rule set is published as a new version with an ``effective_from`` time; an order is always priced with
the version in force at the order's time, and its commission records that version. Publishing never
re-prices commissions already booked. If no rule set exists, version 1 (10% on everything, effective from
the epoch) is created on first use.

Precedence of the *base* rate for one order line (the first that applies wins):
  1. per-partner override (percent or flat per line; a partner override that only carries
     ``plus_percent`` sets no base and lets the lines below decide it)
  2. per-SKU override (percent or flat per line)
  3. volume tier: the highest tier whose ``min_revenue_cents`` <= the partner's trailing-30-day
     attributed revenue before the order
  4. new-customer / returning-customer percent
  5. the rule set's default percent
A partner override's ``plus_percent`` (a tier bump) is then added to that base, whichever dimension set it
(never below 0 %), so a bump raises the partner's new-customer, returning-customer, volume-tier and SKU
rates alike. On top of the base: every flash incentive on the line's SKU whose [start, end) window holds the order
time adds its bonus percent, and the rule set's ``flat_cents`` is added per attributed line.
The amount is ``base_cents * (percent + bonuses) / 100`` rounded half-even once, plus flats.

This module computes; it never writes ledger rows.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import RuleSet
from store.money import format_money, round_half_even

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TRAILING_REVENUE_DAYS = 30
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
Cents = Annotated[int, Field(ge=0)]


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RateRule(_Rule):
    """An override: a percent of the line amount or a flat amount per line; on a partner, ``plus_percent``
    adds points (negative: takes them, never below 0 %) to whatever base the partner's line earns."""

    percent: Percent | None = None
    flat_cents: Cents | None = None
    plus_percent: Annotated[Decimal, Field(ge=-100, le=100, allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if self.percent is not None and self.flat_cents is not None:
            raise ValueError("give exactly one of percent or flat_cents")
        if self.percent is None and self.flat_cents is None and self.plus_percent is None:
            raise ValueError("give exactly one of percent or flat_cents (or, on a partner, plus_percent)")
        return self

    @property
    def sets_base(self) -> bool:
        return self.percent is not None or self.flat_cents is not None


class VolumeTier(_Rule):
    min_revenue_cents: Cents
    percent: Percent


class FlashIncentive(_Rule):
    """A time-boxed bonus percent on one SKU, for orders placed in [start, end)."""

    sku: str = Field(min_length=1, max_length=64)
    start: AwareDatetime
    end: AwareDatetime
    bonus_percent: Percent

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError("a flash incentive must end after it starts")
        return self


class RuleSetBody(_Rule):
    """One version of the program's commission rules (see the module docstring for precedence)."""

    percent: Percent = Decimal(10)
    flat_cents: Cents = 0
    new_customer_percent: Percent | None = None
    returning_customer_percent: Percent | None = None
    volume_tiers: tuple[VolumeTier, ...] = ()
    sku_overrides: dict[str, RateRule] = Field(default_factory=dict)
    flash_incentives: tuple[FlashIncentive, ...] = ()
    partner_overrides: dict[str, RateRule] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _tiers_distinct(self) -> Self:
        minimums = [tier.min_revenue_cents for tier in self.volume_tiers]
        if len(set(minimums)) != len(minimums):
            raise ValueError("volume tiers need distinct min_revenue_cents")
        if any(rule.plus_percent is not None for rule in self.sku_overrides.values()):
            raise ValueError("plus_percent is a partner's bump; a SKU rate is a percent or a flat amount")
        return self

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


@dataclass(frozen=True, slots=True)
class CommissionQuote:
    cents: int
    rule_version: int
    explanation: str


@dataclass(frozen=True, slots=True)
class RuleVersion:
    version: int
    effective_from: datetime
    body: RuleSetBody
    note: str


@dataclass(frozen=True)
class RuleBook:
    """All published versions, oldest first; ``at(ts)`` is the version in force at ``ts``."""

    versions: tuple[RuleVersion, ...]

    def at(self, ts: datetime) -> RuleVersion:
        # versions are sorted by (effective_from, version): the last one starting at or before ts wins
        index = bisect_right([v.effective_from for v in self.versions], ts) - 1
        return self.versions[max(index, 0)]

    @property
    def needs_trailing_revenue(self) -> bool:
        return any(v.body.volume_tiers for v in self.versions)


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def compute_commission(
    *,
    rules: RuleSetBody,
    version: int,
    currency: str,
    sku: str,
    base_cents: int,
    partner_id: str,
    is_new_customer: bool,
    trailing_revenue_cents: int,
    order_ts: datetime,
) -> CommissionQuote:
    """The commission on one attributed order line; pure, deterministic, rounded half-even once."""
    terms = line_terms(
        rules=rules, currency=currency, sku=sku, partner_id=partner_id, is_new_customer=is_new_customer,
        trailing_revenue_cents=trailing_revenue_cents, order_ts=order_ts,
    )  # fmt: skip
    return terms.quote(base_cents=base_cents, version=version, currency=currency)


@dataclass(frozen=True, slots=True)
class LineTerms:
    """What a line earns whatever its amount: ``compute_commission`` is ``line_terms(...).quote(...)``, and a
    pricer quotes every line with the same ``line_terms_key`` from one ``LineTerms``."""

    percent: Decimal
    flat: int
    head: str | None  # the explanation's first part when it names no amount (a flat override)
    shown_percent: str  # else the first part is "{shown_percent} of {amount} ({label})"
    label: str
    tail: str  # the explanation's other parts, each " + ..."

    def quote(self, *, base_cents: int, version: int, currency: str) -> CommissionQuote:
        cents = round_half_even(Decimal(base_cents) * self.percent / 100) + self.flat
        head = self.head
        if head is None:
            head = f"{self.shown_percent} of {format_money(base_cents, currency)} ({self.label})"
        return CommissionQuote(cents, version, f"{head}{self.tail} = {format_money(cents, currency)}")


def line_terms(
    *,
    rules: RuleSetBody,
    currency: str,
    sku: str,
    partner_id: str,
    is_new_customer: bool,
    trailing_revenue_cents: int,
    order_ts: datetime,
) -> LineTerms:
    """The terms of a line of ``sku`` credited to ``partner_id`` (the precedence in the module docstring)."""
    partner_rule = rules.partner_overrides.get(partner_id)
    override, label = partner_rule, "partner override"
    if override is None or not override.sets_base:
        override, label = rules.sku_overrides.get(sku), f"SKU override {sku}"
    percent, flat = Decimal(0), 0
    head: str | None = None
    shown = ""
    if override is not None and override.flat_cents is not None:
        flat = override.flat_cents
        head = f"flat {format_money(flat, currency)} ({label})"
    else:
        if override is not None and override.percent is not None:
            percent = override.percent
        else:
            percent, label = _base_percent(rules, is_new_customer, trailing_revenue_cents, currency)
        shown = _pct(percent)
    parts: list[str] = []
    if partner_rule is not None and partner_rule.plus_percent is not None:
        percent = max(Decimal(0), percent + partner_rule.plus_percent)
        parts.append(f"{_pct(partner_rule.plus_percent)} partner bump")
    for flash in rules.flash_incentives:
        if flash.sku == sku and flash.start <= order_ts < flash.end:
            percent += flash.bonus_percent
            parts.append(f"{_pct(flash.bonus_percent)} flash on {sku} until {flash.end.date().isoformat()}")
    if rules.flat_cents:
        flat += rules.flat_cents
        parts.append(f"flat {format_money(rules.flat_cents, currency)} per line")
    return LineTerms(percent, flat, head, shown, label, "".join(f" + {part}" for part in parts))


def line_terms_key(
    *, rules: RuleSetBody, sku: str, partner_id: str, is_new_customer: bool, trailing_revenue_cents: int,
    order_ts: datetime,
) -> tuple[object, ...]:  # fmt: skip
    """Everything of its arguments ``line_terms`` reads (for one ``rules`` and currency): lines with equal keys
    have equal terms. The partner counts only with an override, the SKU only with an override or a flash,
    the trailing revenue only through the tier it reaches, the order time only through the flashes on."""
    partner = partner_id if partner_id in rules.partner_overrides else None
    flashes = tuple(flash.start <= order_ts < flash.end for flash in rules.flash_incentives if flash.sku == sku)
    named = sku if flashes or sku in rules.sku_overrides else None
    tier = max(
        (tier.min_revenue_cents for tier in rules.volume_tiers if tier.min_revenue_cents <= trailing_revenue_cents),
        default=None,
    )
    return (partner, named, is_new_customer, tier, flashes)


def _base_percent(
    rules: RuleSetBody, is_new_customer: bool, trailing_revenue_cents: int, currency: str
) -> tuple[Decimal, str]:
    reached = [tier for tier in rules.volume_tiers if tier.min_revenue_cents <= trailing_revenue_cents]
    if reached:
        tier = max(reached, key=lambda t: t.min_revenue_cents)
        return tier.percent, f"volume tier ≥ {format_money(tier.min_revenue_cents, currency)}"
    if is_new_customer and rules.new_customer_percent is not None:
        return rules.new_customer_percent, "new customer"
    if not is_new_customer and rules.returning_customer_percent is not None:
        return rules.returning_customer_percent, "returning customer"
    return rules.percent, "default"


def ensure_default_rule_set(*, session: Session) -> None:
    """Create version 1 (the default body, effective from the epoch) if no rule set exists yet."""
    if session.scalar(select(func.count()).select_from(RuleSet)) == 0:
        session.add(RuleSet(version=1, effective_from=EPOCH, body=RuleSetBody().to_json(), note="default"))
        session.flush()


def publish_rule_set(*, session: Session, body: RuleSetBody, effective_from: datetime, note: str = "") -> int:
    """Publish ``body`` as the next version, in force for orders at or after ``effective_from``."""
    if effective_from.tzinfo is None:
        raise ValueError("effective_from must be timezone-aware")
    ensure_default_rule_set(session=session)
    version = int(session.scalar(select(func.max(RuleSet.version))) or 0) + 1
    session.add(RuleSet(version=version, effective_from=effective_from, body=body.to_json(), note=note))
    session.flush()
    return version


def rule_sets_in_force(*, session: Session) -> RuleBook:
    """Every published version (creating the default on first use), ready to pick one by order time."""
    ensure_default_rule_set(session=session)
    rows = session.scalars(select(RuleSet).order_by(RuleSet.effective_from, RuleSet.version)).all()
    return RuleBook(
        tuple(
            RuleVersion(row.version, row.effective_from, RuleSetBody.model_validate(row.body), row.note) for row in rows
        )
    )
