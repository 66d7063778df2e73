"""``afflow payouts`` and ``afflow partners payout-profile|tax-form`` through the installed CLI (subprocesses), on
SQLite and PostgreSQL: a program with a minimum payout and required tax forms holds the partner below the minimum
and the one without a tax form, with their reasons, in ``create --json``; the held balance carries over and is
paid once the form is verified; batches move created -> sent -> paid with the CLI user recorded."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.workflows.booking import T0, book, order, partners


def afflow(env: dict[str, str], *args: str, code: int = 0) -> Any:
    done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.fixture
def env(engine: Engine, db_url: str, tmp_path: Path) -> dict[str, str]:
    """p1 is owed 45.00, p2 12.00 and p3 60.00 once the 30-day return window has passed."""
    partners(engine, tmp_path, "p1", "p2", "p3")
    book(
        engine,
        order("o1", T0, ref="REF-p1", lines=(("A", 1, 45000),)),
        order("o2", T0, ref="REF-p2", customer="b", lines=(("A", 1, 12000),)),
        order("o3", T0, ref="REF-p3", customer="c", lines=(("A", 1, 60000),)),
    )
    base = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    return base | {"AFFLOW_DATABASE_URL": db_url, "USER": "ann", "LOGNAME": "ann"}


def test_create_holds_below_minimum_and_no_tax_form_with_reasons_then_pays_the_carried_balance(
    env: dict[str, str],
) -> None:
    shown = afflow(env, "program", "set", "--min-payout", "20.00", "--require-tax-form")
    assert (shown["min_payout"], shown["require_tax_form"]) == ("20.00", True)
    for partner in ("p1", "p2"):
        afflow(env, "partners", "tax-form", "set-status", partner, "--status", "verified", "--form-type", "W-9")
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-05")

    preview = afflow(env, "payouts", "preview", "--as-of", "2026-02-06")
    batch = afflow(env, "payouts", "create", "--as-of", "2026-02-06")

    assert [i["partner_id"] for i in preview["items"]] == [i["partner_id"] for i in batch["items"]] == ["p1"]
    assert (batch["total"], batch["status"]) == ("45.00", "created")
    held = {h["partner_id"]: h for h in batch["held"]}
    assert [r["code"] for r in held["p2"]["reasons"]] == ["below_minimum"]
    assert held["p2"]["reason"] == "below minimum: 12.00 is less than the minimum payout 20.00"
    assert [r["code"] for r in held["p3"]["reasons"]] == ["no_tax_form"]
    assert held["p3"]["locked"] == "60.00" and preview["held_total"] == "72.00"

    profile = afflow(env, "partners", "payout-profile", "show", "p3")
    assert (profile["ready"], profile["tax_form"]) == (False, None)
    afflow(env, "program", "set", "--min-payout", "50.00")
    afflow(env, "partners", "tax-form", "set-status", "p3", "--status", "verified", "--form-type", "W-8BEN")
    assert afflow(env, "partners", "payout-profile", "show", "p3")["ready"] is True
    second = afflow(env, "payouts", "create", "--as-of", "2026-02-07")
    assert [(i["partner_id"], i["net"]) for i in second["items"]] == [("p3", "60.00")]  # carried over from batch 1
    assert [h["partner_id"] for h in second["held"]] == ["p2"]
    assert afflow(env, "payouts", "show", str(batch["batch_id"]))["held"][0]["partner_id"] == "p2"


def test_batches_move_created_sent_paid_once_each_with_who_moved_them(env: dict[str, str]) -> None:
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-05")
    batch_id = str(afflow(env, "payouts", "create", "--as-of", "2026-02-06")["batch_id"])
    refused = afflow(env, "payouts", "mark-paid", batch_id, code=1)
    assert refused["error"]["code"] == "bad_status" and "can only move to sent" in refused["error"]["message"]
    sent = afflow(env, "payouts", "mark-sent", batch_id, "--note", "bank file 17")
    assert (sent["status"], sent["sent_by"]) == ("sent", "cli:ann")
    assert afflow(env, "payouts", "mark-sent", batch_id, code=1)["error"]["code"] == "bad_status"
    paid = afflow(env, "payouts", "mark-paid", batch_id)
    assert (paid["status"], paid["paid_by"], paid["created_by"]) == ("paid", "cli:ann", "cli:ann")
    listed = afflow(env, "payouts", "list", "--status", "paid")["batches"]
    assert [(b["batch_id"], b["partners"]) for b in listed] == [(int(batch_id), 3)]
    assert afflow(env, "payouts", "list", "--status", "sent")["batches"] == []
    assert afflow(env, "ledger", "balance", "--partner", "p1")["partners"][0]["paid"] == "45.00"  # booked once
    log = [(e["action"], e["details"].get("note")) for e in afflow(env, "audit")["entries"]]
    assert log == [("payout_batch_created_paid", None), ("payout_batch_sent", "bank file 17"), ("payout_batch_paid", None)]
    assert afflow(env, "payouts", "mark-sent", "99", code=1)["error"]["code"] == "unknown_batch"


def test_payout_profile_set_checks_input_masks_secrets_and_exports_the_bank_file(
    env: dict[str, str], tmp_path: Path
) -> None:
    bad = afflow(env, "partners", "payout-profile", "set", "p1", "--country", "USA", code=1)
    assert bad["error"]["message"].startswith("--country: 'USA' is not an ISO 3166-1 alpha-2 code")
    afflow(env, "program", "set", "--require-payout-method")
    profile = afflow(env, "partners", "payout-profile", "set", "p1", "--method", "bank_csv", "--bank-account-name",
                     "P One", "--bank-account-number", "DE89370400440532013000", "--country", "de", "--tax-id", "123456789")  # fmt: skip
    assert (profile["country"], profile["tax_id"], profile["bank_account_number"]) == (
        "DE", "•••••6789", "••••••••••••••••••3000"
    )
    assert profile["ready"] is True
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-05")
    batch = afflow(env, "payouts", "create", "--as-of", "2026-02-06")
    assert [i["partner_id"] for i in batch["items"]] == ["p1"]
    assert {h["partner_id"]: h["reasons"][0]["code"] for h in batch["held"]} == {
        "p2": "no_payout_method", "p3": "no_payout_method"
    }
    out = tmp_path / "bank.csv"
    afflow(env, "payouts", "export", str(batch["batch_id"]), "--format", "bank-csv", "--output", str(out))
    assert out.read_text().splitlines() == [
        "partner_id,account_name,account_number,amount,currency,reference",
        f"p1,P One,DE89370400440532013000,45.00,USD,afflow-payout-{batch['batch_id']}-p1",
    ]
    changed = [e for e in afflow(env, "audit")["entries"] if e["action"] == "payout_profile_changed"]
    assert "DE89370400440532013000" not in json.dumps(changed) and changed[0]["actor"] == "cli:ann"


def test_findings_list_and_clear_are_clean_errors_for_unknown_ids(env: dict[str, str]) -> None:
    assert afflow(env, "payouts", "findings", "list")["findings"] == []
    missing = afflow(env, "payouts", "findings", "clear", "7", "--reason", "false alarm", code=1)
    assert missing["error"]["code"] == "unknown_finding"


def test_tax_report_totals_the_year_and_flags_the_1099_nec_threshold(env: dict[str, str], tmp_path: Path) -> None:
    afflow(env, "partners", "payout-profile", "set", "p1", "--country", "US", "--tax-id", "123-45-6789")
    afflow(env, "partners", "tax-form", "set-status", "p1", "--status", "verified", "--form-type", "W-9")
    afflow(env, "partners", "payout-profile", "set", "p3", "--country", "DE")
    afflow(env, "partners", "tax-form", "set-status", "p3", "--status", "verified", "--form-type", "W-8BEN")
    afflow(env, "ledger", "reconcile", "--as-of", "2026-02-05")
    afflow(env, "payouts", "create", "--as-of", "2026-02-06")
    out = tmp_path / "tax.csv"
    summary = afflow(env, "payouts", "tax-report", "--year", "2026", "--threshold", "40.00", "--output", str(out))
    assert (summary["partners"], summary["form_1099_nec"], summary["threshold"]) == (3, 1, "40.00")
    assert out.read_text().splitlines() == [
        "partner_id,name,email,country,tax_form_type,tax_form_status,tax_id_on_file,tax_id_last4,total_paid,currency,"
        "threshold_reached,form_1099_nec",
        "p1,Partner p1,p1@example.com,US,W-9,verified,yes,6789,45.00,USD,yes,yes",
        "p2,Partner p2,p2@example.com,,,,no,,12.00,USD,no,no",
        "p3,Partner p3,p3@example.com,DE,W-8BEN,verified,no,,60.00,USD,yes,no",  # foreign: no 1099-NEC
    ]
    default = afflow(env, "payouts", "tax-report", "--year", "2026")
    assert (default["threshold"], default["form_1099_nec"]) == ("2000.00", 0)
    assert afflow(env, "payouts", "tax-report", "--year", "2025")["partners"] == 0
