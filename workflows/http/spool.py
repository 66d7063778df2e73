"""The click spool: an append-only local file every click is written to *before* its 302 is sent.

Why a file and not a synchronous database insert: a redirect must answer in a few milliseconds, and a
per-click commit (or a synchronous round trip to PostgreSQL) would cap throughput far below what a shared
link can receive. Why not a memory buffer alone: a buffered click that was already answered 302 would be
lost if the process is killed before the next flush. So each click is one JSON line handed to the kernel
with ``os.write`` (microseconds, no fsync) while the request is still open; from that moment a SIGKILL, an
OOM kill or a Python crash cannot lose it, because the bytes belong to the kernel's page cache, not to us.
The click writer batches the same rows into the database at least every ``flush_interval`` and then
deletes the segment. At start-up, segments left behind by a dead process are replayed (the insert ignores
click ids already stored, so replaying twice is harmless). What this does not cover is power loss or a
kernel crash: clicks answered in the last flush interval (≤ 500 ms) that the kernel had not yet written
back can be lost; an fsync per click (or per group of clicks before answering) would close that window at
a cost in latency we chose not to pay for click logs.

Segments: ``clicks-<pid>-<n>.jsonl``. The owner holds an exclusive ``flock`` on each of its segments until
they are committed and deleted, so replicas sharing a spool directory never replay a live process's file.
A torn last line (the process died inside ``write``) belongs to a request that never got its 302: skipped.
Raw IPs never reach the spool: rows are stored already hashed (``workflows.booking.clicks.click_row``).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

_PREFIX = "clicks-"
_SUFFIX = ".jsonl"


@dataclass
class Segment:
    """A spool file and its open, locked descriptor; released (deleted) once its rows are committed."""

    path: Path
    fd: int


def encode_row(row: dict[str, Any]) -> bytes:
    return orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE)


def decode_row(line: bytes) -> dict[str, Any] | None:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(row, dict) or not isinstance(row.get("ts"), str):
        return None
    row["ts"] = datetime.fromisoformat(row["ts"])
    return row


class ClickSpool:
    """Owner side: append clicks to the current segment, rotate, release committed segments."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self._serial = 0
        self.current = self._open_segment()

    def _open_segment(self) -> Segment:
        """A new segment, locked before its name can be seen: created and locked under a name no scan matches,
        then renamed (the lock stays with the file). Opened under its own name, a committer scanning in the
        instant between ``open`` and ``flock`` could lock it, find it empty and delete it, and every click
        appended afterwards would go to a file nobody can find."""
        self._serial += 1
        path = self.directory / f"{_PREFIX}{os.getpid()}-{self._serial:08d}{_SUFFIX}"
        hidden = path.with_name(f".{path.name}")
        fd = os.open(hidden, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(hidden, path)
        return Segment(path=path, fd=fd)

    def append(self, line: bytes) -> None:
        """Hand one encoded row to the kernel; returns only when all of it is written."""
        view = memoryview(line)
        while view:
            written = os.write(self.current.fd, view)
            view = view[written:]

    def rotate(self) -> Segment:
        """Start a new segment; the returned one holds exactly the rows appended since the last rotation."""
        finished = self.current
        self.current = self._open_segment()
        return finished

    @staticmethod
    def release(segment: Segment) -> None:
        """Its rows are committed: delete the file, then drop the lock."""
        segment.path.unlink(missing_ok=True)
        os.close(segment.fd)

    def close(self) -> None:
        """Shut down: the current segment is deleted if empty, else kept for the next start-up to replay."""
        if os.fstat(self.current.fd).st_size == 0:
            self.release(self.current)
        else:
            os.fsync(self.current.fd)
            os.close(self.current.fd)


def orphaned_segments(directory: Path) -> Iterator[tuple[Segment, list[dict[str, Any]]]]:
    """Segments no live process holds, with their readable rows; the caller commits, then ``release``s."""
    if not directory.is_dir():
        return
    for path in sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}")):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue  # its owner committed and deleted it meanwhile
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        with open(fd, "rb", closefd=False) as handle:
            rows = [row for row in map(decode_row, handle) if row is not None]
        yield Segment(path=path, fd=fd), rows
