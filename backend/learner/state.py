"""The learner state: everything a view says about one student at one moment. Pure logic.

Every view reads this and computes nothing of its own: the teacher's class overview, the
parent's digest and the student's preview of it, the nudges, the mentor's view. So a goal has one
status for everyone, and "this week" means one thing.

Definitions
    today        the student's local calendar day at ``now``.
    this week    the student's local week from Monday 00:00 up to ``now`` (see
                 ``backend.goals.load.week_bounds``); today is local midnight up to ``now``. An
                 entry crossing a boundary counts its minutes inside the span only.
    goal status  for an active goal, its pace status (``backend.goals.pace``, the one status
                 rule); otherwise the goal's own state: proposed, returned, completed, abandoned.
    done         all work logged on the goal, private entries included: privacy hides an
                 entry's details (category, note, goal link) from other people, never its
                 minutes, so every viewer sees the same progress and status.
    next milestone  the first milestone whose amount is not reached yet, with the day the
                 recent pace reaches it and whether that is by its due day.
    profile      the learner profile as the student wrote it, with the mentor's observations,
                 newest first.
    track        the school's programme for the student (``sync.kinds.TrackFields``): its
                 limits decide when a week of heavy study with little free time is overload.
    check-ins    the weekly check-ins read (about the last six weeks), newest first; the
                 student is *stressed* when the latest one, from this week or last, says stress
                 4 or 5 of 5.
    mastery      per class listing learning objectives, each objective with its teacher's
                 latest mark; a goal in ``objectives`` counts its targeted objectives marked
                 mastered, each on the day it was marked.
    subjects     the load per class (and for personal goals): what each class's active goals
                 ask of a week (the load's required hours, grouped by the goal's class) and
                 the study logged on them this week.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Final, Literal

import msgspec

from backend.goals.activity import ProgressEvent, TimeEntry, daily_progress
from backend.goals.effort import Effort
from backend.goals.goal import Goal
from backend.goals.load import Load, week_bounds, weekly_load
from backend.goals.load import minutes_between as clipped_minutes
from backend.goals.nudges import GoalPace, NudgeSettings, SentNudge
from backend.goals.pace import Pace, persistently_behind, project
from backend.goals.workdays import RestPeriod, Schedule, nth_working_day
from backend.learner.records import LearnerRecords, Typed
from sync import kinds

DEFAULT_WEEKLY_STUDY_HOURS: Final = 5.0
"""Without a stated budget, a school-age student has about an hour a working day."""
_EPSILON: Final = 1e-9

GoalStatusView = Literal[
    "completed",
    "not_started",
    "ahead",
    "on_track",
    "behind",
    "at_risk",
    "unreachable",
    "proposed",
    "returned",
    "abandoned",
]


class MilestoneState(msgspec.Struct, frozen=True, kw_only=True):
    """The next milestone: how much is left to it, and when the recent pace reaches it."""

    title: str
    amount: float
    due: dt.date | None
    remaining: float
    reached_by: dt.date | None
    on_pace: bool | None
    """Whether ``reached_by`` is on or before ``due``; None without a due day or a pace."""


class GoalState(msgspec.Struct, frozen=True, kw_only=True):
    """One goal as every view shows it."""

    id: str
    title: str
    subject: str
    class_id: int | None
    """The goal's class; None for a personal goal."""
    unit: kinds.Unit
    unit_label: str
    """The student's name for a custom unit ("" otherwise)."""
    target: float
    start: dt.date
    deadline: dt.date
    lifecycle: kinds.GoalStatus
    status: GoalStatusView
    done: float
    done_this_week: float
    projected_finish: dt.date | None
    required_per_day: float | None
    daily_effort: Effort | None
    """What a day of work needs to finish on time; each view words it in its reader's language."""
    next_milestone: MilestoneState | None
    milestones_reached: int
    persistently_behind: bool
    last_active_on: dt.date | None


class TimeTotals(msgspec.Struct, frozen=True, kw_only=True):
    study_minutes: int
    free_minutes: int


HIGH_STRESS: Final = 4
RECENT_WEEKS: Final = 6
"""Weeks the side-by-side history covers: within the window the records are read in."""


class WeekSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One local week: study and free time, and the week's check-in if there is one."""

    week: str
    week_start: dt.date
    study_minutes: int
    free_minutes: int
    check_in: kinds.CheckInFields | None = None


