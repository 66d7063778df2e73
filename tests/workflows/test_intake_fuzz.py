"""Fuzz: every CSV row and webhook payload books what an independent computation says, or is refused.

Hypothesis draws order and refund rows for ``afflow import orders`` / ``refunds`` (through the CLI itself,
in process; clicks are not drawn) and order payloads for the four webhook doors of ``afflow serve`` (Shopify, WooCommerce and Stripe, signed with their
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
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import pytest
from fakes.cli import afflow_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient
from webhooks.shop_payloads import (
    CONVERSION_KEY,
    SHOPIFY_SECRET,
    STRIPE_SECRET,
    WOO_SECRET,
    shopify_headers,
    stripe_headers,
    woo_headers,
)

from afflow.settings import Settings
from afflow.wiring import http_app, http_config
from store.db import transaction
from store.ledger import balances
from store.models import InboxEvent, Order
from workflows.importing.importer import import_csv

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


# ---- webhooks: Shopify, WooCommerce, Stripe, /events/conversion through afflow serve's app -------------


@dataclass(frozen=True)
class Raw:
    """A JSON number written exactly as ``text`` (the platforms send numbers; we read them as Decimal)."""

    text: str


def to_json(payload: Any) -> bytes:
    raws: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"@@raw{len(raws) - 1}@@"
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        if isinstance(value, list):
            return [mark(item) for item in value]
        return value

    text = json.dumps(mark(payload), ensure_ascii=False)
    for index, raw in enumerate(raws):
        text = text.replace(f'"@@raw{index}@@"', raw)
    return text.encode()


json_quantity = mostly(
    quantities.map(lambda q: ok(q, q)),
    st.sampled_from([bad(0), bad(-1), bad(MAX_QUANTITY + 1), bad("2"), bad(Raw("2.0")), bad(True), bad(None)]),
)
json_amount = st.one_of(
    amount_text,
    mostly(small_cents.map(lambda c: ok(Raw(decimal_text(c)), c)), st.just(bad(Raw("1e20")))),
    small_cents.map(lambda c: ok(c // 100, c // 100 * 100)),  # a whole JSON integer in major units
)
unit_amounts = mostly(  # Stripe: integer minor units
    small_cents.map(lambda c: ok(c, c)),
    st.sampled_from([bad(-500), bad(LIMIT + 1), bad("500"), bad(Raw("5.5")), bad(None), bad(10**30)]),
)


@st.composite
def woo_total(draw: st.DrawFn) -> Cell:
    """A WooCommerce line total: more decimals than the currency's are rounded half-even (prices with tax)."""
    cents = draw(small_cents)
    extra = draw(st.integers(0, 999))
    text = f"{decimal_text(cents)}{extra:03d}"
    rounded = half_even(Decimal(text) * 100)
    return ok(text, rounded) if rounded <= LIMIT else bad(text)


woo_totals = st.one_of(amount_text.map(lambda c: c if c.raw != "" else bad("")), mostly(woo_total(), st.nothing()))
discounts = mostly(
    st.just(ok(None, 0)), st.one_of(valid_amount_text(), st.just(bad("-990.00")), amount_text), percent=30
)
web_customers = st.one_of(
    st.just(ok(None, None)),
    st.integers(1, 10**40).map(lambda n: ok(n, n)),
    customer_text.map(lambda t: ok(t, t)),
    st.sampled_from([ok('=HYPERLINK("http://x")', "formula"), bad("x" * 129)]),
)
iso_currencies = st.sampled_from([ok("USD", "USD")] * 6 + [ok("EUR", "EUR"), bad("US$"), bad("1$%"), bad("")])
web_skus = st.sampled_from(["S1", "S2", "ŠKU-9", '=HYPERLINK("http://x")'])


@dataclass
class WebLine:
    sku: str
    quantity: Cell
    amount: Cell
    discount: Cell


@dataclass
class WebOrder:
    ts: Cell
    customer: Cell
    ref: Cell
    currency: Cell
    lines: list[WebLine]
    order_id: Cell


