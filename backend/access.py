"""Object-level access: which students' data a signed-in user may see.

A student sees only themselves, a parent only children whose link is confirmed, a teacher only
students enrolled in one of their classes of their own school. An administrator manages the
school's people and links but reads no student's records. Anything else is reported as "not
found", so ids reveal nothing.
"""

from __future__ import annotations

from typing import Any

from litestar.exceptions import NotFoundException

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.classes.tables import Enrolment
from backend.families.tables import GuardianLink


def confirmed_links_of_parent(parent_id: int) -> Any:
    """The condition "a confirmed link of this parent": a pending link shows nothing."""
    return (GuardianLink.parent == parent_id) & GuardianLink.confirmed_at.is_not_null()


def _taught_by(user: Principal) -> Any:
    return (Enrolment.school_class.teacher == user.id) & (
        Enrolment.school_class.school == user.school_id
    )


async def visible_student_ids(user: Principal) -> set[int]:
    """Every student id whose data `user` may read."""
    if user.role is Role.STUDENT:
        return {user.id}
    if user.role is Role.PARENT:
        rows = await GuardianLink.select(GuardianLink.student).where(
            confirmed_links_of_parent(user.id)
        )
        return {r["student"] for r in rows}
    if user.role is Role.TEACHER and user.school_id is not None:
        rows = await Enrolment.select(Enrolment.student).where(_taught_by(user))
        return {r["student"] for r in rows}
    return set()


async def can_see_student(user: Principal, student_id: int) -> bool:
    if user.role is Role.STUDENT:
        return student_id == user.id
    if user.role is Role.PARENT:
        return await GuardianLink.exists().where(
            confirmed_links_of_parent(user.id) & (GuardianLink.student == student_id)
        )
    if user.role is Role.TEACHER and user.school_id is not None:
        return await Enrolment.exists().where((Enrolment.student == student_id) & _taught_by(user))
    return False


async def require_student_visible(user: Principal, student_id: int) -> None:
    """404 unless `user` may see `student_id`."""
    if not await can_see_student(user, student_id):
        raise NotFoundException(detail=f"No student {student_id} that you can see.")
