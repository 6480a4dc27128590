"""Wire shapes of the teacher's approval queue and decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from sync.approvals import DecisionOutcome, ItemType


class ApprovalItem(msgspec.Struct, kw_only=True):
    """One thing waiting for the teacher: a new goal or a change to an approved goal."""

    type: ItemType
    id: str
    student_id: int
    student_name: str
    goal_id: str
    goal_title: str
    goal_version: int
    requested_at: datetime
    age_hours: float
    # For a new goal: the goal as it stands. For a change: the goal's values now vs proposed.
    current: dict[str, Any]
    proposed: dict[str, Any]
    reason: str
    # The goal changed after the request was made: its "current" is not what the student saw.
    changed_since_request: bool
    # The class the goal belongs to, whose policy held the change.
    class_id: int | None = None
    class_name: str = ""
    # "mentor": a personal goal's change the student sent their mentor for advice.
    reviewer: Literal["teacher", "mentor"] = "teacher"


class DecisionItem(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    type: ItemType
    id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    decision: Literal["approve", "return"]
    goal_version: Annotated[int, msgspec.Meta(ge=0)]
    comment: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class DecisionBatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    decisions: Annotated[list[DecisionItem], msgspec.Meta(min_length=1, max_length=200)]


class DecisionReport(msgspec.Struct, kw_only=True):
    type: ItemType
    id: str
    outcome: DecisionOutcome
    message: str
    goal_version: int | None = None


class PolicyBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    approve_new_goals: bool
    approve_target_decrease: bool
    approve_abandon: bool
    deadline_shift_free_days: Annotated[int, msgspec.Meta(ge=0, le=365)]
