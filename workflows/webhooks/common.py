"""What every store platform's mapper shares: strict JSON, exact money, click/ref lookup, line splitting.

Mappers turn a verified platform payload into inbox events (``workflows.booking.events``). They never touch the
database and never guess money: amounts are parsed from the platform's decimal strings (JSON numbers are
read as ``Decimal``, never ``float``) and a payload that cannot be read exactly is ``MalformedPayload``.
Amounts, quantities and times outside ``workflows.booking.bounds`` are refused the same way (a negative
price or discount is refused, never clamped to zero), so nothing unbookable is ever queued.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from pydantic import ValidationError

from store.identity import email_key
from store.money import MoneyError, minor_digits, parse_money, prorate, round_half_even
from workflows.booking.bounds import amount_problem, quantity_problem, time_problem, unix_time_problem
from workflows.booking.events import OrderEvent, OrderLineIn, RefundEvent

EventT = TypeVar("EventT", OrderEvent, RefundEvent)

CLICK_ID_KEYS = ("afflow_cid", "_afflow_cid")
REF_KEYS = ("ref", "afflow_ref", "_afflow_ref")
COUPON_KEYS = ("afflow_coupon", "_afflow_coupon")


class SignatureError(Exception):
    """The request is not provably from the platform (missing, wrong, or stale signature): answer 401."""


class MalformedPayload(ValueError):
    """Signed, but unreadable as the platform's documented shape: answer 400 with this reason."""


def parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body, parse_float=Decimal)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedPayload(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise MalformedPayload("body is not a JSON object")
    return data


def field(data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], *, where: str) -> Any:
    """A required field of the given JSON type, or ``MalformedPayload`` naming it."""
    value = data.get(name)
    if value is None or (isinstance(value, bool) and bool not in _as_tuple(kind)) or not isinstance(value, kind):
        raise MalformedPayload(f"{where}.{name} is missing or not {_kind_name(kind)}")
    return value


def optional(data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], *, where: str) -> Any:
    if data.get(name) is None:
        return None
    return field(data, name, kind, where=where)


def objects(value: Any, *, where: str) -> list[Mapping[str, Any]]:
    """A JSON array of objects (None counts as empty)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedPayload(f"{where} is not a list of objects")
    return value


def cents(value: Any, currency: str, *, where: str) -> int:
    """A decimal string (or JSON number) in major units -> exact minor units."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise MalformedPayload(f"{where} is not an amount")
    try:
        return parse_money(str(value), currency)
    except MoneyError as exc:
        raise MalformedPayload(f"{where}: {exc}") from exc


def price(value: Any, currency: str, *, where: str) -> int:
    """A price, total or discount: ``cents`` that must also be within ``workflows.booking.bounds``."""
    return in_bounds(cents(value, currency, where=where), where=where)


def in_bounds(minor: int, *, where: str) -> int:
    problem = amount_problem(minor)
    if problem is not None:
        raise MalformedPayload(f"{where}: {problem}")
    return minor


