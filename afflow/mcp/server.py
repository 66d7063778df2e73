"""``build_server(engine=..., config=..., access=...)``: the ``mcp`` SDK ``MCPServer`` afflow runs, with the read
tools (``afflow.mcp.reading``) and the propose / link tools (``afflow.mcp.writing``), and a middleware that
lists only the tools the caller's scopes (``afflow.mcp.access``) allow. Importing this module imports the SDK
(about 2 s on the loaded dev machine): only what runs the server imports it, when it runs it.
"""

from __future__ import annotations

from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import MCPServer
from sqlalchemy import Engine

from afflow.api import ApiConfig
from afflow.mcp.access import Access
from afflow.mcp.fencing import INSTRUCTIONS
from afflow.mcp.reading import add_read_tools
from afflow.mcp.writing import add_write_tools

SERVER_NAME = "afflow"


def build_server(*, engine: Engine, config: ApiConfig, access: Access, version: str) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(SERVER_NAME, title="afflow affiliate program", instructions=INSTRUCTIONS,
                                       version=version, log_level="WARNING")  # fmt: skip
    scopes = add_read_tools(server, engine=engine, config=config.reports, access=access)
    scopes |= add_write_tools(server, engine=engine, config=config.proposing, access=access)

    async def list_only_granted(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        """``tools/list`` shows the caller only the tools its scopes allow (each tool checks again when called)."""
        result = await call_next(ctx)  # the wire form: a dict, serialized inside the chain
        if ctx.method == "tools/list" and isinstance(result, dict):
            granted = access.scopes()
            return {**result, "tools": [t for t in result["tools"] if scopes[t["name"]] in granted]}
        return result

    server.middleware.append(list_only_granted)
    return server
