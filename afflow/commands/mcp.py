"""``afflow mcp``: the MCP server (``afflow.mcp.server``) over stdio, for an AI assistant started on this machine.

The caller is the local user, as for every CLI command: every tool is allowed and writes are audited as
``mcp``. stdout carries the protocol only; anything else this command says goes to stderr. The SDK is imported
when the command runs, never for ``--help``.
"""

from __future__ import annotations

import typer

from afflow import wiring
from afflow.clikit import open_store, settings, user_errors


def mcp() -> None:
    """Serve the MCP tools (reports; proposals and links as the only writes) over stdio until stdin closes."""
    from importlib.metadata import version

    from afflow.mcp.access import LocalAccess
    from afflow.mcp.server import build_server

    with user_errors(as_json=False):
        current = settings()
        engine = open_store()
        server = build_server(engine=engine, config=wiring.api_config(current), access=LocalAccess(),
                              version=version("afflow"))  # fmt: skip
    try:
        server.run("stdio")
    finally:
        engine.dispose()


def register(app: typer.Typer) -> None:
    app.command("mcp")(mcp)
