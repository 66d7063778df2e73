"""``HEAD /r/{code}`` records nothing; ``afflow program set --shop-url`` refuses what is not a plain URL."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from frontdoor import wait_until
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient

from store.db import ensure_program, transaction
from store.models import Click


def clicks(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(Click)) or 0


def test_head_on_a_link_answers_where_it_goes_and_records_no_click(
    client: TestClient, seeded: Engine, link_code: str
) -> None:
    checked = client.head(f"/r/{link_code}")
    assert checked.status_code == 302 and "set-cookie" not in checked.headers
    assert checked.headers["location"].startswith("https://shop.example.com/products/S1?")
    assert "afflow_cid" not in checked.headers["location"]
    assert client.get(f"/r/{link_code}").status_code == 302  # a real visit, flushed after the HEAD
    wait_until(lambda: clicks(seeded) == 1, what="the GET's click")
    assert clicks(seeded) == 1


@pytest.mark.parametrize(
    "url",
    ["https://shop.example.com/\x1b[31m", "https://shop.example.com/a b", "javascript:alert(1)", "shop.example.com",
     "https://user:pw@shop.example.com"],
)  # fmt: skip
def test_program_set_refuses_a_shop_url_that_is_not_a_plain_http_url(engine: Engine, db_url: str, url: str) -> None:
    done = subprocess.run(
        ["afflow", "program", "set", "--shop-url", url, "--json"],
        env={**os.environ, "AFFLOW_DATABASE_URL": db_url}, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert json.loads(done.stdout)["error"]["code"] == "bad_option"
    with transaction(engine) as session:
        assert ensure_program(session).shop_url == "https://shop.example.com"


def test_program_set_keeps_a_good_shop_url(engine: Engine, db_url: str) -> None:
    done = subprocess.run(
        ["afflow", "program", "set", "--shop-url", "https://brand.example/shop/", "--json"],
        env={**os.environ, "AFFLOW_DATABASE_URL": db_url}, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    with transaction(engine) as session:
        assert ensure_program(session).shop_url == "https://brand.example/shop"
