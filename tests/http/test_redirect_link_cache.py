"""The redirect's link cache: a stale entry is answered from at once while one load refreshes it, and
concurrent misses of one code share one load (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from frontdoor import seed_program
from sqlalchemy import Engine, update

from store.db import transaction
from store.models import TrackingLink
from tools.links import create_links
from workflows.http.redirect import LinkCache, LinkTarget


def new_link(engine: Engine, tmp_path: Path) -> str:
    seed_program(engine, tmp_path)
    with transaction(engine) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="http://127.0.0.1")
    return link.code


def test_a_stale_link_is_answered_at_once_and_refreshed_in_the_background(engine: Engine, tmp_path: Path) -> None:
    code = new_link(engine, tmp_path)
    cache = LinkCache(engine=engine, ttl=0.05)

    async def scenario() -> tuple[LinkTarget | bool | None, LinkTarget | bool | None]:
        first = await cache.get(code)
        assert isinstance(first, LinkTarget)
        with transaction(engine) as session:  # no command edits a destination; an operator's SQL does
            session.execute(
                update(TrackingLink).where(TrackingLink.code == code).values(destination="https://new.example/")
            )
        await asyncio.sleep(0.1)  # past its ttl
        stale = cache.cached(code)  # answered without waiting for the database
        for _ in range(500):
            await asyncio.sleep(0.01)
            fresh = cache.cached(code)
            if isinstance(fresh, LinkTarget) and fresh.location_prefix.startswith("https://new.example/"):
                return stale, fresh
        return stale, cache.cached(code)

    stale, fresh = asyncio.run(scenario())
    assert isinstance(stale, LinkTarget) and "shop.example.com" in stale.location_prefix
    assert isinstance(fresh, LinkTarget) and fresh.location_prefix == "https://new.example/?afflow_cid="


def test_concurrent_misses_of_one_code_share_one_load(engine: Engine, tmp_path: Path) -> None:
    code = new_link(engine, tmp_path)
    cache = LinkCache(engine=engine)

    async def scenario() -> list[LinkTarget | None]:
        return await asyncio.gather(*(cache.get(code) for _ in range(20)), cache.get("unknown0code"))

    *targets, unknown = asyncio.run(scenario())
    assert unknown is None
    assert isinstance(targets[0], LinkTarget) and targets[0].code == code
    assert all(target is targets[0] for target in targets), "each load builds its own target: one object, one load"
