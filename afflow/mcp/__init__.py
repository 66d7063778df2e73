"""The MCP server: afflow's reports as read tools and proposals as the only writes, for AI assistants.

``afflow.mcp.server.build_server`` assembles it from the read tools (``reading``) and the propose / link tools
(``writing``), each annotated read-only or not; ``afflow mcp`` runs it over stdio for the local user
(``afflow.commands.mcp``) and ``afflow serve`` at ``/mcp`` for API keys (``http``), whose scopes decide which
tools are listed and allowed (``access``). It reuses the REST API's reports and proposal path (``afflow.api``),
so the interfaces cannot drift apart. It never moves money, applies a proposal or publishes a rule, and every
string a partner, applicant or client wrote reaches the client fenced as data (``fencing``). This package
imports nothing: ``afflow.mcp.http``'s route is built at start-up without the SDK, which loads on the first
request.
"""
