"""Nudge rules driven by an injected clock: windows, quiet hours, time zones and throttles."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

import msgspec

from backend.goals import (
    Goal,
    GoalPace,
    GoalStatus,
    Nudge,
    NudgeKind,
    NudgeSettings,
    ProgressEvent,
    SentNudge,
    TimeEntry,
    nudges_due,
    pace_of,
)
from backend.goals.load import Load, WeekTime
from tests.unit.goals.scenarios import MONDAY, goal, progress, school_days, study

ALMATY = "Asia/Almaty"  # UTC+5 all year
LOS_ANGELES = "America/Los_Angeles"  # PDT until 1 November 2026, then PST


def local(day: dt.date, hour: int, minute: int = 0, zone: str = ALMATY) -> dt.datetime:
    """An aware instant at a wall-clock time in ``zone``: the injected clock."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def on(
    plan: Goal,
    now: dt.datetime,
    events: Sequence[ProgressEvent] = (),
    entries: Sequence[TimeEntry] = (),
    zone: str = ALMATY,
) -> GoalPace:
    today = now.astimezone(zoneinfo.ZoneInfo(zone)).date()
    pace = pace_of(plan, events, entries, today=today, time_zone=zone)
    return GoalPace(goal=plan, pace=pace)


def due(
    goals: Sequence[GoalPace],
    now: dt.datetime,
    history: Sequence[SentNudge] = (),
    load: Load | None = None,
    settings: NudgeSettings | None = None,
    stressed: bool = False,
) -> tuple[Nudge, ...]:
    return nudges_due(
        goals,
        now=now,
        settings=settings or NudgeSettings(time_zone=ALMATY),
        history=history,
        load=load,
        stressed=stressed,
        language="en",
    )


def sent(kind: NudgeKind, goal_id: str | None, at: dt.datetime, template: str = "") -> SentNudge:
    return SentNudge(
        kind=kind,
        goal_id=goal_id,
        fired_at=at,
        template_id=template or f"{kind}.1",
    )


FRIDAY = dt.date(2026, 11, 27)
WEDNESDAY = dt.date(2026, 11, 25)


def behind_events() -> list[ProgressEvent]:
    """Behind by a missed Thursday, with a recent pace that still makes the deadline."""
    return [
        *progress(school_days(MONDAY, dt.date(2026, 11, 6)), 2),
        *progress(school_days(dt.date(2026, 11, 16), WEDNESDAY), 3.25),
    ]


def stalled() -> list[ProgressEvent]:
    """Two days of work in the first week, then nothing: at risk from the second week on."""
    return progress([MONDAY, dt.date(2026, 11, 3)], 2)


def at_risk(goal_id: str, now: dt.datetime, deadline: dt.date = dt.date(2026, 12, 11)) -> GoalPace:
    plan = goal(goal_id=goal_id, title=f"Goal {goal_id}", deadline=deadline)
    return on(plan, now, progress([MONDAY, dt.date(2026, 11, 3)], 2, goal_id=goal_id))


def test_behind_pace_fires_on_the_last_school_day_the_week_can_be_saved() -> None:
    kinds = {
        day: [n.kind for n in due([on(goal(), local(day, 16), behind_events())], local(day, 16))]
        for day in (dt.date(2026, 11, 26), FRIDAY)
    }
    assert kinds == {dt.date(2026, 11, 26): [], FRIDAY: ["behind_pace"]}


def test_behind_pace_fires_at_most_once_per_goal_per_week() -> None:
    now = local(FRIDAY, 16)
    earlier = [sent("behind_pace", "g1", local(dt.date(2026, 11, 23), 16))]
    assert due([on(goal(), now, behind_events())], now, earlier) == ()


def test_behind_pace_returns_the_next_week() -> None:
    now = local(FRIDAY, 16)
    last_week = [sent("behind_pace", "g1", local(dt.date(2026, 11, 20), 16))]
    assert [n.kind for n in due([on(goal(), now, behind_events())], now, last_week)] == [
        "behind_pace"
    ]


