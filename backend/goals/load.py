"""Load: what the active goals ask of a student's week, and how the week is actually going.

Required hours
    For each active goal with work left and a working day left, its required daily rate
    (``Pace.required_per_day``) times the working weekdays in a week, times the minutes one unit
    takes (``Goal.unit_minutes``), in hours. Goals past their deadline ask nothing: they need a
    new deadline, not more hours. The sum is compared with the hours the student says they have.

This week
    Study and free minutes logged in the current week, Monday 00:00 to the next Monday 00:00 in
    the student's time zone (so a week across a daylight-saving change has 167 or 169 hours). An
    entry crossing a boundary counts only its minutes inside the week and before ``now``.

Overload (one of)
    - the required hours exceed the available hours;
    - this week's study reaches ``heavy_study_minutes`` (8 hours) while free time stays below
      ``scarce_free_minutes`` (1 hour).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Final

import msgspec

from backend.goals.activity import TimeEntry
from backend.goals.goal import Goal
from backend.goals.pace import Pace
from backend.goals.workdays import Schedule, week_start

HEAVY_STUDY_MINUTES: Final = 8 * 60
SCARCE_FREE_MINUTES: Final = 60


class GoalLoad(msgspec.Struct, frozen=True, kw_only=True):
    goal_id: str
    hours_per_week: float


class WeekTime(msgspec.Struct, frozen=True, kw_only=True):
    """Logged minutes in the local week starting Monday ``week_start``."""

    week_start: dt.date
    study_minutes: int
    free_minutes: int


class Load(msgspec.Struct, frozen=True, kw_only=True):
    """The student's weekly load; ``overloaded`` applies the rules in the module docstring."""

    required_hours: float
    available_hours: float
    goals: tuple[GoalLoad, ...]
    week: WeekTime
    over_hours: bool
    little_free_time: bool

    @property
    def overloaded(self) -> bool:
        return self.over_hours or self.little_free_time


def goal_hours_per_week(
    required_per_day: float | None,
    working_days_left: int,
    unit_minutes: float,
    days_per_week: int,
) -> float | None:
    """What one active goal asks of a week in hours; None when it asks nothing (done, or past
    its deadline). Shared with the app through ``sync/vectors/load.json``."""
    if not required_per_day or working_days_left == 0:
        return None
    return required_per_day * days_per_week * unit_minutes / 60


def week_flags(
    *,
    required_hours: float,
    available_hours: float,
    study_minutes: int,
    free_minutes: int,
    heavy_study_minutes: int = HEAVY_STUDY_MINUTES,
    scarce_free_minutes: int = SCARCE_FREE_MINUTES,
) -> tuple[bool, bool]:
    """The two overload rules: required hours above available, and heavy study with little
    free time at the track's limits."""
    over_hours = required_hours > available_hours + 1e-9
    little_free = study_minutes >= heavy_study_minutes and free_minutes < scarce_free_minutes
    return over_hours, little_free


def required_hours_per_week(
    goals: Sequence[tuple[Goal, Pace]], schedule: Schedule | None = None
) -> tuple[GoalLoad, ...]:
    """Weekly study hours each active goal needs to finish on time (see the module docstring)."""
    days_per_week = (schedule or Schedule()).days_per_week
    loads = []
    for goal, pace in goals:
        if goal.status != "active":
            continue
        hours = goal_hours_per_week(
            pace.required_per_day, pace.working_days_left, goal.unit_minutes, days_per_week
        )
        if hours is not None:
            loads.append(GoalLoad(goal_id=goal.id, hours_per_week=hours))
    return tuple(loads)


def week_bounds(now: dt.datetime, time_zone: str) -> tuple[dt.datetime, dt.datetime]:
    """The local week containing ``now``: Monday 00:00 and the next Monday 00:00, in UTC.

    UTC so that subtracting them gives elapsed time: Python subtracts two datetimes sharing a
    zone as wall-clock times, which is an hour off across a daylight-saving change.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    monday = week_start(now.astimezone(zone).date())
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def minutes_between(
    entries: Iterable[TimeEntry], start: dt.datetime, until: dt.datetime
) -> tuple[int, int]:
    """Study and free minutes inside ``[start, until)``; entries crossing an edge are clipped."""
    minutes = {"study": 0.0, "free": 0.0}
    for entry in entries:
        began_at = entry.started_at.astimezone(dt.UTC)
        began = max(began_at, start)
        ended = min(began_at + dt.timedelta(minutes=entry.minutes), until)
        if ended > began:
            minutes[entry.kind] += (ended - began).total_seconds() / 60
    return round(minutes["study"]), round(minutes["free"])


def week_time(entries: Iterable[TimeEntry], *, now: dt.datetime, time_zone: str) -> WeekTime:
    """Study and free minutes logged this local week up to ``now``."""
    start, end = week_bounds(now, time_zone)
    study, free = minutes_between(entries, start, min(end, now.astimezone(dt.UTC)))
    return WeekTime(
        week_start=week_start(now.astimezone(zoneinfo.ZoneInfo(time_zone)).date()),
        study_minutes=study,
        free_minutes=free,
    )


def weekly_load(
    goals: Sequence[tuple[Goal, Pace]],
    entries: Iterable[TimeEntry],
    *,
    available_hours: float,
    now: dt.datetime,
    time_zone: str,
    schedule: Schedule | None = None,
    heavy_study_minutes: int = HEAVY_STUDY_MINUTES,
    scarce_free_minutes: int = SCARCE_FREE_MINUTES,
) -> Load:
    """The student's load this week: required vs available hours, and study vs free time."""
    per_goal = required_hours_per_week(goals, schedule)
    required = sum(item.hours_per_week for item in per_goal)
    week = week_time(entries, now=now, time_zone=time_zone)
    over_hours, little_free_time = week_flags(
        required_hours=required,
        available_hours=available_hours,
        study_minutes=week.study_minutes,
        free_minutes=week.free_minutes,
        heavy_study_minutes=heavy_study_minutes,
        scarce_free_minutes=scarce_free_minutes,
    )
    return Load(
        required_hours=required,
        available_hours=available_hours,
        goals=per_goal,
        week=week,
        over_hours=over_hours,
        little_free_time=little_free_time,
    )
