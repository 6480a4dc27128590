"""Per-viewer filters applied to every record a pull sends.

A filter returns the record as the viewer may see it, or None when the viewer may not see it at
all (the device is then told the record is gone, so an earlier copy does not linger).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

import msgspec

from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    CONFLICT_NOTICE,
    GOAL,
    MASTERY,
    NUDGE,
    OBSERVATION,
    POLICY,
    PROFILE,
    PROGRESS,
    TIME_ENTRY,
    Record,
)

RecordFilter = Callable[[Record], Record | None]


@runtime_checkable
class FilterSource(Protocol):
    """A filter that reads the database to decide (which class each goal is in)."""

    async def build(self) -> RecordFilter: ...


PRIVATE_TIME_VISIBLE_FIELDS = frozenset({"kind", "started_at", "minutes", "private", "running"})


def show_everything(record: Record) -> Record | None:
    """Filter for the record's owner: nothing is hidden."""
    return record


def hide_private_time_details(record: Record) -> Record | None:
    """Filter for parents and teachers: a time entry the student marked private keeps only
    when and how long (so study/free totals stay right), never category, goal or note."""
    if record.kind != TIME_ENTRY or not record.fields.get("private"):
        return record
    return _only(record, PRIVATE_TIME_VISIBLE_FIELDS)


def mentor_view(record: Record) -> Record | None:
    """Filter for a mentor: the whole space through the privacy filter, without the student's
    conflict notices (those are the student's own business)."""
    if record.kind == CONFLICT_NOTICE:
        return None
    return hide_private_time_details(record)


def parent_view(record: Record) -> Record | None:
    """Filter for a parent: as a mentor's, a check-in only when the student shares it, and
    never the learner profile (the student wrote it for their school)."""
    if record.kind == CHECK_IN and record.fields.get("shared_with_parents") is not True:
        return None
    if record.kind in (PROFILE, OBSERVATION):
        return None
    return mentor_view(record)


def _only(record: Record, names: frozenset[str]) -> Record:
    return msgspec.structs.replace(
        record,
        fields={k: v for k, v in record.fields.items() if k in names},
        clocks={k: v for k, v in record.clocks.items() if k in names},
    )


LOAD_FIELDS = frozenset({"kind", "started_at", "minutes", "running", "private", "category"})
"""What a subject teacher sees of time spent on another class's goal: enough for the load."""


def subject_teacher_view(
    teaches: Mapping[int, frozenset[int]], goal_classes: Mapping[str, int | None]
) -> RecordFilter:
    """Filter for a teacher who sees a student through some of their classes.

    ``teaches`` maps each student's space to the classes through which this teacher sees it;
    ``goal_classes`` maps each goal id of those spaces to its class (None: personal). The
    teacher gets the goals of those classes with their progress, change requests and nudges,
    and the mastery marks of those classes;
    of everything else only what makes up the student's load (time entries without their
    note or goal, planned rest, the planned weekly hours, nudges about no one goal), never
    another class's goal or a personal one. Private time is filtered as for every viewer.
    """
    return _SubjectTeacherView(teaches, goal_classes)


class _SubjectTeacherView:
    def __init__(
        self, teaches: Mapping[int, frozenset[int]], goal_classes: Mapping[str, int | None]
    ) -> None:
        self.teaches = teaches
        self.goal_classes = goal_classes

    def in_scope(self, space: int, goal_id: object) -> bool:
        if not isinstance(goal_id, str) or goal_id not in self.goal_classes:
            return False
        return self.goal_classes[goal_id] in self.teaches.get(space, frozenset())

    def time_entry(self, record: Record) -> Record | None:
        shown = hide_private_time_details(record)
        goal_id = record.fields.get("goal_id")
        if shown is None or goal_id is None or self.in_scope(record.space, goal_id):
            return shown
        return _only(shown, LOAD_FIELDS)

    def seen(self, record: Record) -> bool:
        kind, space = record.kind, record.space
        if kind == GOAL:
            return self.in_scope(space, record.id)
        if kind == MASTERY:
            # A mark is its class's business: another class's teacher does not see it.
            return record.fields.get("class_id") in self.teaches.get(space, frozenset())
        if kind in (PROGRESS, CHANGE_REQUEST):
            return self.in_scope(space, record.fields.get("goal_id"))
        if kind == NUDGE:
            goal_id = record.fields.get("goal_id")
            return goal_id is None or self.in_scope(space, goal_id)
        return True

    def __call__(self, record: Record) -> Record | None:
        if record.kind in (CONFLICT_NOTICE, POLICY, CHECK_IN):
            # The student's own business, the list of their other classes, their well-being.
            return None
        if record.kind == TIME_ENTRY:
            return self.time_entry(record)
        return record if self.seen(record) else None


def scope_tag(classes: frozenset[int]) -> str:
    """The scope of a space seen through ``classes``, as the pull cursor keeps it."""
    return "classes:" + ",".join(str(c) for c in sorted(classes))
