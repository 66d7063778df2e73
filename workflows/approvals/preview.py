"""The recomputed effect of approving a proposal, with or without a manager's edits, before it is applied.

``effect_preview(session=..., proposal=..., edits={"percent": "9"})`` is the one preview the CLI
(``afflow approvals show ID --set ...``), Slack (the Edit modal's confirmation) and the portal show. Its
money is what approving does to the program's money over 30 days, in minor units: + what the program keeps
or recovers, - what it costs. Rule changes (tier bumps, SKU and cohort rates, flash incentives) are priced by
the rules editor's preview (``workflows.portal.rules_preview.preview_rule_set``, i.e. the booking engine's
``Pricer``) on the very body ``tools.rule_changes`` would publish, so for the same change the two agree to
the cent. Edits are validated exactly as ``decide`` validates them (``edited_payload``): a refused edit raises
``ProposalEditError`` and the preview, like the decision, changes nothing. Pure reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from agents.approval.payloads import (
    LABELS,
    Clawback,
    CommissionChange,
    FlashIncentive,
    TierBump,
    edit_payload,
    read_payload,
)
from store.models import Proposal
from store.money import format_money, round_half_even
from store.rules import RuleSetBody
from tools import ledger_view, rule_changes
from tools.analytics_sql import resolve_window
from workflows.portal.rules_preview import RulePreview, preview_rule_set

PREVIEW_DAYS = 30


class Preview(BaseModel):
    """What approving a proposal (as edited) does: money over ``days`` and before/after lines for humans."""

    model_config = ConfigDict(frozen=True)

    proposal_id: int
    kind: str
    label: str
    payload: dict[str, Any]  # what would be applied: the proposed payload with the edits
    edited: dict[str, Any]  # payload field -> {"proposed": ..., "approved": ...} for each edited field
    currency: str
    days: int
    start: datetime | None  # the window the money is computed over (None: no window needed)
    end: datetime | None
    money_cents: int  # + kept or recovered, - cost, over ``days``
    commission_before_cents: int | None = None  # commission over the window: as booked, and as re-priced
    commission_after_cents: int | None = None
    lines: list[str]

    @property
    def money_text(self) -> str:
        """``-24.00 USD per 30 days`` (a cost) or ``+120.00 USD per 30 days`` (kept or recovered)."""
        sign = "+" if self.money_cents > 0 else ""
        return f"{sign}{format_money(self.money_cents, self.currency)} {self.currency} per {self.days} days"

    def view(self) -> dict[str, Any]:
        """The JSON the CLI (``approvals show --set``, ``approve --dry-run``) prints: money as decimal strings."""

        def money(cents: int | None) -> str | None:
            return None if cents is None else format_money(cents, self.currency)

        return {"money_effect": money(self.money_cents), "money_effect_cents": self.money_cents,
                "currency": self.currency, "days": self.days,
                "window": None if self.start is None or self.end is None
                else {"start": self.start.isoformat(), "end": self.end.isoformat()},
                "commission_before": money(self.commission_before_cents),
                "commission_after": money(self.commission_after_cents),
                "approved": self.payload, "edited": self.edited, "lines": self.lines}  # fmt: skip


def edited_payload(*, session: Session, proposal: Proposal, edits: Mapping[str, str]) -> dict[str, Any]:
    """The payload that approving with ``edits`` would apply (the proposed one without edits); raises
    ``ProposalEditError`` for an edit the kind does not allow or a value outside its bounds (a clawback is
    bounded by the net commission paid on its orders)."""
    if not edits:
        return dict(proposal.payload)
    paid = None
    if proposal.kind == "clawback" and proposal.partner_id is not None:
        orders = read_payload(Clawback, proposal.payload).order_ids
        if orders:
            paid = ledger_view.commission_on_orders(session=session, partner_id=proposal.partner_id, order_ids=orders)
    return edit_payload(proposal.kind, proposal.payload, edits, currency=ledger_view.program_currency(session=session),
                        commission_paid_cents=paid)  # fmt: skip


def proposed_rules(*, proposal: Proposal, payload: Mapping[str, Any], body: RuleSetBody, start: datetime,
                   end: datetime) -> RuleSetBody | None:  # fmt: skip
    """The rule body approving would publish over ``body`` (None: the kind changes no rule). A flash
    incentive is placed over ``[start, end]`` so that the window's orders are priced with it."""
    if proposal.kind == "tier_bump" and proposal.partner_id is not None:
        bump = read_payload(TierBump, payload)
        points = bump.points_over(rule_changes.effective_percent(body=body, partner_id=proposal.partner_id))
        return rule_changes.bumped_rules(body=body, partner_id=proposal.partner_id, points=points)
    if proposal.kind == "commission_change":
        change = read_payload(CommissionChange, payload)
        if change.partner_ids is not None:
            return rule_changes.cohort_rate_rules(body=body, partner_ids=change.partner_ids, percent=change.percent)
        assert change.sku is not None
        return rule_changes.sku_rate_rules(body=body, sku=change.sku, percent=change.percent)
    if proposal.kind == "flash_incentive":
        flash = read_payload(FlashIncentive, payload)
        return rule_changes.flash_rules(body=body, sku=flash.sku, bonus_percent=flash.bonus_percent, start=start,
                                        end=end + timedelta(microseconds=1))  # fmt: skip
    return None


