"""Clawback: the partner owes ``amount_cents`` back, at most the net commission paid on its orders; the
clawback account is netted from its next payout."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, ValidationInfo, field_validator
from sqlalchemy.orm import Session

from agents.approval.kinds.base import Applying, EditableField, KindSpec, ProposalPayload, StatedAmount
from store.ledger import EXPENSE, book, partner_account, transfer
from store.models import Proposal
from store.money import format_money
from tools import ledger_view


class Clawback(ProposalPayload):
    amount_cents: int = Field(gt=0)
    order_ids: list[str] = Field(default_factory=list)
    signal: str = ""

    @field_validator("amount_cents")
    @classmethod
    def _at_most_what_was_paid(cls, amount: int, info: ValidationInfo) -> int:
        context = info.context or {}
        paid, currency = context.get("commission_paid_cents"), context.get("currency")
        if paid is not None and amount > paid:
            said = (lambda cents: f"{format_money(cents, currency)} {currency}") if currency else str
            raise ValueError(f"{said(amount)} is more than the commission paid on the clawback's orders ({said(paid)})")
        return amount


def paid_on_orders(session: Session, proposal: Proposal, clawback: Clawback) -> Mapping[str, Any]:
    """An edited amount is bounded by the net commission paid on the clawback's orders."""
    if proposal.partner_id is None or not clawback.order_ids:
        return {}
    paid = ledger_view.commission_on_orders(session=session, partner_id=proposal.partner_id,
                                            order_ids=clawback.order_ids)  # fmt: skip
    return {"commission_paid_cents": paid}


def recovered(clawback: Clawback, currency: str) -> str:
    orders = ", ".join(clawback.order_ids) or "its orders"
    return f"recovers {format_money(clawback.amount_cents, currency)} {currency} of the commission paid on {orders}"


def apply(applying: Applying, clawback: Clawback) -> None:
    proposal = applying.proposal
    assert proposal.partner_id is not None
    book(session=applying.session, postings=[
        transfer(ref=f"proposal:{proposal.id}:clawback", kind="clawback", ts=applying.now,
                 debit=partner_account(proposal.partner_id, "clawback"), credit=EXPENSE,
                 amount=clawback.amount_cents, memo=proposal.summary),
    ])  # fmt: skip


SPEC = KindSpec(
    kind="clawback", payload=Clawback, label="Clawbacks", name="Clawback",
    effect=StatedAmount(cents=lambda clawback: clawback.amount_cents, line=recovered), apply=apply,
    editable=(EditableField("amount_cents", ("amount",), "Amount", "money"),), edit_context=paid_on_orders,
    evidence_keys=("order_ids", "reason"),
)  # fmt: skip
