"""Reading and editing a proposal's payload through its kind's model (``agents.approval.registry``).

The effects read payloads only through ``parse_payload``, never as raw dicts; ``edit_payload`` is how a
human's ``--set FIELD=VALUE`` becomes the payload that is applied, and it refuses (``ProposalEditError``,
nothing changed) any value outside the kind's bounds. Stored payloads are the models' JSON dumps (rates as
decimal strings, money in integer minor units). The models live in their kinds' modules and are re-exported
here for callers that build payloads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from agents.approval.kinds.applications import ApplicationDecision
from agents.approval.kinds.base import EditableField, ProposalEditError, ProposalPayload
from agents.approval.kinds.clawback import Clawback
from agents.approval.kinds.commission_change import CommissionChange
from agents.approval.kinds.flash_incentive import FlashIncentive
from agents.approval.kinds.offboarding import Offboarding
from agents.approval.kinds.tier_bump import TierBump
from agents.approval.registry import spec_of
from store.money import MoneyError, format_money, parse_money

__all__ = ["ApplicationDecision", "Clawback", "CommissionChange", "EditableField", "FlashIncentive", "Offboarding",
           "ProposalEditError", "ProposalPayload", "TierBump", "describe_edits", "edit_fields", "edit_payload",
           "editable_fields", "parse_payload", "shown_value"]  # fmt: skip

def editable_fields(kind: str) -> tuple[EditableField, ...]:
    """What a manager may edit on ``kind`` (nothing for an unknown kind)."""
    try:
        return spec_of(kind).editable
    except KeyError:
        return ()


def edit_fields(kind: str) -> dict[str, str]:
    """The payload fields a manager may edit on ``kind``, each with the name they type (its first alias)."""
    return {field.field: field.names[0] for field in editable_fields(kind)}


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


def parse_payload(kind: str, payload: Mapping[str, Any], *, context: Mapping[str, Any] | None = None) -> ProposalPayload:
    """The stored payload as its kind's model (``ValidationError`` if it is not one, ``UnknownKindError``, a
    ``KeyError``, for a kind no module registers)."""
    parsed: ProposalPayload = spec_of(kind).parse(payload, context=context)
    return parsed


def edit_payload(kind: str, payload: Mapping[str, Any], edits: Mapping[str, str], *, currency: str,
                 context: Mapping[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """The payload with the edits applied and re-validated (with the kind's validation ``context``, e.g. the
    commission a clawback may recover), as stored JSON; ``ProposalEditError`` if refused."""
    fields = {name: field for field in editable_fields(kind) for name in field.names}
    changed = dict(payload)
    for name, text in edits.items():
        if name not in fields:
            what = ", ".join(sorted(fields)) if fields else "nothing"
            raise ProposalEditError(f"a {kind} proposal has no editable field {name!r} (editable: {what})")
        field = fields[name]
        if field.unit == "money":
            try:
                changed[field.field] = parse_money(text, currency)
            except MoneyError as exc:
                raise ProposalEditError(f"{name}: {exc}") from exc
        else:
            changed[field.field] = text.strip()
    try:
        model = parse_payload(kind, changed, context={**(context or {}), "currency": currency})
    except ValidationError as exc:
        names = {field.field: field.names[0] for field in fields.values()}
        problems = "; ".join(f"{names.get(str(e['loc'][0]), '.'.join(str(p) for p in e['loc'])) if e['loc'] else kind}"
                             f": {e['msg'].removeprefix('Value error, ')}" for e in exc.errors())  # fmt: skip
        raise ProposalEditError(f"edit refused: {problems}") from exc
    return dict(model.model_dump(mode="json"))
