"""Pace specifications: the pace line, recent velocity, projection, status and daily effort."""

from __future__ import annotations

import datetime as dt

from backend.goals import (
    ProgressEvent,
    RestPeriod,
    Schedule,
    TimeEntry,
    daily_progress,
    expected_progress,
    pace_of,
    persistently_behind,
    project,
)
from backend.goals.pace import recent_velocity
from tests.unit.goals.scenarios import (
    MONDAY,
    WEDNESDAY,
    goal,
    progress,
    school_days,
    study,
)

ALMATY = "Asia/Almaty"
YESTERDAY = WEDNESDAY - dt.timedelta(days=1)


def test_pace_line_adds_one_share_per_working_day() -> None:
    plan = goal()
    assert expected_progress(plan, Schedule(), MONDAY) == 2
    assert expected_progress(plan, Schedule(), dt.date(2026, 11, 6)) == 10


def test_weekends_add_nothing_to_the_pace_line() -> None:
    plan = goal()
    friday, sunday = dt.date(2026, 11, 6), dt.date(2026, 11, 8)
    assert expected_progress(plan, Schedule(), sunday) == expected_progress(
        plan, Schedule(), friday
    )


def test_nothing_is_due_before_the_start_and_everything_from_the_deadline() -> None:
    plan = goal()
    assert expected_progress(plan, Schedule(), MONDAY - dt.timedelta(days=1)) == 0
    assert expected_progress(plan, Schedule(), plan.deadline) == plan.target
    assert expected_progress(plan, Schedule(), dt.date(2027, 1, 1)) == plan.target


def test_planned_rest_pauses_the_pace_line() -> None:
    plan = goal(target=50)
    exams = Schedule(rest=(RestPeriod(start=MONDAY, end=dt.date(2026, 11, 6), reason="exam_week"),))
    assert expected_progress(plan, exams, dt.date(2026, 11, 6)) == 0
    assert expected_progress(plan, exams, dt.date(2026, 11, 9)) == 2


def test_a_working_saturday_counts_when_the_schedule_says_so() -> None:
    plan = goal(target=35)
    six_days = Schedule(working_weekdays=frozenset({1, 2, 3, 4, 5, 6}))
    assert expected_progress(plan, six_days, dt.date(2026, 11, 7)) == 6


def test_steady_work_on_the_pace_line_is_on_track() -> None:
    pace = pace_of(
        goal(),
        progress(school_days(MONDAY, YESTERDAY), 2),
        [],
        today=WEDNESDAY,
        time_zone=ALMATY,
    )
    assert pace.status == "on_track"
    assert pace.projected_finish == dt.date(2026, 12, 11)
    assert pace.daily_effort is not None
    assert pace.daily_effort.phrase == "2 problems a day"


def test_todays_work_counts_as_done_but_not_in_the_velocity() -> None:
    events = progress(school_days(MONDAY, YESTERDAY), 2) + progress([WEDNESDAY], 30)
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.done == 64
    assert pace.velocity == 2


def test_velocity_weighs_yesterday_fourteen_times_two_weeks_ago() -> None:
    per_day = {YESTERDAY: 1.0}
    recent = recent_velocity(per_day, Schedule(), WEDNESDAY, MONDAY)
    per_day_old = {WEDNESDAY - dt.timedelta(days=14): 1.0}
    old = recent_velocity(per_day_old, Schedule(), WEDNESDAY, MONDAY)
    assert recent is not None
    assert old is not None
    assert recent == 14 * old


