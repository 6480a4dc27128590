"""Goals: pace projection, weekly load and nudge rules (pure), re-exported for callers.

Callers convert synced records into ``Goal``, ``ProgressEvent`` and ``TimeEntry``, compute each
goal's ``Pace`` for the student's local today, and ask ``nudges_due`` what to create now.
"""

from backend.goals.activity import ProgressEvent, TimeEntry, daily_progress, local_date
from backend.goals.effort import Effort, describe_effort
from backend.goals.goal import SUSTAINABLE_DAILY_MAX, Goal, GoalStatus, Unit
from backend.goals.load import Load, WeekTime, week_time, weekly_load
from backend.goals.nudges import (
    Action,
    GoalPace,
    Nudge,
    NudgeKind,
    NudgeSettings,
    SentNudge,
    may_nudge_at,
    nudges_due,
)
from backend.goals.pace import (
    Pace,
    PaceStatus,
    expected_progress,
    pace_of,
    persistently_behind,
    project,
)
from backend.goals.workdays import RestPeriod, Schedule

__all__ = [
    "SUSTAINABLE_DAILY_MAX",
    "Action",
    "Effort",
    "Goal",
    "GoalPace",
    "GoalStatus",
    "Load",
    "Nudge",
    "NudgeKind",
    "NudgeSettings",
    "Pace",
    "PaceStatus",
    "ProgressEvent",
    "RestPeriod",
    "Schedule",
    "SentNudge",
    "TimeEntry",
    "Unit",
    "WeekTime",
    "daily_progress",
    "describe_effort",
    "expected_progress",
    "local_date",
    "may_nudge_at",
    "nudges_due",
    "pace_of",
    "persistently_behind",
    "project",
    "week_time",
    "weekly_load",
]
