"""What of a child's time a parent may see in a digest.

A time entry the student marked private counts towards the study and free totals and towards its
goal's progress (so they stay true and every viewer sees the same status) but never appears in
any breakdown: not by category, not by goal, not as an entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.goals.activity import TimeEntry


def shareable(entries: Iterable[TimeEntry]) -> list[TimeEntry]:
    """The entries that may appear in detail: every entry not marked private."""
    return [entry for entry in entries if not entry.private]
