"""Loading approval policies from the classes a student is enrolled in."""

from __future__ import annotations

from typing import Any

from backend.classes.tables import Enrolment, SchoolClass
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
