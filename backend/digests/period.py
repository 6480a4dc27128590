"""When a parent's digest is due: daily or weekly, at a local send time, outside quiet hours.

A period ends at its *nominal* send instant (the send time on a local calendar day) and starts at
the one before, so consecutive periods tile time without gaps even across daylight-saving
changes: a local day may last 23 or 25 hours. The period is named by its frequency and the local
date it ends on (``weekly:2026-11-29``), which is what makes scheduling idempotent per parent.

A send time that falls inside quiet hours is held until they end. A digest is delivered only
within a catch-up window after that; a server that was down for longer skips the period rather
than send a stale summary, and the next period goes out as usual.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Final, Literal

import msgspec

Frequency = Literal["daily", "weekly", "off"]
PeriodKind = Literal["daily", "weekly"]

STEP: Final[dict[PeriodKind, int]] = {"daily": 1, "weekly": 7}
"""Days from one period's end to the next."""

CATCH_UP: Final[dict[PeriodKind, dt.timedelta]] = {
    "daily": dt.timedelta(hours=6),
    "weekly": dt.timedelta(hours=48),
}
"""How late a digest may still go out after its (quiet-hours adjusted) delivery time."""


class QuietHours(msgspec.Struct, frozen=True, kw_only=True):
    """Local times from ``start`` (included) to ``end`` (excluded); may wrap past midnight."""

    start: dt.time
    end: dt.time

    def contains(self, moment: dt.time) -> bool:
        """True when the local wall-clock time ``moment`` is quiet."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class DigestSchedule(msgspec.Struct, frozen=True, kw_only=True):
    """A parent's delivery preferences. ``weekday`` (ISO, 1 = Monday) applies to weekly only."""

    frequency: Frequency
    send_time: dt.time
    time_zone: str
    weekday: int = 7
    quiet: QuietHours | None = None


class Period(msgspec.Struct, frozen=True, kw_only=True):
    """One digest's time span (UTC instants) and when it may be delivered.

    ``previous_start`` begins the period before, which the digest compares against.
    """

    kind: PeriodKind
    key: str
    local_date: dt.date
    start: dt.datetime
    end: dt.datetime
    previous_start: dt.datetime
    deliver_at: dt.datetime


def local_instant(day: dt.date, moment: dt.time, time_zone: str) -> dt.datetime:
    """The UTC instant of wall-clock ``moment`` on ``day`` in ``time_zone``.

    A time skipped by a daylight-saving jump resolves to the instant just after the jump; a
    repeated time to its first occurrence.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    return dt.datetime.combine(day, moment, tzinfo=zone).astimezone(dt.UTC)


def leave_quiet_hours(
    instant: dt.datetime, quiet: QuietHours | None, time_zone: str
) -> dt.datetime:
    """``instant``, or the end of the quiet hours it falls in."""
    if quiet is None:
        return instant
    local = instant.astimezone(zoneinfo.ZoneInfo(time_zone))
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return instant
    day = local.date()
    end = local_instant(day, quiet.end, time_zone)
    if end <= instant:
        end = local_instant(day + dt.timedelta(days=1), quiet.end, time_zone)
    return end


def period_ending_on(schedule: DigestSchedule, day: dt.date, kind: PeriodKind) -> Period:
    """The period whose nominal send instant is ``schedule.send_time`` on local ``day``."""
    step = dt.timedelta(days=STEP[kind])
    end = local_instant(day, schedule.send_time, schedule.time_zone)
    return Period(
        kind=kind,
        key=f"{kind}:{day.isoformat()}",
        local_date=day,
        start=local_instant(day - step, schedule.send_time, schedule.time_zone),
        end=end,
        previous_start=local_instant(day - 2 * step, schedule.send_time, schedule.time_zone),
        deliver_at=leave_quiet_hours(end, schedule.quiet, schedule.time_zone),
    )


def _send_days(schedule: DigestSchedule, today: dt.date, kind: PeriodKind) -> list[dt.date]:
    """Candidate local days a period could end on, newest first."""
    if kind == "daily":
        return [today - dt.timedelta(days=n) for n in range(3)]
    return [
        today - dt.timedelta(days=n)
        for n in range(15)
        if (today - dt.timedelta(days=n)).isoweekday() == schedule.weekday
    ]


def due_period(schedule: DigestSchedule, now: dt.datetime) -> Period | None:
    """The period whose digest should go out at ``now`` (aware), or None.

    None when digests are off, the latest period is still waiting for its send time or for quiet
    hours to end, ``now`` is itself quiet, or the catch-up window has passed. Callers make it
    idempotent by remembering which period keys they already created.
    """
    if schedule.frequency == "off":
        return None
    kind: PeriodKind = schedule.frequency
    zone = zoneinfo.ZoneInfo(schedule.time_zone)
    local_now = now.astimezone(zone)
    if schedule.quiet is not None and schedule.quiet.contains(
        local_now.time().replace(tzinfo=None)
    ):
        return None
    for day in _send_days(schedule, local_now.date(), kind):
        period = period_ending_on(schedule, day, kind)
        if period.deliver_at > now:
            continue
        if now - period.deliver_at > CATCH_UP[kind]:
            return None
        return period
    return None


def latest_period(kind: PeriodKind, now: dt.datetime, time_zone: str) -> Period:
    """The period of ``kind`` ending at ``now`` (for previews: "what would be sent right now")."""
    step = dt.timedelta(days=STEP[kind])
    return Period(
        kind=kind,
        key=f"{kind}:preview",
        local_date=now.astimezone(zoneinfo.ZoneInfo(time_zone)).date(),
        start=now - step,
        end=now,
        previous_start=now - 2 * step,
        deliver_at=now,
    )
