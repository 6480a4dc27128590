"""Working days: the days the pace clock runs on.

A day is a working day when its ISO weekday (1 = Monday ... 7 = Sunday) is one of the student's
working weekdays (Monday to Friday by default) and it lies in no planned-rest period. Planned rest
(a holiday, an illness, an exam week) pauses the pace clock: its days neither add to what is due
nor count as days left to work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final, Literal

import msgspec

RestReason = Literal["holiday", "illness", "exam_week"]

WEEKDAYS_MON_FRI: Final = frozenset({1, 2, 3, 4, 5})

# Far enough for any school goal; a search for a working day stops here instead of looping
# forever when rest covers every remaining day.
SEARCH_LIMIT_DAYS: Final = 3 * 366


class RestPeriod(msgspec.Struct, frozen=True, kw_only=True):
    """Planned rest from ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date
    reason: RestReason = "holiday"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Schedule(msgspec.Struct, frozen=True, kw_only=True):
    """Which days count: ISO weekdays worked (1 = Monday) and planned-rest periods."""

    working_weekdays: frozenset[int] = WEEKDAYS_MON_FRI
    rest: tuple[RestPeriod, ...] = ()

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is a working weekday outside every rest period."""
        if day.isoweekday() not in self.working_weekdays:
            return False
        return not any(period.covers(day) for period in self.rest)

    @property
    def days_per_week(self) -> int:
        """Working weekdays in an ordinary week (rest ignored), used to phrase weekly effort."""
        return len(self.working_weekdays & {1, 2, 3, 4, 5, 6, 7})


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every calendar day from ``first`` to ``last``, both included (none when last < first)."""
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def count_working_days(schedule: Schedule, first: dt.date, last: dt.date) -> int:
    """Working days from ``first`` to ``last``, both included; 0 when ``last`` < ``first``."""
    return sum(1 for day in days(first, last) if schedule.is_working_day(day))


def nth_working_day(schedule: Schedule, first: dt.date, n: int) -> dt.date | None:
    """The ``n``-th working day on or after ``first`` (n >= 1), or None if none is near enough."""
    seen = 0
    for day in days(first, first + dt.timedelta(days=SEARCH_LIMIT_DAYS)):
        if schedule.is_working_day(day):
            seen += 1
            if seen >= n:
                return day
    return None


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` falls in."""
    return day - dt.timedelta(days=day.weekday())
