"""Parents' digest preferences: defaults, and the schedule a stored row means."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import msgspec

from backend.digests.period import DigestSchedule, QuietHours

DEFAULT_FREQUENCY: Final = "weekly"
DEFAULT_SEND_TIME: Final = "18:00"
DEFAULT_WEEKDAY: Final = 7
DEFAULT_QUIET: Final = ("21:00", "07:00")

_decode_ids = msgspec.json.Decoder(list[int]).decode


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def schedule_of(row: Mapping[str, Any]) -> tuple[DigestSchedule, list[int]]:
    """The schedule and muted children of a candidate row (preference columns may be null).

    A parent with no saved preferences (``preference`` null) gets the defaults in their
    account's time zone. Raises ValueError on unreadable stored values.
    """
    if row.get("preference") is None:
        quiet = QuietHours(start=_time(DEFAULT_QUIET[0]), end=_time(DEFAULT_QUIET[1]))
        schedule = DigestSchedule(
            frequency=DEFAULT_FREQUENCY,
            send_time=_time(DEFAULT_SEND_TIME),
            weekday=DEFAULT_WEEKDAY,
            time_zone=row["account_zone"] or "UTC",
            quiet=quiet,
        )
        return schedule, []
    quiet_hours = None
    if row["quiet_start"] and row["quiet_end"]:
        quiet_hours = QuietHours(start=_time(row["quiet_start"]), end=_time(row["quiet_end"]))
    frequency = row["frequency"]
    if frequency not in ("daily", "weekly", "off"):
        raise ValueError(f"unknown frequency {frequency!r}")
    schedule = DigestSchedule(
        frequency=frequency,
        send_time=_time(row["send_time"]),
        weekday=int(row["weekday"]),
        time_zone=row["time_zone"],
        quiet=quiet_hours,
    )
    return schedule, _decode_ids(row["muted"] or "[]")
