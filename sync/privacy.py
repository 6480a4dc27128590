"""Per-viewer filters applied to every record a pull sends.

A filter returns the record as the viewer may see it, or None when the viewer may not see it at
all (the device is then told the record is gone, so an earlier copy does not linger).
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from sync.records import TIME_ENTRY, Record

RecordFilter = Callable[[Record], Record | None]

PRIVATE_TIME_VISIBLE_FIELDS = frozenset({"kind", "started_at", "minutes", "private", "running"})


def show_everything(record: Record) -> Record | None:
    """Filter for the record's owner: nothing is hidden."""
    return record


def hide_private_time_details(record: Record) -> Record | None:
    """Filter for parents and teachers: a time entry the student marked private keeps only
    when and how long (so study/free totals stay right), never category, goal or note."""
    if record.kind != TIME_ENTRY or not record.fields.get("private"):
        return record
    return msgspec.structs.replace(
        record,
        fields={k: v for k, v in record.fields.items() if k in PRIVATE_TIME_VISIBLE_FIELDS},
        clocks={k: v for k, v in record.clocks.items() if k in PRIVATE_TIME_VISIBLE_FIELDS},
    )
