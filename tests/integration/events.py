"""Reading GET /api/sync/events the way a device does, with a bounded wait for each event."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from tests.integration.client import Api
from tests.integration.people import Person
from tests.integration.sessions import sign_in
from tests.integration.syncing import goal_args, new_client_id, push

# An event the server owes us arrives well within this; a slow machine only makes it wait longer.
EXPECTED_WITHIN_S = 15.0


class Events:
    """The events of one open stream, one `event:` block at a time."""

    def __init__(self, lines: AsyncIterator[str], client_port: int) -> None:
        self._lines = lines
        # This end's TCP port: it tells which server process holds the stream.
        self.client_port = client_port

    async def _next(self) -> tuple[str, str]:
        event, data = "message", ""
        async for line in self._lines:
            if not line:
                if data:
                    return event, data
                continue
            name, _, value = line.partition(":")
            if name == "event":
                event = value.strip()
            elif name == "data":
                data = value.strip()
            # Lines starting with ":" are keep-alive comments.
        raise AssertionError("the event stream ended")

    async def next(self, within: float = EXPECTED_WITHIN_S) -> tuple[str, str]:
        """The next event as (name, data); TimeoutError if none arrives `within` seconds."""
        return await asyncio.wait_for(self._next(), within)

    async def _keep_alives(self, count: int) -> None:
        seen = 0
        async for line in self._lines:
            if line.startswith(":"):
                seen += 1
                if seen == count:
                    return
            # Litestar sends an empty `data:` with each comment; anything else is an event.
            elif line and line.replace(" ", "") != "data:":
                raise AssertionError(f"{line!r} on a stream that should be idle")
        raise AssertionError("the event stream ended")

    async def keep_alives(self, count: int, within: float = EXPECTED_WITHIN_S) -> None:
        """Wait for `count` keep-alive comments, and nothing else, on an idle stream."""
        await asyncio.wait_for(self._keep_alives(count), within)


@asynccontextmanager
async def event_stream(base_url: str, api: Api) -> AsyncIterator[Events]:
    """Open /api/sync/events with `api`'s session and wait for its `ready` event."""
    async with (
        httpx.AsyncClient(base_url=base_url, cookies=api.http.cookies, timeout=60) as client,
        client.stream("GET", "/api/sync/events") as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        _, client_port = response.extensions["network_stream"].get_extra_info("client_addr")
        events = Events(response.aiter_lines(), int(client_port))
        # Subscribed before `ready` is sent: from here on no poke can be missed.
        assert await events.next() == ("ready", "pull")
        yield events


def push_from_another_device(base_url: str, student: Person) -> None:
    """A push from another device of `student`, signed in on its own, that creates a goal."""
    other_device = sign_in(base_url, student)
    try:
        response = push(
            other_device, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4())))
        )
        assert response.status_code == 200, response.text
    finally:
        other_device.close()
