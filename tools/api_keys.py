"""API keys for the REST API and ``/mcp``: created with scopes, shown once, stored as a SHA-256 hash.

A key is ``afk_`` + 32 random base62 characters (``secrets``: ~190 bits), so a plain SHA-256 is enough to
store it (a slow password hash guards low-entropy secrets; these are not). ``authenticate`` reads the row on
every request: a revoked key is refused by the very next request, on every replica. This module never
decides what a scope allows (``afflow.api.auth`` does) and never logs or returns a key after creating it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ApiKey

Scope = Literal["read", "links", "propose", "conversions"]
SCOPES: tuple[str, ...] = get_args(Scope)
KEY_PREFIX = "afk_"
_ALPHABET = string.ascii_letters + string.digits
DEFAULT_RATE_LIMIT = 120  # requests per minute per key
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyError(ValueError):
    """A key request that cannot be honoured: an unknown scope, no scope, an unknown key id."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class KeyView:
    id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    rate_limit_per_minute: int
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def actor(self) -> str:
        """Who the audit trail names for what this key did."""
        return f"api-key:{self.id}:{self.name}"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "prefix": self.prefix,
            "scopes": list(self.scopes),
            "rate_limit_per_minute": self.rate_limit_per_minute,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(
    *,
    session: Session,
    name: str,
    scopes: Sequence[str],
    now: datetime,
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT,
) -> tuple[KeyView, str]:
    """A new key and its secret (the only time the secret exists outside the caller's hands)."""
    wanted = tuple(dict.fromkeys(s.strip() for s in scopes if s.strip()))
    if not wanted:
        raise ApiKeyError("bad_scope", f"a key needs at least one scope: {', '.join(SCOPES)}")
    unknown = [s for s in wanted if s not in SCOPES]
    if unknown:
        raise ApiKeyError("bad_scope", f"unknown scope {unknown[0]!r}; expected one of {', '.join(SCOPES)}")
    if not name.strip():
        raise ApiKeyError("bad_name", "a key needs a name")
    if rate_limit_per_minute < 1:
        raise ApiKeyError("bad_rate_limit", "the rate limit is at least 1 request per minute")
    secret = KEY_PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(32))
    row = ApiKey(
        name=name.strip(),
        prefix=secret[:10],
        key_hash=hash_key(secret),
        scopes=",".join(wanted),
        rate_limit_per_minute=rate_limit_per_minute,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return _view(row), secret


def list_keys(*, session: Session) -> list[KeyView]:
    return [_view(row) for row in session.scalars(select(ApiKey).order_by(ApiKey.id))]


def revoke_key(*, session: Session, key_id: int, now: datetime) -> KeyView:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise ApiKeyError("unknown_key", f"no API key {key_id}")
    if row.revoked_at is None:
        row.revoked_at = now
    return _view(row)


def authenticate(*, session: Session, secret: str, now: datetime) -> KeyView | None:
    """The live key ``secret`` is, its use recorded; ``None`` for an unknown or revoked key."""
    if not secret.startswith(KEY_PREFIX):
        return None
    digest = hash_key(secret)
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, digest):
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        row.last_used_at = now  # at most one write a minute per key, not one per request
    return _view(row)


def _view(row: ApiKey) -> KeyView:
    return KeyView(
        id=row.id,
        name=row.name,
        prefix=row.prefix,
        scopes=tuple(s for s in row.scopes.split(",") if s),
        rate_limit_per_minute=row.rate_limit_per_minute,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
