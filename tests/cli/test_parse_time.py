"""``afflow.clikit.parse_time``, the one reading of every time option: ISO 8601, UTC unless an offset says
otherwise, a date alone at 00:00 UTC, and a user error naming the option for anything else."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afflow.clikit import UserError, parse_time

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_an_absent_option_is_its_default() -> None:
    assert parse_time(None, option="--as-of", default=NOW) is NOW
    assert parse_time(None, option="--as-of") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),  # a date alone: 00:00 UTC
        ("20240501", datetime(2024, 5, 1, tzinfo=UTC)),  # ISO 8601 basic format
        ("2024-05-01T13:30", datetime(2024, 5, 1, 13, 30, tzinfo=UTC)),  # no offset: UTC
        ("2024-05-01 13:30:00", datetime(2024, 5, 1, 13, 30, tzinfo=UTC)),
        ("2024-05-01T13:30:00Z", datetime(2024, 5, 1, 13, 30, tzinfo=UTC)),
        ("2024-05-01T13:30:00+02:00", datetime(2024, 5, 1, 11, 30, tzinfo=UTC)),
        ("2024-05-01T00:30:00+02:00", datetime(2024, 4, 30, 22, 30, tzinfo=UTC)),  # the day before in UTC
        ("2024-05-01T20:00:00-05:00", datetime(2024, 5, 2, 1, 0, tzinfo=UTC)),  # the day after in UTC
        ("2024-05-01T13:30:00.250000", datetime(2024, 5, 1, 13, 30, 0, 250_000, tzinfo=UTC)),
        ("2024-02-29", datetime(2024, 2, 29, tzinfo=UTC)),
    ],
)
def test_a_value_is_read_as_an_aware_utc_time(text: str, expected: datetime) -> None:
    parsed = parse_time(text, option="--as-of")
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0) and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "next tuesday",
        "",
        "2024-13-01",
        "2023-02-29",
        "2024-05-01T24:00",
        "13:30",
        "2024-05",
        "1714569000",
    ],
)
def test_anything_else_is_a_user_error_naming_the_option_and_the_expected_form(text: str) -> None:
    with pytest.raises(UserError) as raised:
        parse_time(text, option="--effective-from", default=NOW)
    assert raised.value.code == "bad_option"
    assert raised.value.message == (
        f"--effective-from: {text!r} is not an ISO 8601 time; "
        "expected a date or date-time such as 2024-05-01 or 2024-05-01T13:30:00+02:00 (UTC when no offset)"
    )


@given(st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30)), st.integers(-16 * 60, 16 * 60))
def test_any_written_time_reads_back_as_the_same_instant(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    assert parse_time(aware.isoformat(), option="--at") == aware
    assert parse_time(moment.isoformat(), option="--at") == moment.replace(tzinfo=UTC)
    assert parse_time(moment.isoformat(sep=" "), option="--at") == moment.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    ["9999-12-31", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "1999-12-31T23:59:59Z", "2100-01-01"],
)
def test_a_time_outside_the_bookable_years_is_refused_naming_the_option(text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_time(text, option="--as-of")
    assert refused.value.code == "bad_option" and "--as-of" in str(refused.value) and "2000..2099" in str(refused.value)


def afflow(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a subprocess, on a fresh SQLite store."""
    env = {"PATH": "/usr/bin:/bin", "AFFLOW_DATABASE_URL": f"sqlite:///{tmp_path}/afflow.db"}
    script = "from afflow.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )


def test_ledger_reconcile_reads_as_of_like_every_command(tmp_path: Path) -> None:
    for as_of in ("2024-05-01", "2024-05-01T02:00:00+02:00", "2024-04-30T19:00-05:00"):
        done = afflow("ledger", "reconcile", "--as-of", as_of, "--json", tmp_path=tmp_path)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["as_of"] == "2024-05-01T00:00:00+00:00"
    done = afflow("ledger", "reconcile", "--as-of", "1 May", "--json", tmp_path=tmp_path)
    assert done.returncode == 1
    assert json.loads(done.stdout) == {
        "error": {
            "code": "bad_option",
            "message": "--as-of: '1 May' is not an ISO 8601 time; expected a date or date-time "
            "such as 2024-05-01 or 2024-05-01T13:30:00+02:00 (UTC when no offset)",
            "details": {},
        }
    }
