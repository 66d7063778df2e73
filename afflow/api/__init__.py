"""The REST API under ``/api/v1`` (plus its OpenAPI document at ``/openapi.json`` and docs at ``/docs``).

``api_router(engine=..., config=...)`` is one FastAPI ``APIRouter`` the composition root lists among
``afflow serve``'s routers (``afflow.wiring.routers``). Every route needs an API key (``afflow.api.auth``) and
answers errors as ``{"error": {"code", "message", "details"}}`` (``afflow.api.errors``). Reads reuse the CLI's
reports and views (``afflow.api.reports``), so the API and ``afflow ... --json`` give the same numbers in the
same shapes; the only writes are tracking links and pending proposals. The API lives beside the CLI in
``afflow/`` because it is another interface over the same views, and ``workflows/`` may not import them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine
from starlette.responses import HTMLResponse, JSONResponse

from afflow.api.auth import KeyGuard, RateLimiter
from afflow.api.errors import EnvelopeRoute
from afflow.api.proposing import ProposingConfig
from afflow.api.reports import ReportConfig
from afflow.api.routes_read import add_read_routes
from afflow.api.routes_write import add_write_routes

if TYPE_CHECKING:
    from workflows.http.intake import Intake

API_VERSION = "1.0.0"
PREFIX = "/api/v1"


@dataclass(frozen=True)
class ApiConfig:
    reports: ReportConfig
    proposing: ProposingConfig


def api_router(
    *, engine: Engine, config: ApiConfig, limiter: RateLimiter | None = None, intake: Intake | None = None
) -> APIRouter:
    """``intake``: the core app's (``workflows.http.create_app`` builds it), for ``POST /api/v1/conversions``;
    without one (a router built on its own) that route is left out."""
    guard = KeyGuard(engine=engine, limiter=limiter or RateLimiter())
    v1 = APIRouter(prefix=PREFIX, route_class=EnvelopeRoute)
    add_read_routes(v1, engine=engine, require=guard.require, config=config.reports)
    add_write_routes(v1, engine=engine, require=guard.require, proposing=config.proposing)
    if intake is not None:
        from afflow.api.routes_conversions import add_conversion_routes

        add_conversion_routes(v1, require=guard.require, intake=intake)
    router = APIRouter(route_class=EnvelopeRoute)
    router.include_router(v1)
    spec: dict[str, Any] = {}

    @router.get("/openapi.json", include_in_schema=False)
    def openapi() -> JSONResponse:
        if not spec:  # built once, on first request: the routes never change after start-up
            spec.update(get_openapi(title="afflow API", version=API_VERSION, routes=v1.routes,
                                    description="Partners, commissions, ledger, payouts, fraud, scores and "
                                    "proposals of an afflow program. Authenticate with `Authorization: Bearer <key>`."))  # fmt: skip
        return JSONResponse(spec)

    @router.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="afflow API")

    return router
