"""What of a child's time and well-being a parent may see in a digest.

A time entry the student marked private counts towards the study and free totals and towards its
goal's progress (so they stay true and every viewer sees the same status) but never appears in
any breakdown: not by category, not by goal, not as an entry.

A weekly check-in is the student's and their mentor's; a parent reads one only when the student
shared it, as in a pull (``sync.privacy.parent_view``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from backend.goals.activity import TimeEntry
from sync.kinds import CheckInFields


def shareable(entries: Iterable[TimeEntry]) -> list[TimeEntry]:
    """The entries that may appear in detail: every entry not marked private."""
    return [entry for entry in entries if not entry.private]


def shared_check_in(
    check_ins: Sequence[CheckInFields], weeks: Collection[str]
) -> CheckInFields | None:
    """The latest check-in of ``weeks`` (``check_ins`` newest first) if it is shared with
    parents. A newer private check-in hides an older shared one too: showing last week's
    answers as the latest would tell the parent something the student chose not to say."""
    latest = next((c for c in check_ins if c.week in weeks), None)
    if latest is None or not latest.shared_with_parents:
        return None
    return latest
