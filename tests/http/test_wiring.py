"""The composition root (``afflow.wiring``): the routers ``afflow serve`` mounts, listed explicitly, and an import
that costs the CLI nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pydantic import SecretStr

from afflow.settings import Settings
from afflow.wiring import routers
from store.db import make_engine

HEAVY = ("fastapi", "starlette", "uvicorn", "langgraph", "openai", "numpy", "jinja2")


def served_paths(tmp_path: Path, settings: Settings) -> set[str]:
    engine = make_engine(f"sqlite:///{tmp_path}/afflow.db")
    try:
        return {getattr(route, "path", "") for router in routers(engine=engine, settings=settings) for route in router.routes}
    finally:
        engine.dispose()


def test_serve_mounts_the_portal_always_and_slack_actions_only_when_slack_is_configured(tmp_path: Path) -> None:
    plain = served_paths(tmp_path, Settings(slack_bot_token=None))
    with_slack = served_paths(tmp_path, Settings(slack_bot_token=SecretStr("xoxb-test"), slack_signing_secret=SecretStr("s")))

    assert {"/portal/login", "/portal/partners/{partner_id}", "/portal/manager/inbox", "/portal/finance"} <= plain
    assert "/slack/actions" not in plain
    assert with_slack - plain == {"/slack/actions"}


def test_importing_the_composition_root_loads_no_web_or_agent_library() -> None:
    probe = f"import sys, afflow.wiring; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
