"""The intake spool: where a verified webhook goes when the database cannot take it within a second.

A long ``afflow import`` is one transaction (all-or-nothing per file), and on SQLite it holds the single write
lock until it commits: a minute for a 200,000-line file. A webhook must not wait that long (platforms time out
and retry, and a 500 after 30 s is what the probe saw), so the intake routes write with a short lock wait
(``store.db.brief_transaction``) and, when it runs out, hand the already verified and mapped events to this
spool and answer ``200 {"status": "spooled"}``. The inbox worker drains the spool before each booking pass
(``drain``), enqueueing each file's events exactly as the route would have (idempotently by source and
external id), so a spooled order books as soon as the lock is free.

Unlike the click spool (a stream of small rows, not fsynced), each file here is a platform's promise: once we
answer 200 the platform will not send it again. So a file is written whole to a temporary name, fsynced,
renamed into place and the directory fsynced before the route answers; a crash at any point leaves either
nothing (the platform sees no 200 and retries) or a complete file that the next drain, in this process or
another replica sharing the directory, enqueues. A drainer holds an exclusive ``flock`` on a file while it
enqueues it and deletes it before letting go, so two replicas never enqueue one file twice. Checkout signals
are stored already hashed (``workflows.booking.order_signals.signal_rows``): no raw IP or e-mail on disk.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from store.audit import Actor, record
from store.db import brief_transaction, is_lock_timeout
from workflows.booking.events import InboxPayload
from workflows.booking.ingest import IngestReport, enqueue
from workflows.booking.order_signals import record_signal_rows

log = logging.getLogger(__name__)

_SUFFIX = ".json"
DRAIN_LOCK_WAIT_SECONDS = 2.0
_EVENTS: TypeAdapter[list[InboxPayload]] = TypeAdapter(list[InboxPayload])


@dataclass(frozen=True)
class Spooled:
    """One intake request that could not be written at once: what enqueueing it needs."""

    source: str
    events: list[InboxPayload]
    signal_rows: list[dict[str, Any]]
    actor: Actor | None = None

    def encode(self) -> bytes:
        return orjson.dumps({
            "source": self.source,
            "events": [event.model_dump(mode="json") for event in self.events],
            "signal_rows": self.signal_rows,
            "actor": str(self.actor) if self.actor is not None else None,
        })  # fmt: skip

    @classmethod
    def decode(cls, data: bytes) -> Spooled:
        raw = orjson.loads(data)
        actor = raw.get("actor")
        return cls(source=raw["source"], events=_EVENTS.validate_python(raw["events"]),
                   signal_rows=list(raw["signal_rows"]), actor=Actor.parse(actor) if actor else None)  # fmt: skip


def enqueue_request(*, session: Session, request: Spooled) -> IngestReport:
    """Enqueue one intake request in the caller's transaction: its signals, its events, the audit row of an
    API key's request. The one way both the routes and the drain write an intake request."""
    record_signal_rows(session=session, rows=request.signal_rows)
    report = enqueue(session=session, source=request.source, events=request.events)
    if request.actor is not None:
        record(session=session, actor=request.actor, action="conversions_received", subject=f"source:{request.source}",
               details={"external_ids": [event.external_id for event in request.events], "new": report.new,
                        "duplicates": report.duplicates})  # fmt: skip
    return report


class IntakeSpool:
    """A directory of complete, fsynced request files, oldest first by name."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._serial = 0

    def put(self, request: Spooled) -> Path:
        """Write ``request`` durably; returns only once a crash can no longer lose it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._serial += 1
        name = f"{time.time_ns():020d}-{os.getpid()}-{self._serial:06d}"
        temporary = self.directory / f".{name}.tmp"
        final = self.directory / f"{name}{_SUFFIX}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(request.encode())
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(temporary, final)
        directory = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return final

    def waiting(self) -> list[Path]:
        return sorted(self.directory.glob(f"*{_SUFFIX}")) if self.directory.is_dir() else []

    def drain(self, engine: Engine) -> int:
        """Enqueue every spooled request (one transaction each, oldest first) and delete its file; returns how
        many were enqueued. While the database is still busy the drain stops and the rest waits for the next
        one (the worker's next tick); an unreadable
        file (not ours, or damaged) is renamed ``*.unreadable`` and logged, never retried forever."""
        done = 0
        for path in self.waiting():
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue  # another drainer finished it
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # another drainer holds it
                if os.fstat(fd).st_nlink == 0:
                    continue  # enqueued and deleted by another drainer between our open and our lock
                with open(fd, "rb", closefd=False) as handle:
                    data = handle.read()
                try:
                    request = Spooled.decode(data)
                except (orjson.JSONDecodeError, KeyError, TypeError, ValidationError) as exc:
                    log.error("spooled intake request %s is unreadable (%s); kept as *.unreadable", path.name, exc)
                    path.rename(path.with_suffix(".unreadable"))
                    continue
                try:
                    with brief_transaction(engine, lock_wait=DRAIN_LOCK_WAIT_SECONDS) as session:
                        enqueue_request(session=session, request=request)
                except OperationalError as exc:
                    if is_lock_timeout(exc):
                        return done  # still busy: the next tick tries again, and a shutdown is not held up
                    raise
                path.unlink(missing_ok=True)
                done += 1
            finally:
                os.close(fd)
        return done

