"""A goal as the pace rules see it, and what each unit of work means in time and strain."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, get_args

import msgspec

from sync.kinds import Unit as Unit

GoalStatus = Literal["proposed", "active", "returned", "completed", "abandoned"]

UNITS: Final[tuple[Unit, ...]] = get_args(Unit)

SUSTAINABLE_DAILY_MAX: Final[dict[Unit, float]] = {
    "lessons": 3.0,
    "chapters": 2.0,
    "problems": 40.0,
    "pages": 50.0,
    "hours": 3.0,
    # An objective is shown over days of work; a teacher rarely marks more than one a day.
    "objectives": 1.0,
    # A unit the student named: we cannot know its weight, so only cramming beyond reason counts.
    "custom": 20.0,
}
"""The most of one goal a student can keep doing every working day, next to school.

A goal whose remaining work needs more than this per working day is *unreachable*: it can only
be met by cramming, so the honest message is to adjust the goal, not to try harder.
"""

MINUTES_PER_UNIT: Final[dict[Unit, float]] = {
    "lessons": 30.0,
    "chapters": 45.0,
    "problems": 6.0,
    "pages": 5.0,
    "hours": 60.0,
    "objectives": 120.0,
    "custom": 30.0,
}
"""Default study minutes one unit takes, used to add goals of different units into hours."""


def unit_words(unit: Unit, label: str) -> str:
    """The unit as it is written after a number: the student's own name for a custom one."""
    return (label or "units") if unit == "custom" else unit


class Goal(msgspec.Struct, frozen=True, kw_only=True):
    """A learning goal: ``target`` units of work from ``start`` to ``deadline`` (both included).

    ``minutes_per_unit`` is the student's own estimate of one unit's study time; when absent the
    default for the unit applies. Hour goals always count 60 minutes per unit.
    """

    id: str
    title: str
    unit: Unit
    target: float
    start: dt.date
    deadline: dt.date
    status: GoalStatus = "active"
    minutes_per_unit: float | None = None
    unit_label: str = ""
    """The student's name for a custom unit."""

    @property
    def words(self) -> str:
        return unit_words(self.unit, self.unit_label)

    @property
    def sustainable_daily_max(self) -> float:
        return SUSTAINABLE_DAILY_MAX[self.unit]

    @property
    def unit_minutes(self) -> float:
        if self.unit == "hours" or self.minutes_per_unit is None:
            return MINUTES_PER_UNIT[self.unit]
        return self.minutes_per_unit