def split(net: int, quantity: int) -> list[int]:
    """The documented split of a line of ``quantity`` units costing ``net`` exactly: bases of 1 or 2 lines."""
    unit, rest = divmod(net, quantity)
    return [rest * (unit + 1), (quantity - rest) * unit] if rest else [quantity * unit]


def line_bases(door: str, order: WebOrder) -> list[int] | None:
    """The booked lines' bases (minor units) the door must produce, or None when it must refuse the order."""
    bases: list[int] = []
    for line in order.lines:
        if line.quantity.refused or line.amount.refused or line.discount.refused:
            return None
        quantity, amount = line.quantity.value, line.amount.value
        if door == "shopify":
            net = quantity * amount - line.discount.value
            if net < 0:
                return None  # discounts beyond the price are refused, never booked as zero
            bases += split(net, quantity)
        elif door == "woocommerce":
            bases += split(amount, quantity)
        else:  # stripe unit_amount and the postback's unit_price: quantity x unit
            bases.append(quantity * amount)
    if sum(bases) > LIMIT:
        return None
    return bases


def web_order(door: str) -> st.SearchStrategy[WebOrder]:
    amount = {"shopify": json_amount, "woocommerce": woo_totals, "stripe": unit_amounts, "conversion": amount_text}[
        door
    ]
    line = st.builds(
        WebLine, sku=web_skus, quantity=json_quantity if door != "conversion" else quantities.map(lambda q: ok(q, q)),
        amount=amount, discount=discounts if door == "shopify" else st.just(ok(None, 0)),
    )  # fmt: skip
    hostile_ids = [bad(10**70), bad(True)] + ([bad("")] if door != "stripe" else [])  # Stripe: "" -> the session id
    order_ids = mostly(st.just(ok("unique", None)), st.sampled_from(hostile_ids), percent=4)
    if door == "stripe":
        ts = mostly(
            st.integers(
                int(datetime(2000, 1, 1, tzinfo=UTC).timestamp()), int(datetime(2099, 12, 31, tzinfo=UTC).timestamp())
            ).map(lambda s: ok(s, s)),
            st.sampled_from([bad(10**15), bad(-1), bad("1700000000"), bad(Raw("1.7e9")), bad(None)]),
        )
    elif door == "conversion":
        ts = times.map(lambda c: c if c.refused or c.raw[-6] in "+-" else bad(c.raw))  # the postback needs an offset
    else:
        ts = times
    return st.builds(
        WebOrder, ts=ts, customer=web_customers, ref=refs, currency=iso_currencies,
        lines=st.lists(line, min_size=1, max_size=2), order_id=order_ids,
    )  # fmt: skip


