"""``import_csv``: the one path by which CSV files (users' and the demo's) enter the store.

A file is all-or-nothing: every row is parsed and validated first, every bad row is reported (file,
line, column, reason) through ``ImportFailed``, and the writes happen in the caller's transaction, so any
error rolls the whole file back. Orders and refunds become inbox events booked by ``workflows.booking.ingest``
(source ``csv``, idempotent by id); clicks go through ``workflows.booking.clicks``; reference data is upserted.
An order already booked whose content changed is reported (``changed``), or with ``replace`` re-booked as new
entries by ``workflows.booking.corrections`` (reversal of the old booking, the corrected lines booked anew).
This module never books ledger rows itself.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.audit import Actor
from store.bulk import existing_keys, indexes_rebuilt_after
from store.db import ensure_program
from store.models import (
    Application,
    Base,
    Click,
    Commission,
    Coupon,
    InboxEvent,
    LedgerEntry,
    Partner,
    Product,
    utcnow,
)
from workflows.booking.clicks import record_click_columns
from workflows.booking.corrections import CorrectionRefused, replace_orders
from workflows.booking.events import InboxPayload, OrderEvent
from workflows.booking.ingest import EventRejected, changed_booked_orders, ingest, replay_parked
from workflows.booking.late_clicks import credit_waiting_orders
from workflows.booking.order_signals import record_order_signals, signals_from_csv
from workflows.importing.csv_clicks import parse_clicks
from workflows.importing.csv_events import parse_orders, parse_refunds
from workflows.importing.csv_rows import (
    ErrorLog,
    Fields,
    ImportFailed,
    Row,
    RowError,
    RowStream,
    open_rows,
    paused_gc,
    read_rows,
)
from workflows.importing.entities import (
    APPLICATION_COLUMNS,
    COUPON_COLUMNS,
    FX_RATE_COLUMNS,
    PARTNER_COLUMNS,
    PRODUCT_COLUMNS,
    parse_applications,
    parse_coupons,
    parse_fx_rates,
    parse_partners,
    parse_products,
    upsert,
    upsert_fx_rates,
)

__all__ = ["IMPORT_KINDS", "ImportFailed", "ImportReport", "RowError", "import_csv"]

ImportKind = Literal["partners", "products", "coupons", "clicks", "orders", "refunds", "applications", "fx_rates"]
IMPORT_KINDS: tuple[str, ...] = get_args(ImportKind)
CLICK_COLUMNS = ("click_id", "ts", "partner_id", "ip", "user_agent", "referrer", "landing_url", "sku", "customer_ref")
ORDER_COLUMNS = (
    "order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price",
)  # fmt: skip
REFUND_COLUMNS = ("refund_id", "order_id", "ts", "sku", "amount")
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "partners": PARTNER_COLUMNS,
    "products": PRODUCT_COLUMNS,
    "coupons": COUPON_COLUMNS,
    "clicks": CLICK_COLUMNS,
    "orders": ORDER_COLUMNS,
    "refunds": REFUND_COLUMNS,
    "applications": APPLICATION_COLUMNS,
    "fx_rates": FX_RATE_COLUMNS,
}
_EVENT_CHUNK = 5000
_STREAM_CHUNK = 20_000  # rows of a streamed file parsed and written at a time

Progress = Callable[[int, int], None]
"""Called with (records written so far, records to write) while a file is being written."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one file did. ``records`` are entities or events (an order of 3 lines is one record)."""

    kind: str
    file: str
    rows: int
    records: int
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    booked: int = 0
    parked: int = 0
    attributed: int = 0
    unattributed: int = 0
    waiting: int = 0
    unknown_skus: tuple[str, ...] = ()
    replaced: int = 0  # orders already booked whose changed content was re-booked (``replace``)
    unchanged: int = 0  # orders already booked with the same content (nothing written)
    changed: tuple[str, ...] = ()  # orders already booked whose content changed, not re-booked (no ``replace``)

    def as_dict(self) -> dict[str, Any]:
        view = {name: getattr(self, name) for name in self.__slots__}
        view["unknown_skus"] = list(self.unknown_skus)
        view["changed"] = list(self.changed)
        return view


