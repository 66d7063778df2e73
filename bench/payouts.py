"""Payout benchmark: plan (preview) and create a batch for a program of many partners, most of them ready.

Partners and one order each go in through the CSV importer; reconcile locks them; then the program requires a
tax form and a payout method, half the partners get both, 1% an open high-severity fraud finding. Prints figures
(seconds for ``plan_payout`` and ``create_payout_batch``, partners paid and held), never asserts them.

    python bench/payouts.py [--partners 5000] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert

from store.audit import Actor
from store.db import ensure_program, make_engine, migrate, transaction
from store.models import FraudFinding, PayoutProfile, TaxForm
from workflows.booking.lifecycle import reconcile
from workflows.booking.payouts import create_payout_batch, plan_payout
from workflows.importing.importer import import_csv

START = datetime(2026, 1, 1, tzinfo=UTC)


def seed(engine: Engine, directory: Path, partners: int) -> None:
    rows = ["partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code"]
    rows += [f"p{n},Partner {n},p{n}@bench.example,blog,1000,0.05,REF{n},CPN{n}" for n in range(partners)]
    (directory / "partners.csv").write_text("\n".join(rows) + "\n")
    orders = ["order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price"]
    orders += [f"o{n},{(START + timedelta(minutes=n)).isoformat()},c{n},,REF{n},,USD,SKU,1,{100 + n % 400}.00"
               for n in range(partners)]  # fmt: skip
    (directory / "orders.csv").write_text("\n".join(orders) + "\n")
    for kind in ("partners", "orders"):
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=directory / f"{kind}.csv")
    with transaction(engine) as session:
        reconcile(session=session, as_of=START + timedelta(days=40))
        program = ensure_program(session)
        program.require_tax_form, program.require_payout_method, program.min_payout_cents = True, True, 1500
        ready = [f"p{n}" for n in range(0, partners, 2)]
        session.execute(insert(PayoutProfile), [{"partner_id": p, "method": "paypal", "paypal_email": f"{p}@pay.example",
                                                 "updated_at": START} for p in ready])  # fmt: skip
        session.execute(insert(TaxForm), [{"partner_id": p, "form_type": "W-9", "status": "verified",
                                           "submitted_at": START, "status_at": START} for p in ready])  # fmt: skip
        session.execute(insert(FraudFinding), [{"partner_id": f"p{n}", "signal": "click_injection", "severity": "high",
                                                "first_seen_at": START, "last_seen_at": START}
                                               for n in range(0, partners, 100)])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.postgres_url or f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        migrate(engine)
        started = time.perf_counter()
        seed(engine, Path(tmp), args.partners)
        print(f"seeded {args.partners} partners in {time.perf_counter() - started:.1f}s ({engine.dialect.name})")
        as_of = START + timedelta(days=41)
        with transaction(engine) as session:
            started = time.perf_counter()
            plan = plan_payout(session=session, as_of=as_of)
            planned = time.perf_counter() - started
        print(f"plan_payout: {planned:.2f}s, {len(plan.lines)} paid, {len(plan.held)} held")
        with transaction(engine) as session:
            started = time.perf_counter()
            result = create_payout_batch(session=session, as_of=as_of, actor=Actor("cli", "bench"))
            created = time.perf_counter() - started
        print(f"create_payout_batch: {created:.2f}s, {len(result.items)} paid, {len(result.held)} held")


if __name__ == "__main__":
    main()
