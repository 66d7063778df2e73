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

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from agents.approval.kinds.base import EarningsStop, NoMoney, RuleChange, Scope, StatedAmount
from agents.approval.payloads import edit_payload
from agents.approval.registry import spec_of
from store.models import Proposal
from store.money import format_money, round_half_even
from store.rules import RuleSetBody
from tools import ledger_view, rule_changes
from tools.analytics_sql import Window, resolve_window
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
    ``ProposalEditError`` for an edit the kind does not allow or a value outside its bounds (with the kind's
    ``edit_context``: a clawback is bounded by the net commission paid on its orders)."""
    if not edits:
        return dict(proposal.payload)
    spec = spec_of(proposal.kind)
    context = spec.edit_context(session, proposal, spec.parse(proposal.payload)) if spec.edit_context else {}
    return edit_payload(proposal.kind, proposal.payload, edits, currency=ledger_view.program_currency(session=session),
                        context=context)  # fmt: skip


def proposed_rules(*, proposal: Proposal, payload: Mapping[str, Any], body: RuleSetBody, start: datetime,
                   end: datetime) -> RuleSetBody | None:  # fmt: skip
    """The rule body approving would publish over ``body`` (None: the kind changes no rule). A flash
    incentive is placed over ``[start, end]`` so that the window's orders are priced with it."""
    spec = spec_of(proposal.kind)
    if not isinstance(spec.effect, RuleChange):
        return None
    return spec.effect.rules(body, spec.parse(payload), proposal, start, end)


class Pricing:
    """What previews share within one listing: the window, the rules in force at its end, and the whole program's
    lines re-priced under those rules (priced once, when first needed). A rule change with a ``Scope`` re-prices
    only its lines; the program's other lines price as they do under the current rules, so its figure is the
    rules editor's preview of the whole body, to the cent, at a fraction of the cost."""

    def __init__(self, *, session: Session, as_of: datetime | None = None, window: Window | None = None) -> None:
        self.session = session
        self.window = window or resolve_window(session=session, days=PREVIEW_DAYS, as_of=as_of)  # the editor's
        self.current_body = rule_changes.current_rules(session=session, now=self.window.end)
        self.currency = ledger_view.program_currency(session=session)
        self._program: RulePreview | None = None

    def program(self) -> RulePreview:
        """Every line of the window: as booked (``current_cents``) and re-priced under the current rules."""
        if self._program is None:
            self._program = self.price(self.current_body)
        return self._program

    def price(self, body: RuleSetBody, scope: Scope | None = None) -> RulePreview:
        return preview_rule_set(session=self.session, body=body, days=PREVIEW_DAYS, as_of=self.window.end,
                                partner_ids=scope.partner_ids if scope else None,
                                skus=scope.skus if scope else None)  # fmt: skip


