"""One typed definition per record kind: what a record's fields hold, with their bounds.

A ``Record`` keeps its fields as a JSON object so the merge can work field by field; every
reader instead decodes it once, here, into the kind's Struct. A record that does not decode (a
value stored before a bound existed, a field a device corrupted) reads as None: the caller skips
that one record, never the student and never the job. The mutation arguments
(``sync.mutations``) are built from the same field types, and the OpenAPI document publishes
these Structs as ``RecordFields``, from which the PWA's types are generated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any, Final, Literal, TypeVar

import msgspec
from msgspec import Meta

from sync.bounds import MAX_GOAL_DAYS, MAX_REST_DAYS, OutOfBounds, check_day, check_instant
from sync.hlc import HLC_PATTERN
from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    CONFLICT_NOTICE,
    GOAL,
    MASTERY,
    NUDGE,
    OBSERVATION,
    POLICY,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
    TRACK,
    Record,
)

RecordId = Annotated[
    str,
    Meta(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="Client-generated UUID, lowercase canonical form.",
    ),
]
Clock = Annotated[str, Meta(pattern=HLC_PATTERN, max_length=96)]
Title = Annotated[str, Meta(min_length=1, max_length=200)]
Note = Annotated[str, Meta(max_length=2000)]
Unit = Literal["lessons", "chapters", "problems", "pages", "hours", "objectives", "custom"]
"""``objectives``: the goal counts the learning objectives it targets that the teacher marked
mastered; nobody logs progress on it. ``custom``: the student names the unit (``unit_label``)."""
UnitLabel = Annotated[
    str,
    Meta(
        max_length=30,
        description="The unit's name for a custom unit, as it reads after a number: drawings.",
    ),
]
Subject = Annotated[str, Meta(max_length=80)]
ClassId = Annotated[
    int,
    Meta(
        ge=1,
        le=2**53 - 1,
        description="One of the student's classes; none (null) makes the goal personal.",
    ),
]
Reason = Annotated[str, Meta(max_length=500, description="Why, in the student's words.")]
Target = Annotated[float, Meta(gt=0, le=1_000_000)]
Amount = Annotated[float, Meta(ge=-1_000_000, le=1_000_000)]
Minutes = Annotated[int, Meta(ge=1, le=24 * 60)]
Instant = Annotated[
    dt.datetime,
    Meta(tz=True, description="An instant with its offset, from 2000-01-01 to 2100-01-01 UTC."),
]
Day = Annotated[dt.date, Meta(description="A calendar day from 2000-01-01 to 2099-12-31.")]
GoalStatus = Literal["proposed", "active", "returned", "completed", "abandoned"]
TimeKind = Literal["study", "free"]
FreeCategory = Literal["rest", "sport", "hobby", "friends", "family", "other"]
RestReason = Literal["holiday", "illness", "exam_week", "other"]
LocalTime = Annotated[str, Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["17:00"])]
NudgeKind = Literal["behind_pace", "deadline_at_risk", "ahead", "overload", "inactivity"]
ActionKind = Literal["adjust_goal", "stretch_goal", "plan_rest", "log_progress"]
ChangeStatus = Literal["pending", "approved", "returned"]
MAX_MILESTONES: Final = 20
MAX_OBJECTIVES: Final = 300
"""The most learning objectives one class lists (a year's programme is a few dozen)."""
ObjectiveId = Annotated[int, Meta(ge=1, le=2**53 - 1, description="A class's learning objective.")]
ObjectiveIds = Annotated[list[ObjectiveId], Meta(max_length=MAX_OBJECTIVES)]


class Bounded(msgspec.Struct, kw_only=True):
    """Checks every date and instant field against the supported window when decoded."""

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, dt.datetime):
                check_instant(name, value)
            elif isinstance(value, dt.date):
                check_day(name, value)


class Milestone(Bounded, kw_only=True, forbid_unknown_fields=True):
    """A checkpoint on the way: reach ``amount`` of the goal's unit by ``due`` (optional)."""

    title: Title
    amount: Target
    due: Day | None = None


Milestones = Annotated[list[Milestone], Meta(max_length=MAX_MILESTONES)]


