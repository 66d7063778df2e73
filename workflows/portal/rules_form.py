"""The no-code rules form and the YAML import/export, both mapping onto ``store.rules.RuleSetBody``.

The form speaks the manager's language (percentages, amounts in the program currency, one rule per line);
the body speaks the engine's (Decimal percents, integer cents). Every problem is reported with the field
and line it came from, and nothing is published unless the whole body validates.

Line formats (blank lines and lines starting with ``#`` are ignored):
  volume tiers       ``<min trailing-30-day revenue> <percent>``          e.g. ``5000.00 12``
  SKU / partner rate ``<id> <percent>%`` or ``<id> <flat amount>``         e.g. ``SKU-1 15%``, ``p-alice 2.50``
  partner bump       ``<id> +<points>%`` (added to every rate the partner earns), alone or after its rate
                     e.g. ``p-alice +2%``, ``p-bob 8% +1.5%``
  flash incentives   ``<sku> <start YYYY-MM-DD> <end YYYY-MM-DD> <bonus %>`` (start inclusive, end exclusive, UTC)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from pydantic import ValidationError

from store.money import MoneyError, format_money, parse_money
from store.rules import FlashIncentive, RateRule, RuleSetBody, VolumeTier

FIELDS = (
    "percent",
    "flat",
    "new_customer_percent",
    "returning_customer_percent",
    "volume_tiers",
    "sku_overrides",
    "flash_incentives",
    "partner_overrides",
)


class RulesFormError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}"


def body_to_form(body: RuleSetBody, currency: str) -> dict[str, str]:
    def rate(rule: RateRule) -> str:
        plus = "" if rule.plus_percent is None else f"{'+' if rule.plus_percent >= 0 else ''}{_pct(rule.plus_percent)}%"
        if rule.percent is not None:
            return f"{_pct(rule.percent)}% {plus}".strip()
        if rule.flat_cents is not None:
            return f"{format_money(rule.flat_cents, currency)} {plus}".strip()
        return plus

    return {
        "percent": _pct(body.percent),
        "flat": format_money(body.flat_cents, currency),
        "new_customer_percent": "" if body.new_customer_percent is None else _pct(body.new_customer_percent),
        "returning_customer_percent": (
            "" if body.returning_customer_percent is None else _pct(body.returning_customer_percent)
        ),
        "volume_tiers": "\n".join(
            f"{format_money(t.min_revenue_cents, currency)} {_pct(t.percent)}" for t in body.volume_tiers
        ),
        "sku_overrides": "\n".join(f"{sku} {rate(rule)}" for sku, rule in sorted(body.sku_overrides.items())),
        "flash_incentives": "\n".join(
            f"{f.sku} {f.start.date().isoformat()} {f.end.date().isoformat()} {_pct(f.bonus_percent)}"
            for f in body.flash_incentives
        ),
        "partner_overrides": "\n".join(f"{pid} {rate(rule)}" for pid, rule in sorted(body.partner_overrides.items())),
    }


class _Reader:
    def __init__(self, currency: str) -> None:
        self.currency = currency
        self.problems: list[str] = []

    def percent(self, text: str, where: str) -> Decimal | None:
        try:
            value = Decimal(text.strip().rstrip("%"))
        except InvalidOperation:
            self.problems.append(f"{where}: {text!r} is not a percentage")
            return None
        if not value.is_finite() or not 0 <= value <= 100:
            self.problems.append(f"{where}: {text!r} must be between 0 and 100")
            return None
        return value

    def points(self, text: str, where: str) -> Decimal | None:
        """A partner bump, ``+2%`` or ``-1.5%``: points added to (taken from) every rate the partner earns."""
        try:
            value = Decimal(text.strip().rstrip("%"))
        except InvalidOperation:
            self.problems.append(f"{where}: {text!r} is not a bump in points (e.g. +2%)")
            return None
        if not value.is_finite() or not -100 <= value <= 100:
            self.problems.append(f"{where}: {text!r} must be between -100 and +100 points")
            return None
        return value

    def money(self, text: str, where: str) -> int | None:
        try:
            cents = parse_money(text, self.currency)
        except MoneyError as error:
            self.problems.append(f"{where}: {error}")
            return None
        if cents < 0:
            self.problems.append(f"{where}: {text!r} must not be negative")
            return None
        return cents

    def day(self, text: str, where: str) -> datetime | None:
        try:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            self.problems.append(f"{where}: {text!r} is not a date (YYYY-MM-DD)")
            return None

    def rate(self, text: str, where: str) -> RateRule | None:
        if text.endswith("%"):
            percent = self.percent(text, where)
            return None if percent is None else RateRule(percent=percent)
        flat = self.money(text, where)
        return None if flat is None else RateRule(flat_cents=flat)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, line.split())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.strip().startswith("#")
    ]


def form_to_body(fields: Mapping[str, str], currency: str) -> RuleSetBody:
    """Parse the form into a validated body; raises ``RulesFormError`` listing every problem."""
    read = _Reader(currency)
    data: dict[str, Any] = {
        "percent": read.percent(fields.get("percent", "") or "0", "default percent"),
        "flat_cents": read.money(fields.get("flat", "") or "0", "flat amount per line"),
    }
    for name, label in (
        ("new_customer_percent", "new-customer percent"),
        ("returning_customer_percent", "returning-customer percent"),
    ):
        text = fields.get(name, "").strip()
        data[name] = read.percent(text, label) if text else None
    tiers = []
    for number, parts in _lines(fields.get("volume_tiers", "")):
        where = f"volume tiers line {number}"
        if len(parts) != 2:
            read.problems.append(f"{where}: expected '<min revenue> <percent>'")
            continue
        minimum, percent = read.money(parts[0], where), read.percent(parts[1], where)
        if minimum is not None and percent is not None:
            tiers.append(VolumeTier(min_revenue_cents=minimum, percent=percent))
    data["volume_tiers"] = tuple(tiers)
    for name, label in (("sku_overrides", "SKU rates"), ("partner_overrides", "partner rates")):
        rates: dict[str, RateRule] = {}
        for number, parts in _lines(fields.get(name, "")):
            where = f"{label} line {number}"
            bump = None
            if name == "partner_overrides" and len(parts) in (2, 3) and parts[-1][:1] in "+-" and parts[-1][-1:] == "%":
                bump, parts = parts[-1], parts[:-1]
            if len(parts) not in ((1, 2) if bump is not None else (2,)):
                read.problems.append(f"{where}: expected '<id> <percent>%' or '<id> <amount>'")
                continue
            plus = read.points(bump, where) if bump is not None else None
            rule = read.rate(parts[1], where) if len(parts) == 2 else None
            if (bump is not None and plus is None) or (len(parts) == 2 and rule is None):
                continue
            rates[parts[0]] = RateRule(percent=rule.percent if rule else None,
                                       flat_cents=rule.flat_cents if rule else None, plus_percent=plus)  # fmt: skip
        data[name] = rates
    flashes = []
    for number, parts in _lines(fields.get("flash_incentives", "")):
        where = f"flash incentives line {number}"
        if len(parts) != 4:
            read.problems.append(f"{where}: expected '<sku> <start> <end> <bonus %>'")
            continue
        start, end, bonus = read.day(parts[1], where), read.day(parts[2], where), read.percent(parts[3], where)
        if start is None or end is None or bonus is None:
            continue
        if end <= start:
            read.problems.append(f"{where}: the end must be after the start")
            continue
        flashes.append(FlashIncentive(sku=parts[0], start=start, end=end, bonus_percent=bonus))
    data["flash_incentives"] = tuple(flashes)
    if read.problems:
        raise RulesFormError(read.problems)
    return validate_body(data)


def validate_body(data: Any) -> RuleSetBody:
    try:
        return RuleSetBody.model_validate(data)
    except ValidationError as error:
        raise RulesFormError(
            [f"{'.'.join(str(p) for p in e['loc']) or 'rules'}: {e['msg']}" for e in error.errors()]
        ) from error


def body_to_yaml(body: RuleSetBody) -> str:
    return yaml.safe_dump(body.to_json(), sort_keys=False, allow_unicode=True)


def yaml_to_body(text: str) -> RuleSetBody:
    """A rule set from YAML in the export format: ``RuleSetBody`` fields, money in integer cents."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RulesFormError([f"YAML: {error}"]) from error
    if not isinstance(data, dict):
        raise RulesFormError(["YAML: expected a mapping of rule fields at the top level"])
    return validate_body(data)