def rounded_cents(value: Any, currency: str, *, where: str) -> int:
    """Like ``cents``, for platforms that send more decimals than the currency has (WooCommerce stores line
    totals unrounded when prices include tax): rounded half-even, once, here at intake."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise MalformedPayload(f"{where} is not an amount")
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError as exc:
        raise MalformedPayload(f"{where}: {value!r} is not a decimal amount") from exc
    if not amount.is_finite() or (amount and amount.adjusted() > 30):  # before int(): 1e999999999 is no amount
        raise MalformedPayload(f"{where}: {value!r} is not a finite amount")
    return round_half_even(amount.scaleb(minor_digits(currency)))


def timestamp(value: Any, *, where: str) -> datetime:
    """ISO 8601; a value without an offset is UTC (WooCommerce's ``*_gmt`` fields)."""
    if not isinstance(value, str):
        raise MalformedPayload(f"{where} is not an ISO 8601 time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise MalformedPayload(f"{where}: {exc}") from exc
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    problem = time_problem(parsed)
    if problem is not None:
        raise MalformedPayload(f"{where}: {problem}")
    return parsed


def unix_time(value: Any, *, where: str) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedPayload(f"{where} is not a unix timestamp")
    problem = unix_time_problem(value)
    if problem is not None:
        raise MalformedPayload(f"{where}: {problem}")
    return datetime.fromtimestamp(value, UTC)


def query_params(url: Any) -> dict[str, str]:
    """First value of each query parameter of a URL or path (``/products/x?ref=a``); {} when absent."""
    if not isinstance(url, str) or "?" not in url:
        return {}
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items() if values and values[0]}


def first_of(sources: Iterable[Mapping[str, Any]], keys: Iterable[str]) -> str | None:
    """The first non-empty string among ``keys`` in the first source that has one."""
    key_list = tuple(keys)
    for source in sources:
        for key in key_list:
            value = source.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                return str(value).strip()[:64]
    return None


def text(value: Any, *, limit: int = 512) -> str:
    """A platform's optional string field, stripped and capped; '' for null or any other type."""
    return value.strip()[:limit] if isinstance(value, str) else ""


def customer_key(*, customer_id: Any, email: Any, order_id: str) -> str:
    """The platform's customer id; a guest is known by a hash of their e-mail (never the address itself)."""
    if isinstance(customer_id, str | int) and not isinstance(customer_id, bool) and str(customer_id) not in ("", "0"):
        return str(customer_id)
    if isinstance(email, str) and email.strip():
        return email_key(email)
    return f"guest:{order_id}"


def split_line(*, sku: str, quantity: int, net_cents: int) -> list[OrderLineIn]:
    """Order line(s) for ``quantity`` units costing ``net_cents`` together, exactly.

    A discount that does not divide evenly by the quantity would need fractional unit prices; instead the
    line becomes two lines of the same SKU (``rest`` units one cent dearer), so the total stays exact.
    Discounts beyond the price (a negative net) are refused, not booked as zero.
    """
    problem = quantity_problem(quantity)
    if problem is not None:
        raise MalformedPayload(f"line {sku!r}: {problem}")
    if net_cents < 0:
        raise MalformedPayload(f"line {sku!r}: its discounts exceed its price ({net_cents} minor units net)")
    unit, rest = divmod(net_cents, quantity)
    try:
        if rest == 0:
            return [OrderLineIn(sku=sku, quantity=quantity, unit_price_cents=unit)]
        return [
            OrderLineIn(sku=sku, quantity=rest, unit_price_cents=unit + 1),
            OrderLineIn(sku=sku, quantity=quantity - rest, unit_price_cents=unit),
        ]
    except ValidationError as exc:
        raise MalformedPayload(f"line {sku!r}: {exc.errors()[0]['msg']}") from exc


def with_presentment(lines: list[OrderLineIn], presentment_cents: int) -> list[OrderLineIn]:
    """``split_line``'s line(s) carrying, between them, the customer's ``presentment_cents`` for the units
    (a split line shares it in proportion to its amount; the last part takes the remainder)."""
    amounts = [line.quantity * line.unit_price_cents for line in lines]
    whole = sum(amounts)
    shares: list[int] = []
    for index, amount in enumerate(amounts):
        last = index == len(amounts) - 1
        shares.append(
            presentment_cents - sum(shares) if last or not whole else prorate(presentment_cents, amount, whole)
        )
    # shares are parts of an amount already within bounds, so each is too
    return [line.model_copy(update={"presentment_cents": share}) for line, share in zip(lines, shares, strict=True)]


def build(model: type[EventT], **values: Any) -> EventT:
    """Construct an inbox event, turning a validation failure into a 400 reason."""
    try:
        return model(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise MalformedPayload(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", dict: "an object", list: "a list", Decimal: "a number"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))
