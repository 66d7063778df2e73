"""Property: whatever the deliveries and corrections, the ledger balances and matches an independent recomputation.

Hypothesis draws orders (attributed by ref code, by a click, or not at all), partial and full refunds, then a
sequence of steps: deliveries of 1-3 events of one store (through ``ingest``, as its CSV file imported with
``--source``, or the inbox + ``process_pending``, as its webhooks; duplicated, reordered so refunds can
arrive before their order), clicks arriving before or after their orders (late clicks), voids
(``workflows.booking.corrections.void_order``) and replacements (``afflow import orders --replace``'s path,
``import_csv(replace=True)``) of some orders at any point, reconciles and payouts at arbitrary times. After
every example: every transaction balances, nothing was booked twice, and each partner's pending / locked /
paid / clawback equals what the ``Oracle`` below recomputes from the raw events with plain arithmetic (10% per
line, rounded half-even; refunds prorated on the cumulative refunded amount; a correction takes back what
remains, as a clawback once paid). Each example runs on a fresh database: a new SQLite file, or a new
PostgreSQL schema. No shrinking: an example costs a database, and a failure prints its scenario as drawn.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text

from store.audit import Actor
from store.db import make_engine, migrate, transaction
from store.ledger import balances, unbalanced_transactions
from store.models import Commission, LedgerTransaction
from tests.conftest import POSTGRES_URL
from tests.workflows.booking import T0, click, order, partners, refund
from workflows.booking.corrections import CorrectionRefused, void_order
from workflows.booking.events import InboxPayload, OrderEvent, RefundEvent
from workflows.booking.ingest import enqueue, ingest, process_pending
from workflows.booking.lifecycle import reconcile
from workflows.booking.payouts import create_payout_batch
from workflows.importing.importer import ImportFailed, import_csv

PARTNERS = ("p1", "p2")
ACTOR = Actor("system", "property-test")


def half_even(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@dataclass
class Line:
    partner: str | None
    base: int
    order_day: int
    commission: int
    refunded: int = 0
    reversed: int = 0
    state: str = "pending"
    locked_day: int = 0


@dataclass
class BookedOrder:
    content: tuple[object, ...]  # (ref partner, click id, lines) as booked now
    click_id: str | None
    lines: dict[str, Line]  # sku -> line of the current booking
    voided: bool = False


@dataclass
class Oracle:
    """The expected books, recomputed from the raw events with no code shared with the engine.

    An order is credited to its ref code's partner, or to its click's partner once that click is known
    (whenever it arrives; refunds booked meanwhile reduce the late commission). A void takes back what
    remains of each line's commission (a clawback when paid); a replacement does the same, then books the
    corrected lines as a fresh order (a voided order cannot be replaced; a not yet booked one is booked).
    """

    orders: dict[str, BookedOrder] = field(default_factory=dict)
    clicks: dict[str, str] = field(default_factory=dict)  # click id -> partner, once delivered
    applied_refunds: set[str] = field(default_factory=set)
    waiting: dict[str, RefundEvent] = field(default_factory=dict)
    paid: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTNERS, 0))
    clawback: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTNERS, 0))
    commission_rows: int = 0
    accruals: int = 0

    @property
    def lines(self) -> list[Line]:
        return [line for booked in self.orders.values() for line in booked.lines.values()]

    def deliver(self, events: list[InboxPayload]) -> None:
        for event in events:
            if isinstance(event, OrderEvent) and event.order_id not in self.orders:
                self.orders[event.order_id] = self._book(event)
            elif isinstance(event, RefundEvent) and event.refund_id not in self.applied_refunds:
                self.waiting[event.refund_id] = event
        for refund_id, event in list(self.waiting.items()):
            if event.order_id in self.orders:
                del self.waiting[refund_id]
                self.applied_refunds.add(refund_id)
                lines = self.orders[event.order_id].lines
                self._refund(lines[event.sku or next(iter(lines))], event.amount_cents)

    def _book(self, event: OrderEvent) -> BookedOrder:
        day = (event.ts - T0).days
        lines = {line.sku: Line(None, line.quantity * line.unit_price_cents, day, 0) for line in event.lines}
        booked = BookedOrder(content(event), event.click_id, lines)
        partner = event.ref_code.removeprefix("REF-") if event.ref_code else self.clicks.get(event.click_id or "")
        if partner is not None:
            self._credit(booked, partner)
        return booked

    def _credit(self, booked: BookedOrder, partner: str) -> None:
        for line in booked.lines.values():
            line.partner, line.commission = partner, half_even(Decimal(line.base) / 10)
            if line.refunded:  # refunds booked before the credit reduce it as they would have
                line.reversed = half_even(Decimal(line.commission) * line.refunded / line.base)
                line.state = "reversed" if line.refunded == line.base else "pending"
        self.commission_rows += len(booked.lines)
        self.accruals += 1 if sum(line.commission for line in booked.lines.values()) else 0

    def click(self, click_id: str, partner: str) -> None:
        self.clicks[click_id] = partner
        for booked in self.orders.values():
            uncredited = all(line.partner is None for line in booked.lines.values())
            if booked.click_id == click_id and not booked.voided and uncredited:
                self._credit(booked, partner)

    def _take_back(self, booked: BookedOrder) -> None:
        for line in booked.lines.values():
            if line.partner is None or line.state == "reversed":
                continue
            if line.state == "paid":
                self.clawback[line.partner] += line.commission - line.reversed
            line.reversed, line.state = line.commission, "reversed"

    def void(self, order_id: str) -> bool:
        """Whether the engine must accept the void (a booked order; voiding it again is accepted and a no-op)."""
        booked = self.orders.get(order_id)
        if booked is None:
            return False
        if not booked.voided:
            self._take_back(booked)
            booked.voided = True
        return True

    def replace(self, event: OrderEvent) -> bool:
        """Whether the engine must accept the replacement file."""
        booked = self.orders.get(event.order_id)
        if booked is None:
            self.orders[event.order_id] = self._book(event)
            return True
        if content(event) == booked.content:
            return True
        if booked.voided:
            return False
        self._take_back(booked)
        self.orders[event.order_id] = self._book(event)
        return True

    def _refund(self, line: Line, amount: int) -> None:
        share = min(amount, line.base - line.refunded)
        if share <= 0:
            return
        line.refunded += share
        if line.partner is None or line.state == "reversed":
            return
        reversed_now = half_even(Decimal(line.commission) * line.refunded / line.base)
        if line.state == "paid":
            self.clawback[line.partner] += reversed_now - line.reversed
        line.reversed = reversed_now
        if line.refunded == line.base:
            line.state = "reversed"

    def reconcile(self, day: int) -> None:
        for line in self.lines:
            if line.partner and line.state == "pending" and line.order_day + 30 <= day:
                line.state, line.locked_day = "locked", day

    def payout(self, day: int) -> None:
        for partner in PARTNERS:
            due = [
                line
                for line in self.lines
                if line.partner == partner and line.state == "locked" and line.locked_day <= day
            ]
            gross = sum(line.commission - line.reversed for line in due)
            if gross <= 0:
                continue
            offset = min(self.clawback[partner], gross)
            self.clawback[partner] -= offset
            self.paid[partner] += gross - offset
            for line in due:
                line.state = "paid"

    def balance(self, partner: str) -> tuple[int, int, int, int]:
        def open_in(state: str) -> int:
            return sum(
                line.commission - line.reversed
                for line in self.lines
                if line.partner == partner and line.state == state
            )

        return open_in("pending"), open_in("locked"), self.paid[partner], self.clawback[partner]


def content(event: OrderEvent) -> tuple[object, ...]:
    lines = tuple((line.sku, line.quantity, line.unit_price_cents) for line in event.lines)
    return (event.ref_code, event.click_id, lines)


def draw_lines(draw: st.DrawFn) -> tuple[tuple[str, int, int], ...]:
    prices = draw(st.lists(st.integers(0, 20_000), min_size=1, max_size=3))
    return tuple((f"SKU-{n}", draw(st.integers(1, 3)), price) for n, price in enumerate(prices))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[InboxPayload], list[tuple[object, ...]]]:
    events: list[InboxPayload] = []
    clicked: dict[int, str] = {}  # order index -> its click's partner
    for index in range(draw(st.integers(1, 5))):
        partner = draw(st.sampled_from([*PARTNERS, *PARTNERS, None]))
        ts = T0 + timedelta(days=draw(st.integers(0, 40)))
        by_click = partner is not None and draw(st.booleans())
        if by_click:
            assert partner is not None
            clicked[index] = partner
        ref = f"REF-{partner}" if partner and not by_click else None
        click_id = f"k{index}" if by_click else None
        events.append(order(f"o{index}", ts, customer=f"c{index}", ref=ref, click_id=click_id, lines=draw_lines(draw)))
    orders = [event for event in events if isinstance(event, OrderEvent)]
    # corrected orders (voided or replaced) get no refunds; the others may (a refund of a voided order is
    # refused, pinned in test_corrections_cli)
    corrected = {i for i in range(len(orders)) if draw(st.integers(0, 2)) == 0}
    refundable = [o for i, o in enumerate(orders) if i not in corrected]
    # refunds never exceed what their line still holds (a larger one is refused, pinned in test_ingest)
    left = {(o.order_id, line.sku): line.quantity * line.unit_price_cents for o in orders for line in o.lines}
    for index in range(draw(st.integers(0, 5)) if refundable else 0):
        target = draw(st.sampled_from(refundable))
        sku = draw(st.sampled_from([line.sku for line in target.lines]))
        if not left[(target.order_id, sku)]:
            continue
        amount = draw(st.integers(1, left[(target.order_id, sku)]))
        left[(target.order_id, sku)] -= amount
        ts = target.ts + timedelta(days=draw(st.integers(0, 60)))
        events.append(refund(f"r{index}", target.order_id, ts, amount, None if len(target.lines) == 1 else sku))
    # every event is delivered at least once (in any order, some twice), in batches of 1-3
    sequence = list(draw(st.permutations(range(len(events)))))
    for again in draw(st.lists(st.integers(0, len(events) - 1), max_size=3)):
        sequence.insert(draw(st.integers(0, len(sequence))), again)
    steps: list[tuple[object, ...]] = []
    while sequence:
        size = draw(st.integers(1, 3))
        source, mode = "shopify", draw(st.sampled_from(["ingest", "inbox"]))  # orders are keyed per store
        steps.append(("deliver", sequence[:size], source, mode))
        sequence = sequence[size:]
    # clicks of click-attributed orders arrive at any point: before their order, or after it (late clicks)
    for index, partner in sorted(clicked.items()):
        steps.insert(draw(st.integers(0, len(steps))), ("click", index, partner))
    # corrections at any point: voids and replacements (changed lines, maybe another ref partner)
    for index in sorted(corrected):
        for _ in range(draw(st.integers(1, 2))):
            if draw(st.booleans()):
                steps.insert(draw(st.integers(0, len(steps))), ("void", index))
                continue
            original = orders[index]
            ref = original.ref_code
            if ref is not None or original.click_id is None:
                partner = draw(st.sampled_from([*PARTNERS, None]))
                ref = f"REF-{partner}" if partner else None
            corrected_order = order(
                original.order_id, original.ts, customer=original.customer_id, ref=ref,
                click_id=original.click_id, lines=draw_lines(draw),
            )  # fmt: skip
            steps.insert(draw(st.integers(0, len(steps))), ("replace", corrected_order))
    # reconciles and payouts between deliveries, their clock moving forward
    clock = sorted(
        draw(st.lists(st.tuples(st.integers(20, 110), st.sampled_from(["reconcile", "payout"])), max_size=6))
    )
    positions = sorted(draw(st.lists(st.integers(0, len(steps)), min_size=len(clock), max_size=len(clock))))
    for offset, (position, (day, kind)) in enumerate(zip(positions, clock, strict=True)):
        steps.insert(position + offset, (kind, day))
    # then always: pay out, refund some paid orders (clawbacks), earn more, and pay again (netting)
    steps += [("reconcile", 111), ("payout", 111)]
    for index in range(draw(st.integers(0, 3)) if refundable else 0):
        target = draw(st.sampled_from(refundable))
        sku = draw(st.sampled_from([line.sku for line in target.lines]))
        if not left[(target.order_id, sku)]:
            continue
        amount = draw(st.integers(1, left[(target.order_id, sku)]))
        left[(target.order_id, sku)] -= amount
        events.append(refund(f"late-r{index}", target.order_id, T0 + timedelta(days=112), amount, sku))
        # a refund comes from its order's own store (a refund from another store never touches it), by either door
        steps.append(("deliver", [len(events) - 1], "shopify", draw(st.sampled_from(["ingest", "inbox"]))))
    for index in range(draw(st.integers(0, 2))):
        partner = draw(st.sampled_from(PARTNERS))
        price = draw(st.integers(0, 20_000))
        events.append(
            order(f"late-o{index}", T0 + timedelta(days=113), ref=f"REF-{partner}", lines=(("SKU-0", 1, price),))
        )
        steps.append(("deliver", [len(events) - 1], "csv", draw(st.sampled_from(["ingest", "inbox"]))))
    steps += [("reconcile", 150), ("payout", 150)]
    return events, steps


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[Engine]:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{directory}/{uuid.uuid4().hex}.db")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    schema = f"prop_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    engine = make_engine(f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}")
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def run_step(
    engine: Engine, oracle: Oracle, events: list[InboxPayload], step: tuple[object, ...], directory: Path
) -> None:
    kind = step[0]
    if kind == "click":
        _, index, partner = step
        click(engine, directory, f"k{index}", str(partner), events[int(str(index))].ts - timedelta(hours=1))
        oracle.click(f"k{index}", str(partner))
        return
    if kind == "void":
        order_id = f"o{step[1]}"
        try:
            with transaction(engine) as session:
                void_order(session=session, order_id=order_id, source="shopify", reason="property", actor=ACTOR,
                           now=T0 + timedelta(days=1))  # fmt: skip
            accepted = True
        except CorrectionRefused:
            accepted = False
        assert accepted == oracle.void(order_id), step
        return
    if kind == "replace":
        corrected = step[1]
        assert isinstance(corrected, OrderEvent)
        path = directory / f"replace-{uuid.uuid4().hex[:8]}.csv"
        path.write_text(order_csv(corrected), encoding="utf-8")
        try:
            with transaction(engine) as session:
                import_csv(session=session, kind="orders", path=path, source="shopify", replace=True, actor=ACTOR)
            accepted = True
        except ImportFailed:
            accepted = False
        assert accepted == oracle.replace(corrected), step
        return
    with transaction(engine) as session:
        if kind == "deliver":
            _, indexes, source, mode = step
            batch = [events[i] for i in indexes]  # type: ignore[attr-defined]
            if mode == "ingest":
                ingest(session=session, source=str(source), events=batch)
            else:
                enqueue(session=session, source=str(source), events=batch)
                process_pending(session=session)
            oracle.deliver(batch)
        elif kind == "reconcile":
            reconcile(session=session, as_of=T0 + timedelta(days=int(str(step[1]))))
            oracle.reconcile(int(str(step[1])))
        else:
            create_payout_batch(session=session, as_of=T0 + timedelta(days=int(str(step[1]))))
            oracle.payout(int(str(step[1])))


def order_csv(event: OrderEvent) -> str:
    header = "order_id,ts,customer_id,click_id,ref_code,coupon_code,currency,sku,quantity,unit_price\n"
    return header + "".join(
        f"{event.order_id},{event.ts.isoformat()},{event.customer_id},{event.click_id or ''},{event.ref_code or ''},,"
        f"{event.currency},{line.sku},{line.quantity},{Decimal(line.unit_price_cents) / 100:.2f}\n"
        for line in event.lines
    )


def check_books(engine: Engine, oracle: Oracle) -> None:
    with transaction(engine) as session:
        assert unbalanced_transactions(session=session) == []
        actual = {b.partner_id: (b.pending, b.locked, b.paid, b.clawback) for b in balances(session=session)}
        for partner in PARTNERS:
            assert actual.get(partner, (0, 0, 0, 0)) == oracle.balance(partner), partner
        assert session.scalar(select(func.count()).select_from(Commission)) == oracle.commission_rows
        accruals = session.scalar(
            select(func.count()).select_from(LedgerTransaction).where(LedgerTransaction.kind == "accrual")
        )
        assert accruals == oracle.accruals
        refund_postings = session.scalar(
            select(func.count()).select_from(LedgerTransaction).where(LedgerTransaction.ref.startswith("refund:"))
        )
        assert (refund_postings or 0) <= len(oracle.applied_refunds)


def check_property(backend: str, directory: Path, max_examples: int) -> None:
    @settings(
        max_examples=max_examples,
        deadline=None,  # an example's time follows the machine's load; the example count bounds the run
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=False,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrink phase: it could run for many minutes
        print_blob=True,
    )
    @given(scenario=scenarios())
    def books_match_the_oracle(scenario: tuple[list[InboxPayload], list[tuple[object, ...]]]) -> None:
        events, steps = scenario
        with fresh_database(backend, directory) as engine:
            partners(engine, directory, *PARTNERS)
            oracle = Oracle()
            for step in steps:
                run_step(engine, oracle, events, step, directory)
            check_books(engine, oracle)

    books_match_the_oracle()


def test_ledger_matches_an_independent_recomputation_under_any_delivery_order(db_url: str, tmp_path: Path) -> None:
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    check_property(backend, tmp_path, max_examples=25 if backend == "sqlite" else 12)
