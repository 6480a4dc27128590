"""Turning the nudge rules' output into nudge records, and the class overview. Pure logic."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

import msgspec

from backend.goals.effort import effort_phrase
from backend.goals.goal import unit_words
from backend.goals.nudges import Nudge, nudges_due
from backend.i18n.catalogue import DEFAULT_LANGUAGE
from backend.learner.records import LearnerRecords
from backend.learner.state import GoalStatusView, MilestoneState, learner_state
from sync.records import JSON

_NUDGE_NAMESPACE = uuid.UUID("3c0f5d1a-7b2e-4c9d-8e6f-1a2b3c4d5e6f")


def nudge_id(space: int, nudge: Nudge, local_day: dt.date) -> str:
    """The same nudge on the same local day gets the same id, whichever worker makes it."""
    key = f"{space}/{nudge.kind}/{nudge.goal_id or '-'}/{local_day.isoformat()}"
    return str(uuid.uuid5(_NUDGE_NAMESPACE, key))


def nudge_fields(nudge: Nudge, now: dt.datetime) -> dict[str, JSON]:
    """The synced fields of a new nudge record."""
    return {
        "kind": nudge.kind,
        "goal_id": nudge.goal_id,
        "template_id": nudge.template_id,
        "title": nudge.title,
        "body": nudge.body,
        "plan_prompt": nudge.plan_prompt,
        "actions": msgspec.to_builtins(list(nudge.actions)),
        "fired_at": now.astimezone(dt.UTC).isoformat(),
        "dismissed": False,
        "acted": None,
    }


def nudges_for(
    space: int, records: LearnerRecords, *, now: dt.datetime, time_zone: str, language: str
) -> list[tuple[str, dict[str, JSON]]]:
    """(record id, fields) of the nudges to create for one student at ``now``, worded in
    ``language`` (the student's)."""
    state = learner_state(records, now=now, time_zone=time_zone)
    due = nudges_due(
        state.paces,
        now=now,
        settings=state.settings,
        history=state.history,
        load=state.load,
        stressed=state.stressed,
        language=language,
    )
    today = now.astimezone(zoneinfo.ZoneInfo(time_zone)).date()
    return [(nudge_id(space, n, today), nudge_fields(n, now)) for n in due]


class GoalOverview(msgspec.Struct, kw_only=True):
    goal_id: str
    title: str
    unit: str
    target: float
    done: float
    start: dt.date
    deadline: dt.date
    status: GoalStatusView
    projected_finish: dt.date | None
    daily_effort: str | None
    next_milestone: MilestoneState | None = None


class StudentOverview(msgspec.Struct, kw_only=True):
    student_id: int
    display_name: str
    goals: list[GoalOverview]
    week_start: dt.date
    """Monday of the week the minutes count: the student's local week, up to now."""
    today: dt.date | None = None
    """The student's local day the row was read on."""
    study_minutes_this_week: int
    free_minutes_this_week: int
    # Behind on some goal of this class every day for a week (see `persistently_behind`):
    # worth the teacher's time, unlike a single slip.
    persistently_behind: bool
    behind_goal_ids: list[str]
    last_active_on: dt.date | None = None
    """The last day the student logged work on a goal of this class."""
    other_goals: int = 0
    """Active goals in the student's other classes and personal ones: their content is not
    the teacher's, their weight is."""
    other_hours_per_week: float = 0.0
    required_hours_per_week: float = 0.0
    """What all the student's active goals ask of a week, across subjects."""
    available_hours_per_week: float = 0.0
    overloaded: bool = False
    # From the student's learner profile, which their teachers see.
    strengths: str = ""
    aims: str = ""
    tags: list[str] = msgspec.field(default_factory=list)
    mastered_objectives: list[int] = msgspec.field(default_factory=list)
    """This class's objectives the student has mastered (ids, in the class's order)."""


@dataclass(frozen=True, slots=True)
class StudentInput:
    student_id: int
    display_name: str
    time_zone: str
    records: LearnerRecords
    language: str = "en"


def overview_of(
    student: StudentInput, now: dt.datetime, class_id: int, language: str = DEFAULT_LANGUAGE
) -> StudentOverview:
    """One student's row in a class's overview, read from the learner state: the goals of
    this class, and of the rest only the load; its words in the teacher's `language`."""
    state = learner_state(student.records, now=now, time_zone=student.time_zone)
    active = [g for g in state.goals if g.lifecycle == "active" and g.class_id == class_id]
    others = [s for s in state.subjects if s.class_id != class_id]
    days = [g.last_active_on for g in active if g.last_active_on is not None]
    return StudentOverview(
        student_id=student.student_id,
        display_name=student.display_name,
        goals=[
            GoalOverview(
                goal_id=g.id,
                title=g.title,
                unit=unit_words(g.unit, g.unit_label),
                target=g.target,
                done=g.done,
                start=g.start,
                deadline=g.deadline,
                status=g.status,
                projected_finish=g.projected_finish,
                daily_effort=effort_phrase(g.daily_effort, language) if g.daily_effort else None,
                next_milestone=g.next_milestone,
            )
            for g in active
        ],
        week_start=state.week_start,
        today=state.today,
        study_minutes_this_week=state.week_time.study_minutes,
        free_minutes_this_week=state.week_time.free_minutes,
        persistently_behind=any(g.persistently_behind for g in active),
        behind_goal_ids=sorted(g.id for g in active if g.persistently_behind),
        last_active_on=max(days) if days else None,
        other_goals=sum(s.active_goals for s in others),
        other_hours_per_week=round(sum(s.hours_per_week for s in others), 1),
        required_hours_per_week=round(state.load.required_hours, 1),
        available_hours_per_week=state.load.available_hours,
        overloaded=state.load.overloaded,
        strengths=state.profile.strengths,
        aims=state.profile.aims,
        tags=list(state.profile.tags),
        mastered_objectives=[
            o.id
            for subject in state.mastery
            if subject.class_id == class_id
            for o in subject.objectives
            if o.mastered
        ],
    )


def class_overview(
    students: Sequence[StudentInput],
    now: dt.datetime,
    class_id: int,
    language: str = DEFAULT_LANGUAGE,
) -> list[StudentOverview]:
    """Every student's row for one class, those persistently behind in it first."""
    rows = [overview_of(s, now, class_id, language) for s in students]
    rows.sort(key=lambda r: (not r.persistently_behind, r.display_name.lower(), r.student_id))
    return rows
