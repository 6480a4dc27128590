"""Progress events and time entries, and how they add up per day in the student's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

import msgspec

from backend.goals.goal import Goal

TimeKind = Literal["study", "free"]


class ProgressEvent(msgspec.Struct, frozen=True, kw_only=True):
    """``amount`` units of work on a goal (negative amounts correct earlier events)."""

    goal_id: str
    amount: float
    occurred_at: dt.datetime


class TimeEntry(msgspec.Struct, frozen=True, kw_only=True):
    """A finished block of study or free time; study may be linked to a goal."""

    kind: TimeKind
    started_at: dt.datetime
    minutes: int
    category: str | None = None
    goal_id: str | None = None
    private: bool = False


def local_date(instant: dt.datetime, time_zone: str) -> dt.date:
    """The calendar day ``instant`` (aware) falls on in the IANA zone ``time_zone``."""
    return instant.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


def daily_progress(
    goal: Goal,
    progress: Iterable[ProgressEvent],
    time_entries: Iterable[TimeEntry],
    time_zone: str,
) -> dict[dt.date, float]:
    """The goal's work per local day, in the goal's unit.

    Hour goals count the minutes of study-time entries linked to the goal (as hours) plus any
    progress events; other goals count progress events only. Records of other goals are ignored.
    A time entry counts on the day it started.
    """
    per_day: defaultdict[dt.date, float] = defaultdict(float)
    for event in progress:
        if event.goal_id == goal.id:
            per_day[local_date(event.occurred_at, time_zone)] += event.amount
    if goal.unit == "hours":
        for entry in time_entries:
            if entry.kind == "study" and entry.goal_id == goal.id:
                per_day[local_date(entry.started_at, time_zone)] += entry.minutes / 60
    return dict(per_day)


def total_through(per_day: Mapping[dt.date, float], last: dt.date) -> float:
    """Work done on or before ``last``."""
    return sum(amount for day, amount in per_day.items() if day <= last)


def last_active_on(per_day: Mapping[dt.date, float], last: dt.date) -> dt.date | None:
    """The latest day on or before ``last`` with positive work, or None."""
    active = [day for day, amount in per_day.items() if day <= last and amount > 0]
    return max(active) if active else None
