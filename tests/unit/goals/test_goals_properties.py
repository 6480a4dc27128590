"""Properties of the pace model and the nudge rules over generated goals, schedules and clocks."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zoneinfo
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.goals import (
    SUSTAINABLE_DAILY_MAX,
    Goal,
    GoalPace,
    NudgeSettings,
    RestPeriod,
    Schedule,
    SentNudge,
    describe_effort,
    expected_progress,
    nudges_due,
    project,
)
from backend.goals.goal import UNITS
from backend.goals.workdays import week_start

ZONES = ("Asia/Almaty", "America/Los_Angeles", "Europe/London", "Pacific/Auckland", "UTC")
FIRST_DAY = dt.date(2026, 9, 1)

days_from_first = st.integers(min_value=0, max_value=200).map(
    lambda n: FIRST_DAY + dt.timedelta(days=n)
)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    weekdays = draw(st.frozensets(st.integers(min_value=1, max_value=7), min_size=1))
    rest = tuple(
        RestPeriod(start=start, end=start + dt.timedelta(days=length))
        for start, length in draw(
            st.lists(st.tuples(days_from_first, st.integers(0, 14)), max_size=3)
        )
    )
    return Schedule(working_weekdays=weekdays, rest=rest)


@st.composite
def goals(draw: st.DrawFn) -> Goal:
    start = draw(days_from_first)
    return Goal(
        id="g1",
        title="Goal",
        unit=draw(st.sampled_from(UNITS)),
        target=draw(st.integers(min_value=1, max_value=400)),
        start=start,
        deadline=start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=120))),
    )


@st.composite
def work(draw: st.DrawFn, plan: Goal) -> dict[dt.date, float]:
    return {
        plan.start + dt.timedelta(days=offset): amount
        for offset, amount in draw(
            st.dictionaries(
                st.integers(min_value=-10, max_value=130),
                st.integers(min_value=0, max_value=20).map(float),
                max_size=40,
            )
        ).items()
    }


@given(goals(), schedules(), days_from_first, st.integers(min_value=0, max_value=60))
def test_expected_progress_never_falls_as_days_pass(
    plan: Goal, schedule: Schedule, day: dt.date, later: int
) -> None:
    earlier = expected_progress(plan, schedule, day)
    after = expected_progress(plan, schedule, day + dt.timedelta(days=later))
    assert 0 <= earlier <= after <= plan.target


@given(st.data(), goals(), schedules(), days_from_first)
def test_ahead_never_while_below_either_pace_line(
    data: st.DataObject, plan: Goal, schedule: Schedule, today: dt.date
) -> None:
    pace = project(plan, data.draw(work(plan)), today, schedule)
    if pace.done < pace.due_today or pace.done < pace.due_now:
        assert pace.status != "ahead"


@given(st.data(), goals(), schedules(), days_from_first)
def test_unreachable_exactly_when_no_sustainable_rate_finishes_in_time(
    data: st.DataObject, plan: Goal, schedule: Schedule, today: dt.date
) -> None:
    pace = project(plan, data.draw(work(plan)), today, schedule)
    cannot = pace.remaining > 1e-9 and (
        pace.working_days_left == 0
        or pace.remaining / pace.working_days_left > SUSTAINABLE_DAILY_MAX[plan.unit] + 1e-9
    )
    assert (pace.status == "unreachable") == cannot


@given(st.data(), goals(), schedules(), days_from_first)
def test_a_projected_finish_is_a_working_day_from_today(
    data: st.DataObject, plan: Goal, schedule: Schedule, today: dt.date
) -> None:
    pace = project(plan, data.draw(work(plan)), today, schedule)
    if pace.projected_finish is not None and pace.remaining > 0:
        assert pace.projected_finish >= today
        assert schedule.is_working_day(pace.projected_finish)


@given(
    st.floats(min_value=0.001, max_value=50, allow_nan=False),
    st.sampled_from(UNITS),
    st.integers(min_value=1, max_value=7),
)
def test_following_the_effort_phrase_is_enough(per_day: float, unit: str, days: int) -> None:
    effort = describe_effort(per_day, unit, days)
    if unit == "hours":
        assert effort.quantity >= per_day * 60 - 1e-6
    elif effort.period == "day":
        assert effort.quantity >= per_day - 1e-6
    else:
        assert effort.quantity >= per_day * days - 1e-6


def _within(moment: dt.time, start: dt.time, end: dt.time) -> bool:
    return start <= moment < end if start <= end else (moment >= start or moment < end)


times = st.integers(min_value=0, max_value=47).map(lambda n: dt.time(n // 2, 30 * (n % 2)))
instants = st.integers(min_value=0, max_value=90 * 24 * 4).map(
    lambda quarter: dt.datetime(2026, 10, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=15 * quarter)
)


@functools.cache
def stalled_goal(today: dt.date, goal_id: str = "g1") -> GoalPace:
    """A goal a month old with no work: at risk or unreachable whenever it is asked."""
    plan = Goal(
        id=goal_id,
        title="Goal",
        unit="problems",
        target=60,
        start=today - dt.timedelta(days=30),
        deadline=today + dt.timedelta(days=30),
    )
    return GoalPace(goal=plan, pace=project(plan, {}, today, Schedule()))


@given(
    instants,
    st.sampled_from(ZONES),
    times,
    times,
    st.none() | st.tuples(times, times),
)
def test_a_nudge_never_falls_outside_the_window_or_inside_quiet_hours(
    now: dt.datetime,
    zone: str,
    window_start: dt.time,
    window_end: dt.time,
    quiet: tuple[dt.time, dt.time] | None,
) -> None:
    preferences = NudgeSettings(
        time_zone=zone,
        window_start=window_start,
        window_end=window_end,
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
    )
    local = now.astimezone(zoneinfo.ZoneInfo(zone))
    created = nudges_due([stalled_goal(local.date())], now=now, settings=preferences, language="en")
    if created:
        assert _within(local.time(), window_start, window_end)
        if quiet:
            assert not _within(local.time(), *quiet)


@st.composite
def working_students(draw: st.DrawFn) -> list[tuple[Goal, dict[dt.date, float]]]:
    """Goals starting around 19 October 2026, each worked at its own rate until a chosen day."""
    students = []
    for n in range(draw(st.integers(min_value=1, max_value=4))):
        start = dt.date(2026, 10, 19) + dt.timedelta(days=draw(st.integers(0, 10)))
        length = draw(st.integers(min_value=14, max_value=60))
        plan = Goal(
            id=f"g{n}",
            title=f"Goal {n}",
            unit="problems",
            target=draw(st.integers(min_value=20, max_value=200)),
            start=start,
            deadline=start + dt.timedelta(days=length),
        )
        rate = draw(st.sampled_from((0.0, 0.5, 1.0, 2.0))) * plan.target / (length * 5 / 7)
        stop = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=40)))
        per_day = {
            start + dt.timedelta(days=d): rate
            for d in range(length)
            if (start + dt.timedelta(days=d)).isoweekday() <= 5
            and start + dt.timedelta(days=d) < stop
        }
        students.append((plan, per_day))
    return students


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(ZONES), working_students(), st.integers(0, 23))
def test_hourly_checks_for_five_weeks_respect_every_throttle(
    zone: str, students: list[tuple[Goal, dict[dt.date, float]]], first_hour: int
) -> None:
    preferences = NudgeSettings(time_zone=zone)
    tz = zoneinfo.ZoneInfo(zone)
    history: list[SentNudge] = []
    paces: dict[dt.date, list[GoalPace]] = {}
    now = dt.datetime(2026, 10, 19, first_hour, tzinfo=dt.UTC)
    for _ in range(35 * 24):
        today = now.astimezone(tz).date()
        if today not in paces:
            paces[today] = [
                GoalPace(goal=plan, pace=project(plan, per_day, today, Schedule()))
                for plan, per_day in students
            ]
        for nudge in nudges_due(
            paces[today], now=now, settings=preferences, history=history, language="en"
        ):
            history.append(
                SentNudge(
                    kind=nudge.kind,
                    goal_id=nudge.goal_id,
                    fired_at=now,
                    template_id=nudge.template_id,
                )
            )
        now += dt.timedelta(hours=1)

    def day(item: SentNudge) -> dt.date:
        return item.fired_at.astimezone(tz).date()

    per_day = Counter(day(item) for item in history)
    assert all(count <= preferences.max_per_day for count in per_day.values())
    weekly = Counter(
        (item.kind, item.goal_id, week_start(day(item)))
        for item in history
        if item.kind in ("behind_pace", "deadline_at_risk", "overload")
    )
    assert all(count == 1 for count in weekly.values())
    per_goal_day = Counter((item.goal_id, day(item)) for item in history)
    assert all(count == 1 for count in per_goal_day.values())
    starts = {plan.id: plan for plan, _ in students}
    for item in history:
        plan = starts[str(item.goal_id)]
        assert (day(item) - plan.start).days >= preferences.first_days
        assert day(item) <= plan.deadline
        local_time = item.fired_at.astimezone(tz).time()
        assert preferences.window_start <= local_time < preferences.window_end
    offers = sorted((item.goal_id, day(item)) for item in history if item.kind == "ahead")
    for (goal_a, day_a), (goal_b, day_b) in itertools.pairwise(offers):
        assert goal_a != goal_b or (day_b - day_a).days >= 28
