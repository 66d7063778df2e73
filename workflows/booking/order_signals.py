"""Checkout signals of an order's buyer, kept for probabilistic matching: hashed on arrival, never a raw IP.

The webhook intake (Shopify ``browser_ip`` / ``client_details.user_agent``, WooCommerce ``customer_ip_address`` /
``customer_user_agent``, Stripe session ``metadata.afflow_ip`` / ``afflow_user_agent``; read by
``workflows.webhooks.checkout_signals``) and the orders importer hand ``OrderSignalIn`` values to
``record_order_signals``; the IP
becomes the same salted hash and network prefix the click log keeps, the user agent its family and
device type, the checkout e-mail (CSV ``customer_email``) its ``store.identity.mailbox_key``. Signals may
arrive before their order; the first signals recorded for an order win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from store.bulk import insert_ignoring_duplicates
from store.identity import mailbox_key
from store.models import OrderSignal
from workflows.booking.clicks import device_type, hash_ip
from workflows.matching.model import user_agent_family


class OrderSignalIn(BaseModel):
    """What a shop saw of the buyer at checkout (Shopify ``browser_ip``/``client_details``, WooCommerce
    ``customer_ip_address``/``customer_user_agent``, or CSV columns ``ip``/``user_agent``/``customer_email``)."""

    model_config = ConfigDict(frozen=True)
    order_id: str = Field(min_length=1, max_length=64)
    ip: str = ""
    user_agent: str = ""
    email: str = ""


def record_order_signals(*, session: Session, signals: Sequence[OrderSignalIn], salt: str) -> int:
    """Store hashed checkout signals (the raw IP and e-mail are dropped here); an order's first signals win."""
    return record_signal_rows(session=session, rows=signal_rows(signals, salt=salt))


def record_signal_rows(*, session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Store rows ``signal_rows`` made (an order's first signals win)."""
    insert_ignoring_duplicates(session, OrderSignal, list(rows), key=["order_id"])
    return len(rows)


def signal_rows(signals: Sequence[OrderSignalIn], *, salt: str) -> list[dict[str, Any]]:
    """The ``order_signals`` rows of ``signals``, hashed: what may be kept (or spooled to disk); raw values are not."""
    rows = []
    for signal in signals:
        ip_hash, ip_prefix = hash_ip(signal.ip, salt)
        rows.append(
            {
                "order_id": signal.order_id,
                "ip_hash": ip_hash,
                "ip_prefix": ip_prefix,
                "user_agent_family": user_agent_family(signal.user_agent),
                "device_type": device_type(signal.user_agent),
                "mailbox_key": mailbox_key(signal.email),
            }
        )
    return rows


def signals_from_csv(*, columns: Mapping[str, int], rows: Iterable[Sequence[str]]) -> list[OrderSignalIn]:
    """The signals of an orders CSV carrying optional ``ip`` / ``user_agent`` / ``customer_email`` columns: an
    order's first row wins."""
    order_at = columns["order_id"]
    ip_at, agent_at, email_at = columns.get("ip"), columns.get("user_agent"), columns.get("customer_email")
    found: dict[str, OrderSignalIn] = {}
    for values in rows:
        order_id = values[order_at].strip()
        ip = values[ip_at].strip() if ip_at is not None else ""
        agent = values[agent_at].strip() if agent_at is not None else ""
        email = values[email_at].strip() if email_at is not None else ""
        if order_id not in found and (ip or agent or email):
            found[order_id] = OrderSignalIn(order_id=order_id, ip=ip, user_agent=agent, email=email)
    return list(found.values())