def test_behind_pace_speaks_of_catching_up_with_an_if_then_plan() -> None:
    now = local(FRIDAY, 16)
    (nudge,) = due([on(goal(), now, behind_events())], now)
    assert nudge.title == "There's still time for Algebra practice"
    assert nudge.body.startswith("4 problems before the week ends puts you back on pace.")
    assert nudge.plan_prompt == "If it is 5 pm on a school day, then I solve 4 problems."


def test_every_nudge_offers_to_adjust_the_goal() -> None:
    now = local(WEDNESDAY, 16)
    for nudge in due(
        [at_risk("g1", now), at_risk("g2", now)],
        now,
        settings=NudgeSettings(time_zone=ALMATY, max_per_day=5),
    ):
        assert "adjust_goal" in [action.kind for action in nudge.actions]
        assert nudge.plan_prompt.startswith("If it is ")


def test_nothing_fires_before_the_window_opens_or_once_it_closes() -> None:
    for hour, minute in ((14, 59), (20, 0), (21, 0), (9, 0)):
        now = local(WEDNESDAY, hour, minute)
        assert due([at_risk("g1", now)], now) == (), (hour, minute)


def test_the_window_opens_at_its_start() -> None:
    now = local(WEDNESDAY, 15)
    assert len(due([at_risk("g1", now)], now)) == 1


def test_quiet_hours_wrapping_midnight_silence_the_evening() -> None:
    now = local(WEDNESDAY, 19, 30)
    quiet = NudgeSettings(time_zone=ALMATY, quiet_start=dt.time(19), quiet_end=dt.time(7))
    assert due([at_risk("g1", now)], now, settings=quiet) == ()
    earlier = local(WEDNESDAY, 18, 59)
    assert len(due([at_risk("g1", earlier)], earlier, settings=quiet)) == 1


def test_a_window_wrapping_midnight_stops_at_quiet_hours() -> None:
    window = NudgeSettings(
        time_zone=ALMATY,
        window_start=dt.time(21),
        window_end=dt.time(1),
        quiet_start=dt.time(23, 30),
        quiet_end=dt.time(6),
    )
    before = local(WEDNESDAY, 22)
    after = local(dt.date(2026, 11, 26), 0, 15)
    assert len(due([at_risk("g1", before)], before, settings=window)) == 1
    assert due([at_risk("g1", after)], after, settings=window) == ()


def test_the_same_instant_is_evening_in_almaty_and_night_in_los_angeles() -> None:
    now = dt.datetime(2026, 11, 25, 11, 30, tzinfo=dt.UTC)
    assert len(due([at_risk("g1", now)], now)) == 1
    in_la = on(at_risk("g1", now).goal, now, stalled(), zone=LOS_ANGELES)
    assert due([in_la], now, settings=NudgeSettings(time_zone=LOS_ANGELES)) == ()


def test_the_window_follows_the_clocks_going_back() -> None:
    plan = goal(start=dt.date(2026, 10, 5), deadline=dt.date(2026, 11, 27))
    events = progress([dt.date(2026, 10, 5), dt.date(2026, 10, 6)], 2)
    before = dt.datetime(2026, 10, 30, 22, 30, tzinfo=dt.UTC)  # 15:30 PDT
    after = dt.datetime(2026, 11, 6, 22, 30, tzinfo=dt.UTC)  # 14:30 PST
    la = NudgeSettings(time_zone=LOS_ANGELES)
    assert len(due([on(plan, before, events, zone=LOS_ANGELES)], before, settings=la)) == 1
    assert due([on(plan, after, events, zone=LOS_ANGELES)], after, settings=la) == ()


def test_at_most_two_nudges_a_day_most_pressing_first() -> None:
    now = local(WEDNESDAY, 16)
    goals = [
        at_risk("late", now, dt.date(2026, 12, 18)),
        at_risk("soon", now, dt.date(2026, 12, 10)),
        at_risk("middle", now, dt.date(2026, 12, 14)),
    ]
    assert [n.goal_id for n in due(goals, now)] == ["soon", "middle"]


def test_the_daily_budget_counts_the_students_local_day() -> None:
    now = local(WEDNESDAY, 16)
    last_night = [
        sent("ahead", "x", local(dt.date(2026, 11, 24), 23, 50)),
        sent("ahead", "y", local(dt.date(2026, 11, 24), 23, 55)),
    ]
    this_morning = [*last_night[:1], sent("ahead", "y", local(WEDNESDAY, 0, 5))]
    goals = [at_risk("g1", now), at_risk("g2", now)]
    assert len(due(goals, now, last_night)) == 2
    assert len(due(goals, now, this_morning)) == 1


