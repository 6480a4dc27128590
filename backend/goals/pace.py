"""Pace: how far along a goal should be, how fast the student has recently gone, and what that
means for the deadline.

All dates are the student's local calendar days; ``today`` is passed in, never read from a clock.

Expected progress (the pace line)
    Linear over working days (see ``backend.goals.workdays``): with ``N`` working days from the
    start to the deadline (both included), each one adds ``target / N``. A day is *due* once it
    has ended, so ``due_now`` (expected by the end of yesterday) is what the student should have
    done before today and ``due_today`` what the plan asks by tonight. Before the start nothing is
    due; from the deadline on, the whole target is. Planned rest adds nothing. When the goal has
    no working day at all, the whole target falls due on the deadline.

Recent velocity
    Work per working day over the 14 days before today (today is still under way, so its work
    counts in ``done`` but not in the velocity), clipped to days on or after the start. Weights
    fall linearly: yesterday weighs 14, the day before 13, ... two weeks ago 1. Velocity is the
    weighted sum of work on *all* days in the window (weekend work counts) divided by the summed
    weights of the *working* days in it, so it is a rate per working day. It is None when the
    window has no working day yet, and never negative.

Projected finish
    When the target is reached: the first day the running total reached it. Otherwise, at the
    recent velocity ``v``: the ``ceil(remaining / v)``-th working day counting from today (or
    from the start, if later). None when ``v`` is 0 or unknown.

Status: the one rule every view shows
    With ``slack`` = one planned working day's share (``target / N``), ``deficit`` =
    ``due_now - done``, ``days_left`` = working days from today (or the start) to the deadline
    and ``required`` = remaining / days_left, the first that matches wins:

    completed    nothing remains;
    unreachable  work remains and no working day is left (the deadline passed, or rest fills
                 the time), or ``required`` exceeds the unit's sustainable daily maximum
                 (``backend.goals.goal.SUSTAINABLE_DAILY_MAX``);
    not_started  no work logged yet and the deficit is within half a slack: a new goal has no
                 pace to judge (a goal left untouched past that is judged like any other);
    at_risk      behind (below) and either ``required`` exceeds 75% of that maximum or the
                 deficit is more than ``AT_RISK_DAYS`` (3) working days' share: a missed day
                 or two is "behind", a clear gap is "at risk";
    behind       the deficit is more than half a slack, or work was logged and the projected
                 finish at the recent velocity is after the deadline (or there is none, the
                 velocity being 0), so "on track" never stands beside a late finish;
    ahead        ``done - due_today`` is at least one slack (a full working day beyond tonight);
    on_track     anything else.

Persistently behind
    A goal is persistently behind when its status was behind, at_risk or unreachable on each of
    the last 7 days (today included), so a teacher hears about a student who is struggling, not
    about every slip. The daily effort needed to finish on time is ``required``, spoken by
``backend.goals.effort.describe_effort``; it is None when nothing remains or no day is left.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Final, Literal

import msgspec

from backend.goals.activity import (
    ProgressEvent,
    TimeEntry,
    daily_progress,
    last_active_on,
    total_through,
)
from backend.goals.effort import Effort, describe_effort
from backend.goals.goal import Goal, Unit
from backend.goals.workdays import (
    Schedule,
    count_working_days,
    days,
    nth_working_day,
    week_start,
)

PaceStatus = Literal[
    "completed", "not_started", "ahead", "on_track", "behind", "at_risk", "unreachable"
]

VELOCITY_WINDOW_DAYS: Final = 14
AT_RISK_SHARE: Final = 0.75
"""Share of the sustainable daily maximum above which a behind goal is at risk."""
AT_RISK_DAYS: Final = 3.0
"""Working days' share a behind goal may trail the pace line by before it is at risk."""
BEHIND_TOLERANCE: Final = 0.5
"""Working days' share a student may trail the pace line by before counting as behind."""
PERSISTENT_DAYS: Final = 7
"""Days in a row a goal must trail its pace line to count as persistently behind."""
TRAILING: Final[frozenset[str]] = frozenset({"behind", "at_risk", "unreachable"})
AHEAD_MARGIN: Final = 1.0
"""Working days' share beyond tonight's pace line that counts as ahead."""

_EPSILON: Final = 1e-9


class Pace(msgspec.Struct, frozen=True, kw_only=True):
    """Where a goal stands on ``today``; amounts are in the goal's unit.

    ``day_share`` is one planned working day's share of the target (the "slack" of the status
    rules).
    ``catch_up_this_week`` is what the pace line asks for by the end of this week (Sunday, or the
    deadline if sooner) beyond what is done, and ``working_days_left_this_week`` how many working
    days from today remain for it; the behind-pace nudge uses both.
    """

    goal_id: str
    unit: Unit
    today: dt.date
    target: float
    done: float
    remaining: float
    day_share: float
    due_now: float
    due_today: float
    velocity: float | None
    projected_finish: dt.date | None
    working_days_left: int
    required_per_day: float | None
    status: PaceStatus
    daily_effort: Effort | None
    catch_up_this_week: float
    working_days_left_this_week: int
    last_active_on: dt.date | None


def expected_progress(goal: Goal, schedule: Schedule, through: dt.date) -> float:
    """What the pace line asks to be done by the end of ``through`` (see the module docstring)."""
    if through < goal.start:
        return 0.0
    if through >= goal.deadline:
        return goal.target
    total = count_working_days(schedule, goal.start, goal.deadline)
    if total == 0:
        return 0.0
    return goal.target * count_working_days(schedule, goal.start, through) / total


