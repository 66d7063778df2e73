"""The web portal: promoters see their numbers, managers decide, finance pays.

``portal_router(engine=..., config=...)`` returns a FastAPI ``APIRouter`` mounted under ``/portal``; the HTTP
app includes it. Pages are server-rendered jinja2 (templates in ``prompts/portal``), charts inline SVG.
Every route checks the signed-in role (``web.PortalWeb.viewer_with``) and every form its CSRF token
(``web.PortalWeb.form_with``). The portal never writes ledger rows itself: decisions go through
``workflows.approvals.decide.decide``, batches through ``workflows.booking.payouts``, rules through ``store.rules``.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import Engine

from workflows.portal.routes_auth import add_auth_routes
from workflows.portal.routes_finance import add_finance_routes
from workflows.portal.routes_manager import add_manager_routes
from workflows.portal.routes_partner import add_partner_routes
from workflows.portal.routes_rules import add_rules_routes
from workflows.portal.web import PREFIX, PortalConfig, PortalWeb

__all__ = ["PortalConfig", "portal_router"]


def portal_router(*, engine: Engine, config: PortalConfig) -> APIRouter:
    web = PortalWeb(engine=engine, config=config)
    router = APIRouter(prefix=PREFIX, route_class=web.route_class(), include_in_schema=False)
    add_auth_routes(router, web)
    add_partner_routes(router, web)
    add_manager_routes(router, web)
    add_finance_routes(router, web)
    add_rules_routes(router, web)
    return router
