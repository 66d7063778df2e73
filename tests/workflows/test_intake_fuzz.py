"""Fuzz: every CSV row and webhook payload books what an independent computation says, or is refused.

Hypothesis draws order rows for ``afflow import orders`` (through the CLI itself, in process) and order
payloads for the four webhook doors of ``afflow serve`` (Shopify, WooCommerce and Stripe, signed with their
secrets, and ``POST /events/conversion`` with its key, through the real app and its inbox worker). Cells are
valid, invalid or hostile: huge, negative and over-precise amounts, bad and out-of-range dates, formula
cells, unicode, wrong field counts, unquoted commas, wrong JSON types. Each drawn value carries what it must
mean (its minor units, its instant, its partner, or "refused"), so the expectation below is plain arithmetic
written here (10% of each booked line, rounded half-even, to the partner of the ref code; an order in a
currency without a rate parks), never a call into our pricing or mappers. For each example:

- refused: the CLI exits 1 naming exactly the expected ``file:line`` and columns (a webhook answers 4xx
  with a message), and nothing is written (orders, inbox events, balances unchanged);
- accepted: each partner's pending balance moves by exactly the expected commission;
- then a valid order through the same door always books (nothing hostile blocks what follows).

Bounded: examples are derandomized (no example database), without deadlines, fewer on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fakes.cli import afflow_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from store.db import transaction
from store.ledger import balances
from store.models import InboxEvent, Order

PARTNERS_CSV = (
    "partner_id,name,email,channel,audience_size,engagement_rate,ref_code,coupon_code\n"
    "p1,Pat Lee,pat@example.com,youtube,12000,0.05,PATREF,\n"
    "p2,Sam Roe,sam@example.com,blog,3000,0.02,SAMREF,\n"
)
PRODUCTS_CSV = "sku,title,price,unit_cost,stock,stock_target,category\nS1,Shirt,20.00,8.00,100,100,apparel\nS2,Hat,10.00,3.00,50,50,apparel\n"
ORDER_HEADER = ["order_id", "ts", "customer_id", "click_id", "ref_code", "coupon_code", "currency", "sku", "quantity", "unit_price"]  # fmt: skip
PARTNER_IDS = ("p1", "p2")
LIMIT = 10**12  # the documented bound on any amount and on an order's total, in minor units
MAX_QUANTITY = 10**6
IDS = itertools.count(1)  # order ids unique across examples (and shrinking replays) within one database
T = TypeVar("T")
FUZZ = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


def examples(db_url: str, *, sqlite: int, postgresql: int) -> int:
    return sqlite if db_url.startswith("sqlite") else postgresql


def half_even(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))


def commission(base_cents: int) -> int:
    """The default program's 10% of one booked line, rounded half-even once."""
    return half_even(Decimal(base_cents) / 10)


@dataclass(frozen=True)
class Cell:
    """A drawn value and what it must mean: ``value`` (minor units, instant, partner...) or ``refused``."""

    raw: Any
    value: Any = None
    refused: bool = False


def ok(raw: Any, value: Any) -> Cell:
    return Cell(raw, value)


def bad(raw: Any) -> Cell:
    return Cell(raw, refused=True)


# ---- cells shared by the doors ---------------------------------------------------------------------------


def mostly(valid: st.SearchStrategy[T], hostile: st.SearchStrategy[T], *, percent: int = 6) -> st.SearchStrategy[T]:
    """``hostile`` about ``percent``% of the time, so that a file of several cells is often wholly valid."""
    return st.sampled_from(range(100)).flatmap(lambda n: hostile if n >= 100 - percent else valid)


small_cents = mostly(
    st.integers(0, 10_000), st.one_of(st.integers(0, LIMIT), st.integers(LIMIT - 100, LIMIT)), percent=10
)


def decimal_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


