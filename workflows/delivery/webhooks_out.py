"""Signed outbound webhooks: endpoints, and delivery passes through the outbox with retries and backoff.

A pass (``deliver_webhooks``) first records new events (``workflows.delivery.webhook_events``), then sends
due deliveries, oldest first. Each POST carries the frozen event JSON and the headers ``afflow-event-id``
(the receiver's idempotency key), ``afflow-event-type`` and ``afflow-signature: t=<unix>,v1=<hex>``, the
HMAC-SHA256 under the endpoint's secret of ``"<t>.<body>"`` (``sign``). Deliveries of one subject to one
endpoint go in order: while an earlier one waits for its retry, later ones wait too. Claims use
``workflows.delivery.lease`` (a crashed pass's rows are due again when the lease ends; nothing is lost on a
restart), failures back off with its ``backoff``; after ``PAUSE_AFTER`` consecutive failures the endpoint is
paused (shown by ``afflow webhooks list``, not retried until resumed) and after ``MAX_ATTEMPTS`` a delivery
is ``failed``. Nothing here books or changes program data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import Engine, and_, delete, func, select, update
from sqlalchemy.orm import Session

from store.db import transaction
from store.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from workflows.delivery.lease import backoff, claim, due
from workflows.delivery.webhook_events import EVENT_TYPES, record_events

if TYPE_CHECKING:
    from workflows.schedule.scheduler import JobSpec

log = logging.getLogger(__name__)

PAUSE_AFTER = 5
MAX_ATTEMPTS = 8
_PASS_LIMIT = 500


class WebhookError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class PassReport:
    recorded: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    paused_endpoints: list[int] = field(default_factory=list)


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    """The ``afflow-signature`` header value for ``body`` sent at ``timestamp`` (unix seconds)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def add_endpoint(*, session: Session, url: str, events: list[str], secret: str | None, now: datetime) -> WebhookEndpoint:
    if not url.startswith(("http://", "https://")):
        raise WebhookError("bad_url", f"not an http(s) URL: {url}")
    wanted = list(dict.fromkeys(e.strip() for e in events if e.strip()))
    unknown = [e for e in wanted if e not in EVENT_TYPES]
    if not wanted or unknown:
        raise WebhookError("bad_event", f"unknown event {unknown[0]!r}; expected some of {', '.join(EVENT_TYPES)}"
                           if unknown else "name at least one event")  # fmt: skip
    endpoint = WebhookEndpoint(url=url, events=",".join(wanted), secret=secret or f"whsec_{secrets.token_hex(24)}",
                               status="active", consecutive_failures=0, created_at=now)  # fmt: skip
    session.add(endpoint)
    session.flush()
    return endpoint


def get_endpoint(*, session: Session, endpoint_id: int) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise WebhookError("unknown_webhook", f"no webhook endpoint {endpoint_id}")
    return endpoint


def remove_endpoint(*, session: Session, endpoint_id: int) -> None:
    endpoint = get_endpoint(session=session, endpoint_id=endpoint_id)
    session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id))
    session.delete(endpoint)


def resume_endpoint(*, session: Session, endpoint_id: int) -> WebhookEndpoint:
    endpoint = get_endpoint(session=session, endpoint_id=endpoint_id)
    endpoint.status, endpoint.consecutive_failures = "active", 0
    return endpoint


def delivery_log(*, session: Session, endpoint_id: int | None, limit: int) -> list[tuple[WebhookDelivery, WebhookEvent]]:
    query = select(WebhookDelivery, WebhookEvent).join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_row_id)
    if endpoint_id is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
    return [(d, e) for d, e in session.execute(query.order_by(WebhookDelivery.id.desc()).limit(limit))]


def deliver_webhooks(*, engine: Engine, client: httpx.Client, now: datetime) -> PassReport:
    """One pass: record new events, then send what is due, in order per endpoint and subject."""
    report = PassReport()
    with transaction(engine) as session:
        report.recorded = record_events(session=session, now=now)
    with transaction(engine) as session:
        chains = _due_chains(session, now)
    for (endpoint_id, _subject), ids in sorted(chains.items(), key=lambda item: item[1][0]):
        with transaction(engine) as session:
            won = claim(session=session, outbox=WebhookDelivery, ids=ids, now=now)
            endpoint = get_endpoint(session=session, endpoint_id=endpoint_id)
            rows = list(session.execute(select(WebhookDelivery, WebhookEvent.payload)
                                        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_row_id)
                                        .where(WebhookDelivery.id.in_(won)).order_by(WebhookDelivery.event_row_id)))  # fmt: skip
            url, secret = endpoint.url, endpoint.secret
        for position, (delivery, payload) in enumerate(rows):
            status, error, retry_after = _post(client, url, secret, payload, now)
            with transaction(engine) as session:
                if _record(session, delivery, endpoint_id, status, error, retry_after, now, report):
                    continue
                # a failure holds back the rest of the chain: give back their claims untouched
                rest = [d.id for d, _ in rows[position + 1 :]]
                session.execute(update(WebhookDelivery).where(WebhookDelivery.id.in_(rest))
                                .values(attempts=WebhookDelivery.attempts - 1, next_attempt_at=None))  # fmt: skip
            break
    return report


