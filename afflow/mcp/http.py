"""``/mcp`` on ``afflow serve``: the MCP server over streamable HTTP, for API keys.

Every request carries ``Authorization: Bearer <key>`` and is checked like the REST API's (``afflow.api.auth``):
no, an unknown or a revoked key is 401, a key with none of the MCP scopes (``read``, ``links``, ``propose``)
403, past its rate limit 429 with ``Retry-After``, each as the API's error envelope. The key's scopes then
decide which tools ``tools/list`` shows and which calls succeed; writes are audited as ``mcp:api-key:ID:NAME``.
The transport is stateless (a fresh MCP session per request, JSON responses): nothing outlives a request, so
a revoked key is refused at once and any replica can answer. No DNS-rebinding check: it guards servers that
trust whoever reaches them, and this one trusts only the key, which a rebound browser page does not have.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import anyio
from fastapi import APIRouter
from sqlalchemy import Engine
from starlette.datastructures import Headers
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from afflow.api import ApiConfig
from afflow.api.auth import KeyGuard, RateLimiter
from afflow.api.errors import ApiError, error_response
from afflow.mcp.access import ALL_SCOPES, LOCAL_ACTOR, require
from tools.api_keys import KeyView

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

PATH = "/mcp"
_CALLER: ContextVar[KeyView | None] = ContextVar("afflow_mcp_caller", default=None)


class KeyAccess:
    """The API key of the request being served (set by ``McpEndpoint`` around it)."""

    def _key(self) -> KeyView:
        key = _CALLER.get()
        if key is None:  # a tool ran outside a request: a bug, not a caller's mistake
            raise RuntimeError("no API key in the MCP request's context")
        return key

    def scopes(self) -> frozenset[str]:
        return frozenset(self._key().scopes) & ALL_SCOPES

    def actor(self) -> str:
        return f"{LOCAL_ACTOR}:{self._key().actor}"

    def grant(self, scope: str) -> str:
        return require(self, scope)


class McpEndpoint:
    """The ASGI app at ``/mcp``: authenticate the key, then let the SDK's session manager serve the request."""

    def __init__(self, *, build: Callable[[], MCPServer[Any]], guard: KeyGuard) -> None:
        self._build, self.guard = build, guard
        self._ready: asyncio.Future[MCPServer[Any]] | None = None
        self._runner: asyncio.Task[None] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            key = await anyio.to_thread.run_sync(self.admit, Headers(scope=scope).get("authorization"))
        except ApiError as error:
            await error_response(error)(scope, receive, send)
            return
        server = await self._server()
        token = _CALLER.set(key)
        try:
            await server.session_manager.handle_request(scope, receive, send)
        finally:
            _CALLER.reset(token)

    def admit(self, header: str | None) -> KeyView:
        key = self.guard.identify(header)
        if not ALL_SCOPES & set(key.scopes):
            raise ApiError(403, "forbidden", f"this key has none of the MCP scopes {sorted(ALL_SCOPES)}",
                           {"key_scopes": list(key.scopes)})  # fmt: skip
        wait = self.guard.limiter.admit(key_id=key.id, limit=key.rate_limit_per_minute)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            raise ApiError(429, "rate_limited", f"more than {key.rate_limit_per_minute} requests in a minute",
                           {"retry_after_seconds": seconds}, headers={"Retry-After": str(seconds)})  # fmt: skip
        return key

    async def _server(self) -> MCPServer[Any]:
        """The server, built and its session manager run from the first request on, for the life of the process:
        routers get no lifespan of their own (``workflows.http.create_app`` mounts them in a sub-app). Built then
        (the SDK imported then: ~2 s that start-up and every app a test builds need not pay), not with the router,
        also because the SDK's constructor configures the root logger (``logging.basicConfig``),
        which would pre-empt ``afflow serve``'s own logging set-up."""
        if self._ready is None:
            loop = asyncio.get_running_loop()
            self._ready = loop.create_future()
            self._runner = loop.create_task(self._run(self._ready))
        return await asyncio.shield(self._ready)

    async def _run(self, ready: asyncio.Future[MCPServer[Any]]) -> None:
        try:
            from mcp.server.transport_security import TransportSecuritySettings

            server = self._build()
            server.streamable_http_app(stateless_http=True, json_response=True,
                                       transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False))  # fmt: skip
        except Exception as exc:  # a bug: every request says so, instead of waiting forever
            ready.set_exception(exc)
            raise
        async with server.session_manager.run():
            ready.set_result(server)
            await anyio.sleep_forever()


def mcp_router(*, engine: Engine, config: ApiConfig, version: str, limiter: RateLimiter | None = None) -> APIRouter:
    """The ``/mcp`` route for ``afflow.wiring.routers``: the MCP tools to API keys over streamable HTTP."""

    def build() -> MCPServer[Any]:
        from afflow.mcp.server import build_server

        return build_server(engine=engine, config=config, access=KeyAccess(), version=version)

    endpoint = McpEndpoint(build=build, guard=KeyGuard(engine=engine, limiter=limiter or RateLimiter()))
    router = APIRouter()
    # POST only: a stateless server opens no event stream (GET) and has no session to end (DELETE).
    router.routes.append(Route(PATH, endpoint, methods=["POST"], include_in_schema=False))
    return router
