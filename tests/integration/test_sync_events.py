"""GET /api/sync/events: a push pokes the open streams of everyone who sees the student, and
nobody else.

Each stream is read with a bounded wait: an expected event must arrive within it, and for the
stream that must stay quiet the wait runs out. The push answers only after its pokes are
published, and the quiet stream is checked after the poked ones received theirs, so a poke to
the wrong user would already be waiting there.
"""

from __future__ import annotations

import pytest

from tests.integration.events import event_stream, push_from_another_device
from tests.integration.people import Person, classroom, parent_of, register, student_in

# How long a stream that must stay quiet is watched after the others were poked.
QUIET_FOR_S = 1.0


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


@pytest.mark.parametrize("listener", ["student", "parent", "teacher"])
async def test_a_push_from_another_device_pokes_the_student_their_parent_and_teacher(
    base_url: str, family: tuple[Person, Person, Person], listener: str
) -> None:
    student, parent, teacher = family
    who = {"student": student, "parent": parent, "teacher": teacher}[listener]
    async with event_stream(base_url, who.api) as events:
        push_from_another_device(base_url, student)
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
        push_from_another_device(base_url, student)
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
        await events.keep_alives(3)
        push_from_another_device(base_url, student)
        assert await events.next() == ("poke", "pull")