class ObservationState(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    text: str
    author_name: str
    written_at: dt.datetime


class ProfileState(msgspec.Struct, frozen=True, kw_only=True):
    """The student's learner profile and the mentor's observations on it."""

    strengths: str = ""
    challenges: str = ""
    interests: str = ""
    aims: str = ""
    tags: tuple[str, ...] = ()
    observations: tuple[ObservationState, ...] = ()


def profile_of(records: LearnerRecords) -> ProfileState:
    p = records.profile
    observations = sorted(
        (
            ObservationState(
                id=o.id,
                text=o.fields.text,
                author_name=o.fields.author_name,
                written_at=o.fields.written_at,
            )
            for o in records.observations
        ),
        key=lambda o: o.written_at,
        reverse=True,
    )
    if p is None:
        return ProfileState(observations=tuple(observations))
    return ProfileState(
        strengths=p.strengths,
        challenges=p.challenges,
        interests=p.interests,
        aims=p.aims,
        tags=tuple(p.tags),
        observations=tuple(observations),
    )


class ObjectiveState(msgspec.Struct, frozen=True, kw_only=True):
    """One learning objective of a class, and whether its teacher marked the student's mastery."""

    id: int
    code: str
    title: str
    mastered: bool
    mastered_on: dt.date | None
    evidence: str
    marked_by_name: str


class SubjectMastery(msgspec.Struct, frozen=True, kw_only=True):
    """A class's learning objectives for the student: mastered and remaining, in class order."""

    class_id: int
    class_name: str
    mastered: int
    total: int
    objectives: tuple[ObjectiveState, ...]


def mastery_of(records: LearnerRecords, time_zone: str) -> tuple[SubjectMastery, ...]:
    """Per class that lists objectives, each objective with the teacher's latest mark.

    A mark on an objective the class no longer lists, or of a class the student left, is not
    counted: only what the class asks of the student now.
    """
    if records.classes is None:
        return ()
    marks = {m.fields.objective_id: m.fields for m in records.mastery}
    found = []
    for key, terms in sorted(records.classes.classes.items(), key=lambda kv: int(kv[0])):
        if not terms.objectives:
            continue
        objectives = []
        for objective in terms.objectives:
            mark = marks.get(objective.id)
            mastered = mark is not None and mark.mastered
            objectives.append(
                ObjectiveState(
                    id=objective.id,
                    code=objective.code,
                    title=objective.title,
                    mastered=mastered,
                    mastered_on=local_day(mark.marked_at, time_zone) if mark and mastered else None,
                    evidence=mark.evidence if mark is not None else "",
                    marked_by_name=mark.marked_by_name if mark is not None else "",
                )
            )
        found.append(
            SubjectMastery(
                class_id=int(key),
                class_name=terms.name,
                mastered=sum(o.mastered for o in objectives),
                total=len(objectives),
                objectives=tuple(objectives),
            )
        )
    return tuple(found)


class SubjectLoad(msgspec.Struct, frozen=True, kw_only=True):
    """One class's share of the student's week (``class_id`` None: personal goals)."""

    class_id: int | None
    active_goals: int
    hours_per_week: float
    study_minutes_this_week: int


class LearnerState(msgspec.Struct, frozen=True, kw_only=True):
    """Where one student stands at ``now``."""

    now: dt.datetime
    time_zone: str
    today: dt.date
    week_start: dt.date
    goals: tuple[GoalState, ...]
    today_time: TimeTotals
    week_time: TimeTotals
    load: Load
    subjects: tuple[SubjectLoad, ...]
    check_ins: tuple[kinds.CheckInFields, ...]
    stressed: bool
    recent_weeks: tuple[WeekSummary, ...]
    """This week and the five before it, oldest first: achievement and well-being side by
    side."""
    profile: ProfileState
    track: kinds.TrackFields
    mastery: tuple[SubjectMastery, ...]
    """Each class's learning objectives, mastered and remaining."""
    persistently_behind: bool
    settings: NudgeSettings
    history: tuple[SentNudge, ...]
    paces: tuple[GoalPace, ...]
    """Each active goal's full pace, for the nudge rules."""

    def goal(self, goal_id: str) -> GoalState | None:
        return next((g for g in self.goals if g.id == goal_id), None)


def local_day(instant: dt.datetime, time_zone: str) -> dt.date:
    return instant.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


def goal_plan(goal: Typed[kinds.GoalFields], time_zone: str) -> Goal:
    """The goal as the pace model reads it; without a start date it starts the day it was made."""
    f = goal.fields
    created = local_day(goal.created_at, time_zone) if goal.created_at else None
    start = f.start_date or created or f.deadline
    return Goal(
        id=goal.id,
        title=f.title,
        unit=f.unit,
        unit_label=f.unit_label,
        target=f.target,
        start=min(start, f.deadline),
        deadline=f.deadline,
        status=f.status,
    )


def _before_window(records: LearnerRecords) -> dt.datetime | None:
    """The instant work from before the window is booked at: just before the window opens."""
    if records.window_start is None:
        return None
    return records.window_start - dt.timedelta(days=1)


def progress_events(records: LearnerRecords) -> list[ProgressEvent]:
    """Every progress event; work before a read window counts as one event on the day before.

    A goal counted in objectives has no logged progress: each objective it targets counts 1 on
    the day its teacher marked it mastered.
    """
    counted = {g.id: g.fields.objectives for g in records.goals if g.fields.unit == "objectives"}
    events = [
        ProgressEvent(
            goal_id=p.fields.goal_id, amount=p.fields.amount, occurred_at=p.fields.occurred_at
        )
        for p in records.progress
        if p.fields.goal_id not in counted
    ]
    booked = _before_window(records)
    if booked is not None:
        events += [
            ProgressEvent(goal_id=goal_id, amount=e.amount, occurred_at=booked)
            for goal_id, e in records.earlier.items()
            if e.amount and goal_id not in counted
        ]
    mastered = {
        m.fields.objective_id: m.fields.marked_at for m in records.mastery if m.fields.mastered
    }
    for goal_id, objectives in counted.items():
        events += [
            ProgressEvent(goal_id=goal_id, amount=1.0, occurred_at=mastered[objective])
            for objective in dict.fromkeys(objectives)
            if objective in mastered
        ]
    return events


def finished_entries(records: LearnerRecords) -> list[TimeEntry]:
    """Time entries with minutes; a running focus timer counts once it stops. Goal-linked study
    from before a read window counts as one entry on the day before (it is older than any
    week or period a view sums)."""
    booked = _before_window(records)
    earlier = (
        [
            TimeEntry(
                kind="study", started_at=booked, minutes=round(e.study_minutes), goal_id=goal_id
            )
            for goal_id, e in records.earlier.items()
            if e.study_minutes
        ]
        if booked is not None
        else []
    )
    return earlier + [
        TimeEntry(
            kind=t.fields.kind,
            started_at=t.fields.started_at,
            minutes=t.fields.minutes,
            category=t.fields.category,
            goal_id=t.fields.goal_id,
            private=t.fields.private,
        )
        for t in records.time_entries
        if not t.fields.running and t.fields.minutes is not None
    ]


def timed_entries(records: LearnerRecords, now: dt.datetime) -> list[TimeEntry]:
    """Finished entries and running focus timers so far: what time totals count at ``now``.

    A running timer counts the minutes from its start up to ``now`` (at most a day) in the
    study and free totals, as the app shows it ticking; it adds to a goal's progress only once
    it stops and its minutes are fixed.
    """
    running = []
    for t in records.time_entries:
        if not t.fields.running:
            continue
        elapsed = (now - t.fields.started_at).total_seconds() / 60
        minutes = min(max(int(elapsed), 0), 24 * 60)
        if minutes > 0:
            running.append(
                TimeEntry(
                    kind=t.fields.kind,
                    started_at=t.fields.started_at,
                    minutes=minutes,
                    category=t.fields.category,
                    goal_id=t.fields.goal_id,
                    private=t.fields.private,
                )
            )
    return finished_entries(records) + running


def schedule_of(records: LearnerRecords) -> Schedule:
    rest = tuple(
        RestPeriod(
            start=r.fields.start_date,
            end=r.fields.end_date,
            # The reason only labels the days; every kind of rest pauses the pace clock alike.
            reason=r.fields.reason if r.fields.reason != "other" else "holiday",
        )
        for r in records.rest
    )
    return Schedule(rest=rest)


def nudge_settings(preferences: kinds.PreferencesFields | None, time_zone: str) -> NudgeSettings:
    default = NudgeSettings(time_zone=time_zone)
    if preferences is None:
        return default

    def clock(value: str | None, fallback: dt.time | None) -> dt.time | None:
        return dt.time.fromisoformat(value) if value is not None else fallback

    return NudgeSettings(
        time_zone=time_zone,
        window_start=clock(preferences.nudge_window_start, default.window_start)
        or default.window_start,
        window_end=clock(preferences.nudge_window_end, default.window_end) or default.window_end,
        quiet_start=clock(preferences.quiet_start, None),
        quiet_end=clock(preferences.quiet_end, None),
    )


def history(records: LearnerRecords) -> tuple[SentNudge, ...]:
    return tuple(
        SentNudge(
            kind=n.fields.kind,
            goal_id=n.fields.goal_id,
            fired_at=n.fields.fired_at,
            template_id=n.fields.template_id,
        )
        for n in records.nudges
    )


def minutes_between(
    entries: Iterable[TimeEntry], start: dt.datetime, until: dt.datetime
) -> TimeTotals:
    """Study and free minutes inside ``[start, until)``, clipped as the load's week is."""
    study, free = clipped_minutes(entries, start, until)
    return TimeTotals(study_minutes=study, free_minutes=free)


def _next_milestone(
    goal: Typed[kinds.GoalFields],
    plan: Goal,
    pace: Pace | None,
    done: float,
    schedule: Schedule,
) -> tuple[MilestoneState | None, int]:
    reached = 0
    for milestone in goal.fields.milestones:
        if done + _EPSILON >= milestone.amount:
            reached += 1
            continue
        remaining = milestone.amount - done
        reached_by = None
        if pace is not None and pace.velocity is not None and pace.velocity > _EPSILON:
            needed = math.ceil(remaining / pace.velocity - _EPSILON)
            reached_by = nth_working_day(schedule, max(pace.today, plan.start), needed)
        on_pace = None
        if milestone.due is not None and reached_by is not None:
            on_pace = reached_by <= milestone.due
        elif milestone.due is not None and pace is not None and pace.velocity is not None:
            on_pace = False  # no pace at all reaches it
        return (
            MilestoneState(
                title=milestone.title,
                amount=milestone.amount,
                due=milestone.due,
                remaining=remaining,
                reached_by=reached_by,
                on_pace=on_pace,
            ),
            reached,
        )
    return None, reached


def _goal_state(
    goal: Typed[kinds.GoalFields],
    plan: Goal,
    per_day: dict[dt.date, float],
    *,
    today: dt.date,
    week_start: dt.date,
    schedule: Schedule,
) -> tuple[GoalState, Pace | None]:
    f = goal.fields
    pace: Pace | None = None
    status: GoalStatusView
    if f.status == "active":
        pace = project(plan, per_day, today, schedule)
        status = pace.status
    else:
        status = f.status
    done = sum(amount for day, amount in per_day.items() if day <= today)
    milestone, reached = _next_milestone(goal, plan, pace, done, schedule)
    trailing = pace is not None and persistently_behind(plan, per_day, today, schedule)
    active_days = [day for day, amount in per_day.items() if day <= today and amount > 0]
    return (
        GoalState(
            id=goal.id,
            title=f.title,
            subject=f.subject,
            class_id=f.class_id,
            unit=f.unit,
            unit_label=f.unit_label,
            target=f.target,
            start=plan.start,
            deadline=f.deadline,
            lifecycle=f.status,
            status=status,
            done=round(done, 4),
            done_this_week=round(
                sum(a for day, a in per_day.items() if week_start <= day <= today), 4
            ),
            projected_finish=pace.projected_finish if pace else None,
            required_per_day=pace.required_per_day if pace else None,
            daily_effort=pace.daily_effort if pace else None,
            next_milestone=milestone,
            milestones_reached=reached,
            persistently_behind=trailing,
            last_active_on=max(active_days) if active_days else None,
        ),
        pace,
    )


def subject_loads(
    goals: Sequence[GoalState],
    load: Load,
    week: Iterable[TimeEntry],
    span: tuple[dt.datetime, dt.datetime],
) -> tuple[SubjectLoad, ...]:
    """The load per class, from the load's hours per goal and this week's goal-linked study."""
    class_of = {g.id: g.class_id for g in goals}
    hours = {g.goal_id: g.hours_per_week for g in load.goals}
    entries = list(week)
    found: list[SubjectLoad] = []
    for class_id in sorted(set(class_of.values()), key=lambda c: (c is None, c or 0)):
        ids = {goal_id for goal_id, c in class_of.items() if c == class_id}
        active = [g for g in goals if g.id in ids and g.lifecycle == "active"]
        linked = [e for e in entries if e.kind == "study" and e.goal_id in ids]
        found.append(
            SubjectLoad(
                class_id=class_id,
                active_goals=len(active),
                hours_per_week=round(sum(hours.get(g.id, 0.0) for g in active), 2),
                study_minutes_this_week=minutes_between(linked, *span).study_minutes,
            )
        )
    return tuple(found)


def iso_week(day: dt.date) -> str:
    """The ISO week of a day, as check-ins name it: "2026-W49"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def check_ins_of(
    records: LearnerRecords, today: dt.date
) -> tuple[tuple[kinds.CheckInFields, ...], bool]:
    """The check-ins newest first, and whether the latest recent one says high stress."""
    found = sorted((c.fields for c in records.check_ins), key=lambda c: c.week, reverse=True)
    return tuple(found), is_stressed(found, today)


def is_stressed(newest_first: Sequence[kinds.CheckInFields], today: dt.date) -> bool:
    """Whether the latest check-in, from this week or last, says stress 4 or 5 of 5. Shared
    with the app through ``sync/vectors/load.json``."""
    if not newest_first:
        return False
    latest = newest_first[0]
    recent = {iso_week(today), iso_week(today - dt.timedelta(days=7))}
    return latest.week in recent and latest.stress >= HIGH_STRESS


def recent_weeks(
    timed: Sequence[TimeEntry],
    check_ins: Sequence[kinds.CheckInFields],
    *,
    now: dt.datetime,
    time_zone: str,
) -> tuple[WeekSummary, ...]:
    """Study, free time and check-in of this local week and the weeks before, oldest first;
    each week counts as "this week" does (Monday 00:00 local, clipped, up to ``now``)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    by_week = {c.week: c for c in check_ins}
    this_monday = local_day(week_bounds(now, time_zone)[0], time_zone)
    found = []
    for back in range(RECENT_WEEKS - 1, -1, -1):
        monday = this_monday - dt.timedelta(weeks=back)
        start = dt.datetime.combine(monday, dt.time(), tzinfo=zone).astimezone(dt.UTC)
        end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=zone)
        totals = minutes_between(timed, start, min(end.astimezone(dt.UTC), now.astimezone(dt.UTC)))
        week = iso_week(monday)
        found.append(
            WeekSummary(
                week=week,
                week_start=monday,
                study_minutes=totals.study_minutes,
                free_minutes=totals.free_minutes,
                check_in=by_week.get(week),
            )
        )
    return tuple(found)


