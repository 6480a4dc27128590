"""When a synced record was created, read from the clocks its fields were written with.

Records carry no creation column: the first write is the one with the earliest field clock.
Coaching and digests both date a goal without a start date by it, so they must agree.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sync import hlc
from sync.records import Record


def created_at(record: Record) -> dt.datetime | None:
    """The earliest wall time among the record's well-formed field clocks.

    Without one, when the server last wrote it; None for a record never stored.
    """
    walls = [hlc.wall_of(c) for c in record.clocks.values() if hlc.is_valid(c)]
    ms = min(walls) if walls else record.updated_ms
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC) if ms else None


def created_on(record: Record, time_zone: str) -> dt.date | None:
    """The local day, in ``time_zone``, that the record was created."""
    instant = created_at(record)
    return instant.astimezone(zoneinfo.ZoneInfo(time_zone)).date() if instant else None
