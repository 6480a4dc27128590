"""Working days: the days the pace clock runs on.

A day is a working day when its ISO weekday (1 = Monday ... 7 = Sunday) is one of the student's
working weekdays (Monday to Friday by default) and it lies in no planned-rest period. Planned rest
(a holiday, an illness, an exam week) pauses the pace clock: its days neither add to what is due
nor count as days left to work.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Final, Literal

import msgspec

RestReason = Literal["holiday", "illness", "exam_week"]

WEEKDAYS_MON_FRI: Final = frozenset({1, 2, 3, 4, 5})
_ISO_WEEKDAYS: Final = frozenset(range(1, 8))

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


def _weekdays_of(schedule: Schedule) -> frozenset[int]:
    return schedule.working_weekdays & _ISO_WEEKDAYS


def _weekdays_between(weekdays: frozenset[int], first: dt.date, last: dt.date) -> int:
    """Days from ``first`` to ``last`` (both included) whose ISO weekday is in ``weekdays``.

    Closed form: any seven consecutive days hold each weekday once, so only the days past the
    last whole week are looked at one by one.
    """
    if last < first:
        return 0
    weeks, extra = divmod((last - first).days + 1, 7)
    count = weeks * len(weekdays)
    first_weekday = first.isoweekday()
    for offset in range(extra):
        if (first_weekday - 1 + offset) % 7 + 1 in weekdays:
            count += 1
    return count


def _nth_weekday(weekdays: frozenset[int], first: dt.date, n: int) -> dt.date:
    """The ``n``-th day (n >= 1) on or after ``first`` whose weekday is in ``weekdays``."""
    weeks, rank = divmod(n - 1, len(weekdays))
    day = first + dt.timedelta(days=7 * weeks)
    while True:
        if day.isoweekday() in weekdays:
            if rank == 0:
                return day
            rank -= 1
        day += dt.timedelta(days=1)


@functools.lru_cache(maxsize=1024)
def _merged(rest: tuple[RestPeriod, ...]) -> tuple[tuple[dt.date, dt.date], ...]:
    """Rest periods as sorted, non-overlapping (start, end) ranges."""
    merged: list[tuple[dt.date, dt.date]] = []
    for period in sorted(rest, key=lambda p: (p.start, p.end)):
        if period.end < period.start:
            continue
        if merged and period.start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], period.end))
        else:
            merged.append((period.start, period.end))
    return tuple(merged)


def count_working_days(schedule: Schedule, first: dt.date, last: dt.date) -> int:
    """Working days from ``first`` to ``last``, both included; 0 when ``last`` < ``first``.

    Costs one step per rest period, whatever the span: a five-year goal counts as fast as a week.
    """
    weekdays = _weekdays_of(schedule)
    if last < first or not weekdays:
        return 0
    count = _weekdays_between(weekdays, first, last)
    for start, end in _merged(schedule.rest):
        if end < first or start > last:
            continue
        count -= _weekdays_between(weekdays, max(start, first), min(end, last))
    return count


def nth_working_day(schedule: Schedule, first: dt.date, n: int) -> dt.date | None:
    """The ``n``-th working day on or after ``first`` (n >= 1), or None if none is near enough.

    Walks the rest periods in order, skipping each one whole, so the cost is one step per rest
    period however far away the day is.
    """
    weekdays = _weekdays_of(schedule)
    if not weekdays or n < 1 or n > SEARCH_LIMIT_DAYS + 1:
        return None  # the n-th working day lies at least n days away
    limit = first + dt.timedelta(days=SEARCH_LIMIT_DAYS)
    remaining, cursor = n, first
    found: dt.date | None = None
    for start, end in _merged(schedule.rest):
        if end < cursor:
            continue
        candidate = _nth_weekday(weekdays, cursor, remaining)
        if candidate < start:
            found = candidate
            break
        remaining -= _weekdays_between(weekdays, cursor, start - dt.timedelta(days=1))
        cursor = end + dt.timedelta(days=1)
        if cursor > limit:
            return None
    if found is None:
        found = _nth_weekday(weekdays, cursor, remaining)
    return found if found <= limit else None


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` falls in."""
    return day - dt.timedelta(days=day.weekday())