def test_velocity_is_unknown_before_a_working_day_has_passed() -> None:
    pace = pace_of(goal(start=WEDNESDAY), [], [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.velocity is None
    assert pace.projected_finish is None


def test_zero_velocity_has_no_projected_finish() -> None:
    pace = pace_of(goal(), progress([MONDAY], 2), [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.velocity == 0
    assert pace.projected_finish is None
    assert pace.status == "at_risk"


def test_reaching_the_target_projects_the_day_it_was_reached() -> None:
    pace = pace_of(
        goal(target=20),
        progress(school_days(MONDAY, YESTERDAY), 2),
        [],
        today=WEDNESDAY,
        time_zone=ALMATY,
    )
    assert pace.projected_finish == dt.date(2026, 11, 13)
    assert pace.remaining == 0
    assert pace.daily_effort is None
    assert pace.status == "completed"


def test_a_passed_deadline_with_work_left_is_unreachable() -> None:
    pace = pace_of(goal(deadline=dt.date(2026, 11, 20)), [], [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.status == "unreachable"
    assert pace.working_days_left == 0
    assert pace.daily_effort is None


def test_rest_covering_every_day_left_is_unreachable() -> None:
    holiday = Schedule(rest=(RestPeriod(start=WEDNESDAY, end=dt.date(2026, 12, 31)),))
    pace = pace_of(
        goal(),
        progress(school_days(MONDAY, YESTERDAY), 2),
        [],
        today=WEDNESDAY,
        time_zone=ALMATY,
        schedule=holiday,
    )
    assert pace.status == "unreachable"
    assert pace.required_per_day is None


def test_needing_more_than_the_sustainable_maximum_is_unreachable() -> None:
    pace = pace_of(goal(unit="lessons", target=60), [], [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.required_per_day is not None
    assert pace.required_per_day > 3
    assert pace.status == "unreachable"


def test_a_future_goal_is_not_started_and_asks_its_planned_rate() -> None:
    start = dt.date(2026, 12, 1)
    pace = pace_of(
        goal(start=start, deadline=dt.date(2026, 12, 18), target=28),
        [],
        [],
        today=WEDNESDAY,
        time_zone=ALMATY,
    )
    assert pace.status == "not_started"
    assert pace.working_days_left == 14
    assert pace.required_per_day == 2


def test_nothing_done_yet_today_is_still_on_track() -> None:
    done_through_yesterday = progress(school_days(MONDAY, YESTERDAY), 2)
    pace = pace_of(goal(), done_through_yesterday, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.status == "on_track"


def test_trailing_by_half_a_days_share_is_on_track_while_the_finish_lands_in_time() -> None:
    # A slow first day, made up for since: the recent pace is above the plan's.
    events = [
        *progress(school_days(dt.date(2026, 11, 3), YESTERDAY), 2),
        *progress([YESTERDAY], 1),
    ]
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.due_now - pace.done == 1
    assert pace.projected_finish is not None
    assert pace.projected_finish <= pace_goal_deadline()
    assert pace.status == "on_track"


def test_a_projected_finish_after_the_deadline_is_never_on_track() -> None:
    events = [*progress(school_days(MONDAY, YESTERDAY), 2), *progress([YESTERDAY], -1)]
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.due_now - pace.done == 1
    assert pace.projected_finish is not None
    assert pace.projected_finish > pace_goal_deadline()
    assert pace.status == "behind"


def test_missing_yesterday_is_behind() -> None:
    events = progress(school_days(MONDAY, dt.date(2026, 11, 23)), 2)
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.status == "behind"


def test_missing_two_days_is_behind_not_at_risk() -> None:
    events = progress(school_days(MONDAY, dt.date(2026, 11, 20)), 2)
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.status == "behind"


def test_trailing_by_more_than_three_days_share_is_at_risk() -> None:
    events = progress(school_days(MONDAY, dt.date(2026, 11, 18)), 2)
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.due_now - pace.done == 8
    assert pace.status == "at_risk"


def test_a_new_goal_with_no_progress_is_not_started() -> None:
    pace = pace_of(goal(start=WEDNESDAY), [], [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.status == "not_started"
    assert pace.projected_finish is None


def pace_goal_deadline() -> dt.date:
    return goal().deadline


def test_a_full_days_share_beyond_tonight_is_ahead() -> None:
    events = [*progress(school_days(MONDAY, YESTERDAY), 2), *progress([WEDNESDAY], 4)]
    pace = pace_of(goal(), events, [], today=WEDNESDAY, time_zone=ALMATY)
    assert pace.done - pace.due_today == 2
    assert pace.status == "ahead"


def test_hour_goals_count_linked_study_minutes_only() -> None:
    entries = [
        *study(school_days(MONDAY, YESTERDAY), 30),
        *study([YESTERDAY], 300, goal_id="another goal"),
        *study([YESTERDAY], 300, goal_id=None),
        TimeEntry(
            kind="free",
            goal_id="g1",
            started_at=dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC),
            minutes=90,
        ),
    ]
    pace = pace_of(goal(unit="hours", target=15), [], entries, today=WEDNESDAY, time_zone=ALMATY)
    assert pace.done == 17 * 0.5


def test_hour_goal_effort_is_spoken_in_minutes() -> None:
    entries = study(school_days(MONDAY, YESTERDAY), 25)
    pace = pace_of(goal(unit="hours", target=12), [], entries, today=WEDNESDAY, time_zone=ALMATY)
    assert pace.daily_effort is not None
    assert pace.daily_effort.phrase == "25 minutes a day"


def test_an_evening_event_lands_on_the_students_local_day() -> None:
    evening = ProgressEvent(
        goal_id="g1", amount=2, occurred_at=dt.datetime(2026, 11, 24, 20, tzinfo=dt.UTC)
    )
    events = [*progress(school_days(MONDAY, dt.date(2026, 11, 23)), 2), evening]
    in_almaty = pace_of(goal(), events, [], today=YESTERDAY, time_zone=ALMATY)
    in_los_angeles = pace_of(goal(), events, [], today=YESTERDAY, time_zone="America/Los_Angeles")
    assert in_almaty.done == 32
    assert in_los_angeles.done == 34


def test_a_week_of_trailing_the_pace_line_is_persistently_behind() -> None:
    stopped = progress(school_days(MONDAY, dt.date(2026, 11, 13)), 2)
    per_day = daily_progress(goal(), stopped, [], ALMATY)
    assert persistently_behind(goal(), per_day, WEDNESDAY, Schedule())


def test_a_single_slip_is_not_persistently_behind() -> None:
    slipped = progress(school_days(MONDAY, dt.date(2026, 11, 23)), 2)
    per_day = daily_progress(goal(), slipped, [], ALMATY)
    assert project(goal(), per_day, WEDNESDAY, Schedule()).status == "behind"
    assert not persistently_behind(goal(), per_day, WEDNESDAY, Schedule())


def test_a_goal_younger_than_a_week_is_never_persistently_behind() -> None:
    young = goal(start=dt.date(2026, 11, 20))
    assert not persistently_behind(young, {}, WEDNESDAY, Schedule())
