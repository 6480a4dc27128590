"""Object-level access: which students' data a signed-in user may see, and which part of it.

A student sees only themselves, a parent only children whose link is confirmed. A teacher sees
the students enrolled in one of their classes of their own school, through those classes: the
goals of those classes, and of the rest only the load (``sync.privacy.subject_teacher_view``).
A mentor (a teacher of the school assigned to the student) sees the whole student across
subjects, through the privacy filter. An administrator manages the school's people and links
but reads no student's records. Anything else is reported as "not found", so ids reveal
nothing.
"""

from __future__ import annotations

from typing import Any

from litestar.exceptions import NotFoundException

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.classes.tables import Enrolment
from backend.families.tables import GuardianLink
from backend.mentoring.tables import Mentorship


def confirmed_links_of_parent(parent_id: int) -> Any:
    """The condition "a confirmed link of this parent": a pending link shows nothing."""
    return (GuardianLink.parent == parent_id) & GuardianLink.confirmed_at.is_not_null()


def _taught_by(user: Principal) -> Any:
    return (Enrolment.school_class.teacher == user.id) & (
        Enrolment.school_class.school == user.school_id
    )


def _mentored_by(user: Principal) -> Any:
    return (Mentorship.mentor == user.id) & (Mentorship.student.school == user.school_id)


async def teaching(user: Principal) -> dict[int, frozenset[int]]:
    """For a teacher: each student they teach, with the classes of theirs the student is in."""
    if user.role is not Role.TEACHER or user.school_id is None:
        return {}
    rows = await Enrolment.select(Enrolment.student, Enrolment.school_class).where(
        _taught_by(user) & (Enrolment.student != user.id)
    )
    found: dict[int, set[int]] = {}
    for r in rows:
        found.setdefault(r["student"], set()).add(r["school_class"])
    return {student: frozenset(classes) for student, classes in found.items()}


async def mentees(user: Principal) -> set[int]:
    """For a teacher: the students they mentor."""
    if user.role is not Role.TEACHER or user.school_id is None:
        return set()
    rows = await Mentorship.select(Mentorship.student).where(
        _mentored_by(user) & (Mentorship.student != user.id)
    )
    return {r["student"] for r in rows}


async def visible_student_ids(user: Principal) -> set[int]:
    """Every student id whose data `user` may read (in part, for a subject teacher)."""
    if user.role is Role.STUDENT:
        return {user.id}
    if user.role is Role.PARENT:
        rows = await GuardianLink.select(GuardianLink.student).where(
            confirmed_links_of_parent(user.id)
        )
        return {r["student"] for r in rows}
    if user.role is Role.TEACHER:
        return set(await teaching(user)) | await mentees(user)
    return set()


async def is_mentor_of(user: Principal, student_id: int) -> bool:
    if user.role is not Role.TEACHER or user.school_id is None:
        return False
    return await Mentorship.exists().where(_mentored_by(user) & (Mentorship.student == student_id))


async def can_see_student(user: Principal, student_id: int) -> bool:
    if user.role is Role.STUDENT:
        return student_id == user.id
    if user.role is Role.PARENT:
        return await GuardianLink.exists().where(
            confirmed_links_of_parent(user.id) & (GuardianLink.student == student_id)
        )
    if user.role is Role.TEACHER and user.school_id is not None:
        if await Enrolment.exists().where((Enrolment.student == student_id) & _taught_by(user)):
            return True
        return await is_mentor_of(user, student_id)
    return False


async def require_student_visible(user: Principal, student_id: int) -> None:
    """404 unless `user` may see `student_id`."""
    if not await can_see_student(user, student_id):
        raise NotFoundException(detail=f"No student {student_id} that you can see.")


async def require_mentor_of(user: Principal, student_id: int) -> None:
    """404 unless `user` mentors `student_id`."""
    if not await is_mentor_of(user, student_id):
        raise NotFoundException(detail=f"No student {student_id} whom you mentor.")