def check_plan(
    *,
    target: float,
    start: dt.date | None,
    deadline: dt.date,
    milestones: Sequence[Milestone],
) -> None:
    """A goal's plan is coherent: start before deadline, milestones rising inside the plan.

    Raises OutOfBounds with a message that names what to fix.
    """
    if start is not None and start > deadline:
        raise OutOfBounds("the deadline is before the start date")
    if start is not None and (deadline - start).days > MAX_GOAL_DAYS:
        raise OutOfBounds(f"a goal runs at most {MAX_GOAL_DAYS} days from start to deadline")
    previous = 0.0
    for index, milestone in enumerate(milestones):
        where = f"milestone {index + 1} ({milestone.title!r})"
        if milestone.amount <= previous:
            raise OutOfBounds(f"{where}: each milestone must ask for more than the one before")
        if milestone.amount > target:
            raise OutOfBounds(f"{where}: {milestone.amount:g} is more than the target {target:g}")
        if milestone.due is not None and milestone.due > deadline:
            raise OutOfBounds(f"{where}: due after the goal's deadline")
        if milestone.due is not None and start is not None and milestone.due < start:
            raise OutOfBounds(f"{where}: due before the goal starts")
        previous = milestone.amount


def check_rest(start: dt.date, end: dt.date) -> None:
    """Planned rest ends on or after its start and lasts at most a year."""
    if end < start:
        raise OutOfBounds("planned rest ends before it starts")
    if (end - start).days >= MAX_REST_DAYS:
        raise OutOfBounds(f"one planned-rest period lasts at most {MAX_REST_DAYS} days")


class GoalFields(Bounded, kw_only=True):
    """A learning goal. ``status``, ``teacher_comment`` and ``decided_*`` are written by the
    server (a new goal's status, a teacher's decision); the student writes the rest."""

    title: Title
    target: Target
    unit: Unit
    deadline: Day
    start_date: Day | None = None
    unit_label: UnitLabel = ""
    subject: Subject = ""
    # The class whose teacher sees the goal and decides on its changes; None (or a class the
    # student is no longer in) makes it personal: no approval, seen by the student, the
    # mentor and, through the privacy filter, parents.
    class_id: ClassId | None = None
    milestones: Milestones = msgspec.field(default_factory=list)
    # Learning objectives of the goal's class that the goal works towards; a goal in
    # ``objectives`` counts those of them the teacher marked mastered.
    objectives: ObjectiveIds = msgspec.field(default_factory=list)
    description: Note = ""
    status: GoalStatus = "proposed"
    teacher_comment: Annotated[str, Meta(max_length=1000)] | None = None
    decided_by: int | None = None
    decided_ms: int | None = None


class ProgressFields(Bounded, kw_only=True):
    """An append-only amount of work on a goal; a negative amount corrects an earlier one."""

    goal_id: RecordId
    amount: Amount
    occurred_at: Instant
    note: Note = ""


class TimeEntryFields(Bounded, kw_only=True):
    """A block of study or free time. A running focus timer has no minutes until it stops.

    ``private`` hides the category, note and goal link from everyone but the student; the
    minutes still count, so every viewer sees the same totals and the same goal status.
    """

    kind: TimeKind
    started_at: Instant
    minutes: Minutes | None = None
    running: bool = False
    category: FreeCategory | None = None
    goal_id: RecordId | None = None
    private: bool = False
    note: Note = ""


class RestFields(Bounded, kw_only=True):
    """Planned rest (holiday, illness, exams) from ``start_date`` to ``end_date``, inclusive."""

    start_date: Day
    end_date: Day
    reason: RestReason = "holiday"
    note: Note = ""


class PreferencesFields(Bounded, kw_only=True):
    """The student's study budget and nudge times (local wall-clock times)."""

    weekly_study_hours: Annotated[float, Meta(ge=0, le=100)] | None = None
    nudge_window_start: LocalTime | None = None
    nudge_window_end: LocalTime | None = None
    quiet_start: LocalTime | None = None
    quiet_end: LocalTime | None = None


