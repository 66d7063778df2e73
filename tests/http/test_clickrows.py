"""The redirect's fast click rows are exactly ``workflows.booking.clicks.click_row``'s, and store the same way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from store.db import transaction
from store.models import Click
from workflows.booking.clicks import click_row
from workflows.booking.events import ClickIn
from workflows.http.clickrows import fast_hash_ip, redirect_row, store_rows

AGENTS = [
    "",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0.0.0 Safari/537.36",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
]
ADDRESSES = ["", "203.0.113.7", "10.0.0.1", "0.0.0.0", "255.255.255.255", "010.1.2.3", "1.2.3", "2001:db8::1", "junk"]


@given(st.ip_addresses(v=4).map(str) | st.sampled_from(ADDRESSES) | st.text(max_size=20))
def test_fast_ip_hash_equals_the_reference(ip: str) -> None:
    from workflows.booking.clicks import hash_ip

    assert fast_hash_ip(ip, "salt") == hash_ip(ip, "salt")


@pytest.mark.parametrize("agent", AGENTS)
@pytest.mark.parametrize("ip", ADDRESSES)
def test_redirect_row_equals_click_row(agent: str, ip: str) -> None:
    click = ClickIn(
        click_id="c1",
        ts=datetime.now(UTC),
        partner_id="p1",
        ip=ip,
        user_agent=agent,
        referrer="https://blog.example.com",
        landing_url="https://shop.example.com/products/S1?afflow_cid=c1",
        sku="S1",
        customer_ref="u-9",
        link_code="Abc123XYZ0",
    )
    assert redirect_row(**click.model_dump(), salt="pepper") == click_row(click, "pepper")


def test_store_rows_reads_back_like_the_orm_insert_and_ignores_duplicates(engine: Engine) -> None:
    ts = datetime(2026, 11, 20, 12, 0, 0, 0, tzinfo=UTC)  # microsecond 0: the SQLite text format's edge
    rows = [
        redirect_row(
            click_id=f"fast-{i}",
            ts=ts,
            partner_id="p1",
            link_code="L",
            ip="198.51.100.4",
            user_agent=AGENTS[1],
            referrer="",
            landing_url="u",
            sku=None,
            customer_ref=None,
            salt="s",
        )
        for i in range(3)
    ]
    reference = {**rows[0], "id": "orm-0"}
    store_rows(engine, rows)
    store_rows(engine, rows)  # a replayed spool segment
    with transaction(engine) as session:
        session.add(Click(**reference))
    with transaction(engine) as session:
        stored = {click.id: click for click in session.scalars(select(Click))}
        assert sorted(stored) == ["fast-0", "fast-1", "fast-2", "orm-0"]
        assert stored["fast-0"].ts == stored["orm-0"].ts == ts
        assert session.scalars(select(Click.id).where(Click.ts >= ts).order_by(Click.id)).all() == sorted(stored)
        assert stored["fast-1"].device_type == "mobile" and stored["fast-1"].ip_prefix == "198.51.100.0/24"