def import_csv(
    *,
    session: Session,
    kind: str,
    path: Path,
    progress: Progress | None = None,
    source: str = "csv",
    replace: bool = False,
    actor: Actor | None = None,
) -> ImportReport:
    """Import one CSV file of ``kind`` inside the caller's transaction; raises ``ImportFailed`` on bad rows.

    The caller must roll back on ``ImportFailed`` (``store.db.transaction`` does) so nothing is kept.
    ``source`` is the store orders and refunds come from (``workflows.booking.store_keys``): a file of
    Shopify's orders imported as ``shopify`` and the same orders' webhooks book once.
    """
    if kind not in REQUIRED_COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(IMPORT_KINDS)}")
    errors = ErrorLog(path.name)
    tick = progress or (lambda done, total: None)
    if kind == "clicks":
        return _clicks(session, path, errors, tick)
    if kind == "orders" and not replace and _orders_contiguous(path):
        return _orders_streamed(session, path, errors, tick, source)
    return _whole_file(session, kind, path, errors, tick, source, replace=replace, actor=actor)


def _whole_file(
    session: Session,
    kind: str,
    path: Path,
    errors: ErrorLog,
    tick: Progress,
    source: str,
    *,
    replace: bool,
    actor: Actor | None,
) -> ImportReport:
    """Read the whole file, check every row, then write: reference data, fx rates, refunds and orders files
    that cannot stream (an order's rows apart, or ``replace``)."""
    with paused_gc():
        csv_file = read_rows(path=path, required=REQUIRED_COLUMNS[kind], errors=errors)
    rows: list[Row] = csv_file.rows
    program = ensure_program(session)
    fields = Fields(errors, program.currency, csv_file.columns)
    report = ImportReport(kind=kind, file=str(path), rows=len(rows), records=0)
    if kind in ("orders", "refunds"):
        parse = parse_orders if kind == "orders" else parse_refunds
        with paused_gc():
            events, lines = parse(rows=rows, fields=fields)
        errors.raise_if_any()
        if kind == "orders":
            unknown = check_skus(session=session, rows=rows, fields=fields, allowed=program.allow_unknown_skus)
            errors.raise_if_any()
            report = _replace(report, unknown_skus=unknown)
        if kind == "orders" and {"ip", "user_agent", "customer_email"} & csv_file.columns.keys():  # checkout signals
            signals = signals_from_csv(columns=csv_file.columns, rows=(row.values for row in rows))
            record_order_signals(session=session, signals=signals, salt=program.ip_salt)
        rows.clear()  # the events carry everything now: free the raw rows before booking
        if kind == "orders":
            by = actor or Actor("system", "import")
            return _ingest_orders(session, report, events, lines, errors, tick, source, replace=replace, actor=by)
        return _ingest(session, report, events, lines, errors, tick, source)
    if kind == "fx_rates":
        return _fx_rates(session, rows, fields, report, tick)
    return _entities(session, kind, rows, fields, report, tick)


