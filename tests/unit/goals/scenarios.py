"""Plain builders for goals, progress and time entries used across the goal specifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from backend.goals import Goal, ProgressEvent, TimeEntry, Unit

MONDAY = dt.date(2026, 11, 2)
WEDNESDAY = dt.date(2026, 11, 25)
FRIDAY = dt.date(2026, 11, 27)


def goal(
    *,
    unit: Unit = "problems",
    target: float = 60,
    start: dt.date = MONDAY,
    deadline: dt.date = dt.date(2026, 12, 11),
    goal_id: str = "g1",
    title: str = "Algebra practice",
) -> Goal:
    """Six school weeks of problems by default: 30 working days, 2 a day on the pace line."""
    return Goal(id=goal_id, title=title, unit=unit, target=target, start=start, deadline=deadline)


def school_days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        if day.isoweekday() <= 5:
            yield day
        day += dt.timedelta(days=1)


def at_noon_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def progress(
    days: Iterator[dt.date] | list[dt.date], amount: float, goal_id: str = "g1"
) -> list[ProgressEvent]:
    return [ProgressEvent(goal_id=goal_id, amount=amount, occurred_at=at_noon_utc(d)) for d in days]


def study(
    days: Iterator[dt.date] | list[dt.date], minutes: int, goal_id: str | None = "g1"
) -> list[TimeEntry]:
    return [
        TimeEntry(kind="study", goal_id=goal_id, started_at=at_noon_utc(d), minutes=minutes)
        for d in days
    ]