def learner_state(records: LearnerRecords, *, now: dt.datetime, time_zone: str) -> LearnerState:
    """The student's state at ``now`` (aware) in their IANA ``time_zone``."""
    today = local_day(now, time_zone)
    week_start_utc, _ = week_bounds(now, time_zone)
    week_start = local_day(week_start_utc, time_zone)
    schedule = schedule_of(records)
    events = progress_events(records)
    entries = finished_entries(records)
    goals: list[GoalState] = []
    paces: list[GoalPace] = []
    for record in records.goals:
        plan = goal_plan(record, time_zone)
        per_day = daily_progress(plan, events, entries, time_zone)
        state, pace = _goal_state(
            record, plan, per_day, today=today, week_start=week_start, schedule=schedule
        )
        goals.append(state)
        if pace is not None:
            paces.append(GoalPace(goal=plan, pace=pace))
    budget = records.preferences.weekly_study_hours if records.preferences else None
    track = records.track or kinds.TrackFields()
    load = weekly_load(
        [(p.goal, p.pace) for p in paces],
        entries,
        available_hours=DEFAULT_WEEKLY_STUDY_HOURS if budget is None else budget,
        now=now,
        time_zone=time_zone,
        schedule=schedule,
        heavy_study_minutes=track.heavy_study_minutes,
        scarce_free_minutes=track.scarce_free_minutes,
    )
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=zoneinfo.ZoneInfo(time_zone))
    now_utc = now.astimezone(dt.UTC)
    timed = timed_entries(records, now)
    check_ins, stressed = check_ins_of(records, today)
    return LearnerState(
        now=now,
        time_zone=time_zone,
        today=today,
        week_start=week_start,
        goals=tuple(goals),
        today_time=minutes_between(timed, midnight.astimezone(dt.UTC), now_utc),
        week_time=minutes_between(timed, week_start_utc, now_utc),
        load=load,
        subjects=subject_loads(goals, load, timed, (week_start_utc, now_utc)),
        check_ins=check_ins,
        stressed=stressed,
        recent_weeks=recent_weeks(timed, check_ins, now=now, time_zone=time_zone),
        profile=profile_of(records),
        track=track,
        mastery=mastery_of(records, time_zone),
        persistently_behind=any(g.persistently_behind for g in goals),
        settings=nudge_settings(records.preferences, time_zone),
        history=history(records),
        paces=tuple(paces),
    )
