"""Running the real ``afflow`` CLI in-process for tests: one JSON document back, settings from the environment."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from typer.testing import CliRunner

from afflow.cli import app
from afflow.settings import get_settings


def afflow_json(monkeypatch: pytest.MonkeyPatch, env: Mapping[str, str], *args: str) -> tuple[int, Any]:
    """``afflow ARGS --json`` with ``env`` set: (exit code, the parsed stdout).

    In-process because a subprocess per call costs seconds of imports; the settings cache is cleared around
    the call so the environment is read afresh. A bug (any exception but a clean exit) is raised, not hidden.
    """
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, [*args, "--json"])
    finally:
        get_settings.cache_clear()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, json.loads(result.stdout)
