"""The manager inbox as a page shows it: pending proposals filtered, grouped by kind, each group's money effect.

Grouping and the groups' order are ``workflows.approvals.groups.group_proposals``'s (the CLI's and Slack's);
this module only filters (kind, partner, network, severity), words each proposal (``proposal_text``) and
says how an edit would change its money effect. It reads; it never decides (routes call
``workflows.approvals.decide`` / ``groups``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from agents.approval.payloads import editable_fields
from agents.approval.registry import known, label
from store.db import MAX_ROW_ID
from store.models import Partner, Proposal
from store.money import format_money
from tools import ledger_view, proposals
from tools.proposals import EXPIRY
from workflows.approvals.groups import group_proposals
from workflows.approvals.preview import effect_preview, listing_effects
from workflows.portal.proposal_text import ProposalText, describe, effect_text

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class InboxFilters:
    kind: str = ""
    partner: str = ""
    network: str = ""
    severity: str = ""

    @classmethod
    def clean(cls, *, kind: str, partner: str, network: str, severity: str) -> InboxFilters:
        """Query values as filters; a kind or severity that does not exist filters nothing out rather than all."""
        return cls(kind=kind if known(kind) else "", partner=partner.strip()[:64],
                   network=network.strip()[:64], severity=severity if severity in SEVERITIES else "")  # fmt: skip

    @property
    def active(self) -> bool:
        return any((self.kind, self.partner, self.network, self.severity))

    def query(self) -> str:
        """The filters as a query string (``kind=tier_bump&partner=p1``) for links that keep them."""
        return urlencode({k: v for k, v in (("kind", self.kind), ("partner", self.partner), ("network", self.network),
                                            ("severity", self.severity)) if v})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    kind: str
    text: ProposalText
    partner_id: str | None
    partner_name: str
    networks: tuple[str, ...]
    severity: str
    effect_cents: int
    effect: str
    created_at: datetime
    expires_on: date
    expired: bool
    editable: bool
    agent: str


@dataclass(frozen=True, slots=True)
class GroupView:
    kind: str
    label: str
    effect_cents: int
    effect: str
    cards: tuple[Card, ...]

    @property
    def count(self) -> int:
        return len(self.cards)


@dataclass(frozen=True, slots=True)
class InboxView:
    currency: str
    groups: tuple[GroupView, ...]
    filters: InboxFilters
    waiting: int  # pending proposals before filtering
    kinds: tuple[tuple[str, str], ...]  # (kind, label) for the filter's choices
    partners: tuple[tuple[str, str], ...]
    networks: tuple[str, ...]
    severities: tuple[str, ...] = SEVERITIES


@dataclass(frozen=True, slots=True)
class EditField:
    name: str  # what the form posts (``set_<name>``) and ``decide(edits=...)`` takes
    label: str
    value: str  # as proposed, in the unit a person types (percent points, money, days)
    unit: str


@dataclass(frozen=True, slots=True)
class EditPreview:
    """An edit re-validated by the kind's model, and its money effect next to the proposed one."""

    edits: dict[str, str]
    payload: dict[str, Any]
    proposed_effect_cents: int  # both over the same ``days``, priced the same way
    edited_effect_cents: int
    days: int
    changes: tuple[tuple[str, str, str], ...] = field(default=())  # (field label, proposed, edited)
    lines: tuple[str, ...] = ()  # how the effect was worked out, for people


@dataclass(frozen=True, slots=True)
class AllExcept(Collection[int]):
    """Every proposal id but ``chosen``: a group decision's exclusions when the page decides exactly what it
    showed, so a member filtered out, unticked, or proposed after the page was drawn is never decided by it."""

    chosen: frozenset[int]

    def __contains__(self, item: object) -> bool:
        return isinstance(item, int) and item not in self.chosen

    def __iter__(self) -> Iterator[int]:
        return (i for i in range(1, MAX_ROW_ID + 1) if i not in self.chosen)

    def __len__(self) -> int:
        return MAX_ROW_ID - len([i for i in self.chosen if 1 <= i <= MAX_ROW_ID])


def build_inbox(*, session: Session, filters: InboxFilters, now: datetime) -> InboxView:
    currency = ledger_view.program_currency(session=session)
    pending = proposals.list_proposals(session=session, status="pending")
    partners = {p.id: p for p in session.scalars(select(Partner))}
    effects = listing_effects(session=session, proposals=pending)
    cards = {p.id: card(p, partners=partners, currency=currency, now=now, effect_cents=effects[p.id]) for p in pending}
    shown = [p for p in pending if _matches(cards[p.id], p, filters)]
    groups = tuple(
        GroupView(kind=g.kind, label=g.label, effect_cents=g.money_effect_cents,
                  effect=effect_text(g.money_effect_cents, currency),
                  cards=tuple(sorted((cards[i] for i in g.proposal_ids), key=lambda c: (-abs(c.effect_cents), c.id))))
        for g in group_proposals(pending=shown, effects=effects)
    )  # fmt: skip
    present = sorted({p.kind for p in pending}, key=label)
    return InboxView(
        currency=currency, groups=groups, filters=filters, waiting=len(pending),
        kinds=tuple((k, label(k)) for k in present),
        partners=tuple(sorted({(c.partner_id, c.partner_name) for c in cards.values() if c.partner_id is not None})),
        networks=tuple(sorted({n for c in cards.values() for n in c.networks})),
    )  # fmt: skip


