"""Where the dispatcher may connect: checked again at send time, after resolving the host.

A subscription's endpoint was checked when it was stored, but a name can later resolve
somewhere else (a changed DNS record, a row stored before the rules were tightened). Every
request the dispatcher makes goes through this transport, which re-checks the URL, resolves the
host and refuses loopback, private, link-local and unique-local addresses before connecting.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

import httpx

from backend.notifications.subscriptions import InvalidSubscription, check_endpoint, is_internal

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[Address]]]


async def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (the system resolver, off the event loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # getaddrinfo may append a scope ("fe80::1%eth0"); the address is what precedes it.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class PushServiceTransport(httpx.AsyncBaseTransport):
    """An httpx transport that sends only to public addresses of the browsers' push services."""

    def __init__(
        self,
        *,
        allow_http_loopback: bool,
        inner: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver = resolve,
    ) -> None:
        self._allow_loopback = allow_http_loopback
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._resolve = resolver

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        try:
            check_endpoint(str(url), allow_http_loopback=self._allow_loopback)
        except InvalidSubscription as exc:
            raise httpx.ConnectError(
                f"refused to send to {url.host}: {exc}", request=request
            ) from None
        try:
            addresses = await self._resolve(url.host, url.port or 443)
        except OSError as exc:
            raise httpx.ConnectError(f"cannot resolve {url.host}: {exc}", request=request) from None
        for address in addresses:
            if is_internal(address) and not (self._allow_loopback and address.is_loopback):
                raise httpx.ConnectError(
                    f"refused to send to {url.host}: it resolves to {address}, "
                    "which is not a public address",
                    request=request,
                )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
