"""What of a child's time a parent may see in a digest.

A time entry the student marked private counts towards the study and free totals (so they stay
true) but never appears in any breakdown: not by category, not by goal, not as an entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.digests.inputs import TimeInput


def shareable(entries: Iterable[TimeInput]) -> list[TimeInput]:
    """The entries that may appear in detail: every entry not marked private."""
    return [entry for entry in entries if not entry.private]


def totals(entries: Iterable[TimeInput]) -> tuple[int, int]:
    """Study and free minutes of all entries, private ones included."""
    study = free = 0
    for entry in entries:
        if entry.kind == "study":
            study += entry.minutes
        elif entry.kind == "free":
            free += entry.minutes
    return study, free
