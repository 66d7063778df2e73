"""The report's decision and fraud sections: what waits for a human, what each costs or saves, and who was
flagged for what. Pure shaping of proposals and findings already loaded (no SQL here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel

from agents.approval import registry
from store.models import Proposal
from tools.fraud import Finding
from tools.proposals import EXPIRY

PER_KIND = 3
KIND_LABELS = {
    "tier_bump": "Tier bumps for growth partners",
    "offboard_partner": "Offboarding (fraud or destroyed margin)",
    "clawback": "Clawbacks on fraudulent orders",
    "flash_incentive": "Flash incentives on overstock",
    "commission_change": "Commission cuts on fast sellers running low",
    "approve_application": "Applications to approve",
    "reject_application": "Applications to reject",
    "review_application": "Applications to review",
}
MESSAGE_LABELS = {"brief": "creative briefs", "nudge": "performance nudges", "launch": "launch briefs",
                  "summary": "weekly reports", "welcome": "welcome letters", "decline": "decline letters"}
# the expected_impact entry that measures each kind, and how to say it
EFFECTS = {
    "tier_bump": ("extra_commission_at_current_run_rate", "costs {} per 30 days at today's sales"),
    "offboard_partner": ("commission_stopped_per_window", "stops {} of commission per 30 days"),
    "clawback": ("money_protected", "recovers {}"),
    "flash_incentive": ("bonus_cost_at_current_run_rate", "costs about {} for the week"),
    "commission_change": ("margin_saved_on_remaining_stock_if_all_affiliate", "saves up to {} on the stock left"),
}


SHORT_LABELS = {"tier_bump": "tier bumps", "offboard_partner": "offboardings", "clawback": "clawbacks",
                "flash_incentive": "flash incentives", "commission_change": "commission cuts",
                "approve_application": "applications to approve", "reject_application": "applications to reject",
                "review_application": "applications to review"}


class DecisionGroup(BaseModel):
    label: str
    short: str
    count: int
    expires: str  # the earliest expiry in the group
    total: str  # the kind's money effect summed, said as a phrase ("costs 12.00 USD per 30 days ..."); "" if none
    examples: list[str]  # the largest few: summary, effect


class FraudRow(BaseModel):
    partner: str
    signals: str
    clawback: str
    clawback_cents: int
    action: str  # what is proposed for it


def amount(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def human(value: Decimal, currency: str) -> str:
    return f"{value.quantize(Decimal('0.01')):,} {currency}"


def decision_groups(pending: Sequence[Proposal], currency: str, now: datetime) -> list[DecisionGroup]:
    """Pending proposals by kind, largest money effect first, each with its biggest items and expiry."""
    groups: list[DecisionGroup] = []
    # the report's own wording for the built-in kinds; any other registered kind under the registry's label, so
    # a kind added in its one module is never left out of the report
    others = sorted({p.kind for p in pending} - KIND_LABELS.keys())
    for kind, label in [*KIND_LABELS.items(), *((kind, registry.label(kind)) for kind in others)]:
        items = [p for p in pending if p.kind == kind]
        if not items:
            continue
        key, phrase = EFFECTS.get(kind, ("", ""))
        items.sort(key=lambda p: -amount(p.expected_impact.get(key, 0)) if key else p.id)
        total = sum((amount(p.expected_impact.get(key, 0)) for p in items), Decimal(0)) if key else Decimal(0)
        examples = []
        for proposal in items[:PER_KIND]:
            money = human(amount(proposal.expected_impact.get(key, 0)), currency)
            effect = phrase.format(money) if key and money not in proposal.summary else ""
            line = proposal.summary[:1].upper() + proposal.summary[1:]
            examples.append(line + (f" — {effect}" if effect else ""))
        expires = min(p.created_at for p in items) + EXPIRY
        groups.append(DecisionGroup(label=label, short=SHORT_LABELS.get(kind, label.lower()), count=len(items),
                                    expires=expires.date().isoformat(), total=phrase.format(human(total, currency)),
                                    examples=examples))
    return groups


def fraud_rows(findings: Sequence[Finding], names: Mapping[str, str], clawbacks: Mapping[str, Decimal],
               proposed: Mapping[str, set[str]], currency: str) -> list[FraudRow]:
    """High-severity partners this week, by name, with their signals, the clawback and what is proposed."""
    signals: dict[str, set[str]] = {}
    for finding in findings:
        if finding.severity == "high":
            signals.setdefault(finding.partner_id, set()).add(finding.signal.replace("_", " "))
    rows = []
    for pid, found in signals.items():
        kinds = proposed.get(pid, set())
        action = " + ".join(word for kind, word in (("offboard_partner", "offboard"), ("clawback", "claw back"))
                            if kind in kinds) or "review (no order evidence to claw back yet)"
        claw = clawbacks.get(pid, Decimal(0))
        rows.append(FraudRow(partner=f"{names.get(pid, pid)} ({pid})", signals=", ".join(sorted(found)),
                             clawback=human(claw, currency) if claw else "—", clawback_cents=int(claw * 100),
                             action=action))
    return sorted(rows, key=lambda row: (-row.clawback_cents, row.partner))
