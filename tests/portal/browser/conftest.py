"""Browser fixtures: Debian's Chromium driven by Playwright against the real HTTP app on a random port.

One server and one browser per module (each test opens its own browser context, so cookies never leak
between roles). The store is a SQLite file seeded through the importer; the server is the same composition
app ``afflow serve`` builds (``afflow.wiring.http_app``, the portal among its routers) under uvicorn in a
thread, pointed at a local Stripe wire-format server. Screenshots go to ``test-artifacts/portal/`` (gitignored, kept by CI).
Never ``playwright install``: the browser is ``/usr/bin/chromium`` from apt (see scripts/test.sh).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from pydantic import SecretStr
from sqlalchemy import Engine, select

from afflow.settings import Settings
from afflow.wiring import http_app
from store.db import make_engine, migrate, transaction
from store.models import OutboxMessage
from tests.fakes.stripe_server import API_KEY, FakeStripe, running_stripe
from tests.portal.conftest import new_token, seed_bookings, seed_program

CHROMIUM = os.environ.get("AFFLOW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "portal"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def stripe_fake() -> Iterator[FakeStripe]:
    with running_stripe() as state:
        yield state


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("browser-store")
    engine = make_engine(f"sqlite:///{folder}/afflow.db")
    migrate(engine)
    seed_bookings(seed_program(engine, folder), folder)
    yield engine
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(store: Engine, stripe_fake: FakeStripe, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``afflow serve``'s app (``afflow.wiring.http_app``) under uvicorn in a thread."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        public_url=base,
        spool_dir=str(tmp_path_factory.mktemp("spool")),
        stripe_api_key=SecretStr(API_KEY),
        stripe_api_url=stripe_fake.url,
    )
    app = http_app(engine=store, settings=settings)
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uvicorn_server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the portal's server did not start")
        time.sleep(0.05)
    yield base
    uvicorn_server.should_exit = True
    thread.join(timeout=15)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in_with_token(page: Page, server: str, engine: Engine, email: str) -> None:
    """What an operator's ``afflow users token EMAIL`` enables: paste the token on the login page."""
    page.goto(f"{server}/portal/login")
    page.fill("input[name=token]", new_token(engine, email))
    page.click("#token-sign-in")
    page.wait_for_load_state()


def emailed_link(engine: Engine, email: str) -> str:
    with transaction(engine) as session:
        message = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "sign_in", OutboxMessage.recipient == email)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None
        return next(word for word in message.body_text.split() if "/portal/signin?token=" in word)