def test_two_nudges_today_leave_no_budget() -> None:
    now = local(WEDNESDAY, 16)
    today = [sent("ahead", "x", local(WEDNESDAY, 15)), sent("overload", None, local(WEDNESDAY, 15))]
    assert due([at_risk("g1", now)], now, today) == ()


def test_a_goal_gets_one_nudge_a_day_at_most() -> None:
    now = local(WEDNESDAY, 16)
    earlier_today = [sent("inactivity", "g1", local(WEDNESDAY, 15))]
    assert due([at_risk("g1", now)], now, earlier_today) == ()


def test_a_goal_is_silent_in_its_first_three_days() -> None:
    start = dt.date(2026, 11, 23)
    plan = goal(start=start, unit="lessons", target=30, deadline=dt.date(2026, 12, 11))
    fired = []
    for offset in range(5):
        now = local(start + dt.timedelta(days=offset), 16)
        fired.append(len(due([on(plan, now)], now)))
    assert fired == [0, 0, 0, 1, 1]


def test_goals_that_are_not_active_are_silent() -> None:
    now = local(WEDNESDAY, 16)
    entry = at_risk("g1", now)
    statuses: tuple[GoalStatus, ...] = ("proposed", "returned", "completed", "abandoned")
    for status in statuses:
        parked = GoalPace(goal=msgspec.structs.replace(entry.goal, status=status), pace=entry.pace)
        assert due([parked], now) == (), status


def test_a_passed_deadline_brings_no_more_nudges() -> None:
    now = local(WEDNESDAY, 16)
    assert due([at_risk("g1", now, dt.date(2026, 11, 20))], now) == ()


def test_deadline_at_risk_projects_and_offers_the_effort_that_recovers() -> None:
    now = local(WEDNESDAY, 16)
    half_pace = progress(school_days(MONDAY, dt.date(2026, 11, 24)), 1)
    (nudge,) = due([on(goal(), now, half_pace)], now)
    assert nudge.kind == "deadline_at_risk"
    assert nudge.body == (
        "At your 14-day pace you finish on 22 January; the deadline is 11 December."
        " 4 problems a day gets you back on track."
    )


def test_without_recent_progress_the_nudge_says_so() -> None:
    now = local(WEDNESDAY, 16)
    (nudge,) = due([at_risk("g1", now)], now)
    assert nudge.body.startswith("There is no recent progress to project from;")


def test_deadline_at_risk_fires_once_per_goal_per_week() -> None:
    monday = local(dt.date(2026, 11, 23), 16)
    wednesday = local(WEDNESDAY, 16)
    history = [sent("deadline_at_risk", "g1", monday)]
    assert due([at_risk("g1", wednesday)], wednesday, history) == ()
    next_monday = local(dt.date(2026, 11, 30), 16)
    assert len(due([at_risk("g1", next_monday)], next_monday, history)) == 1


def test_templates_rotate_to_the_least_recently_used() -> None:
    now = local(WEDNESDAY, 16)
    history = [
        sent("deadline_at_risk", "a", local(dt.date(2026, 11, 2), 16), "deadline_at_risk.1"),
        sent("deadline_at_risk", "b", local(dt.date(2026, 11, 3), 16), "deadline_at_risk.2"),
        sent("deadline_at_risk", "c", local(dt.date(2026, 11, 4), 16), "deadline_at_risk.3"),
        sent("deadline_at_risk", "a", local(dt.date(2026, 11, 9), 16), "deadline_at_risk.1"),
    ]
    (nudge,) = due([at_risk("g1", now)], now, history)
    assert nudge.template_id == "deadline_at_risk.2"


def test_two_nudges_of_one_kind_in_one_run_use_different_templates() -> None:
    now = local(WEDNESDAY, 16)
    first, second = due([at_risk("g1", now), at_risk("g2", now)], now)
    assert (first.template_id, second.template_id) == ("deadline_at_risk.1", "deadline_at_risk.2")


