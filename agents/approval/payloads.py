"""One typed payload per proposal kind: what applying needs, its bounds, and what a manager may edit.

The effects (``agents.approval.effects``) read payloads only through ``parse_payload``, never as raw
dicts; ``edit_payload`` is how a human's ``--set FIELD=VALUE`` becomes the payload that is applied, and
it refuses (``ProposalEditError``, nothing changed) any value outside the kind's bounds. Stored payloads
are the models' JSON dumps (rates as decimal strings, money in integer minor units).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from store.money import MoneyError, format_money, parse_money

Percent = Decimal  # a commission rate in percent points, e.g. Decimal('9.5')


class ProposalEditError(ValueError):
    """An edit a proposal's kind does not allow, or a value outside its bounds."""


class ProposalPayload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApplicationDecision(ProposalPayload):
    """approve_application / reject_application / review_application: the application is the subject."""


class TierBump(ProposalPayload):
    """The partner's headline rate ``previous_percent`` -> ``percent``: applied as that many points more under
    every dimension of the rules (``tools.rule_changes.bumped_rules``), not as one flat partner rate."""

    percent: Percent = Field(ge=0, le=100)
    previous_percent: Percent | None = Field(default=None, ge=0, le=100)

    def points_over(self, headline_now: Percent) -> Percent:
        """The points the bump adds: over the rate it was proposed from, else over the headline rate now."""
        return self.percent - (self.previous_percent if self.previous_percent is not None else headline_now)


class CommissionChange(ProposalPayload):
    """A SKU's rate (the commissions agent), or an experiment winner's rate for its cohort of partners."""

    percent: Percent = Field(ge=0, le=100)
    previous_percent: Percent | None = Field(default=None, ge=0, le=100)
    sku: str | None = None
    partner_ids: list[str] | None = None
    experiment_id: int | None = None
    variant: str | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> CommissionChange:
        if (self.sku is None) == (self.partner_ids is None):
            raise ValueError("a commission change names either a SKU or a cohort of partners")
        return self


class FlashIncentive(ProposalPayload):
    sku: str
    bonus_percent: Percent = Field(gt=0, le=100)
    days: int = Field(default=7, ge=1, le=90)


class Offboarding(ProposalPayload):
    signals: list[str] = Field(default_factory=list)


class Clawback(ProposalPayload):
    amount_cents: int = Field(gt=0)
    order_ids: list[str] = Field(default_factory=list)
    signal: str = ""

    @field_validator("amount_cents")
    @classmethod
    def _at_most_what_was_paid(cls, amount: int, info: ValidationInfo) -> int:
        paid = (info.context or {}).get("commission_paid_cents")
        if paid is not None and amount > paid:
            raise ValueError(f"the clawback ({amount} minor units) exceeds the commission paid on its orders ({paid})")
        return amount


PAYLOADS: dict[str, type[ProposalPayload]] = {
    "approve_application": ApplicationDecision,
    "reject_application": ApplicationDecision,
    "review_application": ApplicationDecision,
    "tier_bump": TierBump,
    "commission_change": CommissionChange,
    "flash_incentive": FlashIncentive,
    "offboard_partner": Offboarding,
    "clawback": Clawback,
}
# What a manager may --set, per kind: the name they type -> the payload field it sets.
EDITABLE: dict[str, dict[str, str]] = {
    "tier_bump": {"percent": "percent"},
    "commission_change": {"percent": "percent"},
    "flash_incentive": {"percent": "bonus_percent", "bonus_percent": "bonus_percent", "days": "days"},
    "clawback": {"amount": "amount_cents"},
}


# How a manager reads each kind (a group's heading), and the expected_impact entry that is its money effect
# over the agent's window: +1 what the program keeps or recovers, -1 what it costs (minor units).
LABELS: dict[str, str] = {
    "approve_application": "Admit applicants",
    "reject_application": "Decline applicants",
    "review_application": "Applications to review",
    "tier_bump": "Tier bumps",
    "commission_change": "Commission rate changes",
    "flash_incentive": "Flash incentives",
    "offboard_partner": "Offboardings",
    "clawback": "Clawbacks",
}
_MONEY_EFFECT: dict[str, tuple[str, int]] = {
    "tier_bump": ("extra_commission_at_current_run_rate", -1),
    "commission_change": ("margin_saved_on_remaining_stock_if_all_affiliate", 1),
    "flash_incentive": ("bonus_cost_at_current_run_rate", -1),
    "offboard_partner": ("commission_stopped_per_window", 1),
}