@st.composite
def valid_amount_text(draw: st.DrawFn) -> Cell:
    cents = draw(small_cents)
    return draw(st.sampled_from([ok(decimal_text(cents), cents), ok(f"{cents // 100}", cents // 100 * 100),
                                 ok(f" {decimal_text(cents)} ", cents)]))  # fmt: skip


@st.composite
def hostile_amount_text(draw: st.DrawFn) -> Cell:
    cents = draw(st.integers(1, 10**6))
    return draw(
        st.sampled_from(
            [
                bad(f"-{decimal_text(cents)}"),
                bad(decimal_text(LIMIT + cents)),
                bad("99999999999999999.99"),
                bad("1e20"),
                bad("1e999999999"),
                bad(f"{decimal_text(cents)}1"),  # three decimals
                bad("NaN"),
                bad("Infinity"),
                bad("=1+1"),
                bad("@SUM(A1)"),
                bad("ten"),
                bad(""),
            ]
        )
    )


amount_text = mostly(valid_amount_text(), hostile_amount_text())
quantities = mostly(st.integers(1, 5), st.one_of(st.integers(1, MAX_QUANTITY), st.just(MAX_QUANTITY)), percent=10)
quantity_text = mostly(
    st.one_of(quantities.map(lambda q: ok(str(q), q)), quantities.map(lambda q: ok(f" {q}", q))),
    st.sampled_from(
        [bad("0"), bad("-1"), bad(str(MAX_QUANTITY + 1)), bad("1.5"), bad("1e3"), bad("two"), bad(""), bad("9" * 30)]
    ),
)


@st.composite
def instant(draw: st.DrawFn, *, low: int = 1998, high: int = 2102) -> Cell:
    """An ISO 8601 time, maybe offset or naive (UTC): bookable only inside 2000..2099 (as an instant)."""
    when = draw(st.datetimes(datetime(low, 1, 1), datetime(high, 1, 1)))
    offset = timedelta(minutes=draw(st.sampled_from([0, 60, -300, 330, 14 * 60, -12 * 60])))
    local = when.replace(tzinfo=timezone(offset))
    naive = draw(st.booleans())
    moment = when.replace(tzinfo=UTC) if naive else local.astimezone(UTC)  # naive: read as UTC
    in_range = datetime(2000, 1, 1, tzinfo=UTC) <= moment < datetime(2100, 1, 1, tzinfo=UTC)
    return Cell(when.isoformat() if naive else local.isoformat(), moment if in_range else None, refused=not in_range)


hostile_times = st.sampled_from(
    [bad("0001-01-01T00:00:00+05:00"), bad("9999-12-31T23:59:59Z"), bad("1999-12-31T23:59:59Z"),
     bad("2026-02-30T10:00:00Z"), bad("2026-13-01"), bad("yesterday"), bad("=NOW()"), bad("")]
)  # fmt: skip
times = mostly(st.one_of(instant(low=2001, high=2098), instant()), hostile_times)

refs = st.sampled_from(
    [ok("PATREF", "p1"), ok("PATREF", "p1"), ok("patref", "p1"), ok("SAMREF", "p2"), ok("", None), ok("NOPE", None),
     ok('=HYPERLINK("http://x","y")', None), ok("ПАТРЕФ", None)]
)  # fmt: skip
customer_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\r\n"), min_size=1, max_size=40
)


def customer_of(text: str) -> Cell:
    stripped = text.strip()
    return ok(text, stripped) if 0 < len(stripped) <= 128 else bad(text)


customer_cell = mostly(
    st.one_of(customer_text, st.sampled_from(['=HYPERLINK("http://x")', "@SUM(A1)", "+1", "-1", "ünï©ødé 🛒"])),
    st.sampled_from(["x" * 129, "", "   "]),
).map(customer_of)
currencies = mostly(st.sampled_from([ok("USD", "USD")] * 6 + [ok("usd", "USD"), ok("EUR", "EUR")]),
                    st.sampled_from([bad("US$"), bad("EURO"), bad("ÄÖÜ"), bad("")]))  # fmt: skip


# ---- CSV: afflow import orders ---------------------------------------------------------------------------


@dataclass
class CsvLine:
    sku: Cell
    quantity: Cell
    price: Cell
    shape: str  # ok | extra_field | short | unquoted_comma


@dataclass
class CsvOrder:
    ts: Cell
    customer: Cell
    ref: Cell
    currency: Cell
    lines: list[CsvLine]


skus = mostly(st.sampled_from([ok("S1", "S1"), ok("S2", "S2"), ok(" S1 ", "S1")]),
              st.sampled_from([Cell('=HYPERLINK("http://x")', "unknown"), Cell("ŠKU-9", "unknown"), bad(""), bad("S" * 65)]))  # fmt: skip
shapes = mostly(st.just("ok"), st.sampled_from(["extra_field", "short", "unquoted_comma"]), percent=4)
csv_lines = st.builds(CsvLine, sku=skus, quantity=quantity_text, price=amount_text, shape=shapes)
csv_orders = st.builds(
    CsvOrder,
    ts=times,
    customer=customer_cell,
    ref=refs,
    currency=currencies,
    lines=st.lists(csv_lines, min_size=1, max_size=2),
)


@dataclass
class Expected:
    errors: set[tuple[int, str | None]] = field(default_factory=set)
    pending: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTNER_IDS, 0))
    booked: int = 0
    parked: int = 0


