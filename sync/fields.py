"""Reading typed values out of a record's JSON fields. Pure functions.

Devices wrote these values; anything that is not what it should be reads as None, so a caller
skips one odd value instead of failing on it.
"""

from __future__ import annotations

import datetime as dt

from sync.records import JSON


def number_of(value: JSON) -> float | None:
    """A JSON number (not a boolean) as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def date_of(value: JSON) -> dt.date | None:
    """An ISO date such as ``2026-11-25``."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def instant_of(value: JSON) -> dt.datetime | None:
    """An ISO date-time with an offset; one without (never synced) reads as None."""
    try:
        parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def local_time_of(value: JSON) -> dt.time | None:
    """A wall-clock time such as ``17:00``."""
    try:
        return dt.time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
