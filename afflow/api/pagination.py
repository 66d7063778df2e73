"""Cursor pagination for the API's lists: rows in key order, ``limit`` at a time, ``next_cursor`` to go on.

A cursor is the last key of the page, opaque to clients (url-safe base64): pages never skip or repeat a
row that existed when the first page was read, however many rows are added meanwhile. A malformed cursor is
a 400, not an empty page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import Query
from pydantic import BaseModel

from afflow.api.errors import ApiError

T = TypeVar("T")
MAX_LIMIT = 200

LimitQuery = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
CursorQuery = Query(None, max_length=400, description="`next_cursor` of the previous page.")


class Page(BaseModel):
    data: list[dict[str, Any]]
    next_cursor: str | None


def encode_cursor(key: str | int) -> str:
    text = f"{'i' if isinstance(key, int) else 's'}:{key}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, *, kind: type[int] | type[str]) -> Any:
    """The key a cursor stands for (``None`` for the first page); ``kind`` is the key's type."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        tag, _, value = text.partition(":")
        if tag == "i" and kind is int:
            return int(value)
        if tag == "s" and kind is str:
            return value
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise ApiError(400, "bad_cursor", "the cursor is not one this API gave", {"cursor": cursor})


def page(rows: Sequence[T], *, limit: int, key: Callable[[T], str | int], view: Callable[[T], dict[str, Any]]) -> Page:
    """A page from ``limit + 1`` rows read in key order: the extra row only says another page exists."""
    shown = rows[:limit]
    more = len(rows) > limit
    return Page(data=[view(row) for row in shown], next_cursor=encode_cursor(key(shown[-1])) if more and shown else None)
