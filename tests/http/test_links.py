"""Tracking links: unguessable codes, UTM-tagged destinations, stable per partner × SKU, fast in bulk."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from frontdoor import seed_program
from sqlalchemy import Engine

from store.db import make_engine, migrate, transaction
from tools.links import CODE_LENGTH, LinkError, create_links


def test_product_link_points_at_the_product_page_with_utm_parameters(seeded: Engine) -> None:
    with transaction(seeded) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="https://go.example/")
    assert re.fullmatch(rf"[A-Za-z0-9]{{{CODE_LENGTH}}}", link.code)
    assert link.url == f"https://go.example/r/{link.code}"
    parts = urlsplit(link.destination)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://shop.example.com/products/S1"
    assert parse_qs(parts.query) == {
        "utm_source": ["afflow"],
        "utm_medium": ["affiliate"],
        "utm_campaign": ["S1"],
        "utm_content": ["p1"],
    }


def test_landing_link_when_no_sku_and_links_are_stable(seeded: Engine) -> None:
    with transaction(seeded) as session:
        [landing] = create_links(session=session, partner_id="p2", public_url="https://go.example")
        [again] = create_links(session=session, partner_id="p2", public_url="https://go.example")
        [product] = create_links(session=session, partner_id="p2", skus=["S2"], public_url="https://go.example")
        [product_again] = create_links(session=session, partner_id="p2", skus=["S2"], public_url="https://go.example")
    assert landing.sku is None and urlsplit(landing.destination).path == ""
    assert again.code == landing.code
    assert product_again.code == product.code != landing.code


def test_unknown_partner_or_sku_is_refused_and_writes_nothing(seeded: Engine) -> None:
    with pytest.raises(LinkError, match="partner 'ghost'"), transaction(seeded) as session:
        create_links(session=session, partner_id="ghost", public_url="https://go.example")
    with pytest.raises(LinkError, match="'NOPE'"), transaction(seeded) as session:
        create_links(session=session, partner_id="p1", skus=["S1", "NOPE"], public_url="https://go.example")
    with transaction(seeded) as session:
        [link] = create_links(session=session, partner_id="p1", skus=["S1"], public_url="https://go.example")
        assert create_links(session=session, partner_id="p1", skus=["S1"], public_url="https://go.example")[0] == link


def test_a_thousand_skus_get_distinct_non_sequential_codes(engine: Engine, tmp_path: Path) -> None:
    seed_program(engine, tmp_path, extra_products=1000)
    started = time.perf_counter()
    with transaction(engine) as session:
        links = create_links(session=session, partner_id="p1", all_skus=True, public_url="https://go.example")
    print(f"create_links for 1,002 SKUs on {engine.dialect.name}: {time.perf_counter() - started:.3f}s")
    codes = [link.code for link in links]
    assert len(links) == 1002 and len(set(codes)) == 1002
    assert {link.sku for link in links} >= {"S1", "S2", "X00000", "X00999"}
    assert sum(a[:6] == b[:6] for a, b in zip(sorted(codes), sorted(codes)[1:], strict=False)) < 5


def test_cli_links_create_prints_the_documented_json(tmp_path: Path) -> None:
    """The real CLI in a subprocess (SQLite only: the store logic is covered on both backends above)."""
    db_url = f"sqlite:///{tmp_path}/cli.db"
    engine = make_engine(db_url)
    migrate(engine)
    seed_program(engine, tmp_path, extra_products=1000)
    engine.dispose()
    env = {**os.environ, "AFFLOW_DATABASE_URL": db_url, "AFFLOW_PUBLIC_URL": "https://go.example"}
    command = ["afflow", "links", "create", "--partner", "p1", "--all-skus", "--json"]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    links = json.loads(done.stdout)["links"]
    assert len(links) == 1002
    assert set(links[0]) == {"code", "url", "partner_id", "sku", "destination"}
    assert links[0]["url"] == f"https://go.example/r/{links[0]['code']}"
    print(f"afflow links create --all-skus (1,002 SKUs, incl. CLI start-up): {elapsed:.2f}s")
    failed = subprocess.run([*command[:4], "ghost", "--json"], env=env, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["error"]["code"] == "unknown_partner"
