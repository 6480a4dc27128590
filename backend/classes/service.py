"""Classes against the database: a teacher's classes, their rosters and join codes, and a
student joining or leaving one."""

from __future__ import annotations

from typing import Any

from backend.accounts.principal import Principal
from backend.approvals.policies import enrol, unenrol
from backend.classes.codes import new_join_code
from backend.classes.schemas import ClassSummary, RosterEntry
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction


class ClassNotFound(LookupError):
    """No such class for this user, or no such student in it; the message says which."""


class AlreadyEnrolled(ValueError):
    """The student is already in the class they try to join."""


def _summary(row: dict[str, Any], *, with_code: bool) -> ClassSummary:
    return ClassSummary(
        id=row["id"],
        name=row["name"],
        teacher_id=row["teacher"],
        teacher_name=row["teacher_name"],
        join_code=row["join_code"] if with_code else None,
        homeroom=bool(row["homeroom"]),
    )


_COLUMNS = (
    SchoolClass.id,
    SchoolClass.name,
    SchoolClass.teacher,
    SchoolClass.join_code,
    SchoolClass.homeroom,
    SchoolClass.teacher.display_name.as_alias("teacher_name"),
)


async def _owned_row(user: Principal, class_id: int) -> dict[str, Any]:
    rows = await SchoolClass.select(*_COLUMNS).where(
        (SchoolClass.id == class_id)
        & (SchoolClass.teacher == user.id)
        & (SchoolClass.school == user.school_id)
    )
    if not rows:
        raise ClassNotFound(f"No class {class_id} of yours.")
    return rows[0]


async def owned_class(teacher: Principal, class_id: int) -> ClassSummary:
    """One of the teacher's classes in their school, with its join code."""
    return _summary(await _owned_row(teacher, class_id), with_code=True)


async def _summary_of(class_id: int) -> ClassSummary:
    rows = await SchoolClass.select(*_COLUMNS).where(SchoolClass.id == class_id)
    return _summary(rows[0], with_code=False)


async def create_class(teacher: Principal, school_id: int, name: str) -> ClassSummary:
    """A class of the teacher's school with a fresh join code."""
    cls = SchoolClass(
        teacher=teacher.id,
        school=school_id,
        name=name.strip(),
        join_code=new_join_code(),
        created_at=utcnow(),
    )
    await cls.save()
    return await owned_class(teacher, cls.id)


async def classes_taught(teacher_id: int) -> list[ClassSummary]:
    """A teacher's own classes, with their join codes."""
    rows = await SchoolClass.select(*_COLUMNS).where(SchoolClass.teacher == teacher_id)
    return [_summary(r, with_code=True) for r in rows]


async def classes_joined(student_id: int) -> list[ClassSummary]:
    """The classes a student is enrolled in, without their join codes."""
    ids = await Enrolment.select(Enrolment.school_class).where(Enrolment.student == student_id)
    if not ids:
        return []
    rows = await SchoolClass.select(*_COLUMNS).where(
        SchoolClass.id.is_in([r["school_class"] for r in ids])
    )
    return [_summary(r, with_code=False) for r in rows]


async def _enrolled(student_id: int, class_id: int) -> bool:
    return bool(
        await Enrolment.exists().where(
            (Enrolment.school_class == class_id) & (Enrolment.student == student_id)
        )
    )


async def joined_class(student_id: int, class_id: int) -> ClassSummary | None:
    """The class if the student is enrolled in it, else None."""
    if not await _enrolled(student_id, class_id):
        return None
    return await _summary_of(class_id)


async def roster(teacher: Principal, class_id: int) -> list[RosterEntry]:
    """The students enrolled in one of the teacher's classes."""
    await _owned_row(teacher, class_id)
    rows = (
        await Enrolment.select(
            Enrolment.student,
            Enrolment.created_at,
            Enrolment.student.display_name.as_alias("display_name"),
            Enrolment.student.login.as_alias("login"),
        )
        .where(Enrolment.school_class == class_id)
        .order_by(Enrolment.id)
    )
    return [
        RosterEntry(
            student_id=r["student"],
            display_name=r["display_name"],
            login=r["login"],
            joined_at=r["created_at"],
        )
        for r in rows
    ]


async def remove_student(teacher: Principal, class_id: int, student_id: int) -> frozenset[int]:
    """Take a student out of the teacher's class; returns the spaces to poke."""
    await _owned_row(teacher, class_id)
    async with write_transaction(Enrolment._meta.db):
        if not await _enrolled(student_id, class_id):
            raise ClassNotFound(f"No student {student_id} in class {class_id}.")
        return await unenrol(student_id, class_id)


async def rotate_join_code(teacher: Principal, class_id: int) -> None:
    """Replace the join code of the teacher's class; the old one stops working at once."""
    await _owned_row(teacher, class_id)
    await SchoolClass.update({SchoolClass.join_code: new_join_code()}).where(
        SchoolClass.id == class_id
    )


async def join(student: Principal, class_id: int) -> tuple[frozenset[int], ClassSummary]:
    """Enrol the student in a class of their school; returns the spaces to poke and the class."""
    school = await SchoolClass.select(SchoolClass.school).where(SchoolClass.id == class_id)
    if school[0]["school"] != student.school_id:
        # Said as "no such code": a code of another school reveals nothing about it.
        raise ClassNotFound(
            "That join code does not match any class of your school. "
            "Ask your teacher for the current code."
        )
    async with write_transaction(Enrolment._meta.db):
        if await _enrolled(student.id, class_id):
            raise AlreadyEnrolled("You are already in this class.")
        touched = await enrol(student.id, class_id)
    return touched, await _summary_of(class_id)


async def school_of_class(class_id: int) -> int | None:
    """The school a class belongs to."""
    rows = await SchoolClass.select(SchoolClass.school).where(SchoolClass.id == class_id)
    return rows[0]["school"] if rows else None
