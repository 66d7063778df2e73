"""The event shapes every source (CSV import, store webhooks, conversion postbacks) turns into.

These are the inbox contract: a webhook mapper and the CSV importer both produce these models and hand
them to ``workflows.booking.ingest``; nothing downstream knows where an event came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workflows.booking.bounds import Amount, EventTime, PositiveAmount, Quantity, total_problem

# three letters (ISO 4217's shape): "US$" or "1$%" from a webhook is refused at the door, not parked for a rate
CURRENCY_CODE = r"^[A-Za-z]{3}$"


class OrderLineIn(BaseModel):
    model_config = ConfigDict(frozen=True)
    sku: str = Field(min_length=1, max_length=64)
    quantity: Quantity
    unit_price_cents: Amount
    # the line's amount in the order's ``presentment_currency`` (what the customer paid), when the platform
    # reports the order in its own settlement currency (Shopify's ``presentment_money`` vs ``shop_money``)
    presentment_cents: Amount | None = None


class OrderEvent(BaseModel):
    """A paid order. ``customer_order_count`` is the platform's count including this order, if it sends one."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["order"] = "order"
    order_id: str = Field(min_length=1, max_length=64)
    ts: EventTime
    customer_id: str = Field(min_length=1, max_length=128)
    click_id: str | None = Field(default=None, max_length=64)
    ref_code: str | None = Field(default=None, max_length=64)
    coupon_code: str | None = Field(default=None, max_length=64)
    currency: str = Field(pattern=CURRENCY_CODE)
    lines: tuple[OrderLineIn, ...] = Field(min_length=1)
    customer_order_count: int | None = Field(default=None, ge=0, le=10**9)
    # ``currency`` is what the amounts are in; the currency the customer paid in, when the platform says it
    # differs (the lines then carry ``presentment_cents``). ``workflows.booking.fx`` converts to the program's.
    presentment_currency: str | None = Field(default=None, pattern=CURRENCY_CODE)

    @model_validator(mode="after")
    def _total_in_bounds(self) -> OrderEvent:
        problem = total_problem(line.quantity * line.unit_price_cents for line in self.lines)
        if problem is not None:
            raise ValueError(problem)
        with_presentment = [line.presentment_cents is not None for line in self.lines]
        if self.presentment_currency is None and any(with_presentment):
            raise ValueError("lines carry presentment_cents but the order names no presentment_currency")
        if self.presentment_currency is not None and not all(with_presentment):
            raise ValueError(f"presentment_currency {self.presentment_currency} needs presentment_cents on every line")
        return self

    @property
    def external_id(self) -> str:
        return f"order:{self.order_id}"


class RefundEvent(BaseModel):
    """Money returned on an order: for one SKU's line(s), or spread over the order when ``sku`` is None."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["refund"] = "refund"
    refund_id: str = Field(min_length=1, max_length=64)
    order_id: str = Field(min_length=1, max_length=64)
    ts: EventTime
    sku: str | None = Field(default=None, max_length=64)
    amount_cents: PositiveAmount
    # the currency ``amount_cents`` is in; None is the program currency (every refund before orders in other
    # currencies). A refund in its order's original currency converts at that order's own rate.
    currency: str | None = Field(default=None, pattern=CURRENCY_CODE)

    @property
    def external_id(self) -> str:
        return f"refund:{self.refund_id}"


InboxPayload = OrderEvent | RefundEvent

# a click's ``customer_ref`` nobody vouched for (an unsigned ``afflow_uid`` on /r/): a weak hint, never strong
UNVERIFIED = "unverified:"


class ClickIn(BaseModel):
    """A click as captured (redirect) or imported (CSV); ``ip`` is hashed before anything is stored."""

    model_config = ConfigDict(frozen=True)
    click_id: str = Field(min_length=1, max_length=64)
    ts: EventTime
    partner_id: str = Field(min_length=1, max_length=64)
    ip: str = ""
    user_agent: str = ""
    referrer: str = ""
    landing_url: str = ""
    sku: str | None = None
    customer_ref: str | None = None
    link_code: str | None = None


ClickFields = tuple[str, datetime, str, str, str, str, str, str | None, str | None]
"""A validated imported click, as plain values (no model per row on the import's hot path): click_id, ts,
partner_id, ip, user_agent, referrer, landing_url, sku, customer_ref; the same checks as ``ClickIn``."""
