"""Loading the classes a student is enrolled in, each with its approval policy, and publishing
them to the student's devices as the ``policy`` record of their space."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.mastery.tables import Objective
from backend.syncing.store import SqlSyncStore
from sync.approvals import publish_classes
from sync.kinds import ClassTerms, ObjectiveTerms
from sync.policy import ApprovalPolicy, policies_of


def policy_of(row: dict[str, Any]) -> ApprovalPolicy:
    return ApprovalPolicy(
        approve_new_goals=bool(row["approve_new_goals"]),
        approve_target_decrease=bool(row["approve_target_decrease"]),
        approve_abandon=bool(row["approve_abandon"]),
        deadline_shift_free_days=int(row["deadline_shift_free_days"]),
    )


POLICY_COLUMNS = (
    SchoolClass.approve_new_goals,
    SchoolClass.approve_target_decrease,
    SchoolClass.approve_abandon,
    SchoolClass.deadline_shift_free_days,
)


async def _objectives(class_ids: list[int]) -> dict[int, list[ObjectiveTerms]]:
    if not class_ids:
        return {}
    rows = (
        await Objective.select(
            Objective.id, Objective.school_class, Objective.code, Objective.title
        )
        .where(Objective.school_class.is_in(class_ids))
        .order_by(Objective.position)
        .order_by(Objective.id)
    )
    found: dict[int, list[ObjectiveTerms]] = {}
    for r in rows:
        found.setdefault(r["school_class"], []).append(
            ObjectiveTerms(id=r["id"], code=r["code"], title=r["title"])
        )
    return found


async def student_classes(student_id: int) -> dict[int, ClassTerms]:
    """The classes a student is in, by id, each with its name, teacher, policy and learning
    objectives."""
    rows = await Enrolment.select(
        Enrolment.school_class.as_alias("class_id"),
        Enrolment.school_class.name.as_alias("name"),
        Enrolment.school_class._.teacher._.display_name.as_alias("teacher_name"),
        *(
            getattr(Enrolment.school_class, c._meta.name).as_alias(c._meta.name)
            for c in POLICY_COLUMNS
        ),
    ).where(Enrolment.student == student_id)
    objectives = await _objectives([r["class_id"] for r in rows])
    return {
        r["class_id"]: ClassTerms(
            name=r["name"][:80],
            teacher_name=(r["teacher_name"] or "")[:80],
            policy=policy_of(r),
            objectives=objectives.get(r["class_id"], []),
        )
        for r in rows
    }


async def student_policies(student_id: int) -> dict[int, ApprovalPolicy]:
    """The policy of each class a student is in: each governs that class's goals."""
    return policies_of(await student_classes(student_id))


async def publish_student_policies(
    store: SqlSyncStore, student_ids: Collection[int], now_ms: int
) -> frozenset[int]:
    """Rewrite each student's ``policy`` record to the classes and policies their pushes get
    now.

    Run it inside the write transaction that changed a class's policy or a student's classes,
    after the change: it locks the students' spaces before reading their classes, so of two
    concurrent changes for one student the later one reads the earlier one's result. Returns
    the spaces whose record changed (to poke their devices).
    """
    students = sorted(set(student_ids))
    if not students:
        return frozenset()
    await store.lock_spaces(students)
    written = [
        student
        for student in students
        if await publish_classes(store, student, await student_classes(student), now_ms) is not None
    ]
    return frozenset(written)


async def enrol(student_id: int, class_id: int) -> frozenset[int]:
    """Enrol a student in a class and publish their classes, with the policies that now govern
    their goals.

    Inside the caller's write transaction. On PostgreSQL the class row is share-locked first:
    a concurrent change of the class's policy then either commits before this reads it, or
    waits and sees this enrolment. Returns the spaces to poke.
    """
    if isinstance(SchoolClass._meta.db, PostgresEngine):
        await (
            SchoolClass.select(SchoolClass.id).where(SchoolClass.id == class_id).lock_rows("SHARE")
        )
    await Enrolment.insert(
        Enrolment(school_class=class_id, student=student_id, created_at=utcnow())
    )
    now_ms = int(utcnow().timestamp() * 1000)
    return await publish_student_policies(SqlSyncStore(SchoolClass._meta.db), [student_id], now_ms)


async def unenrol(student_id: int, class_id: int) -> frozenset[int]:
    """Take a student out of a class and publish the classes that remain theirs.

    Inside the caller's write transaction. The class's goals stay the student's, now personal
    (their class is no longer theirs), and the class's teacher stops seeing them: on the
    teacher's next pull the student's space is served in its new scope. Returns the spaces
    to poke.
    """
    await Enrolment.delete().where(
        (Enrolment.school_class == class_id) & (Enrolment.student == student_id)
    )
    now_ms = int(utcnow().timestamp() * 1000)
    return await publish_student_policies(SqlSyncStore(SchoolClass._meta.db), [student_id], now_ms)