def _clicks(session: Session, path: Path, errors: ErrorLog, tick: Progress) -> ImportReport:
    """Stream a clicks file in chunks: parse a chunk column-wise, check its partners, insert it in one bulk
    statement (COPY on PostgreSQL). Writing stops at the first bad row, parsing does not (every error is
    reported); ``ImportFailed`` at the end makes the caller roll the whole file back.

    A chunk is written by one writer thread while the next is read and parsed: the database's share of the
    work (PostgreSQL's server, SQLite's B-tree steps, which release the GIL) runs beside the parsing instead of
    after it. The session is never used by both at once: the next chunk's partner check and write wait for the
    previous write to finish.
    """
    program = ensure_program(session)
    total = _line_count(path)
    seen: dict[str, int] = {}  # click id -> first line: a duplicate in a later chunk is still caught
    known: set[str] = set()
    unknown: set[str] = set()
    rows = created = 0
    tick(0, total)
    with (
        open_rows(path=path, required=CLICK_COLUMNS, errors=errors) as stream,
        indexes_rebuilt_after(session, Click, rows_coming=total),
        paused_gc(),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="click-import-writer") as writer,
    ):
        fields = Fields(errors, program.currency, stream.columns)
        writing: Future[int] | None = None
        for chunk in stream.chunks(_STREAM_CHUNK):
            rows += len(chunk)
            clicks, lines = parse_clicks(rows=chunk, fields=fields, seen=seen)
            if writing is not None:
                created += writing.result()  # the session is free again
                writing = None
            partners = set(clicks.partner_ids)
            asked = partners - known - unknown
            found = existing_keys(session, Partner.id, sorted(asked))
            known |= found
            unknown |= asked - found
            if not unknown.isdisjoint(partners):
                for line, partner_id in zip(lines, clicks.partner_ids, strict=True):
                    if partner_id in unknown:  # a click for nobody is a data mistake, not traffic
                        errors.add(line, "partner_id", f"unknown partner {partner_id!r}")
            if not errors.total:
                writing = writer.submit(
                    partial(record_click_columns, session=session, clicks=clicks, salt=program.ip_salt)
                )
            tick(rows, max(rows, total))
        if writing is not None:
            created += writing.result()
    errors.raise_if_any()
    # orders imported before their clicks were waiting for them: credit them now
    late = credit_waiting_orders(session=session, as_of=utcnow(), click_ids=list(seen))
    tick(rows, rows)
    report = ImportReport(kind="clicks", file=str(path), rows=rows, records=len(seen))
    return _replace(report, created=created, duplicates=len(seen) - created, attributed=late.credited)


def _orders_contiguous(path: Path) -> bool:
    """Whether every order's rows are next to each other in the file (a cheap first read of the order ids):
    then the file can be booked as it streams, ``_EVENT_CHUNK`` orders at a time. Anything unusual (an
    order id coming back after other orders, an unreadable file) says no, and the whole file is read first."""
    done: set[str] = set()
    previous: str | None = None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            if "order_id" not in header:
                return False
            at = header.index("order_id")
            for values in reader:
                if len(values) != len(header):
                    continue  # an error the streamed read reports
                order_id = values[at].strip()
                if order_id == previous:
                    continue
                if order_id in done:
                    return False
                if previous is not None:
                    done.add(previous)
                previous = order_id
    except (OSError, csv.Error, UnicodeDecodeError):
        return False
    return True


def _order_chunks(stream: RowStream, order_at: int) -> Iterator[list[Row]]:
    """The stream's rows cut at order boundaries, ``_EVENT_CHUNK`` orders a chunk: the very slices of events
    ``_ingest`` books when it holds the whole file."""
    chunk: list[Row] = []
    orders = 0
    previous: str | None = None
    for rows in stream.chunks(_STREAM_CHUNK):
        for row in rows:
            order_id = row.values[order_at].strip()
            if order_id != previous:
                if orders == _EVENT_CHUNK:
                    yield chunk
                    chunk, orders = [], 0
                orders += 1
                previous = order_id
            chunk.append(row)
    if chunk:
        yield chunk


