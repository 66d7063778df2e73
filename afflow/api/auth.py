"""Who is calling the API and what they may do: ``Authorization: Bearer <key>``, scopes, a per-key rate limit.

``KeyGuard.require(scope)`` is a FastAPI dependency: no or a malformed header, an unknown or a revoked key
is 401 (the key row is read on every request, so a revocation holds from the next request on); a key
without the scope is 403; a key over its ``rate_limit_per_minute`` is 429 with ``Retry-After``. The limit
is a sliding minute kept in this process (per replica): it protects the database from one runaway client,
it is not a billing meter.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import Depends
from fastapi.security import HTTPBearer
from sqlalchemy import Engine
from starlette.requests import Request

from afflow.api.errors import ApiError
from store.db import transaction
from tools.api_keys import KeyView, authenticate
from tools.rate_limit import RateLimiter

__all__ = ["KeyGuard", "RateLimiter"]  # RateLimiter is re-exported: the API's limiter lives in tools.rate_limit

# Declares the scheme in the OpenAPI document (the docs' "Authorize"); the guard itself reads the header, so a
# missing or malformed one is our 401 envelope, not FastAPI's 403.
BEARER = HTTPBearer(auto_error=False, description="An API key from `afflow keys create`.")


class KeyGuard:
    def __init__(self, *, engine: Engine, limiter: RateLimiter) -> None:
        self.engine = engine
        self.limiter = limiter

    def require(self, scope: str) -> Callable[[Request], KeyView]:
        def guard(request: Request, _scheme: object = Depends(BEARER)) -> KeyView:
            key = self.identify(request.headers.get("authorization"))
            if scope not in key.scopes:
                raise ApiError(
                    403, "forbidden", f"this key lacks the {scope!r} scope",
                    {"required_scope": scope, "key_scopes": list(key.scopes)},
                )  # fmt: skip
            wait = self.limiter.admit(key_id=key.id, limit=key.rate_limit_per_minute)
            if wait is not None:
                seconds = max(1, math.ceil(wait))
                raise ApiError(
                    429, "rate_limited", f"more than {key.rate_limit_per_minute} requests in a minute",
                    {"retry_after_seconds": seconds}, headers={"Retry-After": str(seconds)},
                )  # fmt: skip
            return key

        return guard

    def identify(self, header: str | None) -> KeyView:
        scheme, _, secret = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise ApiError(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'",
                           headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        with transaction(self.engine) as session:
            key = authenticate(session=session, secret=secret.strip(), now=datetime.now(UTC))
        if key is None:
            raise ApiError(401, "unauthorized", "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
        return key