def recent_velocity(
    per_day: Mapping[dt.date, float], schedule: Schedule, today: dt.date, start: dt.date
) -> float | None:
    """Linearly weighted work per working day over the 14 days before ``today``."""
    first = max(start, today - dt.timedelta(days=VELOCITY_WINDOW_DAYS))
    work = 0.0
    weights = 0
    for day in days(first, today - dt.timedelta(days=1)):
        weight = VELOCITY_WINDOW_DAYS + 1 - (today - day).days
        work += weight * per_day.get(day, 0.0)
        if schedule.is_working_day(day):
            weights += weight
    if weights == 0:
        return None
    return max(0.0, work / weights)


def _reached_on(per_day: Mapping[dt.date, float], target: float, today: dt.date) -> dt.date | None:
    running = 0.0
    for day in sorted(d for d in per_day if d <= today):
        running += per_day[day]
        if running >= target - _EPSILON:
            return day
    return None


def project(
    goal: Goal, per_day: Mapping[dt.date, float], today: dt.date, schedule: Schedule
) -> Pace:
    """The pace of ``goal`` on ``today`` from its work per local day (``daily_progress``)."""
    done = total_through(per_day, today)
    remaining = max(0.0, goal.target - done)
    due_now = expected_progress(goal, schedule, today - dt.timedelta(days=1))
    due_today = expected_progress(goal, schedule, today)
    total_days = count_working_days(schedule, goal.start, goal.deadline)
    slack = goal.target / total_days if total_days else goal.target
    from_day = max(today, goal.start)
    days_left = count_working_days(schedule, from_day, goal.deadline)
    velocity = recent_velocity(per_day, schedule, today, goal.start)

    projected: dt.date | None = None
    if remaining <= _EPSILON:
        projected = _reached_on(per_day, goal.target, today)
    elif velocity is not None and velocity > _EPSILON:
        needed = math.ceil(remaining / velocity - _EPSILON)
        projected = nth_working_day(schedule, from_day, needed)

    required: float | None
    if remaining <= _EPSILON:
        required = 0.0
    elif days_left > 0:
        required = remaining / days_left
    else:
        required = None

    status = _status(
        goal,
        remaining=remaining,
        deficit=due_now - done,
        lead=done - due_today,
        slack=slack,
        required=required,
        worked=last_active_on(per_day, today) is not None,
        late=velocity is not None and (projected is None or projected > goal.deadline),
    )

    effort = None
    if required is not None and required > _EPSILON:
        effort = describe_effort(required, goal.words, schedule.days_per_week)

    week_end = min(week_start(today) + dt.timedelta(days=6), goal.deadline)
    week_days_left = count_working_days(schedule, from_day, week_end)
    catch_up = (
        max(0.0, expected_progress(goal, schedule, week_end) - done) if week_days_left else 0.0
    )

    return Pace(
        goal_id=goal.id,
        unit=goal.unit,
        today=today,
        target=goal.target,
        done=done,
        remaining=remaining,
        day_share=slack,
        due_now=due_now,
        due_today=due_today,
        velocity=velocity,
        projected_finish=projected,
        working_days_left=days_left,
        required_per_day=required,
        status=status,
        daily_effort=effort,
        catch_up_this_week=catch_up,
        working_days_left_this_week=week_days_left,
        last_active_on=last_active_on(per_day, today),
    )


def _status(
    goal: Goal,
    *,
    remaining: float,
    deficit: float,
    lead: float,
    slack: float,
    required: float | None,
    worked: bool,
    late: bool,
) -> PaceStatus:
    """The status rule of the module docstring, in its order."""
    maximum = goal.sustainable_daily_max
    if remaining <= _EPSILON:
        return "completed"
    if required is None or required > maximum + _EPSILON:
        return "unreachable"
    trailing = deficit > BEHIND_TOLERANCE * slack + _EPSILON
    if not worked and not trailing:
        return "not_started"
    behind = trailing or (worked and late)
    if behind and (
        required > AT_RISK_SHARE * maximum + _EPSILON or deficit > AT_RISK_DAYS * slack + _EPSILON
    ):
        return "at_risk"
    if behind:
        return "behind"
    if lead >= AHEAD_MARGIN * slack - _EPSILON:
        return "ahead"
    return "on_track"


def persistently_behind(
    goal: Goal,
    per_day: Mapping[dt.date, float],
    today: dt.date,
    schedule: Schedule,
    span: int = PERSISTENT_DAYS,
) -> bool:
    """True when the goal trailed its pace line on each of the last ``span`` days.

    Recomputed from the work per day, so no status history needs storing; a goal younger than
    ``span`` days is never persistently behind.
    """
    first = today - dt.timedelta(days=span - 1)
    if first < goal.start:
        return False
    return all(
        project(goal, per_day, day, schedule).status in TRAILING for day in days(first, today)
    )


def pace_of(
    goal: Goal,
    progress: Iterable[ProgressEvent],
    time_entries: Iterable[TimeEntry],
    *,
    today: dt.date,
    time_zone: str,
    schedule: Schedule | None = None,
) -> Pace:
    """The pace of ``goal`` on the student's local day ``today``, from its raw records.

    Progress events and time entries of other goals may be passed; they are ignored. Hour goals
    count the minutes of study-time entries linked to the goal.
    """
    per_day = daily_progress(goal, progress, time_entries, time_zone)
    return project(goal, per_day, today, schedule or Schedule())
