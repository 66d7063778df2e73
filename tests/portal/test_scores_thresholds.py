"""The manager's partner scores page tiers by the thresholds in settings (``AFFLOW_SCORE_THRESHOLDS``), not by
defaults of its own: the same program, two settings, two tiers for Alice."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from afflow.wiring import http_app
from tests.portal.conftest import portal_test_settings, sign_in
from tools.thresholds import ScoreThresholds

# Alice's three orders fall in 60 days (one in the last 30): by default she has too few for growth.
LENIENT = ScoreThresholds(window_days=60, min_orders=1, growth_min_score=0)


def alice_tier(engine: Engine, tmp_path: Path, **settings: object) -> str:
    client = TestClient(http_app(engine=engine, settings=portal_test_settings(tmp_path, **settings)), follow_redirects=False)
    sign_in(client, engine, "manager@brand.example")
    page = client.get("/portal/manager/partners")
    assert page.status_code == 200, page.text
    row = re.search(r'<tr id="partner-p-alice">.*?<td class="tier">(\w+)</td>', page.text, re.S)
    assert row, page.text
    return row.group(1)


def test_the_partner_scores_page_tiers_by_the_thresholds_in_settings(booked: Engine, tmp_path: Path) -> None:
    assert alice_tier(booked, tmp_path) == "maintain"
    assert alice_tier(booked, tmp_path, score_thresholds=LENIENT) == "growth"