def payload_of(door: str, order: WebOrder, order_id: Any) -> tuple[dict[str, Any], Any]:
    """The door's documented payload for ``order`` and the order id it will be booked under."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if door == "shopify":
        items = []
        for index, line in enumerate(order.lines):
            allocations = [] if line.discount.raw is None else [{"amount": line.discount.raw}]
            items.append({"id": index + 1, "sku": line.sku, "quantity": line.quantity.raw, "price": line.amount.raw,
                          "gift_card": False, "discount_allocations": allocations})  # fmt: skip
        ref = f"/products/S1?ref={quote(order.ref.raw)}" if order.ref.raw else "/products/S1"
        payload = {"id": order_id, "email": "jon@example.com", "processed_at": order.ts.raw, "created_at": now,
                   "currency": order.currency.raw, "financial_status": "paid", "landing_site": ref,
                   "line_items": items, "customer": {"id": order.customer.raw, "orders_count": 1}}  # fmt: skip
        return payload, order_id
    if door == "woocommerce":
        items = [{"id": index + 1, "product_id": 90 + index, "sku": line.sku, "quantity": line.quantity.raw,
                  "total": line.amount.raw} for index, line in enumerate(order.lines)]  # fmt: skip
        payload = {"id": order_id, "status": "processing", "currency": order.currency.raw, "date_paid_gmt": order.ts.raw,
                   "date_created_gmt": "2026-11-20T15:10:00", "customer_id": order.customer.raw,
                   "billing": {"email": "john.doe@example.com"}, "meta_data": [{"key": "afflow_ref", "value": order.ref.raw}],
                   "line_items": items}  # fmt: skip
        return payload, order_id
    if door == "stripe":
        lines = [
            {"sku": line.sku, "quantity": line.quantity.raw, "unit_amount": line.amount.raw} for line in order.lines
        ]
        session = {"id": f"cs_{order_id}", "object": "checkout.session", "payment_intent": order_id,
                   "currency": order.currency.raw.lower(), "customer": order.customer.raw, "payment_status": "paid",
                   "customer_details": {"email": "jenny@example.com"},
                   "metadata": {"afflow_ref": order.ref.raw, "afflow_lines": to_json(lines).decode()}}  # fmt: skip
        payload = {"id": f"evt_{order_id}", "object": "event", "type": "checkout.session.completed",
                   "created": order.ts.raw, "data": {"object": session}}  # fmt: skip
        return payload, order_id
    lines = [{"sku": line.sku, "quantity": line.quantity.raw, "unit_price": line.amount.raw} for line in order.lines]
    payload = {"order_id": order_id, "ts": order.ts.raw, "customer_id": order.customer.raw or "guest",
               "ref_code": order.ref.raw, "currency": order.currency.raw, "lines": lines}  # fmt: skip
    return payload, order_id


def headers_of(door: str, body: bytes) -> dict[str, str]:
    if door == "shopify":
        return shopify_headers(body, "orders/paid")
    if door == "woocommerce":
        return woo_headers(body, "order.updated")
    if door == "stripe":
        return stripe_headers(body)
    return {"Content-Type": "application/json", "Authorization": f"Bearer {CONVERSION_KEY}"}


PATHS = {"shopify": "/webhooks/shopify", "woocommerce": "/webhooks/woocommerce", "stripe": "/webhooks/stripe",
         "conversion": "/events/conversion"}  # fmt: skip


def door_expectation(door: str, order: WebOrder) -> tuple[list[int] | None, str | None]:
    """(booked bases or None when refused, the partner credited)."""
    refused = order.ts.refused or order.customer.refused or order.currency.refused or order.order_id.refused
    if door == "conversion" and isinstance(order.customer.raw, int):
        refused = True  # the postback's customer_id is a string
    bases = None if refused else line_bases(door, order)
    return bases, order.ref.value


def event_status(engine: Engine, source: str, order_id: str) -> list[tuple[str, str | None]]:
    with transaction(engine) as session:
        rows = session.execute(
            select(InboxEvent.status, InboxEvent.error).where(
                InboxEvent.source == source, InboxEvent.order_id == order_id
            )
        )
        return [(status, error) for status, error in rows]


def wait_booked(engine: Engine, source: str, order_id: str) -> list[tuple[str, str | None]]:
    deadline = time.monotonic() + 20
    while True:
        statuses = event_status(engine, source, order_id)
        if statuses and all(status != "pending" for status, _ in statuses):
            return statuses
        if time.monotonic() > deadline:
            raise AssertionError(f"order {order_id} from {source} still pending after 20 s: {statuses}")
        time.sleep(0.02)


def seed(engine: Engine, directory: Path) -> None:
    for kind, text in (("partners", PARTNERS_CSV), ("products", PRODUCTS_CSV)):
        path = directory / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        with transaction(engine) as session:
            import_csv(session=session, kind=kind, path=path)


@pytest.fixture
def app_client(engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    seed(engine, tmp_path)
    settings_ = Settings(
        public_url="https://go.example", spool_dir=str(tmp_path / "spool"),
        shopify_secret=SecretStr(SHOPIFY_SECRET), woocommerce_secret=SecretStr(WOO_SECRET),
        stripe_secret=SecretStr(STRIPE_SECRET), conversion_api_key=SecretStr(CONVERSION_KEY),
    )  # fmt: skip
    config = replace(http_config(settings_), click_flush_interval=0.05, inbox_poll_interval=0.2)
    with TestClient(
        http_app(engine=engine, settings=settings_, config=config), base_url="https://go.example"
    ) as client:
        yield client


CANARY = WebOrder(
    ts=ok("2026-03-01T10:00:00+00:00", None), customer=ok("c-canary", None), ref=ok("PATREF", "p1"),
    currency=ok("USD", "USD"), order_id=ok("unique", None),
    lines=[WebLine("S1", ok(1, 1), ok("10.00", 1000), ok(None, 0))],
)  # fmt: skip


@pytest.mark.parametrize("door", ["shopify", "woocommerce", "stripe", "conversion"])
def test_webhook_payloads_book_exactly_or_are_refused_with_a_reason(
    door: str, engine: Engine, app_client: TestClient, db_url: str
) -> None:
    source = door
    tried = refused = 0

    def deliver(order: WebOrder) -> tuple[int, dict[str, Any], str]:
        order_id = f"{door[:2]}{next(IDS)}" if order.order_id.raw == "unique" else order.order_id.raw
        if door in ("shopify", "woocommerce") and order.order_id.raw == "unique":
            order_id = int(order_id[2:]) * 1000 + 7  # the platforms send integer ids
        payload, booked_as = payload_of(door, order, order_id)
        body = to_json(payload)
        response = app_client.post(PATHS[door], content=body, headers=headers_of(door, body))
        return response.status_code, response.json(), str(booked_as)

    @settings(FUZZ, max_examples=examples(db_url, sqlite=25, postgresql=8))
    @given(order=web_order(door))
    def one_payload(order: WebOrder) -> None:
        nonlocal tried, refused
        bases, partner = door_expectation(door, order)
        before, counts = pending_by_partner(engine), row_counts(engine)
        status, answer, order_id = deliver(order)
        tried += 1
        if bases is None:
            refused += 1
            assert 400 <= status < 500 and answer["error"]["message"], (order, status, answer)
            assert (pending_by_partner(engine), row_counts(engine)) == (before, counts), order
        else:
            assert status == 200 and answer["new"] == 1, (order, status, answer)
            statuses = wait_booked(engine, source, order_id)
            expected = dict.fromkeys(PARTNER_IDS, 0)
            if order.currency.value == "USD":
                assert statuses == [("booked", None)], (order, statuses)
                if partner is not None:
                    expected[partner] = sum(commission(base) for base in bases)
            else:
                assert [status for status, _ in statuses] == ["parked"], (order, statuses)
            after = pending_by_partner(engine)
            assert {pid: after[pid] - before[pid] for pid in PARTNER_IDS} == expected, (order, statuses)
        start = pending_by_partner(engine)["p1"]
        canary = CANARY  # 2026-03-01 10:00 UTC, 10.00 of S1 for p1; Stripe's time and amounts are integers
        if door == "stripe":
            canary = replace(
                CANARY, ts=ok(1772359200, None), lines=[WebLine("S1", ok(1, 1), ok(1000, 1000), ok(None, 0))]
            )
        status, answer, order_id = deliver(canary)
        assert status == 200, answer
        assert wait_booked(engine, source, order_id) == [("booked", None)]
        assert pending_by_partner(engine)["p1"] - start == 100

    one_payload()
    print(f"{door}: {tried} payloads tried, {refused} refused")


# ---- CSV: afflow import refunds ---------------------------------------------------------------------------

REFUND_HEADER = ["refund_id", "order_id", "ts", "sku", "amount"]


@dataclass
class CsvRefund:
    quantity: int
    unit_price: int
    target: str  # booked | unknown (its order never came: parked)
    ts: Cell
    sku: Cell  # "S1": the order's line; "": spread over the order
    amount: Cell


refund_skus = mostly(st.sampled_from([ok("S1", "S1"), ok("", None), ok(" S1 ", "S1")]), st.just(bad("S" * 65)))
csv_refunds = st.builds(
    CsvRefund,
    quantity=st.integers(1, 5),
    unit_price=st.integers(1, 10**6),
    target=mostly(st.just("booked"), st.just("unknown"), percent=15),
    ts=times,
    sku=refund_skus,
    amount=st.one_of(amount_text, st.integers(1, 5 * 10**6).map(lambda c: ok(decimal_text(c), c))),
)


def test_csv_refunds_reverse_exactly_or_are_refused_naming_line_and_column(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"AFFLOW_DATABASE_URL": db_url}
    for kind, text in (("partners", PARTNERS_CSV), ("products", PRODUCTS_CSV)):
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert afflow_json(monkeypatch, env, "import", kind, str(tmp_path / f"{kind}.csv"))[0] == 0
    store = _CliStore(db_url)
    tried = refused = 0

    @settings(FUZZ, max_examples=examples(db_url, sqlite=25, postgresql=10))
    @given(refund=csv_refunds)
    def one_refund(refund: CsvRefund) -> None:
        nonlocal tried, refused
        order_id = f"csv-{next(IDS)}"
        orders = tmp_path / "orders.csv"
        orders.write_text(
            ",".join(ORDER_HEADER) + f"\n{order_id},2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,{refund.quantity},"
            f"{decimal_text(refund.unit_price)}\n"
        )
        assert afflow_json(monkeypatch, env, "import", "orders", str(orders))[0] == 0
        line_amount = refund.quantity * refund.unit_price
        earned = commission(line_amount)
        target = order_id if refund.target == "booked" else f"never-{order_id}"
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([REFUND_HEADER, [f"r-{order_id}", target, refund.ts.raw, refund.sku.raw, refund.amount.raw]])
        path = tmp_path / "refunds.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        errors = {
            (2, name)
            for name, cell in (("ts", refund.ts), ("sku", refund.sku), ("amount", refund.amount))
            if cell.refused
        }
        if not refund.amount.refused and refund.amount.value == 0:
            errors.add((2, "amount"))  # a refund must be positive
        if not errors and refund.target == "booked" and refund.amount.value > line_amount:
            errors.add((2, None))  # more than the order's refundable amount: refused, never capped
        before, counts = pending_by_partner(store.engine)["p1"], row_counts(store.engine)
        code, answer = afflow_json(monkeypatch, env, "import", "refunds", str(path))
        tried += 1
        if errors:
            refused += 1
            assert code == 1, (buffer.getvalue(), answer)
            found = {(e["line"], e["column"]) for e in answer["error"]["details"]["errors"]}
            assert found == errors, (buffer.getvalue(), answer)
            assert (pending_by_partner(store.engine)["p1"], row_counts(store.engine)) == (before, counts)
        else:
            assert code == 0, (buffer.getvalue(), answer)
            parked = refund.target == "unknown"
            assert (answer["booked"], answer["parked"]) == (int(not parked), int(parked)), answer
            reversed_ = 0 if parked else half_even(Decimal(earned) * refund.amount.value / line_amount)
            assert before - pending_by_partner(store.engine)["p1"] == reversed_, (buffer.getvalue(), earned)
        canary = f"csv-{next(IDS)}"
        orders.write_text(",".join(ORDER_HEADER) + f"\n{canary},2026-03-01T10:00:00Z,c1,,PATREF,,USD,S1,1,10.00\n")
        path.write_text(",".join(REFUND_HEADER) + f"\nr-{canary},{canary},2026-03-02T10:00:00Z,S1,4.00\n")
        start = pending_by_partner(store.engine)["p1"]
        assert afflow_json(monkeypatch, env, "import", "orders", str(orders))[0] == 0
        assert afflow_json(monkeypatch, env, "import", "refunds", str(path))[0] == 0
        assert pending_by_partner(store.engine)["p1"] - start == 100 - 40

    one_refund()
    store.close()
    print(f"csv refunds: {tried} files tried, {refused} refused")
