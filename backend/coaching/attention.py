"""A teacher's day: across all their classes, the students who need them first. Pure logic.

Reads what every other view reads (the approval queue and each class's overview rows, both
built from the learner state), so "behind" here is "behind" everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import msgspec

from backend.approvals.schemas import ApprovalItem
from backend.coaching.coach import StudentOverview

QUIET_DAYS: Final = 7
"""No work logged on a class's goals for this many days is worth a word from the teacher."""


class Attention(msgspec.Struct, kw_only=True):
    """One student of one class who needs the teacher, and why."""

    student_id: int
    display_name: str
    class_id: int
    class_name: str
    pending_decisions: int
    """New goals and changes of this class's goals waiting for the teacher."""
    persistently_behind: bool
    behind_goals: int
    quiet_days: int | None
    """Days since work was last logged on this class's goals, when at least ``QUIET_DAYS``;
    None otherwise (or when the student has no active goal in the class)."""
    overloaded: bool


def _quiet_days(row: StudentOverview, fallback: dt.date) -> int | None:
    if not row.goals:
        return None
    # The student's own local day, as the learner state counts it.
    today = row.today or fallback
    # Never logged on any of them: quiet since the earliest of them started.
    since = row.last_active_on or min(g.start for g in row.goals)
    days = (today - since).days
    return days if days >= QUIET_DAYS else None


def needs_attention(
    classes: Mapping[int, str],
    rows: Mapping[int, Sequence[StudentOverview]],
    queue: Iterable[ApprovalItem],
    today: dt.date,
) -> list[Attention]:
    """Students who need the teacher, most urgent first: decisions waiting, then persistently
    behind, then gone quiet. ``rows`` holds each class's overview rows."""
    pending: dict[tuple[int, int], int] = {}
    for item in queue:
        if item.class_id is not None:
            key = (item.class_id, item.student_id)
            pending[key] = pending.get(key, 0) + 1
    found: list[Attention] = []
    for class_id, overview in rows.items():
        for row in overview:
            waiting = pending.get((class_id, row.student_id), 0)
            quiet = _quiet_days(row, today)
            if not (waiting or row.persistently_behind or quiet is not None):
                continue
            found.append(
                Attention(
                    student_id=row.student_id,
                    display_name=row.display_name,
                    class_id=class_id,
                    class_name=classes.get(class_id, ""),
                    pending_decisions=waiting,
                    persistently_behind=row.persistently_behind,
                    behind_goals=len(row.behind_goal_ids),
                    quiet_days=quiet,
                    overloaded=row.overloaded,
                )
            )
    found.sort(
        key=lambda a: (
            -a.pending_decisions,
            not a.persistently_behind,
            -(a.quiet_days or 0),
            a.display_name.lower(),
            a.class_id,
        )
    )
    return found
