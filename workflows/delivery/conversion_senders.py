"""Delivering queued conversions to GA4 (Measurement Protocol) and Meta (Conversions API), with retries.

Each due ``conversion_outbox`` row is claimed with a short lease (``workflows.delivery.lease``: an UPDATE
that only one worker wins), sent outside any database transaction, then marked ``sent``, rescheduled with
the lease module's exponential backoff
(network errors, 429, 5xx) or ``failed`` for good (other 4xx, too many attempts, or an event older than
Meta's 7-day limit). A due row of an order voided since it was queued is ``cancelled`` in the claim's
transaction instead of sent (``conversions.cancel_voided``); one already sent is retracted by the next queueing. A resend after a crash is harmless: the payload is byte-identical and both receivers
deduplicate by its event id. Base URLs come from settings so tests point them at local servers.
``send_conversions`` queues only the last ``BACKFILL`` of history: on a program that arrives with months of
orders, older ones would either fail at Meta or be counted by GA4 as today's sales (it dates events older
than 72 hours at receipt).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import httpx
from pydantic import SecretStr
from sqlalchemy import Engine, select, update

from store.bulk import chunks
from store.db import transaction
from store.models import ConversionOutbox
from workflows.delivery.conversions import QueueReport, cancel_voided, encode_payload, queue_conversions
from workflows.delivery.lease import backoff, claim, due

MAX_ATTEMPTS = 10
META_MAX_AGE = timedelta(days=7) - timedelta(minutes=30)  # a margin: Meta refuses the whole request
BACKFILL = timedelta(days=7)
_BATCH = 100


class DeliveryFailed(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class Destination(Protocol):
    @property
    def name(self) -> str: ...

    def send(self, *, client: httpx.Client, row: ConversionOutbox, now: datetime) -> None: ...


@dataclass(frozen=True)
class Ga4Destination:
    """POST {base_url}/mp/collect?measurement_id=...&api_secret=... with the frozen JSON body."""

    measurement_id: str
    api_secret: str
    base_url: str = "https://www.google-analytics.com"
    name: str = "ga4"

    def send(self, *, client: httpx.Client, row: ConversionOutbox, now: datetime) -> None:
        url = f"{self.base_url.rstrip('/')}/mp/collect"
        params = {"measurement_id": self.measurement_id, "api_secret": self.api_secret}
        _check(_post(client, url, params, encode_payload(row.payload)))


@dataclass(frozen=True)
class MetaDestination:
    """POST {base_url}/{api_version}/{pixel_id}/events?access_token=... with ``{"data": [event]}``."""

    pixel_id: str
    access_token: str
    api_version: str = "v21.0"
    base_url: str = "https://graph.facebook.com"
    name: str = "meta"

    def send(self, *, client: httpx.Client, row: ConversionOutbox, now: datetime) -> None:
        if now - row.event_ts > META_MAX_AGE:
            raise DeliveryFailed("Meta accepts events at most 7 days old", retryable=False)
        url = f"{self.base_url.rstrip('/')}/{self.api_version}/{self.pixel_id}/events"
        response = _post(client, url, {"access_token": self.access_token}, encode_payload(row.payload))
        _check(response)
        received = response.json().get("events_received")
        if received != len(row.payload.get("data", [])):
            raise DeliveryFailed(f"Meta received {received} of {len(row.payload['data'])} events", retryable=True)


def _post(client: httpx.Client, url: str, params: dict[str, str], body: str) -> httpx.Response:
    try:
        return client.post(url, params=params, content=body, headers={"Content-Type": "application/json"})
    except httpx.TransportError as exc:
        raise DeliveryFailed(f"{type(exc).__name__}: {exc}", retryable=True) from exc


def _check(response: httpx.Response) -> None:
    if response.is_success:
        return
    retryable = response.status_code == 429 or response.status_code >= 500
    raise DeliveryFailed(f"HTTP {response.status_code}: {response.text[:500]}", retryable=retryable)


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0  # not sent: their order was voided before they went out
    errors: list[str] = field(default_factory=list)


def deliver_conversions(
    *,
    engine: Engine,
    destinations: Sequence[Destination],
    client: httpx.Client,
    now: datetime | None = None,
    limit: int = 500,
) -> DeliveryReport:
    """Send up to ``limit`` due conversions of the configured destinations, oldest event first, in claimed batches."""
    now = now or datetime.now(UTC)
    by_name = {d.name: d for d in destinations}
    report = DeliveryReport()
    if not by_name:
        return report
    configured = ConversionOutbox.destination.in_(sorted(by_name))
    with transaction(engine) as session:
        query = select(ConversionOutbox.id).where(due(ConversionOutbox, now), configured)
        ids = list(session.scalars(query.order_by(ConversionOutbox.event_ts, ConversionOutbox.id).limit(limit)))
    for batch in chunks(ids, _BATCH):
        with transaction(engine) as session:  # the lease: a concurrent worker skips these rows until it expires
            report.cancelled += cancel_voided(session=session, ids=batch, now=now)
            claimed = claim(session=session, outbox=ConversionOutbox, ids=batch, now=now, also=configured)
            rows = list(session.scalars(select(ConversionOutbox).where(ConversionOutbox.id.in_(claimed))))
        outcomes = [(row.id, _deliver_one(by_name[row.destination], client, row, now, report)) for row in rows]
        with transaction(engine) as session:
            for row_id, values in outcomes:
                session.execute(update(ConversionOutbox).where(ConversionOutbox.id == row_id).values(**values))
    return report


def _deliver_one(
    destination: Destination, client: httpx.Client, row: ConversionOutbox, now: datetime, report: DeliveryReport
) -> dict[str, object]:
    """Send one row; return the column values that record the outcome."""
    try:
        destination.send(client=client, row=row, now=now)
    except DeliveryFailed as exc:
        report.errors.append(f"{row.dedupe_key}: {exc}")
        if exc.retryable and row.attempts < MAX_ATTEMPTS:
            report.retrying += 1
            return {"next_attempt_at": now + backoff(row.attempts), "last_error": str(exc)}
        report.failed += 1
        return {"status": "failed", "next_attempt_at": None, "last_error": str(exc)}
    report.sent += 1
    return {"status": "sent", "sent_at": now, "next_attempt_at": None, "last_error": None}


class ConversionSettingsSource(Protocol):
    """The settings a conversion run needs (``afflow.settings.Settings`` has them: ``AFFLOW_GA4_*``, ``AFFLOW_META_*``)."""

    ga4_measurement_id: str | None
    ga4_api_secret: SecretStr | None
    ga4_base_url: str
    meta_pixel_id: str | None
    meta_access_token: SecretStr | None
    meta_api_version: str
    meta_base_url: str


def destinations_from(settings: ConversionSettingsSource) -> list[Destination]:
    """GA4 when its measurement id and API secret are set, Meta when its pixel id and token are."""
    found: list[Destination] = []
    if settings.ga4_measurement_id and settings.ga4_api_secret:
        found.append(
            Ga4Destination(
                measurement_id=settings.ga4_measurement_id,
                api_secret=settings.ga4_api_secret.get_secret_value(),
                base_url=settings.ga4_base_url,
            )
        )
    if settings.meta_pixel_id and settings.meta_access_token:
        found.append(
            MetaDestination(
                pixel_id=settings.meta_pixel_id,
                access_token=settings.meta_access_token.get_secret_value(),
                api_version=settings.meta_api_version,
                base_url=settings.meta_base_url,
            )
        )
    return found


def send_conversions(
    *,
    engine: Engine,
    destinations: Sequence[Destination],
    now: datetime,
    limit: int = 500,
    backfill: timedelta = BACKFILL,
) -> tuple[QueueReport, DeliveryReport]:
    """One run (the CLI's and the scheduler's): queue what is new since ``now - backfill``, deliver what is due.

    Meta's horizon is never longer than ``META_MAX_AGE``: an older event could only fail there.
    """
    purchases = refunds = voids = 0
    with transaction(engine) as session:
        for destination in destinations:
            horizon = min(backfill, META_MAX_AGE) if destination.name == "meta" else backfill
            report = queue_conversions(session=session, destinations=[destination.name], now=now, since=now - horizon)
            purchases, refunds, voids = purchases + report.purchases, refunds + report.refunds, voids + report.voids
    queued = QueueReport(purchases=purchases, refunds=refunds, voids=voids)
    with httpx.Client(timeout=10) as client:
        return queued, deliver_conversions(
            engine=engine, destinations=destinations, client=client, now=now, limit=limit
        )
