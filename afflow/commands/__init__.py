"""CLI command groups; each module exposes ``register(app)``.

``COMMAND_MODULES`` names the module behind each top-level command so that ``afflow ledger balance``
imports the ledger commands only, not the agents (langgraph, openai) or the HTTP app: start-up time
is what every command pays. A test keeps the table equal to what the modules register.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

COMMAND_MODULES: dict[str, str] = {
    "approvals": "approvals",
    "conversions": "conversions",
    "coupons": "analytics",
    "demo": "demo",
    "experiments": "experiments",
    "fraud": "analytics",
    "import": "importing",
    "init": "program",
    "ledger": "ledger",
    "links": "links",
    "match": "matching",
    "metrics": "analytics",
    "partners": "analytics",
    "payouts": "ledger",
    "program": "program",
    "rules": "rules",
    "run": "agents",
    "serve": "serve",
    "users": "portal",
}


def register_all(app: typer.Typer) -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        register_module(app, module_info.name)


def register_module(app: typer.Typer, name: str) -> None:
    importlib.import_module(f"{__name__}.{name}").register(app)