def effect_preview(
    *, session: Session, proposal: Proposal, edits: Mapping[str, str] | None = None, as_of: datetime | None = None,
    pricing: Pricing | None = None,
) -> Preview:
    """The recomputed effect of approving ``proposal`` with ``edits`` over the 30 days before ``as_of`` (by
    default the latest event, as the rules editor's preview); ``pricing`` when a listing prices many proposals
    over one window; see the module docstring."""
    spec = spec_of(proposal.kind)
    payload = edited_payload(session=session, proposal=proposal, edits=edits or {})
    parsed = spec.parse(payload)
    edited = {key: {"proposed": proposal.payload.get(key), "approved": value}
              for key, value in payload.items() if proposal.payload.get(key) != value}  # fmt: skip
    currency = pricing.currency if pricing is not None else ledger_view.program_currency(session=session)
    common: dict[str, Any] = {"proposal_id": proposal.id, "kind": proposal.kind, "label": spec.label,
                              "payload": payload, "edited": edited, "currency": currency, "days": PREVIEW_DAYS}  # fmt: skip
    effect = spec.effect
    if isinstance(effect, StatedAmount):
        return Preview(**common, start=None, end=None, money_cents=effect.cents(parsed),
                       lines=[effect.line(parsed, currency)])  # fmt: skip
    if isinstance(effect, NoMoney):
        return Preview(**common, start=None, end=None, money_cents=0, lines=[effect.line(proposal)])
    pricing = pricing or Pricing(session=session, as_of=as_of)
    window, current_body = pricing.window, pricing.current_body
    if isinstance(effect, EarningsStop):  # the commission the partner earned over the window stops
        earned = _partner_row(pricing.program(), proposal.partner_id)
        return Preview(**common, start=window.start, end=window.end, money_cents=earned,
                       commission_before_cents=earned, commission_after_cents=0,
                       lines=[f"partner {proposal.partner_id} is offboarded: its links stop crediting",
                              f"commission it earned over the last {PREVIEW_DAYS} days: "
                              f"{format_money(earned, currency)} {currency} -> 0"])  # fmt: skip
    body = effect.rules(current_body, parsed, proposal, window.start, window.end)
    scope = effect.scope(parsed, proposal) if effect.scope is not None else None
    if effect.partner:
        priced = pricing.price(body, scope)
        row = next((d for d in priced.partners if d.partner_id == proposal.partner_id), None)
        before, after = (row.current_cents, row.proposed_cents) if row is not None else (0, 0)
    elif scope is None:
        priced = pricing.price(body)
        before, after = priced.current_cents, priced.proposed_cents
    else:  # the scope's lines under the new rules, the program's others as the current rules price them
        program, inside_now = pricing.program(), pricing.price(current_body, scope)
        before = program.current_cents
        after = program.proposed_cents - inside_now.proposed_cents + pricing.price(body, scope).proposed_cents
    if effect.lasts_days is not None:  # it lasts its days: count those of the 30
        lasting = min(effect.lasts_days(parsed), PREVIEW_DAYS)
        after = before + round_half_even(Decimal(after - before) * lasting / PREVIEW_DAYS)
    lines = _rate_lines(effect.shown_partner(parsed, proposal), current_body, body, currency,
                        days=effect.lasts_days(parsed) if effect.lasts_days is not None else None)  # fmt: skip
    lines.append(f"commission over the last {PREVIEW_DAYS} days: {format_money(before, currency)} -> "
                 f"{format_money(after, currency)} {currency}")  # fmt: skip
    return Preview(**common, start=window.start, end=window.end, money_cents=before - after,
                   commission_before_cents=before, commission_after_cents=after, lines=lines)  # fmt: skip


def _partner_row(preview: RulePreview, partner_id: str | None) -> int:
    return next((d.current_cents for d in preview.partners if d.partner_id == partner_id), 0)


def _rate_lines(partner: str | None, before: RuleSetBody, after: RuleSetBody, currency: str, *,
               days: int | None) -> list[str]:  # fmt: skip
    """Each dimension whose rate changes, ``before -> after``, for ``partner`` (None: any partner without an
    override), and each flash incentive added (lasting ``days``)."""
    old = rule_changes.earned_rates(body=before, currency=currency, partner_id=partner)
    new = rule_changes.earned_rates(body=after, currency=currency, partner_id=partner)
    lines = [f"{name}: {old.get(name, '-')} -> {new.get(name, '-')}" for name in dict.fromkeys([*old, *new])
             if old.get(name) != new.get(name)]  # fmt: skip
    for flash in after.flash_incentives[len(before.flash_incentives):]:
        lines.append(f"SKU {flash.sku}: +{flash.bonus_percent.normalize():f}% flash bonus"
                     + (f" for {days} days" if days is not None else ""))  # fmt: skip
    return lines or ["no rate changes"]


def listing_effects(*, session: Session, proposals: Sequence[Proposal], as_of: datetime | None = None) -> dict[int, int]:
    """Each proposal's money effect as ``effect_preview`` states it (as proposed), over one shared window: what
    the inbox cards and the group totals show. A proposal whose payload no longer reads as its kind's model
    counts 0 rather than breaking the listing."""
    pricing = Pricing(session=session, as_of=as_of)
    effects: dict[int, int] = {}
    for proposal in proposals:
        try:
            effects[proposal.id] = effect_preview(session=session, proposal=proposal, pricing=pricing).money_cents
        except (KeyError, ValueError):  # an unknown kind, a payload its model refuses (pydantic's is a ValueError)
            effects[proposal.id] = 0
    return effects
