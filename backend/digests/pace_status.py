"""A goal's pace status for the digest, from the shared pace model in ``backend.goals``.

This is the one place the digest asks "how is this goal going"; a goal the pace model cannot
read (a unit it does not know) gets a plain comparison of work done with a straight line from
start to deadline instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal, get_args

from backend.digests.inputs import GoalInput, ProgressInput, TimeInput
from backend.goals.activity import ProgressEvent, TimeEntry
from backend.goals.goal import Goal, Unit
from backend.goals.pace import pace_of

Status = Literal["completed", "ahead", "on_track", "behind", "at_risk", "unreachable", "proposed"]

_UNITS = frozenset(get_args(Unit))


def goal_done(
    goal: GoalInput, progress: Iterable[ProgressInput], time: Iterable[TimeInput]
) -> float:
    """Work done on ``goal`` so far, in its unit (hour goals also count linked study time)."""
    done = sum(p.amount for p in progress if p.goal_id == goal.id)
    if goal.unit == "hours":
        done += sum(t.minutes / 60 for t in time if t.kind == "study" and t.goal_id == goal.id)
    return done


def goal_status(
    goal: GoalInput,
    progress: Iterable[ProgressInput],
    time: Iterable[TimeInput],
    *,
    today: dt.date,
    time_zone: str,
) -> Status:
    """Where ``goal`` stands on the child's local ``today``."""
    progress, time = list(progress), list(time)
    if goal.status == "completed":
        return "completed"
    if goal.status == "proposed":
        return "proposed"
    done = goal_done(goal, progress, time)
    if done >= goal.target:
        return "completed"
    start = goal.start or today
    if goal.unit in _UNITS and start <= goal.deadline:
        pace = pace_of(
            Goal(
                id=goal.id,
                title=goal.title,
                unit=goal.unit,  # type: ignore[arg-type]  # checked against Unit above
                target=goal.target,
                start=start,
                deadline=goal.deadline,
            ),
            [
                ProgressEvent(goal_id=p.goal_id, amount=p.amount, occurred_at=p.occurred_at)
                for p in progress
            ],
            [
                TimeEntry(
                    kind="study" if t.kind == "study" else "free",
                    started_at=t.started_at,
                    minutes=t.minutes,
                    goal_id=t.goal_id,
                )
                for t in time
            ],
            today=today,
            time_zone=time_zone,
        )
        return pace.status
    return _straight_line(goal, done, start, today)


def _straight_line(goal: GoalInput, done: float, start: dt.date, today: dt.date) -> Status:
    if today > goal.deadline:
        return "unreachable"
    total = max((goal.deadline - start).days + 1, 1)
    elapsed = min(max((today - start).days, 0), total)
    expected = goal.target * elapsed / total
    slack = goal.target / total
    if done + slack / 2 < expected:
        return "behind"
    if done >= expected + slack:
        return "ahead"
    return "on_track"
