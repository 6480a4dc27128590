"""Students against the database: their profiles, and everyone who can see their data."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from backend.accounts.tables import User
from backend.classes.tables import Enrolment
from backend.families.links import links_where
from backend.families.tables import GuardianLink
from backend.mentoring.service import mentor_of
from backend.students.schemas import (
    MENTOR_SEES,
    PARENT_SEES,
    PENDING_SEES,
    TEACHER_SEES,
    StudentProfile,
    Viewer,
)


def _profile(row: dict[str, Any]) -> StudentProfile:
    return StudentProfile(
        id=row["id"],
        display_name=row["display_name"],
        login=row["login"],
        time_zone=row["time_zone"],
    )


_COLUMNS = (User.id, User.display_name, User.login, User.time_zone)


async def profiles(student_ids: Collection[int]) -> list[StudentProfile]:
    """The students' profiles, by id."""
    if not student_ids:
        return []
    rows = await User.select(*_COLUMNS).where(User.id.is_in(sorted(student_ids))).order_by(User.id)
    return [_profile(r) for r in rows]


async def profile(student_id: int) -> StudentProfile:
    """One student's profile; the caller has checked that the student exists and is visible."""
    rows = await User.select(*_COLUMNS).where(User.id == student_id)
    return _profile(rows[0])


async def _parents(student_id: int) -> list[Viewer]:
    found = []
    for row in await links_where(GuardianLink.student == student_id):
        pending = row["confirmed_at"] is None
        found.append(
            Viewer(
                kind="parent",
                user_id=row["parent"],
                name=row["parent_name"],
                since=row["confirmed_at"],
                status="pending" if pending else "confirmed",
                sees=PENDING_SEES if pending else PARENT_SEES,
                link_id=row["id"],
                invited_by_name=row["invited_by_name"] or "",
                consent=row["consent"],
                requested_at=row["created_at"],
            )
        )
    return found


async def _teachers(student_id: int) -> list[Viewer]:
    enrolments = (
        await Enrolment.select(
            Enrolment.created_at,
            Enrolment.school_class.name.as_alias("class_name"),
            Enrolment.school_class.teacher.as_alias("teacher"),
            Enrolment.school_class._.teacher._.display_name.as_alias("teacher_name"),
        )
        .where(Enrolment.student == student_id)
        .order_by(Enrolment.id)
    )
    return [
        Viewer(
            kind="teacher",
            user_id=row["teacher"],
            name=row["teacher_name"],
            since=row["created_at"],
            status="confirmed",
            sees=TEACHER_SEES,
            class_name=row["class_name"],
        )
        for row in enrolments
    ]


async def viewers_of(student_id: int) -> list[Viewer]:
    """Every parent, teacher and mentor who can see the student's data; pending links first."""
    found = await _parents(student_id)
    found.extend(await _teachers(student_id))
    mentor = await mentor_of(student_id)
    if mentor is not None:
        found.append(
            Viewer(
                kind="mentor",
                user_id=mentor.mentor_id,
                name=mentor.mentor_name,
                since=mentor.since,
                status="confirmed",
                sees=MENTOR_SEES,
            )
        )
    found.sort(key=lambda v: v.status != "pending")
    return found
