"""Sending a payout batch through Stripe Connect, one transfer per partner, exactly once.

Each payout item gets a ``stripe_transfers`` row keyed by its idempotency key, committed *before* Stripe
is called. A crash after Stripe answered but before our commit leaves the row ``pending``; sending the
batch again re-posts with the same key and Stripe replays the same transfer, so nobody is paid twice.
Items already ``sent`` are skipped. Only partners paid through Stripe are sent to: their payout profile's
method is ``stripe``, or they chose none (a connected account saved is then how they are paid, as
``workflows.booking.payout_readiness`` reads it). Partners paid by PayPal or bank transfer are left for that
method (``other_method``, never sent, the batch not marked sent); partners on Stripe without a connected
account are reported, not guessed.
Row status: ``pending`` (not sent yet, or the outcome is unknown: resend with the same key), ``sent``,
``refused`` (Stripe's final no, e.g. an unknown destination: the next send uses a fresh key).
The ledger already recorded the payout when the batch was created; this only moves the money.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from store.bulk import rows_where_in
from store.db import transaction
from store.models import PayoutAccount, PayoutBatch, PayoutItem, PayoutProfile, StripeTransfer, utcnow
from tools.stripe_connect import StripeConnect, StripeError, payout_idempotency_key


class UnknownPayoutBatch(LookupError):
    """No payout batch has this id."""


@dataclass
class SendReport:
    batch_id: int
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    missing_account: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    other_method: dict[str, str] = field(default_factory=dict)  # partner -> paypal | bank_csv: not Stripe's to pay

    @property
    def complete(self) -> bool:
        """Every partner paid through Stripe was sent to (those left for another method are not a failure)."""
        return not self.missing_account and not self.failed


def send_batch(*, engine: Engine, batch_id: int, stripe: StripeConnect) -> SendReport:
    report = SendReport(batch_id=batch_id)
    with transaction(engine) as session:
        batch = session.get(PayoutBatch, batch_id)
        if batch is None:
            raise UnknownPayoutBatch(f"payout batch {batch_id} does not exist")
        currency = batch.currency
        items = [
            (item.partner_id, item.net_cents)
            for item in session.scalars(
                select(PayoutItem)
                .where(PayoutItem.batch_id == batch_id, PayoutItem.net_cents > 0)
                .order_by(PayoutItem.id)
            )
        ]
        methods = payout_methods(session=session, partner_ids=[partner_id for partner_id, _ in items])
    for partner_id, net_cents in items:
        if methods.get(partner_id, "stripe") != "stripe":
            report.other_method[partner_id] = methods[partner_id]
            continue
        with transaction(engine) as session:
            row = session.scalar(
                select(StripeTransfer).where(
                    StripeTransfer.batch_id == batch_id, StripeTransfer.partner_id == partner_id
                )
            )
            if row is not None and row.status == "sent":
                report.already_sent.append(partner_id)
                continue
            account = session.get(PayoutAccount, partner_id)
            if account is None:
                report.missing_account.append(partner_id)
                continue
            if row is None:
                row = StripeTransfer(
                    batch_id=batch_id,
                    partner_id=partner_id,
                    idempotency_key=payout_idempotency_key(batch_id=batch_id, partner_id=partner_id),
                    amount_cents=net_cents,
                    currency=currency,
                    destination=account.stripe_account_id,
                )
                session.add(row)
            elif row.status == "refused":
                # Stripe answered a final no (e.g. unknown destination) and saved that answer under the key:
                # a corrected request needs a fresh key. An unknown outcome (status pending) keeps its key.
                row.idempotency_key = retry_key(row.idempotency_key)
                row.destination, row.status = account.stripe_account_id, "pending"
            key, destination, amount = row.idempotency_key, row.destination, row.amount_cents
        try:
            transfer = stripe.create_transfer(
                amount_cents=amount,
                currency=currency,
                destination=destination,
                idempotency_key=key,
                transfer_group=f"afflow-batch-{batch_id}",
                metadata={"afflow_batch": str(batch_id), "afflow_partner": partner_id},
            )
        except StripeError as error:
            report.failed[partner_id] = str(error)
            _record(engine, key, status="refused" if error.final else "pending", error=str(error))
            continue
        _record(engine, key, status="sent", transfer_id=transfer.id)
        report.sent.append(partner_id)
    if report.complete and not report.other_method:  # the batch is sent once everyone in it is
        with transaction(engine) as session:
            batch = session.get(PayoutBatch, batch_id)
            if batch is not None:
                batch.status = "sent"
    return report


def payout_methods(*, session: Session, partner_ids: list[str]) -> dict[str, str]:
    """The payout method each partner chose (``stripe``, ``paypal``, ``bank_csv``); those who chose none are absent."""
    query = select(PayoutProfile.partner_id, PayoutProfile.method).where(PayoutProfile.method.is_not(None))
    return {pid: str(method) for pid, method in rows_where_in(session, query, PayoutProfile.partner_id, partner_ids)}


def retry_key(key: str) -> str:
    """``k`` -> ``k-retry2`` -> ``k-retry3``: a new key for a corrected request after a final refusal."""
    base, _, count = key.rpartition("-retry")
    return f"{base}-retry{int(count) + 1}" if base and count.isdigit() else f"{key}-retry2"


def _record(engine: Engine, key: str, *, status: str, transfer_id: str | None = None, error: str | None = None) -> None:
    with transaction(engine) as session:
        row = session.scalar(select(StripeTransfer).where(StripeTransfer.idempotency_key == key))
        if row is not None:
            row.status, row.error = status, error
            if transfer_id is not None:
                row.transfer_id, row.sent_at = transfer_id, utcnow()


def set_payout_account(*, engine: Engine, partner_id: str, stripe_account_id: str) -> None:
    """Record where a partner is paid; ``acct_`` ids only, so a typo cannot send money to a customer id."""
    account_id = stripe_account_id.strip()
    if not account_id.startswith("acct_") or len(account_id) > 64:
        raise ValueError(f"{stripe_account_id!r} is not a Stripe connected account id (acct_...)")
    with transaction(engine) as session:
        row = session.get(PayoutAccount, partner_id)
        if row is None:
            session.add(PayoutAccount(partner_id=partner_id, stripe_account_id=account_id))
        else:
            row.stripe_account_id, row.updated_at = account_id, utcnow()
