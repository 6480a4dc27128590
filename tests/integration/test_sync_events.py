"""GET /api/sync/events: a push pokes the open streams of everyone who sees the student, and
nobody else.

Each stream is read with a bounded wait: an expected event must arrive within it, and for the
stream that must stay quiet the wait runs out. The push answers only after its pokes are
published, and the quiet stream is checked after the poked ones received theirs, so a poke to
the wrong user would already be waiting there.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from tests.integration.client import Api
from tests.integration.people import Person, classroom, parent_of, register, student_in
from tests.integration.sessions import sign_in
from tests.integration.syncing import goal_args, new_client_id, push

# An event the server owes us arrives well within this; a slow machine only makes it wait longer.
EXPECTED_WITHIN_S = 15.0
# How long a stream that must stay quiet is watched after the others were poked.
QUIET_FOR_S = 1.0


class Events:
    """The events of one open stream, one `event:` block at a time."""

    def __init__(self, lines: AsyncIterator[str]) -> None:
        self._lines = lines

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


@asynccontextmanager
async def event_stream(base_url: str, api: Api) -> AsyncIterator[Events]:
    """Open /api/sync/events with `api`'s session and wait for its `ready` event."""
    async with (
        httpx.AsyncClient(base_url=base_url, cookies=api.http.cookies, timeout=60) as client,
        client.stream("GET", "/api/sync/events") as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = Events(response.aiter_lines())
        # Subscribed before `ready` is sent: from here on no poke can be missed.
        assert await events.next() == ("ready", "pull")
        yield events


def _push_a_goal(base_url: str, student: Person) -> None:
    """A push from another device of `student`, signed in on its own."""
    other_device = sign_in(base_url, student)
    try:
        response = push(
            other_device, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4())))
        )
        assert response.status_code == 200, response.text
    finally:
        other_device.close()


@pytest.fixture
def family(base_url: str) -> tuple[Person, Person, Person]:
    """A student in a class, their linked parent, and the class teacher."""
    room = classroom(base_url)
    student = student_in(base_url, room)
    parent, _ = parent_of(base_url, student)
    return student, parent, room.teacher


async def test_a_stream_opens_with_ready(base_url: str) -> None:
    parent = register(base_url, "parent")
    async with event_stream(base_url, parent.api):
        pass


async def test_a_push_from_another_device_pokes_the_student(
    base_url: str, family: tuple[Person, Person, Person]
) -> None:
    student, _, _ = family
    async with event_stream(base_url, student.api) as events:
        _push_a_goal(base_url, student)
        assert await events.next() == ("poke", "pull")


async def test_a_push_pokes_the_linked_parent(
    base_url: str, family: tuple[Person, Person, Person]
) -> None:
    student, parent, _ = family
    async with event_stream(base_url, parent.api) as events:
        _push_a_goal(base_url, student)
        assert await events.next() == ("poke", "pull")


async def test_a_push_pokes_the_class_teacher(
    base_url: str, family: tuple[Person, Person, Person]
) -> None:
    student, _, teacher = family
    async with event_stream(base_url, teacher.api) as events:
        _push_a_goal(base_url, student)
        assert await events.next() == ("poke", "pull")


async def test_unrelated_users_are_not_poked(
    base_url: str, family: tuple[Person, Person, Person]
) -> None:
    student, parent, _ = family
    stranger = student_in(base_url, classroom(base_url))
    strangers_parent, _ = parent_of(base_url, stranger)
    async with (
        event_stream(base_url, student.api) as students_events,
        event_stream(base_url, parent.api) as parents_events,
        event_stream(base_url, stranger.api) as strangers_events,
        event_stream(base_url, strangers_parent.api) as strangers_parents_events,
    ):
        _push_a_goal(base_url, student)
        assert await students_events.next() == ("poke", "pull")
        assert await parents_events.next() == ("poke", "pull")
        for quiet in (strangers_events, strangers_parents_events):
            with pytest.raises(TimeoutError):
                await quiet.next(within=QUIET_FOR_S)


async def test_a_stream_outlives_idle_keep_alives(
    base_url: str, family: tuple[Person, Person, Person]
) -> None:
    student, _, _ = family
    async with event_stream(base_url, student.api) as events:
        # Test servers send a keep-alive every second; stay idle through several of them.
        await asyncio.sleep(3.5)
        _push_a_goal(base_url, student)
        assert await events.next() == ("poke", "pull")
