"""Slack's Edit, then approve: the Edit modal, its validation, the confirmation with the recomputed effect, and
how a decided proposal's message names the edit ("approved by <@U1> with percent 9 (proposed 10)").

The flow (``slack_actions`` routes the requests): the Edit button opens ``edit_view`` (views.open with the
click's trigger_id); its submission is parsed by ``submitted_edits`` and validated by the preview itself
(``workflows.approvals.preview.effect_preview``, i.e. the kind's payload model and bounds) — a refused value is
answered ``response_action: errors`` on its field and nothing changes; a valid one is answered with
``confirm_view`` pushed over the modal, showing the edit and its effect; confirming decides through
``workflows.approvals.decide.decide(edits=...)``, which validates again and applies exactly once. This module
renders and parses; it never decides.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agents.approval.payloads import describe_edits, edit_fields, editable_fields, shown_value
from store.models import Proposal
from tools.slack import Decision, decision_of, render_json
from workflows.approvals.preview import Preview

UNITS = {"percent": "%", "days": "days", "money": "{currency}"}


@dataclass(frozen=True, slots=True)
class ModalTarget:
    """What a modal acts on, carried in its private_metadata: the proposal and the message to update."""

    proposal_id: int
    channel: str
    ts: str
    edits: dict[str, str]

    def metadata(self) -> str:
        return json.dumps({"proposal_id": self.proposal_id, "channel": self.channel, "ts": self.ts,
                           "edits": self.edits})  # fmt: skip


def editable(kind: str) -> bool:
    return bool(editable_fields(kind))


def edit_view(*, proposal: Proposal, channel: str, ts: str, currency: str) -> dict[str, Any]:
    """The Edit modal: one input per editable field, filled with the value that would be applied."""
    fields = [
        {"name": spec.names[0], "label": f"{spec.label} ({UNITS[spec.unit].format(currency=currency)})",
         "value": shown_value(spec.field, proposal.payload, currency=currency),
         "proposed": shown_value(spec.field, proposal.payload, currency=currency) or "—"}
        for spec in editable_fields(proposal.kind)
    ]  # fmt: skip
    target = ModalTarget(proposal.id, channel, ts, {})
    view: dict[str, Any] = render_json("edit_modal.json.j2", p=proposal, fields=fields, metadata=target.metadata())
    return view


def submitted_edits(*, proposal: Proposal, values: Mapping[str, Any], currency: str) -> dict[str, str]:
    """The fields the manager changed (a field left at its value is not an edit), as ``--set`` would give them."""
    edits: dict[str, str] = {}
    for field, name in edit_fields(proposal.kind).items():
        typed = str((values.get(name) or {}).get("value", {}).get("value") or "").strip()
        if typed != shown_value(field, proposal.payload, currency=currency):
            edits[name] = typed
    return edits


def field_errors(*, kind: str, edits: Mapping[str, str], message: str) -> dict[str, str]:
    """A refused edit's message on the block of the field it names (else on every edited field)."""
    names = [name for name in edits if name in message] or list(edits) or list(edit_fields(kind).values())[:1]
    return dict.fromkeys(names, message[:150])


def confirm_view(*, proposal: Proposal, preview: Preview, target: ModalTarget, currency: str) -> dict[str, Any]:
    """The confirmation pushed over the Edit modal: the edit and its recomputed effect."""
    edits = describe_edits(proposal.kind, proposal.payload, preview.payload, currency=currency)
    view: dict[str, Any] = render_json("confirm_edit_modal.json.j2", p=proposal, preview=preview, edits=edits,
                                       metadata=target.metadata())  # fmt: skip
    return view


def decided_view(text: str) -> dict[str, Any]:
    view: dict[str, Any] = render_json("decided_modal.json.j2", text=text)
    return view


def message_decision(proposal: Proposal, *, currency: str) -> Decision | None:
    """What the proposal's message says once decided, naming the edit the approver made, if any."""
    decision = decision_of(proposal)
    if decision is None or not decision.approved:
        return decision
    edits = describe_edits(proposal.kind, proposal.payload, proposal.approved_payload, currency=currency)
    return Decision(approved=True, actor=decision.actor, decided_at=decision.decided_at, reason=decision.reason,
                    expired=False, edits=edits)  # fmt: skip