def card(proposal: Proposal, *, partners: Mapping[str, Partner], currency: str, now: datetime,
         effect_cents: int) -> Card:  # fmt: skip
    """One proposal as the inbox shows it; ``effect_cents`` is its effect preview's (``listing_effects``)."""
    partner = partners.get(proposal.partner_id or "")
    name = partner.name if partner is not None else (proposal.partner_id or "")
    effect = effect_cents
    return Card(
        id=proposal.id, kind=proposal.kind,
        text=describe(proposal, payload=proposal.payload, partner_name=name or "the partner", currency=currency),
        partner_id=proposal.partner_id, partner_name=name,
        networks=tuple(sorted({partners[p].network for p in _partner_ids(proposal) if p in partners})),
        severity=severity_of(proposal), effect_cents=effect, effect=effect_text(effect, currency),
        created_at=proposal.created_at, expires_on=(proposal.created_at + EXPIRY).date(),
        expired=proposal.created_at < now - EXPIRY, editable=bool(editable_fields(proposal.kind)), agent=proposal.agent,
    )  # fmt: skip


def severity_of(proposal: Proposal) -> str:
    """The gravest fraud finding behind a proposal (offboardings and clawbacks); "" for the others."""
    evidence = proposal.evidence or {}
    found = {str(f.get("severity")) for f in evidence.get("findings") or [] if isinstance(f, Mapping)}
    if isinstance(evidence.get("severity"), str):
        found.add(evidence["severity"])
    if proposal.kind == "clawback" and not found:
        found.add("high")  # agents.commissions claws back on high-severity findings only
    return next((s for s in SEVERITIES if s in found), "")


def _partner_ids(proposal: Proposal) -> set[str]:
    cohort = (proposal.payload or {}).get("partner_ids")
    ids = {str(p) for p in cohort} if isinstance(cohort, list) else set()
    return ids | ({proposal.partner_id} if proposal.partner_id else set())


def _matches(card: Card, proposal: Proposal, filters: InboxFilters) -> bool:
    return ((not filters.kind or proposal.kind == filters.kind)
            and (not filters.partner or filters.partner in _partner_ids(proposal))
            and (not filters.network or filters.network in card.networks)
            and (not filters.severity or card.severity == filters.severity))  # fmt: skip


def edit_fields(kind: str, payload: Mapping[str, Any], *, currency: str) -> tuple[EditField, ...]:
    """The kind's editable fields (its ``KindSpec.editable``), with the payload's values as a person types them."""
    fields: list[EditField] = []
    for spec in editable_fields(kind):
        value = payload.get(spec.field)
        if spec.unit == "money":
            fields.append(EditField(spec.names[0], spec.label, format_money(int(value or 0), currency), currency))
        elif spec.unit == "days":
            fields.append(EditField(spec.names[0], spec.label, str(value), "days"))
        else:
            fields.append(EditField(spec.names[0], spec.label, f"{Decimal(str(value)).normalize():f}", "%"))
    return tuple(fields)


def preview_edit(*, session: Session, proposal: Proposal, submitted: Mapping[str, str], now: datetime) -> EditPreview:
    """Re-validate the submitted values as ``decide`` will and recompute the money effect; nothing is written.

    The effect, as proposed and as edited, is ``workflows.approvals.preview.effect_preview``'s (the CLI's and
    Slack's: the rules editor's pricing of the very rules approving would publish, over the same 30 days), so
    the two numbers compare like for like. Raises ``ProposalEditError`` (a value out of the kind's bounds, a
    field it does not allow) or ``ProposalStateError`` (no longer pending, or expired): ``decide``'s refusals.
    """
    if proposal.status != "pending":
        raise proposals.ProposalStateError(f"proposal {proposal.id} is {proposal.status}, not pending")
    if proposal.created_at < now - EXPIRY:
        raise proposals.ProposalStateError(f"proposal {proposal.id} expired on {(proposal.created_at + EXPIRY).date()}")
    currency = ledger_view.program_currency(session=session)
    fields = edit_fields(proposal.kind, proposal.payload, currency=currency)
    proposed = {f.name: f.value for f in fields}
    edits = {name: value.strip() for name, value in submitted.items() if value.strip() != proposed.get(name, "")}
    edited = effect_preview(session=session, proposal=proposal, edits=edits)
    as_proposed = effect_preview(session=session, proposal=proposal, edits={}) if edits else edited
    after = {f.name: f.value for f in edit_fields(proposal.kind, edited.payload, currency=currency)}
    labels = {f.name: f"{f.label} ({f.unit})" for f in fields}
    return EditPreview(
        edits=edits, payload=edited.payload, days=edited.days,
        proposed_effect_cents=as_proposed.money_cents, edited_effect_cents=edited.money_cents,
        changes=tuple((labels[n], proposed[n], after[n]) for n in proposed if proposed[n] != after.get(n)),
        lines=tuple(edited.lines),
    )  # fmt: skip


def form_edits(form: Mapping[str, object], kind: str) -> dict[str, str]:
    """The ``set_<name>`` fields a form posted, for the kind's editable names only."""
    return {name: value for field in editable_fields(kind) for name in field.names
            if isinstance(value := form.get(f"set_{name}"), str)}  # fmt: skip


def edit_note(proposal: Proposal, *, currency: str) -> str:
    """What a manager changed before approving (``Rate (%) 10 → 9``), or ""."""
    if proposal.approved_payload is None:
        return ""
    before = {f.name: f for f in edit_fields(proposal.kind, proposal.payload, currency=currency)}
    after = {f.name: f.value for f in edit_fields(proposal.kind, proposal.approved_payload, currency=currency)}
    return ", ".join(
        f"{f.label} ({f.unit}) {f.value} → {after[n]}" for n, f in before.items() if after.get(n) != f.value
    )


def decided_rows(*, session: Session, limit: int = 30) -> Sequence[Proposal]:
    return list(session.scalars(select(Proposal).where(Proposal.status != "pending")
                                .order_by(Proposal.id.desc()).limit(limit)))  # fmt: skip
