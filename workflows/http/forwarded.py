"""The click's client address behind trusted proxies: uvicorn's ``ProxyHeadersMiddleware`` rule at redirect speed.

``afflow serve`` runs uvicorn with its proxy-headers middleware off and applies that same middleware itself to
every route but ``GET``/``HEAD /r/{code}`` (``RedirectFastPath.behind_proxies``); the redirect needs only the
client address for the click's IP hash and gets it here. The rule is uvicorn's: when the peer is trusted
(``AFFLOW_FORWARDED_ALLOW_IPS``), the client is the right-most ``X-Forwarded-For`` host that is not trusted
(the left-most if all are); otherwise it is the peer.

Why not uvicorn's middleware for clicks too: it checks each forwarded host through ``ipaddress`` behind an LRU
cache of 4,096 entries, and clicks come from millions of addresses, so nearly every click missed the cache and
parsed an address (about 5 % of a redirect, profiled under wrk). Here a canonical dotted IPv4 host is checked
with a set look-up, or integer masks for trusted IPv4 networks; any other chain (IPv6, ports, literals) goes
to uvicorn's own check. ``tests/http/test_forwarded.py`` pins the two to each other. Never trust a forwarded
address from an untrusted peer.
"""

from __future__ import annotations

import ipaddress
import re

from starlette.types import Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}")


async def _unused_app(_scope: Scope, _receive: Receive, _send: Send) -> None:  # pragma: no cover
    raise RuntimeError("ForwardedClient only borrows the middleware's trust check")


class ForwardedClient:
    def __init__(self, trusted: str) -> None:
        self.always = trusted == "*"
        self._uvicorn = ProxyHeadersMiddleware(_unused_app, trusted_hosts=trusted).trusted_hosts  # type: ignore[arg-type]
        self._ipv4_hosts: set[str] = set()
        self._ipv4_networks: list[tuple[int, int]] = []  # (network address, netmask) as integers
        for item in (part.strip() for part in trusted.split(",")):
            try:
                if "/" in item:
                    network = ipaddress.ip_network(item)
                    if isinstance(network, ipaddress.IPv4Network):
                        self._ipv4_networks.append((int(network.network_address), int(network.netmask)))
                else:
                    address = ipaddress.ip_address(item)
                    if isinstance(address, ipaddress.IPv4Address):
                        self._ipv4_hosts.add(str(address))
            except ValueError:
                continue  # a literal (e.g. a unix socket name): never equal to a canonical IPv4 address

    def trusts(self, host: str) -> bool:
        if self.always:
            return True
        if _CANONICAL_IPV4.fullmatch(host) is None:
            return host in self._uvicorn
        if host in self._ipv4_hosts:
            return True
        if not self._ipv4_networks:
            return False
        a, b, c, d = host.split(".")
        number = (int(a) << 24) | (int(b) << 16) | (int(c) << 8) | int(d)
        return any(number & mask == network for network, mask in self._ipv4_networks)

    def client(self, scope: Scope) -> tuple[str, int] | None:
        """The scope's client after applying trusted ``X-Forwarded-For`` headers (uvicorn's ``scope["client"]``)."""
        peer: tuple[str, int] | None = scope.get("client")
        peer_host = peer[0] if peer else None
        # as uvicorn: "*" trusts any peer, even one without an address; otherwise the peer's host is checked
        if not (self.always or (peer_host is not None and self.trusts(peer_host))):
            return peer
        values = [value for name, value in scope["headers"] if name == b"x-forwarded-for"]
        if not values:
            return peer
        forwarded = b", ".join(values).decode("latin-1")
        hosts = [item.strip() for item in forwarded.split(",")]
        if all(_CANONICAL_IPV4.fullmatch(host) for host in hosts):
            chosen = hosts[0] if self.always else next((h for h in reversed(hosts) if not self.trusts(h)), hosts[0])
            return (chosen, 0)
        host, port = self._uvicorn.get_trusted_client_address(forwarded)
        return (host, port) if host else peer
