"""The web portal: promoters see their numbers, managers decide, finance pays.

``portal_router(engine=..., config=...)`` returns a FastAPI ``APIRouter`` mounted under ``/portal``; the HTTP
app includes it (``afflow.wiring.routers``). Pages are server-rendered jinja2 (templates in ``prompts/portal``),
charts inline SVG. Every route checks the signed-in role (``web.PortalWeb.viewer_with``) and every form its CSRF
token (``web.PortalWeb.form_with``). The portal never writes ledger rows itself: decisions go through
``workflows.approvals.decide.decide``, batches through ``workflows.booking.payouts``, rules through ``store.rules``.
The routes (FastAPI, jinja2) are imported when a router is built, so ``afflow users`` can use
``workflows.portal.auth`` without loading the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from workflows.portal.config import PortalConfig

if TYPE_CHECKING:
    from fastapi import APIRouter

__all__ = ["PortalConfig", "portal_router"]


def portal_router(*, engine: Engine, config: PortalConfig) -> APIRouter:
    from fastapi import APIRouter

    from workflows.portal.routes_auth import add_auth_routes
    from workflows.portal.routes_finance import add_finance_routes
    from workflows.portal.routes_manager import add_manager_routes
    from workflows.portal.routes_partner import add_partner_routes
    from workflows.portal.routes_rules import add_rules_routes
    from workflows.portal.web import PREFIX, PortalWeb

    web = PortalWeb(engine=engine, config=config)
    router = APIRouter(prefix=PREFIX, route_class=web.route_class(), include_in_schema=False)
    add_auth_routes(router, web)
    add_partner_routes(router, web)
    add_manager_routes(router, web)
    add_finance_routes(router, web)
    add_rules_routes(router, web)
    return router
