"""The redirect's client address behind proxies is exactly what uvicorn's ProxyHeadersMiddleware makes of it."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from workflows.http.forwarded import ForwardedClient

TRUSTED = [
    "127.0.0.1",
    "127.0.0.1,::1",
    "*",
    "10.0.0.0/8, 192.168.1.7",
    "10.1.2.0/24,172.16.0.0/12,2001:db8::/32",
    "unix:/run/lb.sock, 203.0.113.9",
    "",
    "010.0.0.1, 10.0.0.256",
]
HOSTS = st.ip_addresses(v=4).map(str) | st.sampled_from(
    [
        "127.0.0.1", "10.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.1.7", "203.0.113.9", "::1", "2001:db8::5",
        "[2001:db8::5]:443", "198.51.100.23:8080", "010.0.0.1", "unknown", "", " 10.0.0.1 ", "unix:/run/lb.sock",
    ]
)  # fmt: skip


def uvicorn_client(trusted: str, scope: dict[str, Any]) -> Any:
    seen: dict[str, Any] = {}

    async def app(inner: dict[str, Any], _receive: Any, _send: Any) -> None:
        seen["client"] = inner.get("client")

    asyncio.run(ProxyHeadersMiddleware(app, trusted_hosts=trusted)(dict(scope), None, None))  # type: ignore[arg-type]
    return seen["client"]


@settings(max_examples=400)
@given(
    trusted=st.sampled_from(TRUSTED),
    peer=HOSTS,
    headers=st.lists(st.lists(HOSTS, min_size=1, max_size=4).map(", ".join), max_size=2),
)
def test_client_address_equals_uvicorns(trusted: str, peer: str, headers: list[str]) -> None:
    scope = {
        "type": "http",
        "client": (peer, 50123),
        "headers": [(b"x-forwarded-for", value.encode("latin-1")) for value in headers] + [(b"host", b"x")],
    }
    assert ForwardedClient(trusted).client(scope) == uvicorn_client(trusted, scope)


def test_a_peer_without_an_address_behind_a_trust_everything_setting_takes_the_forwarded_host() -> None:
    scope = {"type": "http", "client": ("", 50123), "headers": [(b"x-forwarded-for", b"0.0.0.0")]}
    assert ForwardedClient("*").client(scope) == uvicorn_client("*", scope) == ("0.0.0.0", 0)
    scope = {"type": "http", "client": None, "headers": [(b"x-forwarded-for", b"1.2.3.4")]}
    assert ForwardedClient("*").client(scope) == uvicorn_client("*", scope)
    assert ForwardedClient("127.0.0.1").client(scope) == uvicorn_client("127.0.0.1", scope)


def test_untrusted_peer_keeps_its_own_address() -> None:
    scope = {"type": "http", "client": ("198.51.100.1", 4000), "headers": [(b"x-forwarded-for", b"1.2.3.4")]}
    assert ForwardedClient("127.0.0.1").client(scope) == ("198.51.100.1", 4000)


def test_trusted_peer_gives_the_right_most_untrusted_forwarded_host() -> None:
    scope = {
        "type": "http",
        "client": ("10.0.0.5", 4000),
        "headers": [(b"x-forwarded-for", b"1.2.3.4, 5.6.7.8, 10.9.9.9")],
    }
    assert ForwardedClient("10.0.0.0/8").client(scope) == ("5.6.7.8", 0)
