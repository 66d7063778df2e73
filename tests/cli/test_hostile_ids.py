"""Id arguments beyond the id columns' range are a usage error (exit 2, naming the argument), never a traceback
from the database driver (issue 17: ``afflow payouts export 99999999999999999999``)."""

from __future__ import annotations

import os
import subprocess

import pytest
from sqlalchemy import Engine


@pytest.mark.parametrize(
    "args",
    [("payouts", "export", "99999999999999999999"), ("approvals", "show", "2147483648"), ("keys", "revoke", "0"),
     ("webhooks", "resume", "99999999999999999999")],
)  # fmt: skip
def test_an_id_out_of_range_is_a_usage_error(engine: Engine, db_url: str, args: tuple[str, ...]) -> None:
    done = subprocess.run(
        ["afflow", *args], env={**os.environ, "AFFLOW_DATABASE_URL": db_url, "COLUMNS": "200"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Invalid value" in done.stderr