def test_an_idle_goal_that_was_going_well_gets_a_gentle_restart() -> None:
    now = local(WEDNESDAY, 16)
    plan = goal(unit="hours", target=10, deadline=dt.date(2026, 12, 18))
    entries = study(school_days(MONDAY, dt.date(2026, 11, 13)), 45)
    (nudge,) = due([on(plan, now, entries=entries)], now)
    assert nudge.kind == "inactivity"
    assert nudge.plan_prompt == (
        "If it is 5 pm on a school day, then I open Algebra practice and study for 15 minutes."
    )


def test_inactivity_waits_a_week_after_any_nudge_on_the_goal() -> None:
    now = local(WEDNESDAY, 16)
    plan = goal(unit="hours", target=10, deadline=dt.date(2026, 12, 18))
    entries = study(school_days(MONDAY, dt.date(2026, 11, 13)), 45)
    recently = [sent("ahead", "g1", local(dt.date(2026, 11, 20), 16))]
    assert due([on(plan, now, entries=entries)], now, recently) == ()


def test_ahead_by_a_school_week_offers_a_stretch_goal() -> None:
    now = local(WEDNESDAY, 16)
    plan = goal(unit="lessons", target=36)
    (nudge,) = due([on(plan, now, progress(school_days(MONDAY, dt.date(2026, 11, 20)), 2))], now)
    assert nudge.kind == "ahead"
    assert [a.kind for a in nudge.actions] == ["stretch_goal", "adjust_goal"]


def test_ahead_by_a_day_or_two_is_left_alone() -> None:
    now = local(WEDNESDAY, 16)
    events = [*progress(school_days(MONDAY, dt.date(2026, 11, 24)), 2), *progress([WEDNESDAY], 6)]
    entry = on(goal(), now, events)
    assert entry.pace.status == "ahead"
    assert due([entry], now) == ()


def week(study_minutes: int, free_minutes: int) -> WeekTime:
    return WeekTime(
        week_start=dt.date(2026, 11, 23), study_minutes=study_minutes, free_minutes=free_minutes
    )


def test_overload_when_goals_ask_more_hours_than_the_student_has() -> None:
    now = local(WEDNESDAY, 16)
    load = Load(
        required_hours=10,
        available_hours=6,
        goals=(),
        week=week(60, 600),
        over_hours=True,
        little_free_time=False,
    )
    (nudge,) = due([], now, load=load)
    assert nudge.kind == "overload"
    assert nudge.goal_id is None
    assert "about 10 hours a week and you have 6 hours" in nudge.body


def test_overload_when_the_week_is_all_study_and_no_free_time() -> None:
    now = local(WEDNESDAY, 16)
    load = Load(
        required_hours=2,
        available_hours=6,
        goals=(),
        week=week(600, 0),
        over_hours=False,
        little_free_time=True,
    )
    (nudge,) = due([], now, load=load)
    assert "You have studied 10 hours this week with 0 minutes of free time." in nudge.body
    assert nudge.plan_prompt.startswith("If it is 8 pm on a school day, then I stop studying")


def test_a_full_and_stressful_week_asks_for_a_talk_with_the_mentor_not_more_study() -> None:
    now = local(WEDNESDAY, 16)
    load = Load(
        required_hours=10,
        available_hours=6,
        goals=(),
        week=week(600, 0),
        over_hours=True,
        little_free_time=True,
    )
    (calm,) = due([], now, load=load)
    (stressed,) = due([], now, load=load, stressed=True)
    assert (calm.kind, stressed.kind) == ("overload", "overload")
    assert calm.plan_prompt.startswith("If it is 8 pm on a school day")
    assert stressed.plan_prompt == (
        "If I see my mentor this week, then I tell them how full and tiring it feels."
    )


def test_overload_fires_once_a_week() -> None:
    now = local(WEDNESDAY, 16)
    load = Load(
        required_hours=2,
        available_hours=6,
        goals=(),
        week=week(600, 0),
        over_hours=False,
        little_free_time=True,
    )
    monday = [sent("overload", None, local(dt.date(2026, 11, 23), 16))]
    assert due([], now, monday, load=load) == ()
