"""From synced records to the pace and nudge rules' plain inputs. Pure logic.

Records arrive as devices wrote them; anything malformed is skipped rather than trusted, so
one odd record never stops a student's pace from being computed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from backend.creation import created_on
from backend.goals.activity import ProgressEvent, TimeEntry
from backend.goals.goal import UNITS, Goal
from backend.goals.load import Load, weekly_load
from backend.goals.nudges import GoalPace, NudgeSettings, SentNudge
from backend.goals.pace import pace_of
from backend.goals.workdays import RestPeriod, Schedule
from sync.fields import date_of, instant_of, local_time_of, number_of
from sync.records import Record

# Without a stated budget, assume a school-age student has about an hour a working day.
DEFAULT_WEEKLY_STUDY_HOURS = 5.0


@dataclass(frozen=True, slots=True)
class StudentRecords:
    """One student's live records, by kind."""

    goals: Sequence[Record] = ()
    progress: Sequence[Record] = ()
    time_entries: Sequence[Record] = ()
    rest: Sequence[Record] = ()
    nudges: Sequence[Record] = ()
    preferences: Record | None = None


@dataclass(frozen=True, slots=True)
class StudentState:
    """Where a student stands at one moment: each active goal's pace, and the week's load."""

    paces: tuple[GoalPace, ...]
    load: Load
    settings: NudgeSettings
    schedule: Schedule
    progress: tuple[ProgressEvent, ...] = field(default=())
    time_entries: tuple[TimeEntry, ...] = field(default=())
    history: tuple[SentNudge, ...] = field(default=())


def to_goal(record: Record, time_zone: str) -> Goal | None:
    f = record.fields
    unit, target, deadline = f.get("unit"), number_of(f.get("target")), date_of(f.get("deadline"))
    if unit not in UNITS or target is None or target <= 0 or deadline is None:
        return None
    # A goal with no start date and no stored write starts on its deadline: nothing is behind.
    start = date_of(f.get("start_date")) or created_on(record, time_zone) or deadline
    status = f.get("status")
    if status not in ("proposed", "active", "returned", "completed", "abandoned"):
        return None
    return Goal(
        id=record.id,
        title=str(f.get("title", "")),
        unit=unit,
        target=target,
        start=min(start, deadline),
        deadline=deadline,
        status=status,
    )


def to_progress(record: Record) -> ProgressEvent | None:
    f = record.fields
    amount, at = number_of(f.get("amount")), instant_of(f.get("occurred_at"))
    goal_id = f.get("goal_id")
    if amount is None or at is None or not isinstance(goal_id, str):
        return None
    return ProgressEvent(goal_id=goal_id, amount=amount, occurred_at=at)


def to_time_entry(record: Record) -> TimeEntry | None:
    """A finished time entry; a running timer counts once it stops."""
    f = record.fields
    minutes, started = number_of(f.get("minutes")), instant_of(f.get("started_at"))
    kind = f.get("kind")
    if f.get("running") or minutes is None or started is None or kind not in ("study", "free"):
        return None
    goal_id, category = f.get("goal_id"), f.get("category")
    return TimeEntry(
        kind=kind,
        started_at=started,
        minutes=int(minutes),
        category=category if isinstance(category, str) else None,
        goal_id=goal_id if isinstance(goal_id, str) else None,
        private=bool(f.get("private")),
    )


def to_rest(record: Record) -> RestPeriod | None:
    start, end = date_of(record.fields.get("start_date")), date_of(record.fields.get("end_date"))
    if start is None or end is None or end < start:
        return None
    # The reason only labels the days; every kind of rest pauses the pace clock the same way.
    match record.fields.get("reason"):
        case "illness":
            return RestPeriod(start=start, end=end, reason="illness")
        case "exam_week":
            return RestPeriod(start=start, end=end, reason="exam_week")
        case _:
            return RestPeriod(start=start, end=end, reason="holiday")


def nudge_settings(preferences: Record | None, time_zone: str) -> NudgeSettings:
    f = preferences.fields if preferences is not None else {}
    default = NudgeSettings(time_zone=time_zone)
    return NudgeSettings(
        time_zone=time_zone,
        window_start=local_time_of(f.get("nudge_window_start")) or default.window_start,
        window_end=local_time_of(f.get("nudge_window_end")) or default.window_end,
        quiet_start=local_time_of(f.get("quiet_start")),
        quiet_end=local_time_of(f.get("quiet_end")),
    )


def history(nudges: Iterable[Record]) -> tuple[SentNudge, ...]:
    sent = []
    for record in nudges:
        f = record.fields
        fired = instant_of(f.get("fired_at"))
        if fired is None or f.get("kind") not in (
            "behind_pace",
            "deadline_at_risk",
            "ahead",
            "overload",
            "inactivity",
        ):
            continue
        goal_id = f.get("goal_id")
        sent.append(
            SentNudge(
                kind=f["kind"],
                goal_id=goal_id if isinstance(goal_id, str) else None,
                fired_at=fired,
                template_id=str(f.get("template_id", "")),
            )
        )
    return tuple(sent)


def state_of(records: StudentRecords, *, now: dt.datetime, time_zone: str) -> StudentState:
    """Pace of every active goal on the student's local today, and this week's load."""
    today = now.astimezone(zoneinfo.ZoneInfo(time_zone)).date()
    schedule = Schedule(rest=tuple(s for r in records.rest if (s := to_rest(r)) is not None))
    progress = [p for r in records.progress if (p := to_progress(r)) is not None]
    entries = [t for r in records.time_entries if (t := to_time_entry(r)) is not None]
    goals = [g for r in records.goals if (g := to_goal(r, time_zone)) is not None]
    paces = tuple(
        GoalPace(
            goal=goal,
            pace=pace_of(
                goal, progress, entries, today=today, time_zone=time_zone, schedule=schedule
            ),
        )
        for goal in goals
        if goal.status == "active"
    )
    budget = None
    if records.preferences is not None:
        budget = number_of(records.preferences.fields.get("weekly_study_hours"))
    load = weekly_load(
        [(p.goal, p.pace) for p in paces],
        entries,
        available_hours=DEFAULT_WEEKLY_STUDY_HOURS if budget is None else budget,
        now=now,
        time_zone=time_zone,
        schedule=schedule,
    )
    return StudentState(
        paces=paces,
        load=load,
        settings=nudge_settings(records.preferences, time_zone),
        schedule=schedule,
        progress=tuple(progress),
        time_entries=tuple(entries),
        history=history(records.nudges),
    )
