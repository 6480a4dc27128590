"""The closed-form working-day counts agree with walking the calendar day by day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from backend.goals.workdays import (
    SEARCH_LIMIT_DAYS,
    RestPeriod,
    Schedule,
    count_working_days,
    days,
    nth_working_day,
)

DAY = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    weekdays = draw(st.frozensets(st.integers(1, 7), min_size=0, max_size=7))
    rest = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(DAY)
        rest.append(
            RestPeriod(start=start, end=start + dt.timedelta(days=draw(st.integers(0, 40))))
        )
    return Schedule(working_weekdays=weekdays, rest=tuple(rest))


def walked_count(schedule: Schedule, first: dt.date, last: dt.date) -> int:
    return sum(1 for day in days(first, last) if schedule.is_working_day(day))


def walked_nth(schedule: Schedule, first: dt.date, n: int) -> dt.date | None:
    seen = 0
    for day in days(first, first + dt.timedelta(days=SEARCH_LIMIT_DAYS)):
        if schedule.is_working_day(day):
            seen += 1
            if seen >= n:
                return day
    return None


@given(schedules(), DAY, st.integers(-3, 400))
def test_count_matches_walking_the_calendar(schedule: Schedule, first: dt.date, span: int) -> None:
    last = first + dt.timedelta(days=span)
    assert count_working_days(schedule, first, last) == walked_count(schedule, first, last)


@given(schedules(), DAY, st.integers(1, 300))
def test_nth_working_day_matches_walking_the_calendar(
    schedule: Schedule, first: dt.date, n: int
) -> None:
    assert nth_working_day(schedule, first, n) == walked_nth(schedule, first, n)
