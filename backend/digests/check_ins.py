"""The student's weekly check-in in a parent's digest, when the student shared it.

A digest shows the latest check-in of the weeks its period touches, and only when that one is
shared with parents (``privacy.shared_check_in``); the lock-screen text never mentions it
(``text``). The check-ins are the learner state's, the same the mentor reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from backend.digests import privacy
from backend.digests.period import Period
from backend.i18n import text
from backend.learner.state import iso_week, local_day
from sync import kinds

SCALE_TOP = 5


class CheckInLine(msgspec.Struct, frozen=True, kw_only=True):
    """A check-in the student shared with their parents: each answer of 1 to 5, and the note."""

    week: str
    energy: int
    stress: int
    sleep: int
    note: str
    text: str
    """One plain line for the parent: "Check-in this week: energy 4/5, stress 2/5, sleep 3/5"."""


def period_weeks(period: Period, time_zone: str) -> list[str]:
    """The student's local ISO weeks the period touches, oldest first."""
    first = local_day(period.start, time_zone)
    last = local_day(period.end - dt.timedelta(microseconds=1), time_zone)
    weeks: list[str] = []
    day = first
    while day <= last:
        if iso_week(day) not in weeks:
            weeks.append(iso_week(day))
        day += dt.timedelta(days=1)
    return weeks


def check_in_text(check_in: kinds.CheckInFields, this_week: str, language: str) -> str:
    """The parent's line about a check-in, "this week" being the week the period ends in."""
    when = "this_week" if check_in.week == this_week else "last_week"
    line = text(
        language,
        f"digest.check_in.{when}",
        energy=check_in.energy,
        stress=check_in.stress,
        sleep=check_in.sleep,
        top=SCALE_TOP,
    )
    note = check_in.note.strip()
    return text(language, "digest.check_in.with_note", line=line, note=note) if note else line


def check_in_line(
    check_ins: Sequence[kinds.CheckInFields], period: Period, time_zone: str, language: str
) -> CheckInLine | None:
    """The check-in a parent reads for ``period`` (``check_ins`` newest first), or None."""
    weeks = period_weeks(period, time_zone)
    shared = privacy.shared_check_in(check_ins, weeks)
    if shared is None:
        return None
    return CheckInLine(
        week=shared.week,
        energy=shared.energy,
        stress=shared.stress,
        sleep=shared.sleep,
        note=shared.note,
        text=check_in_text(shared, weeks[-1], language),
    )
