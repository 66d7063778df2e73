"""``POST /webhooks/{shopify,woocommerce,stripe}`` and ``POST /events/conversion``: orders into the inbox.

Order of checks, so that nothing unproven is ever written: size limit (413), signature or API key (401:
missing, wrong, stale, or no secret configured), then the payload (400 with the reason). Only then are the
mapped events enqueued, in one short transaction, idempotently by (source, external id): a duplicate delivery
answers 200 and books nothing new. The same transaction records a webhook's checkout signals (buyer IP and
user agent, hashed with the program's salt; the first delivery's win) for probabilistic matching. Booking happens after the response in ``InboxWorker``; the response says
how many events were new. An unsubscribed topic answers 200 ``ignored`` so the platform stops retrying it.

The enqueue waits at most ``LOCK_WAIT_SECONDS`` for the database: while another writer holds it (a long
import holds SQLite's write lock until it commits), the verified request is spooled durably and answered
``200 {"status": "spooled"}`` within a second; the worker enqueues it once the lock is free
(``workflows.http.intake_spool``).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from pydantic import TypeAdapter as Adapter
from pydantic.types import SecretStr
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from store.audit import Actor
from store.db import brief_transaction, is_lock_timeout
from workflows.booking.events import InboxPayload, OrderEvent, RefundEvent
from workflows.booking.ingest import IngestReport
from workflows.booking.order_signals import OrderSignalIn, signal_rows
from workflows.http.inbox_worker import InboxWorker
from workflows.http.intake_spool import IntakeSpool, Spooled, enqueue_request
from workflows.http.limits import MAX_BODY_BYTES
from workflows.http.redirect import ProgramSnapshot
from workflows.webhooks import MalformedPayload, Platform, SignatureError, checkout_signals
from workflows.webhooks.common import build, parse_json_object, price

CONVERSION_SOURCE = "conversion"
log = logging.getLogger(__name__)


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


LOCK_WAIT_SECONDS = 0.5  # how long an intake route waits for the database before it spools the request


class Intake:
    """Shared by all intake routes: read the body safely, enqueue events (or spool them while another writer
    holds the database), wake the booking worker."""

    def __init__(
        self, *, engine: Engine, worker: InboxWorker, program: ProgramSnapshot, spool: IntakeSpool,
        lock_wait: float = LOCK_WAIT_SECONDS,
    ) -> None:
        self.engine = engine
        self.worker = worker
        self.program = program
        self.spool = spool
        self.lock_wait = lock_wait

    async def body(self, request: Request) -> bytes | None:
        declared = request.headers.get("content-length", "0")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return None
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():  # chunked uploads declare no length: stop reading at the limit
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    async def accept(
        self, *, source: str, events: Sequence[InboxPayload], signals: Sequence[OrderSignalIn] = ()
    ) -> JSONResponse:
        return JSONResponse(await self.submit(source=source, events=events, signals=signals))

    async def submit(
        self, *, source: str, events: Sequence[InboxPayload], signals: Sequence[OrderSignalIn] = (),
        actor: Actor | None = None,
    ) -> dict[str, Any]:
        """Enqueue ``events`` (and ``signals``) in one transaction, with an audit row under ``actor`` when one
        is given (the REST API's key); wake the worker if any is new. The answer is the intake routes' body.

        If another writer holds the database longer than ``lock_wait`` (a long import on SQLite), the request is
        spooled durably instead (``workflows.http.intake_spool``) and the answer is ``"spooled"``: the worker
        enqueues it once the lock is free, and whether it was new is known only then."""
        if not events:
            return {"status": "ignored", "events": 0, "new": 0, "duplicates": 0}
        request = Spooled(source=source, events=list(events), signal_rows=signal_rows(signals, salt=self.program.ip_salt),
                          actor=actor)  # fmt: skip
        report = await asyncio.to_thread(self._enqueue, request)
        if report is None:
            return {"status": "spooled", "events": len(events), "new": None, "duplicates": None}
        if report.new:
            self.worker.wake()
        return {"status": "queued", "events": report.received, "new": report.new, "duplicates": report.duplicates}

    def _enqueue(self, request: Spooled) -> IngestReport | None:
        try:
            with brief_transaction(self.engine, lock_wait=self.lock_wait) as session:
                return enqueue_request(session=session, request=request)
        except OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
        path = self.spool.put(request)
        log.warning("database busy for %.1f s: %d %s event(s) spooled to %s", self.lock_wait, len(request.events),
                    request.source, path.name)  # fmt: skip
        return None


def webhook_endpoint(
    *, intake: Intake, platform: Platform, secret: Callable[[], SecretStr | None]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        body = await intake.body(request)
        if body is None:
            return error(413, "too_large", f"body exceeds {MAX_BODY_BYTES} bytes")
        headers = request.headers
        if platform.is_ping(body, headers):
            return JSONResponse({"status": "ping"})
        key = secret()
        if key is None:
            return error(401, "not_configured", f"AFFLOW_{platform.name.upper()}_SECRET is not set")
        try:
            platform.verify(body, headers, key.get_secret_value(), datetime.now(UTC))
        except SignatureError as exc:
            return error(401, "bad_signature", str(exc))
        try:
            events = platform.map_webhook(body, headers, intake.program.currency)
            signals = checkout_signals(platform, body, events)
        except MalformedPayload as exc:
            return error(400, "malformed", str(exc))
        return await intake.accept(source=platform.name, events=events, signals=signals)

    return endpoint


class ConversionLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(gt=0)
    unit_price: str = Field(description="decimal string in major units, e.g. '19.99'")


class ConversionOrder(BaseModel):
    """A custom checkout's order; money as decimal strings, like every afflow contract."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["order"] = "order"
    order_id: str
    ts: AwareDatetime | None = None
    customer_id: str
    click_id: str | None = None
    ref_code: str | None = None
    coupon_code: str | None = None
    currency: str
    lines: list[ConversionLine] = Field(min_length=1)
    customer_order_count: int | None = None


class ConversionRefund(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["refund"]
    refund_id: str
    order_id: str
    ts: AwareDatetime | None = None
    sku: str | None = None
    amount: str
    currency: str | None = None


_CONVERSION: Adapter[ConversionOrder | ConversionRefund] = Adapter(
    Annotated[ConversionOrder | ConversionRefund, Field(discriminator="kind")]
)


def conversion_event(body: bytes, *, now: datetime, program_currency: str) -> InboxPayload:
    """Map ``POST /events/conversion``'s body (an order, or ``"kind": "refund"``) to an inbox event."""
    data = parse_json_object(body)
    data.setdefault("kind", "order")  # an order is the common case: "kind" may be left out
    try:
        item = _CONVERSION.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise MalformedPayload(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc
    return conversion_payload(item, now=now, program_currency=program_currency)


def conversion_payload(
    item: ConversionOrder | ConversionRefund, *, now: datetime, program_currency: str
) -> InboxPayload:
    """A validated conversion (``POST /events/conversion``'s or ``POST /api/v1/conversions``') as an inbox event;
    ``MalformedPayload`` for an amount out of bounds."""
    if isinstance(item, ConversionRefund):
        return build(
            RefundEvent,
            refund_id=item.refund_id,
            order_id=item.order_id,
            ts=item.ts or now,
            sku=item.sku,
            amount_cents=price(item.amount, (item.currency or program_currency).upper(), where="amount"),
            currency=(item.currency or program_currency).upper(),  # an order's own currency converts at its rate
        )
    currency = item.currency.upper()
    lines = tuple(
        {
            "sku": line.sku,
            "quantity": line.quantity,
            "unit_price_cents": price(line.unit_price, currency, where=f"lines[{index}].unit_price"),
        }
        for index, line in enumerate(item.lines)
    )
    return build(
        OrderEvent,
        order_id=item.order_id,
        ts=item.ts or now,
        customer_id=item.customer_id,
        click_id=item.click_id,
        ref_code=item.ref_code,
        coupon_code=item.coupon_code,
        currency=currency,
        lines=lines,
        customer_order_count=item.customer_order_count,
    )


def conversion_endpoint(
    *, intake: Intake, api_key: Callable[[], SecretStr | None]
) -> Callable[[Request], Awaitable[Response]]:
    """Authenticated by ``Authorization: Bearer <AFFLOW_CONVERSION_API_KEY>`` (or ``X-Afflow-Key``)."""

    async def endpoint(request: Request) -> Response:
        body = await intake.body(request)
        if body is None:
            return error(413, "too_large", f"body exceeds {MAX_BODY_BYTES} bytes")
        key = api_key()
        if key is None:
            return error(401, "not_configured", "AFFLOW_CONVERSION_API_KEY is not set")
        given = request.headers.get("x-afflow-key") or request.headers.get("authorization", "").removeprefix("Bearer ")
        if not given or not hmac.compare_digest(given.strip().encode(), key.get_secret_value().encode()):
            return error(401, "bad_api_key", "missing or wrong API key")
        try:
            event = conversion_event(body, now=datetime.now(UTC), program_currency=intake.program.currency)
        except MalformedPayload as exc:
            return error(400, "malformed", str(exc))
        return await intake.accept(source=CONVERSION_SOURCE, events=[event])

    return endpoint