class NudgeAction(msgspec.Struct, kw_only=True):
    kind: ActionKind
    label: str
    goal_id: str | None = None
    deadline: Day | None = None
    """For ``adjust_goal``: the day the recent pace finishes, after the goal's deadline; the
    app offers it as the new deadline."""


class NudgeFields(Bounded, kw_only=True):
    """A pace nudge the server made; the student may dismiss it or act on it."""

    kind: NudgeKind
    goal_id: str | None = None
    template_id: str = ""
    title: str
    body: str = ""
    plan_prompt: str = ""
    actions: list[NudgeAction] = msgspec.field(default_factory=list)
    fired_at: Instant
    dismissed: bool = False
    acted: str | None = None


class NoticeFields(Bounded, kw_only=True):
    """A value that lost a merge to a concurrent edit, shown to the student until dismissed."""

    record_kind: str
    record_id: str
    field: str
    field_label: str = ""
    """The field in the student's words (``sync.notices.FIELD_LABELS``); show it, not ``field``."""
    lost_value: Any = None
    lost_hlc: str | None = None
    lost_client: str | None = None
    winning_value: Any = None
    winning_hlc: str | None = None
    winning_client: str | None = None
    reason: Literal["superseded", "deleted"] = "superseded"
    dismissed: bool = False


class ChangeRequestFields(Bounded, kw_only=True):
    """A governed change of an approved goal, waiting for (or decided by) a teacher.

    ``proposed`` and ``current`` hold the governed fields (target, deadline, status);
    ``decided_ms`` is when a teacher approved or returned it.
    """

    goal_id: RecordId
    proposed: dict[str, Any]
    current: dict[str, Any] = msgspec.field(default_factory=dict)
    reason: Reason = ""
    status: ChangeStatus = "pending"
    requested_by: int | None = None
    requested_hlc: str | None = None
    requested_ms: int | None = None
    decided_by: int | None = None
    decided_ms: int | None = None
    teacher_comment: str | None = None
    reviewer: Literal["teacher", "mentor"] = "teacher"
    """Who decides: the goal's class teacher, or, for a personal goal whose change the student
    sent for advice, their mentor."""


class ApprovalPolicy(Bounded, kw_only=True, forbid_unknown_fields=True):
    """What a class holds for the teacher. The defaults are a new class's policy, and the
    policy of a student in no class. It is also the fields of a space's ``policy`` record."""

    approve_new_goals: bool = True
    approve_target_decrease: bool = True
    approve_abandon: bool = True
    deadline_shift_free_days: Annotated[int, Meta(ge=0, le=365)] = 7


IsoWeek = Annotated[
    str,
    Meta(
        pattern=r"^20[0-9]{2}-W(0[1-9]|[1-4][0-9]|5[0-3])$",
        examples=["2026-W49"],
        description="An ISO week of the student's calendar.",
    ),
]
Scale = Annotated[int, Meta(ge=1, le=5, description="1 (very low) to 5 (very high).")]


class CheckInFields(Bounded, kw_only=True):
    """The weekly check-in: energy, stress and sleep on a five-point scale, and a note.

    Private to the student and their mentor; parents see it only with ``shared_with_parents``,
    and subject teachers never.
    """

    week: IsoWeek
    energy: Scale
    stress: Scale
    sleep: Scale
    note: Note = ""
    shared_with_parents: bool = False


Tag = Annotated[str, Meta(min_length=1, max_length=40)]
Tags = Annotated[list[Tag], Meta(max_length=20)]
ProfileText = Annotated[str, Meta(max_length=1000)]


class ProfileFields(Bounded, kw_only=True):
    """The student's learner profile, in their own words: what they are good at, what they find
    hard, what interests them, what they are aiming for, and tags for each.

    The student, their mentor and their teachers see it; parents do not.
    """

    strengths: ProfileText = ""
    challenges: ProfileText = ""
    interests: ProfileText = ""
    aims: ProfileText = ""
    tags: Tags = msgspec.field(default_factory=list)


class ObservationFields(Bounded, kw_only=True):
    """An observation the mentor adds to the student's profile; the student reads it."""

    text: Annotated[str, Meta(min_length=1, max_length=1000)]
    author_name: Annotated[str, Meta(max_length=80)] = ""
    written_at: Instant


