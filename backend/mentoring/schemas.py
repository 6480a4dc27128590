"""What mentors, students and administrators send and receive about mentoring."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from msgspec import Meta

from backend.learner.state import GoalState, ProfileState, SubjectMastery, WeekSummary
from sync.kinds import CheckInFields, NudgeFields


class MentorAssignment(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Who will mentor the student: a teacher account of the student's school."""

    mentor_id: Annotated[int, Meta(ge=1, le=2**31 - 1)]


class Mentor(msgspec.Struct, kw_only=True):
    student_id: int
    student_name: str
    mentor_id: int
    mentor_name: str
    since: dt.datetime


class NoteBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A check-in note: what was talked about, and the next steps agreed."""

    body: Annotated[str, Meta(min_length=1, max_length=1000)]
    next_steps: Annotated[str, Meta(max_length=500)] = ""


class ObservationBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the mentor has observed: a strength, a need, something to build on."""

    text: Annotated[str, Meta(min_length=1, max_length=1000)]


class NoteSharing(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    shared_with_parents: bool


class Note(msgspec.Struct, kw_only=True):
    id: int
    student_id: int
    author_name: str
    body: str
    next_steps: str
    shared_with_parents: bool
    created_at: dt.datetime


class SubjectWeek(msgspec.Struct, kw_only=True):
    """One class (or the personal goals) in the student's week, as the mentor sees it."""

    class_id: int | None
    class_name: str
    """The class's name; "Personal goals" for goals outside every class."""
    teacher_name: str
    active_goals: int
    hours_per_week: float
    """What the class's active goals ask of a week to finish on time."""
    study_minutes_this_week: int


class MenteeSummary(msgspec.Struct, kw_only=True):
    """One mentee in the mentor's list: enough to see who needs a conversation."""

    student_id: int
    display_name: str
    active_goals: int
    behind_goals: int
    persistently_behind: bool
    overloaded: bool
    required_hours_per_week: float
    available_hours_per_week: float
    study_minutes_this_week: int
    free_minutes_this_week: int
    last_active_on: dt.date | None


class MenteeView(msgspec.Struct, kw_only=True):
    """The whole student across subjects, read from their learner state."""

    summary: MenteeSummary
    week_start: dt.date
    goals: list[GoalState]
    class_names: dict[str, str]
    """The name of each class a goal is in, by class id."""
    subjects: list[SubjectWeek]
    nudges: list[NudgeFields]
    """Nudges sent in the last weeks, newest first."""
    notes: list[Note]
    check_ins: list[CheckInFields] = msgspec.field(default_factory=list)
    """The weekly check-ins of the last weeks, newest first, beside the load."""
    profile: ProfileState = msgspec.field(default_factory=ProfileState)
    recent_weeks: list[WeekSummary] = msgspec.field(default_factory=list)
    """The last six weeks' study, free time and check-in, side by side, oldest first."""
    mastery: list[SubjectMastery] = msgspec.field(default_factory=list)
    """Each class's learning objectives: mastered and remaining."""