P = TypeVar("P", bound=ProposalPayload)


def money_effect(kind: str, payload: Mapping[str, Any], expected_impact: Mapping[str, Any], *, currency: str) -> int:
    """What approving the proposal does to the program's money, in minor units (0 where no amount is stated)."""
    if kind == "clawback":
        return read_payload(Clawback, payload).amount_cents
    key, sign = _MONEY_EFFECT.get(kind, ("", 0))
    stated = expected_impact.get(key)
    if not sign or not isinstance(stated, str):
        return 0
    try:
        return sign * parse_money(stated, currency)
    except MoneyError:
        return 0


def edit_fields(kind: str) -> dict[str, str]:
    """The payload fields a manager may edit on ``kind``, each with the name they type (its first alias)."""
    fields: dict[str, str] = {}
    for name, field in EDITABLE.get(kind, {}).items():
        fields.setdefault(field, name)
    return fields


def shown_value(field: str, payload: Mapping[str, Any], *, currency: str) -> str:
    """A payload field as a manager types it: money in the program's currency (``120.00``), the rest as stored."""
    value = payload.get(field)
    if value is None:
        return ""
    return format_money(int(value), currency) if field.endswith("_cents") else str(value)


def describe_edits(kind: str, proposed: Mapping[str, Any], approved: Mapping[str, Any] | None, *,
                   currency: str) -> str | None:  # fmt: skip
    """``"percent 9 (proposed 10)"``: each edited field as a manager named it, or None when nothing was edited."""
    if approved is None:
        return None
    parts = [f"{name} {shown_value(field, approved, currency=currency)} "
             f"(proposed {shown_value(field, proposed, currency=currency)})"
             for field, name in edit_fields(kind).items() if approved.get(field) != proposed.get(field)]  # fmt: skip
    return ", ".join(parts) or None


def read_payload(model: type[P], payload: Mapping[str, Any], *, commission_paid_cents: int | None = None) -> P:
    """A stored payload as the model its kind names (``ValidationError`` if it is not one)."""
    return model.model_validate(dict(payload), context={"commission_paid_cents": commission_paid_cents})


def parse_payload(kind: str, payload: Mapping[str, Any], *, commission_paid_cents: int | None = None) -> ProposalPayload:
    """The stored payload as its kind's model (``ValidationError`` if it is not one)."""
    return read_payload(PAYLOADS[kind], payload, commission_paid_cents=commission_paid_cents)


def edit_payload(
    kind: str, payload: Mapping[str, Any], edits: Mapping[str, str], *, currency: str,
    commission_paid_cents: int | None = None,
) -> dict[str, Any]:
    """The payload with the edits applied and re-validated, as stored JSON; ``ProposalEditError`` if refused."""
    allowed = EDITABLE.get(kind, {})
    changed = dict(payload)
    for name, text in edits.items():
        if name not in allowed:
            what = ", ".join(sorted(allowed)) if allowed else "nothing"
            raise ProposalEditError(f"a {kind} proposal has no editable field {name!r} (editable: {what})")
        field = allowed[name]
        if field == "amount_cents":
            try:
                changed[field] = parse_money(text, currency)
            except MoneyError as exc:
                raise ProposalEditError(f"{name}: {exc}") from exc
            if commission_paid_cents is not None and changed[field] > commission_paid_cents:
                raise ProposalEditError(f"{name}: {text} {currency} is more than the commission paid on the clawback's "
                                        f"orders ({format_money(commission_paid_cents, currency)} {currency})")
        else:
            changed[field] = text.strip()
    try:
        model = parse_payload(kind, changed, commission_paid_cents=commission_paid_cents)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or kind}: {e['msg'].removeprefix('Value error, ')}"
                             for e in exc.errors())
        raise ProposalEditError(f"edit refused: {problems}") from exc
    return dict(model.model_dump(mode="json"))
