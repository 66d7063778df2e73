"""The weekly report's decision groups: every pending kind is reported, the built-in ones in the report's
own words, any other registered kind under the registry's label (a kind added in its one module must not
vanish from the report)."""

from __future__ import annotations

from datetime import UTC, datetime

from agents.summary.decisions import decision_groups
from store.models import Proposal

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def pending(kind: str, summary: str) -> Proposal:
    return Proposal(kind=kind, summary=summary, expected_impact={}, created_at=NOW, status="pending")


def test_a_kind_the_report_has_no_words_for_is_still_reported() -> None:
    groups = decision_groups([pending("tier_bump", "raise p1 by 2 points"),
                              pending("loyalty_gift", "send p2 a gift card")], "USD", NOW)
    assert [group.label for group in groups] == ["Tier bumps for growth partners", "Loyalty gift"]
    assert groups[1].count == 1 and groups[1].examples == ["Send p2 a gift card"]