TrackName = Literal["standard", "accelerated", "personal_path"]


HeavyStudyMinutes = Annotated[int, Meta(ge=60, le=6000)]
"""Minutes of study in a week from which the week is heavy (1 to 100 hours)."""
ScarceFreeMinutes = Annotated[int, Meta(ge=0, le=3000)]
"""Minutes of free time in a week below which free time is scarce (up to 50 hours)."""


class TrackFields(Bounded, kw_only=True):
    """The school's programme for the student, and the week that counts as overloaded on it:
    ``heavy_study_minutes`` of study with less than ``scarce_free_minutes`` of free time.

    ``accelerated``: three grades in two, so more study is expected; ``personal_path``: time
    gained that the student learns to manage, so free time matters more.
    """

    track: TrackName = "standard"
    heavy_study_minutes: HeavyStudyMinutes = 8 * 60
    scarce_free_minutes: ScarceFreeMinutes = 60


ObjectiveCode = Annotated[str, Meta(max_length=20, examples=["A.3"])]
ObjectiveTitle = Annotated[str, Meta(min_length=1, max_length=200)]


class ObjectiveTerms(Bounded, kw_only=True):
    """One learning objective of a class: what a student should be able to do."""

    id: ObjectiveId
    code: ObjectiveCode = ""
    title: ObjectiveTitle


class ClassTerms(Bounded, kw_only=True):
    """One of the student's classes as their devices know it: its name, its policy and its
    learning objectives, in the class's order."""

    name: Annotated[str, Meta(max_length=80)] = ""
    teacher_name: Annotated[str, Meta(max_length=80)] = ""
    policy: ApprovalPolicy = msgspec.field(default_factory=ApprovalPolicy)
    objectives: Annotated[list[ObjectiveTerms], Meta(max_length=MAX_OBJECTIVES)] = msgspec.field(
        default_factory=list
    )


Evidence = Annotated[
    str, Meta(max_length=500, description="What showed it, in the teacher's words.")
]


class MasteryFields(Bounded, kw_only=True):
    """A learning objective of one of the student's classes, as its teacher last marked it.

    The student, their mentor, their parents and that class's teacher see it; teachers of other
    classes do not.
    """

    objective_id: ObjectiveId
    class_id: Annotated[int, Meta(ge=1, le=2**53 - 1)]
    mastered: bool
    evidence: Evidence = ""
    marked_by_name: Annotated[str, Meta(max_length=80)] = ""
    marked_at: Instant


class StudentClasses(Bounded, kw_only=True):
    """The fields of a space's ``policy`` record: the student's classes by class id (a decimal
    string, as JSON keys are), each with the policy it applies to its goals. A goal whose
    ``class_id`` is not listed is personal."""

    classes: Annotated[dict[str, ClassTerms], Meta(max_length=100)] = msgspec.field(
        default_factory=dict
    )


FIELDS_OF_KIND: Final[dict[str, type[Bounded]]] = {
    GOAL: GoalFields,
    PROGRESS: ProgressFields,
    TIME_ENTRY: TimeEntryFields,
    REST: RestFields,
    PREFERENCES: PreferencesFields,
    NUDGE: NudgeFields,
    CONFLICT_NOTICE: NoticeFields,
    CHANGE_REQUEST: ChangeRequestFields,
    POLICY: StudentClasses,
    CHECK_IN: CheckInFields,
    PROFILE: ProfileFields,
    OBSERVATION: ObservationFields,
    TRACK: TrackFields,
    MASTERY: MasteryFields,
}
"""The fields Struct of every record kind, by kind name."""

F = TypeVar("F", bound=Bounded)


def decode_fields(record: Record, fields_type: type[F]) -> F | None:
    """The record's fields as ``fields_type``, or None for a tombstone or a value out of bounds."""
    if record.deleted:
        return None
    try:
        return msgspec.convert(record.fields, fields_type)
    except (msgspec.ValidationError, OutOfBounds, OverflowError):
        return None


def fields_schema_types() -> tuple[type[Bounded], ...]:
    """Every kind's fields Struct, for the OpenAPI document."""
    return tuple(FIELDS_OF_KIND.values())
