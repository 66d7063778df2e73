"""What every proposal kind declares, in one ``KindSpec``: its payload model and bounds, what a manager may edit,
how a manager names it, how its money effect is found, and what approving (or rejecting) it does.

A kind is one module of this package holding its ``SPEC``; ``agents.approval.registry`` lists them, and the
rest of afflow (effects, preview, groups, portal, Slack, CLI) dispatches through the registry, never on a kind's
name. This module declares shapes only: it reads and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from store.models import Proposal
from store.rules import RuleSetBody

Percent = Decimal  # a commission rate in percent points, e.g. Decimal('9.5')


class ProposalEditError(ValueError):
    """An edit a proposal's kind does not allow, or a value outside its bounds."""


class ProposalPayload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


P = TypeVar("P", bound=ProposalPayload)
Unit = Literal["percent", "money", "days"]
UNITS: tuple[str, ...] = get_args(Unit)


@dataclass(frozen=True, slots=True)
class Applying:
    """What an apply (or reject) function is given: the claimed proposal in the caller's transaction."""

    session: Session
    proposal: Proposal
    public_url: str
    now: datetime

    @property
    def note(self) -> str:
        """The rule-set note: the proposal and what the approver edited (``proposal 7: ... (edited: percent 9)``)."""
        proposal = self.proposal
        applied = proposal.approved_payload if proposal.approved_payload is not None else proposal.payload
        edited = {k: v for k, v in applied.items() if proposal.payload.get(k) != v}
        suffix = " (edited: " + ", ".join(f"{k} {v}" for k, v in sorted(edited.items())) + ")" if edited else ""
        return f"proposal {proposal.id}: {proposal.summary}{suffix}"


@dataclass(frozen=True, slots=True)
class EditableField:
    """A payload field a manager may set: ``names`` are what they type (``--set percent=9``; the first is shown),
    ``unit`` how it is typed: ``percent`` (points, ``9.5``), ``money`` (``120.00`` in the program's currency,
    stored in minor units), ``days``."""

    field: str
    names: tuple[str, ...]
    label: str
    unit: Unit


@dataclass(frozen=True, slots=True)
class Scope:
    """The order lines a rule change can re-price: those of these partners, of these SKUs (None: any). Lines
    outside it price the same under the rules before and after, so a listing prices them once for all."""

    partner_ids: tuple[str, ...] | None = None
    skus: tuple[str, ...] | None = None


# How a kind's money effect over the preview's 30 days is found (``workflows.approvals.preview``):
@dataclass(frozen=True, slots=True)
class RuleChange(Generic[P]):
    """Approving publishes a rule body: priced by the rules editor's preview. ``scope`` (if known) bounds the
    lines it re-prices; ``partner`` counts the money of the proposal's partner only (else the whole
    program's); ``shown_partner`` is whose rates the lines list; ``lasts_days`` counts only those days of
    the 30 (a flash incentive)."""

    rules: Callable[[RuleSetBody, P, Proposal, datetime, datetime], RuleSetBody]
    scope: Callable[[P, Proposal], Scope] | None = None
    partner: bool = False
    shown_partner: Callable[[P, Proposal], str | None] = lambda payload, proposal: proposal.partner_id
    lasts_days: Callable[[P], int] | None = None


@dataclass(frozen=True, slots=True)
class StatedAmount(Generic[P]):
    """The payload states the money (a clawback's amount): + kept or recovered."""

    cents: Callable[[P], int]
    line: Callable[[P, str], str]  # (payload, currency) -> what a manager reads


@dataclass(frozen=True, slots=True)
class EarningsStop:
    """The partner's commission over the window stops (an offboarding)."""


@dataclass(frozen=True, slots=True)
class NoMoney:
    """No money moves (an application decision)."""

    line: Callable[[Proposal], str]


Effect = RuleChange[Any] | StatedAmount[Any] | EarningsStop | NoMoney


@dataclass(frozen=True, slots=True)
class KindSpec(Generic[P]):
    """One proposal kind, whole. ``apply`` runs in the transaction that claimed the approved proposal (exactly
    once); ``reject`` (if any) in the one that records a rejection; ``edit_context`` the pydantic validation
    context an edit is checked with (a clawback: the commission paid on its orders)."""

    kind: str
    payload: type[P]
    label: str  # a group of them: "Tier bumps"
    name: str  # one of them: "Tier bump"
    effect: Effect
    apply: Callable[[Applying, P], None]
    editable: tuple[EditableField, ...] = ()
    reject: Callable[[Applying, P], str] | None = None  # -> the outcome ("declined")
    edit_context: Callable[[Session, Proposal, P], Mapping[str, Any]] | None = None
    # What makes a proposal on a subject decided within the cooldown new: a changed value of one of these
    # evidence keys (API submissions carry a "reason"), or evidence ``stronger`` judges stronger.
    evidence_keys: tuple[str, ...] = ()
    stronger: Callable[[Mapping[str, Any], Mapping[str, Any]], bool] | None = None

    def is_new_evidence(self, *, decided: Mapping[str, Any], drafted: Mapping[str, Any]) -> bool:
        """Whether a draft's evidence says something its subject's last decision (``decided``) did not weigh."""
        if any(decided.get(key) != drafted.get(key) for key in self.evidence_keys):
            return True
        return self.stronger is not None and self.stronger(decided, drafted)

    def parse(self, payload: Mapping[str, Any], *, context: Mapping[str, Any] | None = None) -> P:
        """A stored payload as this kind's model (``ValidationError`` if it is not one)."""
        return self.payload.model_validate(dict(payload), context=dict(context or {}))
