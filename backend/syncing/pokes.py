"""Pokes: after a commit, tell the affected users' open apps to pull.

A poke carries no data, only "pull now": what the user may see is decided by the pull itself.
One process uses Litestar's in-memory channels backend; several workers share Redis.
"""

from __future__ import annotations

from collections.abc import Iterable

from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from redis.asyncio import Redis

from backend.classes.tables import Enrolment
from backend.families.tables import GuardianLink
from backend.mentoring.tables import Mentorship


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def make_channels(redis_url: str | None) -> ChannelsPlugin:
    backend: ChannelsBackend
    if redis_url:
        backend = RedisChannelsPubSubBackend(
            redis=Redis.from_url(redis_url), key_prefix="waypoint-channels"
        )
    else:
        backend = MemoryChannelsBackend()
    return ChannelsPlugin(backend=backend, arbitrary_channels_allowed=True)


async def viewers_of(spaces: Iterable[int]) -> set[int]:
    """Everyone who sees these students' spaces: the students, confirmed parents, teachers,
    mentors."""
    students = sorted(set(spaces))
    if not students:
        return set()
    parents = await GuardianLink.select(GuardianLink.parent).where(
        GuardianLink.student.is_in(students) & GuardianLink.confirmed_at.is_not_null()
    )
    teachers = await Enrolment.select(Enrolment.school_class.teacher.as_alias("teacher")).where(
        Enrolment.student.is_in(students)
    )
    mentors = await Mentorship.select(Mentorship.mentor).where(Mentorship.student.is_in(students))
    return {
        *students,
        *(r["parent"] for r in parents),
        *(r["teacher"] for r in teachers),
        *(r["mentor"] for r in mentors),
    }


async def poke(channels: ChannelsPlugin, spaces: Iterable[int]) -> None:
    """Send "pull now" to every viewer of `spaces`."""
    users = await viewers_of(spaces)
    if users:
        await channels.wait_published(b"poke", [user_channel(u) for u in sorted(users)])
