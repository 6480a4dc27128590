"""The plain values a digest is built from, one set per child."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec


class GoalInput(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    unit: str
    target: float
    deadline: dt.date
    status: str = "active"
    start: dt.date | None = None


class ProgressInput(msgspec.Struct, frozen=True, kw_only=True):
    goal_id: str
    amount: float
    occurred_at: dt.datetime


class TimeInput(msgspec.Struct, frozen=True, kw_only=True):
    """A time entry as a parent may see it: a private one has no category and no goal."""

    kind: str
    started_at: dt.datetime
    minutes: int
    private: bool = False
    category: str | None = None
    goal_id: str | None = None


class NudgeInput(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    fired_at: dt.datetime
    kind: str = ""


class ChangeInput(msgspec.Struct, frozen=True, kw_only=True):
    """A goal change request: ``proposed`` and ``current`` hold the governed fields."""

    goal_id: str
    status: str
    proposed: dict[str, Any]
    current: dict[str, Any]
    changed_at: dt.datetime


class ChildInput(msgspec.Struct, frozen=True, kw_only=True):
    """Everything one child's section is built from; records of every age may be included."""

    student_id: int
    name: str
    time_zone: str
    goals: tuple[GoalInput, ...] = ()
    progress: tuple[ProgressInput, ...] = ()
    time: tuple[TimeInput, ...] = ()
    nudges: tuple[NudgeInput, ...] = ()
    changes: tuple[ChangeInput, ...] = ()
