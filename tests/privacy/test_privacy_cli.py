"""``afflow privacy`` through the installed CLI (subprocesses), on SQLite and PostgreSQL: a customer's export,
their erasure by tombstone with the ledger, attributions and commissions unchanged, an offboarded partner's
erasure, and each action in the audit log without the customer's id."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from agents.approval.payloads import Offboarding
from store.db import ensure_program, transaction
from store.models import (
    Attribution,
    Commission,
    ConversionOutbox,
    InboxEvent,
    LedgerEntry,
    Order,
    OrderSignal,
    OutboxMessage,
    Partner,
)
from tests.tools.scenario import load
from tools.proposals import ProposalDraft, create_proposal
from workflows.booking.order_signals import OrderSignalIn, record_order_signals
from workflows.delivery.conversions import hashed_identity, queue_conversions

ANN = "Ann.Buyer@example.com"
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1"


def afflow(env: dict[str, str], *args: str, code: int = 0) -> Any:
    done = subprocess.run(["afflow", *args, "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


def _program(engine: Engine, directory: Path) -> None:
    """Ann: o1 through p1's click (partly refunded) and o2 (after the cookie window) through p2's ref code; Bob: o3 through p1's ref code."""
    load(
        engine,
        directory,
        partners=[f"p{i},Partner {i},p{i}@example.com,blog,100,0.1,REF{i},,direct" for i in (1, 2)],
        clicks=[f"c1,2026-03-01T09:00:00+00:00,p1,203.0.113.10,{IPHONE},https://blog.example/,,SKU-1,{ANN}"],
        orders=[
            f"o1,2026-03-01T10:00:00+00:00,{ANN},c1,,,USD,SKU-1,1,100.00",
            f"o2,2026-04-15T10:00:00+00:00,{ANN},,REF2,,USD,SKU-1,1,40.00",
            "o3,2026-04-16T10:00:00+00:00,bob,,REF1,,USD,SKU-1,1,20.00",
        ],
        refunds=["r1,o1,2026-03-03T10:00:00+00:00,SKU-1,10.00"],
    )
    with transaction(engine) as session:
        record_order_signals(session=session, salt=ensure_program(session).ip_salt, signals=[
            OrderSignalIn(order_id="o1", ip="203.0.113.77", user_agent=IPHONE),
            OrderSignalIn(order_id="o3", ip="198.51.100.4", user_agent=IPHONE),
        ])  # fmt: skip


def _credit(engine: Engine) -> list[tuple[str, str, str, int, int]]:
    with transaction(engine) as session:
        query = select(Attribution.order_id, Attribution.partner_id, Attribution.method, Commission.amount_cents,
                       Commission.reversed_cents).join(Commission, Commission.order_id == Attribution.order_id)  # fmt: skip
        return sorted((str(a), str(b), str(c), int(d), int(e)) for a, b, c, d, e in session.execute(query))


def _ledger_entries(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(LedgerEntry)) or 0)


