"""Who is calling the MCP server and what they may do.

Over stdio the caller is the local user who started ``afflow mcp`` (as for every CLI command): every tool,
audited as ``mcp``. Over HTTP (``/mcp`` on ``afflow serve``) the caller is an API key: its scopes decide which
tools are listed and allowed, and the audit names the key. Tools call ``grant(scope)`` before they read or
write; it returns the audit actor or raises ``ToolError``.
"""

from __future__ import annotations

from typing import Protocol

LOCAL_ACTOR = "mcp"
ALL_SCOPES = frozenset({"read", "links", "propose"})


class Access(Protocol):
    def scopes(self) -> frozenset[str]:
        """The scopes of the current caller."""
        ...

    def actor(self) -> str:
        """Who the audit trail names for the current caller's writes."""
        ...

    def grant(self, scope: str) -> str:
        """The current caller's actor if it holds ``scope``; else ``ToolError``."""
        ...


class LocalAccess:
    """The local user of ``afflow mcp`` (stdio): every scope, actor ``mcp``."""

    def scopes(self) -> frozenset[str]:
        return ALL_SCOPES

    def actor(self) -> str:
        return LOCAL_ACTOR

    def grant(self, scope: str) -> str:
        return require(self, scope)


def require(access: Access, scope: str) -> str:
    from mcp.server.mcpserver.exceptions import ToolError  # the SDK is loaded by now: a tool is running

    if scope not in access.scopes():
        raise ToolError(
            f"this caller lacks the {scope!r} scope (it has: {', '.join(sorted(access.scopes())) or 'none'})"
        )
    return access.actor()
