"""The ``afflow serve`` application: click redirects, store webhooks, conversion postbacks, health.

``create_app(*, engine, config, routers=())`` builds a Starlette app. Core routes are plain Starlette routes:
``GET /r/{code}``, ``POST /webhooks/{shopify,woocommerce,stripe}``, ``POST /events/conversion``,
``GET /healthz``. Other features (Slack actions, the portal) pass FastAPI ``APIRouter``s in ``routers``;
they are served by a FastAPI sub-application mounted after the core routes, so FastAPI's middleware (about a
third of a redirect's cost, measured) never runs for a click. The composition root lists the routers
explicitly (``afflow.wiring.routers``); nothing registers itself. Keep their paths off ``/r/``, ``/webhooks/``,
``/events/``, ``/healthz``; a router's own lifespan handlers are not run (start background work from the
composition root instead).

Lifespan: on start-up, clicks left in the spool by a dead process are committed first, then the click
writer and the inbox worker start; on shutdown (SIGTERM) the writer flushes what it holds and the worker
stops between batches, leaving the rest pending in the inbox for the next start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter, FastAPI
from pydantic import SecretStr
from sqlalchemy import Engine, text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from store.db import ensure_program, transaction
from workflows.http.clickwriter import ClickWriter
from workflows.http.inbox_worker import InboxWorker
from workflows.http.intake import Intake, conversion_endpoint, webhook_endpoint
from workflows.http.intake_spool import IntakeSpool
from workflows.http.limits import BodyLimit
from workflows.http.redirect import LinkCache, ProgramSnapshot, RedirectFastPath, Redirector
from workflows.webhooks import PLATFORMS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpConfig:
    """What the HTTP app needs from settings (``afflow.wiring.http_config`` maps ``Settings`` to this)."""

    public_url: str
    spool_dir: Path
    secrets: dict[str, SecretStr | None] = field(default_factory=dict)  # platform name -> webhook secret
    conversion_api_key: SecretStr | None = None
    identity_secret: SecretStr | None = None  # verifies afflow_uid on /r/ (workflows.http.redirect)
    click_flush_interval: float = 0.2
    inbox_poll_interval: float = 2.0
    program_refresh_interval: float = 30.0


def load_program(engine: Engine) -> ProgramSnapshot:
    with transaction(engine) as session:
        program = ensure_program(session)
        return ProgramSnapshot(ip_salt=program.ip_salt, cookie_days=program.cookie_days, currency=program.currency)


def create_app(
    *, engine: Engine, config: HttpConfig,
    routers: Sequence[APIRouter] | Callable[[Intake], Sequence[APIRouter]] = (),
) -> RedirectFastPath:
    """``routers`` may be a function of the app's ``Intake``, for routers that queue orders the way the intake
    routes do (the REST API's ``POST /api/v1/conversions``)."""
    program = load_program(engine)
    clicks = ClickWriter(engine=engine, spool_dir=config.spool_dir, flush_interval=config.click_flush_interval)
    spool = IntakeSpool(config.spool_dir / "intake")

    async def before_booking() -> None:
        """Clicks answered moments ago first (an order may carry one's id), then webhooks spooled while another
        writer held the database."""
        await clicks.flush()
        await asyncio.to_thread(spool.drain, engine)

    worker = InboxWorker(engine=engine, poll_interval=config.inbox_poll_interval, before_booking=before_booking)
    links = LinkCache(engine=engine)
    intake = Intake(engine=engine, worker=worker, program=program, spool=spool)
    redirector = Redirector(
        links=links,
        clicks=clicks,
        program=program,
        secure_cookie=config.public_url.startswith("https://"),
        identity_secret=config.identity_secret,
    )

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        replayed = await asyncio.to_thread(clicks.recover)
        if replayed:
            log.warning("replayed %d clicks from the spool of a process that did not shut down cleanly", replayed)
        clicks.start()
        worker.start()
        refresher = asyncio.get_running_loop().create_task(_refresh_program(engine, program, config))
        try:
            yield
        finally:
            refresher.cancel()
            await worker.stop()
            await clicks.stop()

    routes: list[BaseRoute] = [
        Route("/r/{code}", redirector, methods=["GET", "HEAD"]),
        *(
            Route(
                f"/webhooks/{name}",
                webhook_endpoint(intake=intake, platform=platform, secret=_secret(config, name)),
                methods=["POST"],
            )
            for name, platform in PLATFORMS.items()
        ),
        Route(
            "/events/conversion",
            conversion_endpoint(intake=intake, api_key=lambda: config.conversion_api_key),
            methods=["POST"],
        ),
        Route("/healthz", _healthz(engine, clicks, worker), methods=["GET"]),
    ]
    feature_routers = routers(intake) if callable(routers) else routers
    if feature_routers:
        features = FastAPI(title="afflow", docs_url=None, redoc_url=None, openapi_url=None)
        for router in feature_routers:
            features.include_router(router)
        routes.append(Mount("", app=features))
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(BodyLimit)])
    app.state.clicks = clicks
    app.state.inbox = worker
    return RedirectFastPath(app=app, redirector=redirector)


def _secret(config: HttpConfig, name: str) -> Callable[[], SecretStr | None]:
    return lambda: config.secrets.get(name)


def _healthz(engine: Engine, clicks: ClickWriter, worker: InboxWorker) -> Callable[[Request], Awaitable[Response]]:
    def ping() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def healthz(_request: Request) -> Response:
        try:
            await asyncio.to_thread(ping)
        except Exception as exc:
            return JSONResponse({"status": "degraded", "database": str(exc)[:200]}, status_code=503)
        return JSONResponse(
            {
                "status": "ok",
                "clicks_recorded": clicks.recorded,
                "clicks_stored": clicks.stored,
                "clicks_pending": clicks.pending,
                "booked": worker.booked,
            }
        )

    return healthz


async def _refresh_program(engine: Engine, program: ProgramSnapshot, config: HttpConfig) -> None:
    """Pick up ``afflow program set`` changes (cookie window, currency) without a restart."""
    while True:
        await asyncio.sleep(config.program_refresh_interval)
        try:
            fresh = await asyncio.to_thread(load_program, engine)
        except Exception:
            log.exception("reloading the program settings failed")
            continue
        program.cookie_days, program.currency = fresh.cookie_days, fresh.currency
