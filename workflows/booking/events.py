"""The event shapes every source (CSV import, store webhooks, conversion postbacks) turns into.

These are the inbox contract: a webhook mapper and the CSV importer both produce these models and hand
them to ``workflows.booking.ingest``; nothing downstream knows where an event came from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class OrderLineIn(BaseModel):
    model_config = ConfigDict(frozen=True)
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(gt=0)
    unit_price_cents: int = Field(ge=0)


class OrderEvent(BaseModel):
    """A paid order. ``customer_order_count`` is the platform's count including this order, if it sends one."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["order"] = "order"
    order_id: str = Field(min_length=1, max_length=64)
    ts: AwareDatetime
    customer_id: str = Field(min_length=1, max_length=128)
    click_id: str | None = None
    ref_code: str | None = None
    coupon_code: str | None = None
    currency: str = Field(min_length=3, max_length=3)
    lines: tuple[OrderLineIn, ...] = Field(min_length=1)
    customer_order_count: int | None = None

    @property
    def external_id(self) -> str:
        return f"order:{self.order_id}"


class RefundEvent(BaseModel):
    """Money returned on an order: for one SKU's line(s), or spread over the order when ``sku`` is None."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["refund"] = "refund"
    refund_id: str = Field(min_length=1, max_length=64)
    order_id: str = Field(min_length=1, max_length=64)
    ts: AwareDatetime
    sku: str | None = None
    amount_cents: int = Field(gt=0)

    @property
    def external_id(self) -> str:
        return f"refund:{self.refund_id}"


InboxPayload = OrderEvent | RefundEvent


class ClickIn(BaseModel):
    """A click as captured (redirect) or imported (CSV); ``ip`` is hashed before anything is stored."""

    model_config = ConfigDict(frozen=True)
    click_id: str = Field(min_length=1, max_length=64)
    ts: AwareDatetime
    partner_id: str = Field(min_length=1, max_length=64)
    ip: str = ""
    user_agent: str = ""
    referrer: str = ""
    landing_url: str = ""
    sku: str | None = None
    customer_ref: str | None = None
    link_code: str | None = None
