"""The docs stay true where a machine can tell: the CLI, the settings, the CSV samples, the routes, the folder table.

Each test reads the real thing (the typer app, ``Settings``, the importer, the composition root's HTTP app,
the tree on disk) and fails when a page no longer describes it: a command, option, setting, route or
folder added without its line in ``docs/``, a sample file the importer refuses, a path that moved.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel
from sqlalchemy import select
from starlette.routing import BaseRoute, Mount

from afflow.cli import app
from afflow.settings import Settings
from afflow.wiring import http_app
from store.db import make_engine, migrate, transaction
from store.ledger import balances
from store.models import Attribution
from store.rules import RuleSetBody
from workflows.importing.importer import IMPORT_KINDS, REQUIRED_COLUMNS, import_csv

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SAMPLES = DOCS / "samples"
# The order docs/csv.md gives: partners before what names them, rates and orders before their refunds.
IMPORT_ORDER = ("partners", "products", "coupons", "clicks", "fx_rates", "orders", "refunds", "applications")
CODE_ROOTS = ("store", "tools", "agents", "prompts", "workflows", "afflow")


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _commands(command: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    """Every command under ``command`` (groups included) with its full path, e.g. ('afflow', 'ledger', 'balance')."""
    found = [(path, command)] if len(path) > 1 else []
    children = getattr(command, "commands", None) or {}
    for name in list(children):
        found += _commands(children[name], (*path, name))
    return found


def _cli_sections(text: str) -> dict[str, str]:
    """docs/cli.md's reference sections by heading: '## `afflow ledger`' -> the text up to the next heading."""
    parts = re.split(r"^#{2,3} `(afflow [^`]+)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_cli_md_documents_every_command_and_option() -> None:
    sections = _cli_sections(_read("cli.md"))
    commands = _commands(typer.main.get_command(app), ("afflow",))
    assert len([path for path, _ in commands if len(path) == 2]) >= 19  # the walk found the real CLI
    missing: list[str] = []
    for path, command in commands:
        name = " ".join(path)
        section = sections.get(name)
        if section is None:
            missing.append(f"no section for `{name}`")
            continue
        for param in command.params:
            if param.name == "help":
                continue
            is_argument = type(param).__name__.endswith("Argument")
            spellings = [param.name.upper()] if is_argument else [*param.opts, *param.secondary_opts]
            missing += [f"`{name}` does not mention {s}" for s in spellings if f"`{s}`" not in section]
    assert not missing, "\n".join(missing)


def _env_name(name: str, field: Any) -> str:
    alias = field.validation_alias
    return str(alias.choices[0]) if alias is not None else f"AFFLOW_{name.upper()}"


def test_settings_md_lists_every_setting_and_threshold_key() -> None:
    text = _read("settings.md")
    names = [_env_name(name, field) for name, field in Settings.model_fields.items()]
    missing = [env for env in names if f"`{env}`" not in text]
    for name in ("fraud_thresholds", "score_thresholds"):
        model = Settings.model_fields[name].annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        missing += [f"{name}.{key}" for key in model.model_fields if f"`{key}`" not in text]
    assert len(Settings.model_fields) > 30
    assert not missing, missing


def test_csv_md_names_every_kind_with_its_columns_and_a_sample() -> None:
    text = _read("csv.md")
    assert sorted(IMPORT_ORDER) == sorted(IMPORT_KINDS)
    assert sorted(path.stem for path in SAMPLES.glob("*.csv")) == sorted(IMPORT_KINDS)
    for kind in IMPORT_KINDS:
        assert f"\n## {kind}\n" in text, kind
        assert f"`{','.join(REQUIRED_COLUMNS[kind])}`" in text.replace("\n", ""), kind


def test_every_sample_csv_imports_cleanly_and_books_what_csv_md_says(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/docs.db")
    migrate(engine)
    try:
        reports = {}
        for kind in IMPORT_ORDER:
            with transaction(engine) as session:
                reports[kind] = import_csv(session=session, kind=kind, path=SAMPLES / f"{kind}.csv")
        assert all(report.records > 0 and report.duplicates == 0 for report in reports.values())
        assert (reports["orders"].booked, reports["refunds"].booked, reports["refunds"].parked) == (5, 2, 0)
        with transaction(engine) as session:
            methods = {
                row.order_id: row.method for row in session.execute(select(Attribution.order_id, Attribution.method))
            }
            pending = {b.partner_id: (b.pending, b.locked, b.paid, b.clawback) for b in balances(session=session)}
    finally:
        engine.dispose()
    assert methods == {"o-5001": "click", "o-5002": "ref", "o-5003": "coupon", "o-5004": "cross_device"}
    assert pending == {"p-alice": (2730, 0, 0, 0), "p-bruno": (399, 0, 0, 0), "p-chloe": (852, 0, 0, 0)}


def test_sample_rule_set_is_a_valid_rule_body_using_every_field() -> None:
    body = RuleSetBody.model_validate(json.loads((SAMPLES / "rules.json").read_text(encoding="utf-8")))
    assert set(body.model_fields_set) == set(RuleSetBody.model_fields)


def _flat_routes(routes: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    """(method, path) of every route, into routers included in routers (FastAPI keeps those as one entry that
    holds the included router; its include prefix, if any, is added)."""
    found: list[tuple[str, str]] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            found += _flat_routes(list(included.routes), prefix + (getattr(context, "prefix", "") or ""))
        elif isinstance(route, Mount):  # the composition root's feature routers, mounted on the core app
            found += _flat_routes(list(route.routes), prefix + route.path)
        elif isinstance(route, BaseRoute) and getattr(route, "methods", None):
            found += [(method, prefix + str(getattr(route, "path", ""))) for method in route.methods]
    return found


def _documented(method: str, path: str, text: str) -> bool:
    return re.search(rf"{method} {re.escape(path)}(?=[`\s?,)])", text) is not None


def test_http_md_documents_every_route_of_the_served_app(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path}/http.db",
        spool_dir=str(tmp_path / "spool"),
        slack_bot_token="xoxb-docs",  # Slack configured, so /slack/actions is served too
        slack_signing_secret="docs",
    )
    engine = make_engine(settings.database_url)
    migrate(engine)
    try:
        served = http_app(engine=engine, settings=settings)  # core routes, and the feature routers in a Mount
    finally:
        engine.dispose()
    routes = {(method, path) for method, path in _flat_routes(list(served.app.routes)) if method != "HEAD"}
    paths = {path for _, path in routes}
    assert {"/r/{code}", "/webhooks/stripe", "/slack/actions", "/portal/login", "/api/v1/metrics", "/api/v1/conversions", "/healthz"} <= paths
    text = _read("http.md")
    missing = sorted(f"{method} {path}" for method, path in routes if not _documented(method, path, text))
    assert not missing, missing


def _folder_rows(text: str) -> list[tuple[str, str]]:
    """(folder, the rest of its row) for each row of the architecture page's folder table."""
    table = text.split("## Folder table", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = line.split("|")
        if line.startswith("| `") and len(cells) > 3:
            folder = re.fullmatch(r"\s*`([^`]+)`\s*", cells[1])
            assert folder is not None, line
            rows.append((folder.group(1), "|".join(cells[2:])))
    return rows


def test_architecture_folder_table_names_existing_paths_and_every_code_folder() -> None:
    rows = _folder_rows(_read("architecture.md"))
    named: set[Path] = set()
    missing: list[str] = []
    for folder, rest in rows:
        base = ROOT / folder
        named.add(base)
        if not base.is_dir():
            missing.append(folder)
        for entry in re.findall(r"`([\w-][\w.-]*(?:/[\w.-]+)*/?)`", rest):
            if entry.endswith("/") or re.search(r"\.(py|j2|sh|md|json|csv)$", entry):
                path = base / entry
                named.add(path.resolve())
                if not path.exists():
                    missing.append(f"{folder}{entry}")
    assert len(rows) > 40
    assert not missing, missing
    code_folders = {
        path.parent
        for root in CODE_ROOTS
        for path in (ROOT / root).rglob("*")
        if path.suffix in (".py", ".j2") and "__pycache__" not in path.parts
    }
    unlisted = sorted(str(folder.relative_to(ROOT)) for folder in code_folders if folder not in named)
    assert not unlisted, f"folders missing from docs/architecture.md's folder table: {unlisted}"
