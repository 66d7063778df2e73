"""``afflow serve`` sends conversions every minute once GA4 or Meta is configured (and not before)."""

from __future__ import annotations

from conv_program import NOW
from fakes.ga4_server import API_SECRET, MEASUREMENT_ID, FakeGa4
from pydantic import SecretStr
from sqlalchemy import Engine

from afflow.settings import Settings
from afflow.wiring import scheduler_jobs


def test_the_conversion_job_exists_only_when_configured_and_sends(small_program: Engine, ga4_server: FakeGa4) -> None:
    plain = Settings(slack_bot_token=None, smtp_url=None)
    assert "send_conversions" not in {
        s.name for s in scheduler_jobs(engine=small_program, settings=plain)
    }
    configured = Settings(
        slack_bot_token=None, smtp_url=None, ga4_measurement_id=MEASUREMENT_ID, ga4_api_secret=SecretStr(API_SECRET),
        ga4_base_url=ga4_server.url,
    )  # fmt: skip
    jobs = {s.name: s for s in scheduler_jobs(engine=small_program, settings=configured)}
    jobs["send_conversions"].target(NOW)
    # o4 is 20 days old: beyond the backfill, GA4 would count it as a sale of today
    assert set(ga4_server.transactions) == {"o1", "o2"} and len(ga4_server.other_events) == 1
    jobs["send_conversions"].target(NOW)
    assert len(ga4_server.requests) == 3  # nothing new to queue, nothing due
