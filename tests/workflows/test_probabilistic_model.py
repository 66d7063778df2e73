"""The matching model's posterior behaves like evidence should: more rivals, older clicks, fewer agreements -> less sure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workflows.matching.model import Background, ClickFeatures, OrderFeatures, best_match, user_agent_family

T = datetime(2026, 2, 1, tzinfo=UTC)
WINDOW = timedelta(days=30)
BACKGROUND = Background(
    ua_share={"safari/ios": 0.2, "chrome/windows": 0.5},
    device_share={"mobile": 0.5, "desktop": 0.5},
    sku_share={"A": 0.05},
)
ORDER = OrderFeatures("o1", T, "203.0.113.0/24", "safari/ios", "mobile", frozenset({"A"}))


def click(
    partner: str = "p1", hours: float = 3, ua: str = "safari/ios", device: str = "mobile", sku: str = "A"
) -> ClickFeatures:
    return ClickFeatures(f"{partner}-{hours}-{ua}", T - timedelta(hours=hours), partner, ua, device, sku)


def confidence(*clicks: ClickFeatures) -> float:
    match = best_match(ORDER, clicks, BACKGROUND, WINDOW)
    assert match is not None
    return match.confidence


@pytest.mark.parametrize(
    ("agent", "family"),
    [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile/15E148 Safari/604.1",
            "safari/ios",
        ),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/124.0 Mobile Safari/537.36", "chrome/android"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0 Safari/537.36 Edg/124.0", "edge/windows"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4; rv:125.0) Gecko/20100101 Firefox/125.0", "firefox/mac"),
        ("", ""),
    ],
)
def test_user_agent_family_is_browser_and_os(agent: str, family: str) -> None:
    assert user_agent_family(agent) == family


def test_agreeing_recent_click_is_near_certain() -> None:
    assert confidence(click()) > 0.99


def test_rival_partner_splits_the_mass() -> None:
    alone, contested = confidence(click()), confidence(click(), click(partner="p2"))
    assert 0.4 < contested < 0.6 < alone


def test_several_clicks_of_one_partner_add_up() -> None:
    match = best_match(
        ORDER, [click(hours=3), click(hours=5), click(partner="p2", hours=400, sku="B")], BACKGROUND, WINDOW
    )
    assert match is not None and match.partner_id == "p1" and match.click_id == "p1-3-safari/ios"


def test_older_and_disagreeing_clicks_are_weaker_evidence() -> None:
    recent = confidence(click())
    old = confidence(click(hours=24 * 20))
    other_device = confidence(click(ua="chrome/windows", device="desktop", sku="B"))
    assert old < recent and other_device < 0.5 < recent


def test_clicks_outside_the_window_or_after_the_order_are_ignored() -> None:
    assert best_match(ORDER, [click(hours=24 * 31), click(hours=-1)], BACKGROUND, WINDOW) is None