def effect_preview(
    *, session: Session, proposal: Proposal, edits: Mapping[str, str] | None = None, as_of: datetime | None = None,
) -> Preview:
    """The recomputed effect of approving ``proposal`` with ``edits`` over the 30 days before ``as_of`` (by
    default the latest event, as the rules editor's preview); see the module docstring."""
    payload = edited_payload(session=session, proposal=proposal, edits=edits or {})
    edited = {key: {"proposed": proposal.payload.get(key), "approved": value}
              for key, value in payload.items() if proposal.payload.get(key) != value}  # fmt: skip
    currency = ledger_view.program_currency(session=session)
    common: dict[str, Any] = {"proposal_id": proposal.id, "kind": proposal.kind,
                              "label": LABELS.get(proposal.kind, proposal.kind), "payload": payload,
                              "edited": edited, "currency": currency, "days": PREVIEW_DAYS}  # fmt: skip
    if proposal.kind == "clawback":
        clawback = read_payload(Clawback, payload)
        orders = ", ".join(clawback.order_ids) or "its orders"
        return Preview(**common, start=None, end=None, money_cents=clawback.amount_cents,
                       lines=[f"recovers {format_money(clawback.amount_cents, currency)} {currency} of the commission "
                              f"paid on {orders}"])  # fmt: skip
    if proposal.kind in ("approve_application", "review_application", "reject_application"):
        verb = "declines" if proposal.kind == "reject_application" else "admits"
        return Preview(**common, start=None, end=None, money_cents=0,
                       lines=[f"{verb} application {proposal.application_id}"])  # fmt: skip
    window = resolve_window(session=session, days=PREVIEW_DAYS, as_of=as_of)  # the editor's window
    window_end = window.end
    current_body = rule_changes.current_rules(session=session, now=window_end)
    body = proposed_rules(proposal=proposal, payload=payload, body=current_body, start=window.start, end=window_end)
    if body is None:  # an offboarding: the commission the partner earned over the window stops
        booked = preview_rule_set(session=session, body=current_body, days=PREVIEW_DAYS, as_of=window_end)
        earned = _partner_row(booked, proposal.partner_id)
        return Preview(**common, start=booked.start, end=booked.end, money_cents=earned,
                       commission_before_cents=earned, commission_after_cents=0,
                       lines=[f"partner {proposal.partner_id} is offboarded: its links stop crediting",
                              f"commission it earned over the last {PREVIEW_DAYS} days: "
                              f"{format_money(earned, currency)} {currency} -> 0"])  # fmt: skip
    priced = preview_rule_set(session=session, body=body, days=PREVIEW_DAYS, as_of=window_end)
    if proposal.kind == "tier_bump":
        row = next((d for d in priced.partners if d.partner_id == proposal.partner_id), None)
        before, after = (row.current_cents, row.proposed_cents) if row is not None else (0, 0)
    else:
        before, after = priced.current_cents, priced.proposed_cents
    if proposal.kind == "flash_incentive":  # a flash lasts its days: count those of the 30
        flash = read_payload(FlashIncentive, payload)
        after = before + round_half_even(Decimal(after - before) * min(flash.days, PREVIEW_DAYS) / PREVIEW_DAYS)
    lines = _rate_lines(proposal, payload, current_body, body, currency)
    lines.append(f"commission over the last {PREVIEW_DAYS} days: {format_money(before, currency)} -> "
                 f"{format_money(after, currency)} {currency}")  # fmt: skip
    return Preview(**common, start=priced.start, end=priced.end, money_cents=before - after,
                   commission_before_cents=before, commission_after_cents=after, lines=lines)  # fmt: skip


def _partner_row(preview: RulePreview, partner_id: str | None) -> int:
    return next((d.current_cents for d in preview.partners if d.partner_id == partner_id), 0)


def _rate_lines(proposal: Proposal, payload: Mapping[str, Any], before: RuleSetBody, after: RuleSetBody,
               currency: str) -> list[str]:  # fmt: skip
    """Each dimension whose rate changes, ``before -> after``: for a tier bump the partner's, else any
    partner's without an override (a cohort change: the first cohort member's)."""
    partner = proposal.partner_id
    if proposal.kind == "commission_change" and partner is None:
        cohort = read_payload(CommissionChange, payload).partner_ids
        partner = cohort[0] if cohort else None
    old = rule_changes.earned_rates(body=before, currency=currency, partner_id=partner)
    new = rule_changes.earned_rates(body=after, currency=currency, partner_id=partner)
    lines = [f"{name}: {old.get(name, '-')} -> {new.get(name, '-')}" for name in dict.fromkeys([*old, *new])
             if old.get(name) != new.get(name)]  # fmt: skip
    for flash in after.flash_incentives[len(before.flash_incentives):]:
        days = read_payload(FlashIncentive, payload).days
        lines.append(f"SKU {flash.sku}: +{flash.bonus_percent.normalize():f}% flash bonus for {days} days")
    return lines or ["no rate changes"]