def render_csv(orders: list[CsvOrder]) -> tuple[str, Expected]:
    """The file's text and what importing it must do, computed from the cells' meanings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ORDER_HEADER)
    expected = Expected()
    parse_errors: set[tuple[int, str | None]] = set()
    unknown_sku_rows: set[int] = set()
    line_no = 2
    kept: list[tuple[CsvOrder, int, list[tuple[CsvLine, int]]]] = []
    for order in orders:
        order_id = f"csv-{next(IDS)}"
        good_lines: list[tuple[CsvLine, int]] = []
        first = line_no
        for line in order.lines:
            values = [order_id, order.ts.raw, order.customer.raw, "", order.ref.raw, "", order.currency.raw,
                      line.sku.raw, line.quantity.raw, line.price.raw]  # fmt: skip
            if line.shape == "unquoted_comma":
                text = ",".join(v.replace(",", " ").replace('"', "") for v in values[:-1]) + ",1,299.00\n"
            else:
                row = (
                    [*values, "x"] if line.shape == "extra_field" else values[:-1] if line.shape == "short" else values
                )
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\n").writerow(row)
                text = buffer.getvalue()
            out.write(text)
            this = line_no
            line_no += text.count("\n")
            if line.shape != "ok":
                parse_errors.add((this, None))
                continue
            row_errors = {
                (this, name)
                for name, cell in (
                    ("ts", order.ts),
                    ("customer_id", order.customer),
                    ("ref_code", order.ref),
                    ("currency", order.currency),
                    ("sku", line.sku),
                    ("quantity", line.quantity),
                    ("unit_price", line.price),
                )
                if cell.refused
            }
            if not (line.quantity.refused or line.price.refused) and line.quantity.value * line.price.value > LIMIT:
                row_errors.add((this, "unit_price"))  # each in range, the line is not
            parse_errors |= row_errors
            if row_errors:
                continue
            if line.sku.value == "unknown":
                unknown_sku_rows.add(this)
            good_lines.append((line, this))
        if good_lines:
            if sum(line.quantity.value * line.price.value for line, _ in good_lines) > LIMIT:
                parse_errors.add((good_lines[0][1], None))
                continue
            kept.append((order, first, good_lines))
    if parse_errors:
        expected.errors = parse_errors
        return out.getvalue(), expected
    if unknown_sku_rows:  # the catalog check runs once the file parses
        expected.errors = {(line, "sku") for line in unknown_sku_rows}
        return out.getvalue(), expected
    for order, _, good_lines in kept:
        if order.currency.value != "USD":
            expected.parked += 1  # no rate imported for it: parked with its reason, nothing booked
            continue
        expected.booked += 1
        partner = order.ref.value
        if partner is not None:
            expected.pending[partner] += sum(commission(ln.quantity.value * ln.price.value) for ln, _ in good_lines)
    return out.getvalue(), expected


def pending_by_partner(engine: Engine) -> dict[str, int]:
    with transaction(engine) as session:
        return {pid: sum(b.pending for b in balances(session=session, partner_id=pid)) for pid in PARTNER_IDS}


def row_counts(engine: Engine) -> tuple[int, int]:
    with transaction(engine) as session:
        orders = session.scalar(select(func.count()).select_from(Order)) or 0
        events = session.scalar(select(func.count()).select_from(InboxEvent)) or 0
    return orders, events


def test_csv_orders_book_exactly_or_are_refused_naming_line_and_column(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"AFFLOW_DATABASE_URL": db_url}
    for kind, text in (("partners", PARTNERS_CSV), ("products", PRODUCTS_CSV)):
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert afflow_json(monkeypatch, env, "import", kind, str(tmp_path / f"{kind}.csv"))[0] == 0
    engine_url_store = _CliStore(db_url)
    tried = refused = 0

    @settings(FUZZ, max_examples=examples(db_url, sqlite=60, postgresql=20))
    @given(orders=st.lists(csv_orders, min_size=1, max_size=2))
    def one_file(orders: list[CsvOrder]) -> None:
        nonlocal tried, refused
        text, expected = render_csv(orders)
        path = tmp_path / "orders.csv"
        path.write_text(text, encoding="utf-8")
        before, counts = pending_by_partner(engine_url_store.engine), row_counts(engine_url_store.engine)
        code, answer = afflow_json(monkeypatch, env, "import", "orders", str(path))
        tried += 1
        if expected.errors:
            refused += 1
            assert code == 1, (text, answer)
            error = answer["error"]
            assert error["code"] == "import_failed"
            found = {(e["line"], e["column"]) for e in error["details"]["errors"]}
            assert found == expected.errors, (text, error)
            assert all(
                line.startswith(f"orders.csv:{e['line']}")
                for line, e in zip(error["details"]["lines"], error["details"]["errors"], strict=False)
            )
            assert (pending_by_partner(engine_url_store.engine), row_counts(engine_url_store.engine)) == (
                before,
                counts,
            )
        else:
            assert code == 0, (text, answer)
            assert (answer["booked"], answer["parked"]) == (expected.booked, expected.parked), (text, answer)
            after = pending_by_partner(engine_url_store.engine)
            assert {pid: after[pid] - before[pid] for pid in PARTNER_IDS} == expected.pending, text
        canary = f"csv-{next(IDS)}"
        path.write_text(",".join(ORDER_HEADER) + f"\n{canary},2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,1,10.00\n")
        start = pending_by_partner(engine_url_store.engine)["p1"]
        assert afflow_json(monkeypatch, env, "import", "orders", str(path))[0] == 0
        assert pending_by_partner(engine_url_store.engine)["p1"] - start == 100

    one_file()
    engine_url_store.close()
    print(f"csv orders: {tried} files tried, {refused} refused")  # counts for the note (pytest -s)


class _CliStore:
    """A read handle on the database the CLI writes (migrated by the CLI's own first command)."""

    def __init__(self, url: str) -> None:
        from store.db import make_engine

        self.engine = make_engine(url)

    def close(self) -> None:
        self.engine.dispose()