def _orders_streamed(session: Session, path: Path, errors: ErrorLog, tick: Progress, source: str) -> ImportReport:
    """An orders file whose orders' rows are contiguous, booked as it streams (bounded memory), with the same
    result as the whole-file path: the same chunks of events are booked in the same order; booking stops at
    the first error, parsing goes on, and the file fails with every row error found (or, when there are
    none, with the booking's refusal, as when the whole file is checked before anything is booked)."""
    program = ensure_program(session)
    total = _line_count(path)
    totals = dict.fromkeys(("created", "duplicates", "booked", "parked", "attributed", "unattributed", "waiting"), 0)
    unknown: set[str] = set()
    changed: list[str] = []
    refused: tuple[int, str] | None = None
    rows = records = 0
    tick(0, total)
    with (
        open_rows(path=path, required=ORDER_COLUMNS, errors=errors) as stream,
        # commissions and postings are written, not read, while a file's orders book: when the file outgrows
        # their tables, their secondary indexes are built once at the end instead of row by row
        indexes_rebuilt_after(session, Commission, rows_coming=total),
        indexes_rebuilt_after(session, LedgerEntry, rows_coming=total),
    ):
        fields = Fields(errors, program.currency, stream.columns)
        # unknown SKUs are reported only for a file without row errors, as when the whole file is read first
        sku_errors = ErrorLog(path.name)
        sku_fields = Fields(sku_errors, program.currency, stream.columns)
        signals = {"ip", "user_agent", "customer_email"} & stream.columns.keys()
        for chunk in _order_chunks(stream, stream.columns["order_id"]):
            rows += len(chunk)
            with paused_gc():
                events, lines = parse_orders(rows=chunk, fields=fields)
            records += len(events)
            allowed = program.allow_unknown_skus
            unknown.update(check_skus(session=session, rows=chunk, fields=sku_fields, allowed=allowed))
            tick(rows, max(rows, total))
            if errors.total or sku_errors.total or refused is not None:
                continue  # keep reading: every row error of the file is reported
            if signals:
                found = signals_from_csv(columns=stream.columns, rows=(row.values for row in chunk))
                record_order_signals(session=session, signals=found, salt=program.ip_salt)
            orders = [event for event in events if isinstance(event, OrderEvent)]
            changed += [
                orders[index].order_id for index in changed_booked_orders(session=session, source=source, orders=orders)
            ]
            try:
                with paused_gc():  # a chunk's booking allocates tens of thousands of objects, no lasting cycles
                    result = ingest(session=session, source=source, events=events)
            except EventRejected as rejected:
                refused = (lines[rejected.index], rejected.reason)
                continue
            for name in totals:
                totals[name] += getattr(result, "new" if name == "created" else name)
    errors.raise_if_any()
    sku_errors.raise_if_any()
    if refused is not None:
        errors.fail(refused[0], None, refused[1])
    tick(rows, rows)
    known = totals["duplicates"] - len(changed)
    report = ImportReport(
        kind="orders", file=str(path), rows=rows, records=records, unknown_skus=tuple(sorted(unknown))
    )
    return _replace(report, **(totals | {"duplicates": known}), unchanged=known, changed=tuple(changed))


def _line_count(path: Path) -> int:
    """Physical lines after the header: the progress bar's total (a quoted newline makes it an overestimate)."""
    try:
        with path.open("rb") as handle:
            return max(0, sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b"")) - 1)
    except OSError:
        return 0


def _fx_rates(
    session: Session, rows: Sequence[Row], fields: Fields, report: ImportReport, tick: Progress
) -> ImportReport:
    """Store the rates, then book what waited for them: orders parked for a missing rate (and their refunds)."""
    records = parse_fx_rates(rows=rows, fields=fields)
    fields.errors.raise_if_any()
    tick(0, len(records))
    created, updated = upsert_fx_rates(session, records)
    booked = replay_parked(session=session)
    still = session.scalar(
        select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "parked", InboxEvent.kind == "order")
    )
    tick(len(records), len(records))
    return _replace(report, records=len(records), created=created, updated=updated, booked=booked, parked=still or 0)


def check_skus(*, session: Session, rows: Sequence[Row], fields: Fields, allowed: bool) -> tuple[str, ...]:
    """The file's SKUs missing from the catalog; each of their rows is an error unless ``allowed``.

    A program with no catalog at all has nothing to check against (nothing is refused or reported).
    """
    if not _count(session, Product):
        return ()
    skus = {fields.value(row, "sku") for row in rows}
    unknown = skus - existing_keys(session, Product.sku, sorted(skus))
    if not unknown or allowed:
        return tuple(sorted(unknown))
    for row in rows:
        sku = fields.value(row, "sku")
        if sku in unknown:
            fields.errors.add(
                row.line,
                "sku",
                f"unknown SKU {sku!r}: not in the product catalog (import it with the products, "
                "or allow unknown SKUs with `afflow program set --allow-unknown-skus`)",
            )
    return tuple(sorted(unknown))