def _env(db_url: str, tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AFFLOW_")}
    return env | {
        "AFFLOW_DATABASE_URL": db_url,
        "AFFLOW_OUTPUT_DIR": str(tmp_path / "out"),
        "USER": "ann",
        "LOGNAME": "ann",
    }


def test_customer_export_then_erasure_leaves_ledger_and_credit_and_audits_without_the_id(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    _program(engine, tmp_path / "csv")
    env = _env(db_url, tmp_path)
    balances_before, credit_before, entries_before = (
        afflow(env, "ledger", "balance"),
        _credit(engine),
        _ledger_entries(engine),
    )

    export = afflow(env, "privacy", "export", "--customer", ANN)

    assert [(o["order_id"], o["total"], o["credited_to"]) for o in export["orders"]] == [
        ("o1", "100.00", {"partner_id": "p1", "method": "click"}),
        ("o2", "40.00", {"partner_id": "p2", "method": "ref"}),
    ]
    assert [(r["refund_id"], r["amount"]) for r in export["refunds"]] == [("r1", "10.00")]
    assert [s["order_id"] for s in export["order_signals"]] == ["o1"] and export["order_signals"][0]["ip_hash"]
    assert [(c["click_id"], c["referrer"]) for c in export["clicks"]] == [("c1", "https://blog.example/")]

    with transaction(engine) as session:  # GA4 and Meta events queued before the request carry Ann's hashed e-mail
        queued = queue_conversions(session=session, destinations=["ga4", "meta"], now=datetime(2026, 4, 20, tzinfo=UTC))
    assert (queued.purchases, queued.refunds) == (6, 2)

    erased = afflow(env, "privacy", "erase", "--customer", ANN)

    assert (erased["orders"], erased["clicks"], erased["order_signals"]) == (2, 1, 1)
    assert erased["payloads"] == 2 + 6  # the two orders' inbox events, their purchases and o1's refund, twice
    assert afflow(env, "privacy", "export", "--customer", ANN, code=1)["error"]["code"] == "unknown_customer"
    assert afflow(env, "ledger", "balance") == balances_before
    assert _credit(engine) == credit_before and _ledger_entries(engine) == entries_before
    with transaction(engine) as session:
        owners = {order.id: order.customer_id for order in session.scalars(select(Order))}
        assert owners == {"o1": erased["tombstone"], "o2": erased["tombstone"], "o3": "bob"}
        assert list(session.scalars(select(OrderSignal.order_id))) == ["o3"]
        payloads = json.dumps([event.payload for event in session.scalars(select(InboxEvent))])
        conversions = json.dumps([event.payload for event in session.scalars(select(ConversionOutbox))])
    assert ANN not in payloads and ANN.lower() not in payloads and '"bob"' in payloads
    hashed = hashed_identity(ANN)
    assert hashed["email"] not in conversions and hashed["external_id"] not in conversions
    assert hashed_identity("bob")["external_id"] in conversions
    log = [e for e in afflow(env, "audit")["entries"] if e["action"].startswith("customer_data")]
    assert [(e["actor"], e["action"]) for e in log] == [
        ("cli:ann", "customer_data_exported"),
        ("cli:ann", "customer_data_erased"),
    ]
    assert log[0]["subject"] == log[1]["subject"] and log[1]["details"]["tombstone"] == erased["tombstone"]
    assert "example.com" not in json.dumps(log)


def test_partner_is_erased_only_after_offboarding_and_keeps_its_commissions(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    _program(engine, tmp_path / "csv")
    env = _env(db_url, tmp_path)
    refused = afflow(env, "privacy", "erase", "--partner", "p2", code=1)
    assert refused["error"]["code"] == "not_offboarded"
    with transaction(engine) as session:
        draft = ProposalDraft(kind="offboard_partner", summary="Offboard p2", partner_id="p2",
                              payload=Offboarding(signals=["test"]).model_dump(mode="json"))  # fmt: skip
        proposal_id = create_proposal(
            session=session, draft=draft, agent="tiering", now=ensure_program(session).created_at
        ).id
    afflow(env, "approvals", "approve", str(proposal_id))
    balances_before, credit_before = afflow(env, "ledger", "balance"), _credit(engine)

    erased = afflow(env, "privacy", "erase", "--partner", "p2")

    assert erased["partner_id"] == "p2" and erased["messages"] == 1  # the offboarding letter
    assert afflow(env, "ledger", "balance") == balances_before and _credit(engine) == credit_before
    with transaction(engine) as session:
        partner = session.get_one(Partner, "p2")
        assert (partner.name, partner.email, partner.channel, partner.status) == (
            "[erased]",
            "",
            "[erased]",
            "offboarded",
        )
        [letter] = session.scalars(select(OutboxMessage).where(OutboxMessage.partner_id == "p2"))
        assert (letter.recipient, letter.body_text) == ("", "[erased]")
        assert session.get_one(Partner, "p1").email == "p1@example.com"
    [row] = [e for e in afflow(env, "audit")["entries"] if e["action"] == "partner_data_erased"]
    assert (row["actor"], row["subject"]) == ("cli:ann", "partner:p2")
