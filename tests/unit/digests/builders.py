"""Plain values for digest tests: a period and a child with a few records."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from backend.digests.inputs import ChildInput, GoalInput, TimeInput
from backend.digests.period import DigestSchedule, Period, period_ending_on

DAY = dt.date(2026, 11, 25)
ZONE = "Europe/Berlin"


def period(kind: str = "daily", day: dt.date = DAY) -> Period:
    schedule = DigestSchedule(frequency="daily", send_time=dt.time(18), time_zone=ZONE)
    return period_ending_on(schedule, day, "weekly" if kind == "weekly" else "daily")


def local(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(
        day, dt.time(hours, minutes), tzinfo=zoneinfo.ZoneInfo(ZONE)
    ).astimezone(dt.UTC)


def goal(goal_id: str = "g1", **fields: Any) -> GoalInput:
    values: dict[str, Any] = {
        "id": goal_id,
        "title": "Algebra chapter 4",
        "unit": "chapters",
        "target": 4.0,
        "deadline": DAY + dt.timedelta(days=20),
        "start": DAY - dt.timedelta(days=20),
        **fields,
    }
    return GoalInput(**values)


def entry(kind: str, hhmm: str, minutes: int, day: dt.date = DAY, **fields: Any) -> TimeInput:
    return TimeInput(kind=kind, started_at=local(day, hhmm), minutes=minutes, **fields)


def child(**fields: Any) -> ChildInput:
    values: dict[str, Any] = {"student_id": 7, "name": "Amir", "time_zone": ZONE, **fields}
    return ChildInput(**values)
