"""Weekly load: hours the goals ask for, and this week's study and free time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import msgspec

from backend.goals import Goal, ProgressEvent, TimeEntry, pace_of, week_time, weekly_load
from backend.goals.activity import TimeKind
from backend.goals.load import required_hours_per_week, week_bounds
from backend.goals.pace import Pace
from tests.unit.goals.scenarios import WEDNESDAY, goal

ALMATY = "Asia/Almaty"
LONDON = "Europe/London"


def paced(plan: Goal, events: list[ProgressEvent] | None = None) -> tuple[Goal, Pace]:
    return plan, pace_of(plan, events or [], [], today=WEDNESDAY, time_zone=ALMATY)


def entry(kind: TimeKind, start: dt.datetime, minutes: int) -> TimeEntry:
    return TimeEntry(kind=kind, started_at=start, minutes=minutes)


def at(day: dt.date, hour: int, minute: int = 0, zone: str = ALMATY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def test_required_hours_use_each_units_minutes() -> None:
    # From Wednesday 25 November to Friday 11 December: 13 working days left.
    lessons = goal(goal_id="a", unit="lessons", target=26, start=WEDNESDAY)
    hours = goal(goal_id="b", unit="hours", target=13, start=WEDNESDAY)
    loads = required_hours_per_week([paced(lessons), paced(hours)])
    # 2 lessons of 30 minutes a day and 1 hour a day, each over 5 working days a week.
    assert [(load.goal_id, load.hours_per_week) for load in loads] == [("a", 5.0), ("b", 5.0)]


def test_a_students_own_estimate_of_a_unit_wins() -> None:
    plan = msgspec.structs.replace(
        goal(unit="pages", target=130, start=WEDNESDAY), minutes_per_unit=12
    )
    (load,) = required_hours_per_week([paced(plan)])
    assert load.hours_per_week == 10 * 5 * 12 / 60


def test_goals_past_their_deadline_reached_or_inactive_ask_no_hours() -> None:
    late = goal(goal_id="late", deadline=dt.date(2026, 11, 20))
    done = goal(goal_id="done", target=1)
    finished = ProgressEvent(
        goal_id="done", amount=1, occurred_at=dt.datetime(2026, 11, 3, tzinfo=dt.UTC)
    )
    proposed = msgspec.structs.replace(goal(goal_id="proposed"), status="proposed")
    assert required_hours_per_week([paced(late), paced(done, [finished]), paced(proposed)]) == ()


def test_required_hours_above_available_is_overload() -> None:
    lessons = goal(unit="lessons", target=26, start=WEDNESDAY)
    load = weekly_load(
        [paced(lessons)], [], available_hours=4, now=at(WEDNESDAY, 16), time_zone=ALMATY
    )
    assert load.required_hours == 5
    assert load.over_hours
    assert load.overloaded


def test_eight_hours_of_study_and_under_an_hour_free_is_overload() -> None:
    entries = [
        entry("study", at(dt.date(2026, 11, 23), 15), 240),
        entry("study", at(dt.date(2026, 11, 24), 15), 240),
        entry("free", at(dt.date(2026, 11, 24), 20), 45),
    ]
    load = weekly_load([], entries, available_hours=10, now=at(WEDNESDAY, 16), time_zone=ALMATY)
    assert (load.week.study_minutes, load.week.free_minutes) == (480, 45)
    assert load.little_free_time
    assert not load.over_hours


def test_an_hour_of_free_time_is_enough_to_not_be_overloaded() -> None:
    entries = [
        entry("study", at(dt.date(2026, 11, 23), 9), 600),
        entry("free", at(dt.date(2026, 11, 24), 20), 60),
    ]
    load = weekly_load([], entries, available_hours=10, now=at(WEDNESDAY, 16), time_zone=ALMATY)
    assert not load.overloaded


def test_the_week_starts_on_monday_midnight_local_time() -> None:
    sunday_night = entry("study", at(dt.date(2026, 11, 22), 23, 30), 60)
    week = week_time([sunday_night], now=at(WEDNESDAY, 16), time_zone=ALMATY)
    assert week.week_start == dt.date(2026, 11, 23)
    assert week.study_minutes == 30


def test_the_same_entry_falls_in_different_weeks_by_time_zone() -> None:
    # Monday 23 November 02:00 UTC is Monday 07:00 in Almaty but Sunday 18:00 in Los Angeles.
    start = dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    logged = [entry("free", start, 60)]
    assert week_time(logged, now=now, time_zone=ALMATY).free_minutes == 60
    assert week_time(logged, now=now, time_zone="America/Los_Angeles").free_minutes == 0


def test_time_after_now_does_not_count_yet() -> None:
    running = entry("study", at(WEDNESDAY, 15), 120)
    assert week_time([running], now=at(WEDNESDAY, 16), time_zone=ALMATY).study_minutes == 60


def test_a_week_across_the_clocks_going_back_is_169_hours() -> None:
    # British clocks go back on Sunday 25 October 2026.
    start, end = week_bounds(at(dt.date(2026, 10, 21), 12, zone=LONDON), LONDON)
    assert end - start == dt.timedelta(hours=169)


def test_a_free_evening_across_the_clocks_going_back_counts_real_minutes() -> None:
    # 00:30 BST to 01:30 GMT on 25 October is two hours of real time.
    evening = TimeEntry(
        kind="free", started_at=dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC), minutes=120
    )
    now = at(dt.date(2026, 10, 25), 20, zone=LONDON)
    assert week_time([evening], now=now, time_zone=LONDON).free_minutes == 120
