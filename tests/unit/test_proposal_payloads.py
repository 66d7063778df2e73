"""The proposal payload models: an edit inside a kind's bounds is applied exactly as typed, one outside is
refused with the field named."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.approval.payloads import ProposalEditError, edit_payload

BUMP = {"percent": "10", "previous_percent": "8"}
rates = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(rates)
def test_a_rate_within_0_and_100_is_applied_exactly_as_typed(rate: Decimal) -> None:
    edited = edit_payload("tier_bump", BUMP, {"percent": f"{rate:f}"}, currency="USD")
    assert Decimal(edited["percent"]) == rate and edited["previous_percent"] == "8"


@given(st.one_of(st.decimals(max_value=Decimal("-0.01"), places=2, allow_nan=False, allow_infinity=False),
                 st.decimals(min_value=Decimal("100.01"), max_value=10**9, places=2, allow_nan=False,
                             allow_infinity=False)))  # fmt: skip
def test_a_rate_outside_0_and_100_is_refused_naming_the_field(rate: Decimal) -> None:
    with pytest.raises(ProposalEditError, match="percent"):
        edit_payload("tier_bump", BUMP, {"percent": f"{rate:f}"}, currency="USD")


@given(st.integers(min_value=1, max_value=5000))
def test_a_clawback_is_edited_to_any_amount_up_to_the_commission_paid(cents: int) -> None:
    payload = {"amount_cents": 5000, "order_ids": ["o1"], "signal": "self_referral"}
    amount = f"{Decimal(cents) / 100:.2f}"
    paid = {"commission_paid_cents": 5000}
    assert edit_payload("clawback", payload, {"amount": amount}, currency="USD", context=paid)["amount_cents"] == cents
    with pytest.raises(ProposalEditError, match=r"amount: 50\.01 USD is more than the commission paid .*\(50\.00 USD\)"):
        edit_payload("clawback", payload, {"amount": "50.01"}, currency="USD", context=paid)


@pytest.mark.parametrize(("kind", "edits"), [
    ("offboard_partner", {"percent": "5"}), ("approve_application", {"days": "3"}),
    ("flash_incentive", {"days": "0"}), ("flash_incentive", {"days": "91"}), ("clawback", {"amount": "0"}),
    ("clawback", {"amount": "1.234"}),
])  # fmt: skip
def test_edits_a_kind_does_not_allow_are_refused(kind: str, edits: dict[str, str]) -> None:
    payloads = {"offboard_partner": {"signals": []}, "approve_application": {},
                "flash_incentive": {"sku": "S", "bonus_percent": "5", "days": 7},
                "clawback": {"amount_cents": 100, "order_ids": [], "signal": ""}}  # fmt: skip
    with pytest.raises(ProposalEditError):
        edit_payload(kind, payloads[kind], edits, currency="USD")
