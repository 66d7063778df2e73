"""Click ids drawn in batches look exactly like ``secrets.token_urlsafe(12)``'s and never repeat."""

from __future__ import annotations

import re
import secrets

from workflows.http.redirect import ClickIds


def test_click_ids_are_16_url_safe_characters_like_token_urlsafe_and_distinct_across_batches() -> None:
    ids = ClickIds(batch=7)
    drawn = [ids.next() for _ in range(10_000)]  # 1,429 refills
    assert len(set(drawn)) == len(drawn)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{16}", click_id) for click_id in drawn)
    assert len(secrets.token_urlsafe(12)) == 16
