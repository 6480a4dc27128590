"""Loading approval policies from the classes a student is enrolled in, and publishing each
student's policy to their devices as the ``policy`` record of their space."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.syncing.store import SqlSyncStore
from sync.approvals import publish_policy
from sync.policy import ApprovalPolicy, strictest


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


async def student_policy(student_id: int) -> ApprovalPolicy:
    """The policy that governs a student's goals: the strictest of their classes'."""
    class_ids = await Enrolment.select(Enrolment.school_class).where(
        Enrolment.student == student_id
    )
    if not class_ids:
        return ApprovalPolicy()
    rows = await SchoolClass.select(*POLICY_COLUMNS).where(
        SchoolClass.id.is_in([r["school_class"] for r in class_ids])
    )
    return strictest(policy_of(r) for r in rows)


async def publish_student_policies(
    store: SqlSyncStore, student_ids: Collection[int], now_ms: int
) -> frozenset[int]:
    """Rewrite each student's ``policy`` record to the policy their pushes get now.

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
        if await publish_policy(store, student, await student_policy(student), now_ms) is not None
    ]
    return frozenset(written)


async def enrol(student_id: int, class_id: int) -> frozenset[int]:
    """Enrol a student in a class and publish the policy that now governs their goals.

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
