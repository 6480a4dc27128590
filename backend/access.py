"""Object-level access: which students' data a signed-in user may see.

A student sees only themselves, a parent only linked children, a teacher only students enrolled
in one of their classes. Anything else is reported as "not found", so ids reveal nothing.
"""

from __future__ import annotations

from litestar.exceptions import NotFoundException

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.classes.tables import Enrolment
from backend.families.tables import GuardianLink


async def visible_student_ids(user: Principal) -> set[int]:
    """Every student id whose data `user` may read."""
    if user.role is Role.STUDENT:
        return {user.id}
    if user.role is Role.PARENT:
        rows = await GuardianLink.select(GuardianLink.student).where(GuardianLink.parent == user.id)
        return {r["student"] for r in rows}
    rows = await Enrolment.select(Enrolment.student).where(
        Enrolment.school_class.teacher == user.id
    )
    return {r["student"] for r in rows}


async def can_see_student(user: Principal, student_id: int) -> bool:
    if user.role is Role.STUDENT:
        return student_id == user.id
    if user.role is Role.PARENT:
        return await GuardianLink.exists().where(
            (GuardianLink.parent == user.id) & (GuardianLink.student == student_id)
        )
    return await Enrolment.exists().where(
        (Enrolment.student == student_id) & (Enrolment.school_class.teacher == user.id)
    )


async def require_student_visible(user: Principal, student_id: int) -> None:
    """404 unless `user` may see `student_id`."""
    if not await can_see_student(user, student_id):
        raise NotFoundException(detail=f"No student {student_id} that you can see.")
