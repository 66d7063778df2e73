"""Commissions state: the drafted proposals and the ids they were saved under."""

from __future__ import annotations

from typing import TypedDict

from tools.proposals import ProposalDraft


class CommissionsState(TypedDict, total=False):
    drafts: list[ProposalDraft]
    proposal_ids: list[int]
