"""CLI command groups; each module exposes ``register(app)``, which adds its commands to ``app``.

``COMMANDS`` names, for each top-level command, the module that registers it and the one-line help
``afflow --help`` lists, so that the CLI lists every command without importing any and ``afflow ledger
balance`` imports the ledger commands only: start-up time is what every command pays. A test keeps the
table equal to what the modules register. A command module imports at module level only the standard
library, typer, rich, ``afflow.clikit`` and pure helpers such as ``store.money``; the store, workflows,
agents and the HTTP stack are imported inside the command functions that use them.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

import typer


class CommandEntry(NamedTuple):
    module: str  # afflow.commands.<module>.register adds the command
    summary: str  # the command's help, first paragraph: what `afflow --help` lists


# In the order `afflow --help` lists them (typer's: single commands first, then groups).
COMMANDS: dict[str, CommandEntry] = {
    "run": CommandEntry("agents", "Run an agent; consequential actions become proposals for `afflow approvals`."),
    "metrics": CommandEntry("analytics", "Clicks, orders, revenue, margin and their change per partner and for the program."),
    "audit": CommandEntry("audit", "Who did what: the audit log's rows, oldest first."),
    "demo": CommandEntry("demo", "Seed a realistic program (partners, catalog, clicks, orders, refunds, applications) and book it."),
    "import": CommandEntry("importing", "Import a CSV file; any bad row rejects the whole file and names its line and column."),
    "mcp": CommandEntry("mcp", "Serve the MCP tools (reports; proposals and links as the only writes) over stdio until stdin closes."),
    "init": CommandEntry("program", "Create or migrate the database."),
    "serve": CommandEntry("serve", "Serve tracking redirects, store webhooks and conversion postbacks until SIGTERM / Ctrl-C."),
    "fraud": CommandEntry("analytics", "Fraud signals per partner."),
    "partners": CommandEntry("analytics", "Partner quality scores and tiers."),
    "coupons": CommandEntry("analytics", "Watch coupon sites for leaked exclusive codes."),
    "approvals": CommandEntry("approvals", "Review what the agents propose."),
    "conversions": CommandEntry("conversions", "Server-side conversions to GA4 and Meta."),
    "experiments": CommandEntry("experiments", "Commission experiments: randomised rate variants, measured."),
    "inbox": CommandEntry("inbox", "Events received and not booked: failed, parked, waiting, pending."),
    "keys": CommandEntry("keys", "API keys (scoped, shown once, stored hashed) for the REST API and MCP."),
    "ledger": CommandEntry("ledger", "Balances and the lifecycle clock."),
    "links": CommandEntry("links", "Tracking links partners share."),
    "match": CommandEntry("matching", "Probabilistic matching of orders without click id, ref code or coupon."),
    "orders": CommandEntry("orders", "Correct booked orders: void one (new ledger entries, audited)."),
    "payouts": CommandEntry("payouts", "Payout batches for finance."),
    "users": CommandEntry("portal", "Portal accounts (promoters, managers, finance) and sign-in links."),
    "privacy": CommandEntry("privacy", "Export or erase a customer's personal data; erase an offboarded partner's."),
    "program": CommandEntry("program", "Show or change the program's settings."),
    "rules": CommandEntry("rules", "Commission rule sets (versioned, effective-dated)."),
    "webhooks": CommandEntry("webhooks", "Signed outbound webhooks to the brand's other tools."),
}  # fmt: skip


def register_module(app: typer.Typer, name: str) -> None:
    """Import ``afflow.commands.<name>`` and let it add its commands to ``app``."""
    importlib.import_module(f"{__name__}.{name}").register(app)
