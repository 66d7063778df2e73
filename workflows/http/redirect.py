"""``GET /r/{code}``: answer 302 to the link's destination with a fresh click id, and record the click.

The hot path does no database I/O: links come from an in-process cache (a miss is one primary-key lookup
in a worker thread; an unknown code is remembered briefly so scanners cannot hammer the database), and the
click goes to ``ClickWriter.record`` (a spool-file append) *before* the response is returned, so every 302
that leaves this process has its click on disk. The click id travels to the shop twice: as the
``afflow_cid`` parameter (read back from the order's landing site) and as a first-party cookie on the
link's own domain (for checkouts that copy it into note attributes / metadata).

An optional ``afflow_uid`` query parameter carries a hashed customer identity for cross-device matching.
It counts only when the shop vouches for it: ``afflow_sig`` must be the hex HMAC-SHA256 of the uid with
``AFFLOW_IDENTITY_SECRET`` (``sign_identity``); then it is stored as the click's ``customer_ref``. Anyone
can put an ``afflow_uid`` on a partner link, so an unsigned or wrongly signed one is stored as
``unverified:{uid}``, a weak hint that attribution ranks below ref codes and coupons
(``workflows.booking.attribution``). Raw IPs are hashed with the program's salt before storage.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qs

from pydantic import SecretStr
from sqlalchemy import Engine, select
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from store.db import transaction
from store.models import TrackingLink
from tools.links import CLICK_ID_PARAM
from workflows.booking.events import UNVERIFIED
from workflows.http.clickrows import redirect_row
from workflows.http.clickwriter import ClickWriter
from workflows.http.forwarded import ForwardedClient

log = logging.getLogger(__name__)

_CODE = re.compile(r"[A-Za-z0-9]{1,32}")
UID_LENGTH = 128 - len(UNVERIFIED)  # clicks.customer_ref holds 128 characters


@dataclass(frozen=True, slots=True)
class LinkTarget:
    code: str
    partner_id: str
    sku: str | None
    location_prefix: str  # destination ending in "?...&afflow_cid=" (or "?afflow_cid=")


@dataclass
class ProgramSnapshot:
    """What the hot path needs from the program row, refreshed in the background."""

    ip_salt: str
    cookie_days: int
    currency: str


class LinkCache:
    """Link targets by code, kept ``ttl`` seconds (an unknown code ``miss_ttl``).

    An entry past its time is still answered from while one background load refreshes it: entries loaded
    together expire together, and waiting for them would send every redirect in flight to the database at
    once (a latency spike every ``ttl``, measured). Concurrent misses of one code share one load.
    """

    def __init__(self, *, engine: Engine, ttl: float = 60.0, miss_ttl: float = 5.0) -> None:
        self.engine = engine
        self.ttl = ttl
        self.miss_ttl = miss_ttl
        self._entries: dict[str, tuple[float, LinkTarget | None]] = {}
        self._loading: dict[str, asyncio.Task[LinkTarget | None]] = {}

    def cached(self, code: str) -> LinkTarget | bool | None:
        """The cached answer without awaiting anything (refreshed in the background when stale), or ``False``
        when it must be loaded."""
        entry = self._entries.get(code)
        if entry is None:
            return False
        if entry[0] <= time.monotonic() and code not in self._loading:
            self._start_load(code)
        return entry[1]

    async def get(self, code: str) -> LinkTarget | None:
        answer = self.cached(code)
        if answer is None or isinstance(answer, LinkTarget):
            return answer
        task = self._loading.get(code) or self._start_load(code)
        return await asyncio.shield(task)  # a cancelled request must not cancel the load others wait for

    def _start_load(self, code: str) -> asyncio.Task[LinkTarget | None]:
        task = asyncio.get_running_loop().create_task(self._load_entry(code))
        self._loading[code] = task
        return task

    async def _load_entry(self, code: str) -> LinkTarget | None:
        try:
            target = await asyncio.to_thread(self._load, code)
        except Exception:
            stale = self._entries.get(code)
            if stale is None:
                raise  # a first load: the request waiting for it fails (500) as it would have without a cache
            log.exception("refreshing link %s failed; its cached target is kept for now", code)
            self._entries[code] = (time.monotonic() + self.miss_ttl, stale[1])  # retried later, not per request
            return stale[1]
        finally:
            del self._loading[code]
        if len(self._entries) > 100_000:
            self._entries.clear()
        self._entries[code] = (time.monotonic() + (self.ttl if target else self.miss_ttl), target)
        return target

    def _load(self, code: str) -> LinkTarget | None:
        with transaction(self.engine) as session:
            row = session.execute(
                select(TrackingLink.partner_id, TrackingLink.sku, TrackingLink.destination).where(
                    TrackingLink.code == code
                )
            ).first()
        if row is None:
            return None
        separator = "&" if "?" in row.destination else "?"
        return LinkTarget(
            code=code,
            partner_id=row.partner_id,
            sku=row.sku,
            location_prefix=f"{row.destination}{separator}{CLICK_ID_PARAM}=",
        )


class ClickIds:
    """Fresh click ids, 16 URL-safe characters from 12 random bytes each: ``secrets.token_urlsafe(12)``'s.

    ``token_urlsafe`` makes one ``getrandom`` system call per click, a few percent of a redirect; here one
    call draws the bytes of ``batch`` ids from the same source (``os.urandom``). 12 bytes are exactly 16
    base64 characters with no padding, so slicing one encoded batch gives the same ids one by one would.
    """

    def __init__(self, batch: int = 4096) -> None:
        self.batch = batch
        self._ids: list[str] = []

    def next(self) -> str:
        if not self._ids:
            encoded = base64.urlsafe_b64encode(os.urandom(12 * self.batch)).decode()
            self._ids = [encoded[start : start + 16] for start in range(0, len(encoded), 16)]
        return self._ids.pop()


class Redirector:
    """A raw ASGI endpoint: Starlette's Request/Response objects cost more than the rest of a redirect."""

    def __init__(
        self,
        *,
        links: LinkCache,
        clicks: ClickWriter,
        program: ProgramSnapshot,
        secure_cookie: bool,
        identity_secret: SecretStr | None = None,
    ) -> None:
        self.identity_key = identity_secret.get_secret_value().encode() if identity_secret else None
        self.links = links
        self.clicks = clicks
        self.program = program
        self.cookie_flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure_cookie else "")
        self.click_ids = ClickIds()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        code: str = scope["path_params"]["code"]
        target = self.links.cached(code)
        if target is False:
            target = await self.links.get(code) if _CODE.fullmatch(code) else None
        if not isinstance(target, LinkTarget):
            await send({"type": "http.response.start", "status": 404, "headers": _NOT_FOUND_HEADERS})
            await send({"type": "http.response.body", "body": b"unknown link"})
            return
        if scope["method"] == "HEAD":  # link checkers and unfurlers: where it goes, but no click and no cookie
            destination = target.location_prefix.removesuffix(f"{CLICK_ID_PARAM}=").rstrip("?&")
            headers = [(b"location", destination.encode()), (b"cache-control", b"no-store"), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 302, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        user_agent = referrer = ""
        for name, value in scope["headers"]:
            if name == b"user-agent":
                user_agent = value.decode("latin-1")[:1000]
            elif name == b"referer":
                referrer = value.decode("latin-1")[:2000]
        client = scope.get("client")
        query: bytes = scope.get("query_string", b"")
        click_id = self.click_ids.next()
        location = target.location_prefix + click_id
        self.clicks.record(
            redirect_row(
                click_id=click_id,
                ts=datetime.now(UTC),
                partner_id=target.partner_id,
                link_code=code,
                ip=client[0] if client else "",
                user_agent=user_agent,
                referrer=referrer,
                landing_url=location,
                sku=target.sku,
                customer_ref=customer_ref(query, self.identity_key) if query else None,
                salt=self.program.ip_salt,
            )
        )
        cookie = f"{CLICK_ID_PARAM}={click_id}; Max-Age={self.program.cookie_days * 86_400}{self.cookie_flags}"
        await send(
            {
                "type": "http.response.start",
                "status": 302,
                "headers": [
                    (b"location", location.encode()),
                    (b"set-cookie", cookie.encode()),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


_NOT_FOUND_HEADERS = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"12")]


def sign_identity(uid: str, secret: str) -> str:
    """What the shop puts in ``afflow_sig`` for a shopper's ``afflow_uid``."""
    return hmac.new(secret.encode(), uid.encode(), hashlib.sha256).hexdigest()


def customer_ref(query: bytes, identity_key: bytes | None) -> str | None:
    """The click's customer identity: the uid when the shop signed it, ``unverified:{uid}`` otherwise."""
    params = parse_qs(query.decode("latin-1"))
    uid = params.get("afflow_uid", [""])[0][:UID_LENGTH]
    if not uid:
        return None
    signature = params.get("afflow_sig", [""])[0]
    if identity_key is not None and signature:
        expected = hmac.new(identity_key, uid.encode(), hashlib.sha256).hexdigest()
        if hmac.compare_digest(expected.encode(), signature.strip().lower().encode()):
            return uid
    return UNVERIFIED + uid


class RedirectFastPath:
    """The ASGI entry point: ``GET /r/{code}`` goes straight to the redirector, everything else to ``app``.

    Routing through Starlette's middleware and router costs as much as the redirect itself (measured); a
    prefix test does the same job for the one route that must be fast. Errors in the redirector still
    reach uvicorn, which answers 500 and logs them.
    """

    def __init__(self, *, app: ASGIApp, redirector: Redirector) -> None:
        self.app = app
        self.redirector = redirector
        self.forwarded: ForwardedClient | None = None

    def behind_proxies(self, trusted: str) -> None:
        """Take the client address from ``X-Forwarded-For`` when the peer is one of ``trusted`` (uvicorn's
        ``forwarded_allow_ips`` syntax), for every route: uvicorn's own middleware for the app, the same rule
        without its per-address ``ipaddress`` parsing for redirects (``workflows.http.forwarded``). Run
        uvicorn with ``proxy_headers=False`` then, or headers would be applied twice."""
        self.app = ProxyHeadersMiddleware(self.app, trusted_hosts=trusted)  # type: ignore[arg-type,assignment]
        self.forwarded = ForwardedClient(trusted)

    def commit_clicks_in_subprocess(self) -> None:
        """Serving: batches of clicks are committed by a click store process, not by a thread of this one
        (``ClickWriter.commit_in_subprocess``); call before the app starts."""
        self.redirector.clicks.commit_in_subprocess()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/r/") and scope["method"] in ("GET", "HEAD"):
            code = scope["path"][3:]
            if code and "/" not in code:
                scope["path_params"] = {"code": code}
                if self.forwarded is not None:
                    scope["client"] = self.forwarded.client(scope)
                await self.redirector(scope, receive, send)
                return
        await self.app(scope, receive, send)
