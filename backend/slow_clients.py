"""Deadlines for reading a request, so a slow or stalled client cannot hold a connection forever.

uvicorn closes idle keep-alive connections, but once a request has begun it waits as long as the
client likes for the rest of the headers and the body: a client trickling one header line every
few seconds ("slowloris"), or promising a body and stalling, holds a connection (and, with the
connection cap, a place) for good. This protocol gives each request a deadline for its headers,
counted from its first byte (or from the connection's start), and one for its body, counted
from the end of the headers; a request that misses one is cut off.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from backend.settings import get_settings

log = logging.getLogger("waypoint.http")


class DeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with header and body read deadlines."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self._header_seconds = settings.header_timeout_seconds
        self._body_seconds = settings.body_timeout_seconds
        self._deadline: asyncio.TimerHandle | None = None

    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire, what)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self, what: str) -> None:
        self._deadline = None
        log.info("closing a connection from %s: %s took too long", self.client, what)
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self._header_seconds, "the request headers")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm(self._header_seconds, "the request headers")

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self._body_seconds, "the request body")

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
