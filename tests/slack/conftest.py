"""Fixtures: the fake Slack Web API server, a real SMTP server, and a proposal waiting for a decision."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fakes.slack_server import fake_slack
from fakes.smtp_server import smtp_inbox
from sqlalchemy import Engine

from agents.approval.runner import open_threads, thread_start
from agents.approval.state import ApprovalContext
from store.db import transaction
from tools.proposals import ProposalDraft, create_proposal
from workflows.importing.importer import import_csv

__all__ = ["fake_slack", "smtp_inbox"]


@pytest.fixture
def waiting_proposal(engine: Engine, tmp_path: Path) -> int:
    """An offboarding proposal for an imported partner, its approval thread waiting at the interrupt."""
    csv = tmp_path / "partners.csv"
    csv.write_text(
        "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
        "p9,Cookie <!channel> Stuffer,p9@example.com,https://deals.example,500,0.01,P9,\n"
    )
    now = datetime.now(UTC)
    with transaction(engine) as session:
        import_csv(session=session, kind="partners", path=csv)
        draft = ProposalDraft(
            kind="offboard_partner",
            partner_id="p9",
            summary="Offboard p9: <!channel> cookie stuffing",
            rationale="Clicks land seconds before orders from unrelated referrers.",
            evidence={"signal": "cookie_stuffing", "clicks_per_order": 312},
            expected_impact={"commission_saved": "1240.00"},
        )
        proposal = create_proposal(session=session, draft=draft, agent="tiering", now=now)
        proposal_id, start = proposal.id, thread_start(proposal)
    context = ApprovalContext(engine=engine, public_url="http://127.0.0.1", now=now)
    open_threads(context=context, proposals=[start])
    return proposal_id
