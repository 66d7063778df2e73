"""A batch's items as the file a bank or PayPal takes, one per payout method (the method on file now).

``bank-csv``: partner_id,account_name,account_number,amount,currency,reference for the partners paid by bank
transfer; ``paypal-csv``: PayPal Payouts' bulk upload columns (email,amount,currency,reference,note) for those
paid by PayPal. Stripe items are sent by ``workflows.portal.transfers``. Written through
``tools.spreadsheet_csv`` (no cell becomes a formula); reads only.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import PayoutBatch, PayoutItem, PayoutProfile
from store.money import format_money
from tools.spreadsheet_csv import write_csv
from workflows.booking.payouts import UnknownBatch

FORMATS = {"bank-csv": "bank_csv", "paypal-csv": "paypal"}
BANK_COLUMNS = ("partner_id", "account_name", "account_number", "amount", "currency", "reference")
PAYPAL_COLUMNS = ("email", "amount", "currency", "reference", "note")


def export_method_csv(*, session: Session, batch_id: int, file_format: str) -> str:
    batch = session.get(PayoutBatch, batch_id)
    if batch is None:
        raise UnknownBatch(f"payout batch {batch_id} does not exist")
    method = FORMATS[file_format]
    rows = session.execute(
        select(PayoutItem, PayoutProfile)
        .join(PayoutProfile, PayoutProfile.partner_id == PayoutItem.partner_id)
        .where(PayoutItem.batch_id == batch_id, PayoutItem.net_cents > 0, PayoutProfile.method == method)
        .order_by(PayoutItem.partner_id)
    ).all()
    reference = f"afflow-payout-{batch_id}"
    if method == "bank_csv":
        return write_csv(
            header=BANK_COLUMNS,
            rows=(
                [item.partner_id, profile.bank_account_name or "", profile.bank_account_number or "",
                 Decimal(format_money(item.net_cents, batch.currency)), batch.currency, f"{reference}-{item.partner_id}"]
                for item, profile in rows
            ),
        )  # fmt: skip
    return write_csv(
        header=PAYPAL_COLUMNS,
        rows=(
            [profile.paypal_email or "", Decimal(format_money(item.net_cents, batch.currency)), batch.currency,
             f"{reference}-{item.partner_id}", f"Commission payout, batch {batch_id}"]
            for item, profile in rows
        ),
    )  # fmt: skip