def _replace(report: ImportReport, **changes: Any) -> ImportReport:
    return replace(report, **changes)


def _count(session: Session, model: type[Click] | type[Product]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _entities(
    session: Session, kind: str, rows: Sequence[Row], fields: Fields, report: ImportReport, tick: Progress
) -> ImportReport:
    coupons: list[dict[str, Any]] = []
    model: type[Base]
    if kind == "partners":
        records, coupons = parse_partners(session=session, rows=rows, fields=fields)
        model, key = Partner, "id"
    elif kind == "products":
        records, model, key = parse_products(rows=rows, fields=fields), Product, "sku"
    elif kind == "coupons":
        records, model, key = parse_coupons(session=session, rows=rows, fields=fields), Coupon, "code"
    else:
        records, model, key = parse_applications(rows=rows, fields=fields), Application, "id"
    fields.errors.raise_if_any()
    tick(0, len(records))
    created, updated = upsert(session, model, records, key)
    upsert(session, Coupon, coupons, "code")
    tick(len(records), len(records))
    return _replace(report, records=len(records), created=created, updated=updated)


def _ingest_orders(
    session: Session,
    report: ImportReport,
    events: Sequence[InboxPayload],
    lines: Sequence[int],
    errors: ErrorLog,
    tick: Progress,
    source: str,
    *,
    replace: bool,
    actor: Actor,
) -> ImportReport:
    """New orders book; known ones are unchanged (nothing written) or changed: re-booked with ``replace``, else
    reported. A replacement refused (voided order, refunds booked...) fails the file at the order's line."""
    orders = [event for event in events if isinstance(event, OrderEvent)]
    changed = changed_booked_orders(session=session, source=source, orders=orders)
    if not replace:
        report = _ingest(session, report, events, lines, errors, tick, source)
        ids = tuple(orders[index].order_id for index in changed)
        known = report.duplicates - len(ids)
        return _replace(report, duplicates=known, unchanged=known, changed=ids)
    skip = set(changed)
    keep = [index for index in range(len(events)) if index not in skip]
    report = _ingest(session, report, [events[i] for i in keep], [lines[i] for i in keep], errors, tick, source)
    try:
        done = replace_orders(
            session=session, source=source, events=[orders[i] for i in changed], actor=actor, now=utcnow(),
            reason=f"import orders {Path(report.file).name} --replace",
        )  # fmt: skip
    except CorrectionRefused as refused:
        errors.fail(lines[changed[refused.index or 0]], None, str(refused))
    credited = [replaced.attribution for replaced in done]
    return _replace(
        report,
        records=len(events),
        replaced=len(done),
        unchanged=report.duplicates,
        attributed=report.attributed + credited.count("attributed"),
        unattributed=report.unattributed + credited.count("unattributed"),
        waiting=report.waiting + credited.count("waiting"),
    )


def _ingest(
    session: Session,
    report: ImportReport,
    events: Sequence[InboxPayload],
    lines: Sequence[int],
    errors: ErrorLog,
    tick: Progress,
    source: str,
) -> ImportReport:
    """Book the events in chunks (for progress); a rejected event fails the file at its CSV line."""
    totals = dict.fromkeys(("created", "duplicates", "booked", "parked", "attributed", "unattributed", "waiting"), 0)
    for start in range(0, len(events), _EVENT_CHUNK):
        tick(start, len(events))
        try:
            with paused_gc():  # as in ``_orders_streamed``: collected between chunks, not during one
                result = ingest(session=session, source=source, events=events[start : start + _EVENT_CHUNK])
        except EventRejected as rejected:
            errors.fail(lines[start + rejected.index], None, rejected.reason)
        totals["created"] += result.new
        totals["duplicates"] += result.duplicates
        totals["booked"] += result.booked
        totals["parked"] += result.parked
        totals["attributed"] += result.attributed
        totals["unattributed"] += result.unattributed
        totals["waiting"] += result.waiting
    tick(len(events), len(events))
    return _replace(report, records=len(events), **totals)