def _due_chains(session: Session, now: datetime) -> dict[tuple[int, str], list[int]]:
    """Due deliveries of active endpoints, per (endpoint, subject), whose subject has nothing earlier waiting."""
    first_waiting = {
        (endpoint_id, subject): first
        for endpoint_id, subject, first in session.execute(
            select(WebhookDelivery.endpoint_id, WebhookEvent.subject, func.min(WebhookDelivery.event_row_id))
            .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_row_id)
            .where(WebhookDelivery.status == "queued")
            .group_by(WebhookDelivery.endpoint_id, WebhookEvent.subject)
        )
    }
    query = (
        select(WebhookDelivery.id, WebhookDelivery.endpoint_id, WebhookDelivery.event_row_id, WebhookEvent.subject)
        .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_row_id)
        .join(WebhookEndpoint, and_(WebhookEndpoint.id == WebhookDelivery.endpoint_id, WebhookEndpoint.status == "active"))
        .where(due(WebhookDelivery, now))
        .order_by(WebhookDelivery.event_row_id)
        .limit(_PASS_LIMIT)
    )
    chains: dict[tuple[int, str], list[int]] = {}
    held: set[tuple[int, str]] = set()
    for delivery_id, endpoint_id, event_row_id, subject in session.execute(query):
        key = (endpoint_id, subject)
        if key in held:
            continue
        if key not in chains and first_waiting.get(key) != event_row_id:
            held.add(key)  # an earlier event of this subject waits for its retry: this one waits behind it
            continue
        chains.setdefault(key, []).append(delivery_id)
    return chains


def _post(client: httpx.Client, url: str, secret: str, payload: dict[str, Any], now: datetime) -> tuple[int | None, str | None, int | None]:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json", "afflow-event-id": str(payload["id"]),
               "afflow-event-type": str(payload["type"]), "afflow-signature": sign(secret=secret,
               timestamp=int(now.timestamp()), body=body)}  # fmt: skip
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.TransportError as exc:
        return None, f"{type(exc).__name__}: {exc}", None
    if response.is_success:
        return response.status_code, None, None
    retry_after = response.headers.get("retry-after", "")
    return response.status_code, f"HTTP {response.status_code}: {response.text[:300]}", int(retry_after) if retry_after.isdigit() else None


def _record(session: Session, delivery: WebhookDelivery, endpoint_id: int, status: int | None, error: str | None,
            retry_after: int | None, now: datetime, report: PassReport) -> bool:  # fmt: skip
    """Write the outcome of one send; True when it was delivered."""
    endpoint = get_endpoint(session=session, endpoint_id=endpoint_id)
    attempts = delivery.attempts + 1  # the claim counted it in the database
    values: dict[str, Any] = {"last_status": status, "last_error": error}
    if error is None:
        values |= {"status": "sent", "sent_at": now, "next_attempt_at": None}
        endpoint.consecutive_failures = 0
        report.sent += 1
    else:
        endpoint.consecutive_failures += 1
        if attempts >= MAX_ATTEMPTS:
            values |= {"status": "failed"}
            report.failed += 1
        else:
            values |= {"next_attempt_at": now + backoff(attempts, retry_after)}
            report.retrying += 1
        if endpoint.consecutive_failures >= PAUSE_AFTER and endpoint.status == "active":
            endpoint.status = "paused"
            report.paused_endpoints.append(endpoint_id)
    session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery.id).values(**values))
    return error is None


def webhook_job(*, engine: Engine, timezone: str) -> JobSpec:
    """``afflow serve``'s continuous delivery: a pass every 20 seconds (and at start-up), once across replicas."""
    from apscheduler.triggers.interval import IntervalTrigger

    from workflows.schedule.scheduler import JobSpec

    def deliver(now: datetime) -> None:
        with httpx.Client(timeout=10.0) as client:
            report = deliver_webhooks(engine=engine, client=client, now=now)
        if report.recorded or report.sent or report.retrying or report.failed:
            log.info("webhooks: %d recorded, %d sent, %d retrying, %d failed, paused %s", report.recorded,
                     report.sent, report.retrying, report.failed, report.paused_endpoints or "none")  # fmt: skip

    return JobSpec(name="deliver_webhooks", trigger=IntervalTrigger(seconds=20, timezone=timezone), target=deliver,
                   min_gap=timedelta(seconds=10), max_run=timedelta(minutes=10), misfire_grace=timedelta(seconds=15),
                   run_at_start=True)  # fmt: skip
