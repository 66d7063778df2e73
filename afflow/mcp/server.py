"""``build_server(engine=..., config=..., access=...)``: the MCP server afflow runs, an an ``mcp`` SDK ``MCPServer`` with the read tools
(``afflow.mcp.reading``) and the propose / link tools (``afflow.mcp.writing``), each annotated read-only or
not. ``afflow mcp`` runs it over stdio for the local user; ``afflow serve`` offers it at ``/mcp`` to API keys
(``afflow.mcp.http``), whose scopes decide which tools are listed and allowed. It reuses the REST API's
reports and proposal path (``afflow.api``), so the interfaces cannot drift apart. It never moves money,
applies a proposal or publishes a rule, and every string a partner, applicant or client wrote reaches the
client fenced as data (``afflow.mcp.fencing``). Importing it imports the SDK: only the command and the
composition root that run it may, inside their functions.
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
