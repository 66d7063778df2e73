"""What finance reads in a terminal: ``afflow payouts preview`` and ``create`` (no ``--json``) render the same
view through one helper, so the preview shows exactly the table and held list the batch then has. Installed
CLI as subprocesses, SQLite and PostgreSQL (program of tests/cli/test_payouts_cli)."""

from __future__ import annotations

import subprocess

from tests.cli.test_payouts_cli import afflow, env

__all__ = ["env"]


def human(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["afflow", *args], env={**env, "COLUMNS": "200"}, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def rows(text: str) -> list[list[str]]:
    """The cells of a rich table's header (┃ borders) and body (│ borders) rows."""
    lines = [line.replace("┃", "│") for line in text.splitlines()]
    return [[cell.strip() for cell in line.strip("│ ").split("│")] for line in lines if line.count("│") > 2]


def test_preview_and_create_print_the_same_paid_and_held_tables(env: dict[str, str]) -> None:
    afflow(env, "program", "set", "--min-payout", "20.00")
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-05")
    preview = human(env, "payouts", "preview", "--as-of", "2026-02-06")
    created = human(env, "payouts", "create", "--as-of", "2026-02-06")

    assert preview.splitlines()[0] == "would pay 2 partner(s), hold 1"
    assert created.splitlines()[0] == "batch 1 created"
    assert preview.split("\n", 1)[1] == created.split("\n", 1)[1]  # below the first line, one rendering
    assert rows(created) == [
        ["partner_id", "gross", "clawback", "net", "commission_count"],
        ["p1", "45.00", "0.00", "45.00", "1"],
        ["p3", "60.00", "0.00", "60.00", "1"],
        ["partner_id", "locked", "reason"],
        ["p2", "12.00", "below minimum: 12.00 is less than the minimum payout 20.00"],
    ]
    assert "total 105.00 USD" in created and "held 1 partner(s), not paid (their balance carries over):" in created
