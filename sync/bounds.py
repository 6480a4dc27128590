"""The bounds every stored value keeps, in one place: the typed records and the mutation
arguments both use them, and the protocol document lists them.

Dates and instants have a supported window. Outside it, arithmetic on them (normalising an
instant at the calendar's edge to UTC, walking from year 1300 to a deadline) either overflows or
costs time that one student's odd input must never take from everyone else.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

EARLIEST_DAY: Final = dt.date(2000, 1, 1)
"""The first calendar day a record may name (a start date, a deadline, planned rest)."""
LATEST_DAY: Final = dt.date(2099, 12, 31)
"""The last calendar day a record may name."""
EARLIEST_INSTANT: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST_INSTANT: Final = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

MAX_GOAL_DAYS: Final = 5 * 366
"""A goal runs at most five years from its start to its deadline."""
MAX_REST_DAYS: Final = 366
"""One planned-rest period lasts at most a year."""
PAST_DAYS: Final = 2 * 366
"""How far before the server's today a date of a new write may lie (an offline device may be
weeks behind; a plan is rarely backdated by more than a school year)."""
FUTURE_DAYS: Final = 5 * 366
"""How far after the server's today a date of a new write may lie."""
FUTURE_INSTANT_SLACK: Final = dt.timedelta(days=2)
"""Progress and time are logged after they happen; a device clock may run a little fast."""


class OutOfBounds(ValueError):
    """A value outside its documented bounds; the message names the field and the bounds."""


def check_day(field: str, value: dt.date | None) -> None:
    """``value`` must lie inside the supported calendar window."""
    if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
        raise OutOfBounds(
            f"`{field}` must be a day from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"
        )


def check_instant(field: str, value: dt.datetime | None) -> None:
    """``value`` (aware) must normalise to UTC inside the supported window.

    The year is checked first, on the value as written, so that converting an instant at the
    calendar's edge (year 1 or 9999 with an offset) never overflows.
    """
    if value is None:
        return
    message = (
        f"`{field}` must be an instant from {EARLIEST_INSTANT.isoformat()} "
        f"to {LATEST_INSTANT.isoformat()}"
    )
    if not EARLIEST_DAY.year - 1 < value.year < LATEST_DAY.year + 1:
        raise OutOfBounds(message)
    if not EARLIEST_INSTANT <= value.astimezone(dt.UTC) < LATEST_INSTANT:
        raise OutOfBounds(message)


def check_near(field: str, value: dt.date | None, today: dt.date) -> None:
    """A date a write sets must lie within a sane distance of the day it is written."""
    if value is None:
        return
    if value < today - dt.timedelta(days=PAST_DAYS) or value > today + dt.timedelta(
        days=FUTURE_DAYS
    ):
        raise OutOfBounds(
            f"`{field}` must lie within {PAST_DAYS} days before and {FUTURE_DAYS} days after today"
        )


def check_not_future(field: str, value: dt.datetime | None, now: dt.datetime) -> None:
    """Work is logged after it happened: an instant may run ahead of ``now`` by a little only."""
    if value is not None and value.astimezone(dt.UTC) > now + FUTURE_INSTANT_SLACK:
        raise OutOfBounds(f"`{field}` lies in the future; log work once it has happened")
    if value is not None and value.astimezone(dt.UTC) < now - dt.timedelta(days=PAST_DAYS):
        raise OutOfBounds(f"`{field}` lies more than {PAST_DAYS} days in the past")
