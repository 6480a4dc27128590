"""Tracks: the school's programme for a student, published to the student's space.

A track sets when a week counts as overloaded (``sync.kinds.TrackFields``). The limits below are
each track's defaults: an accelerated student (three grades in two) is expected to study more
before a week counts as heavy; a student on a personal path gains time they learn to manage, so
too little free time is flagged sooner.
"""

from __future__ import annotations

from typing import Final

import msgspec

from backend.accounts.tables import User
from backend.clock import utcnow
from backend.db import write_transaction
from backend.syncing.server_records import write_server_record
from backend.syncing.store import SqlSyncStore
from sync import Record
from sync.kinds import TrackFields, TrackName
from sync.records import TRACK, track_id

DEFAULTS: Final[dict[str, TrackFields]] = {
    "standard": TrackFields(track="standard", heavy_study_minutes=8 * 60, scarce_free_minutes=60),
    "accelerated": TrackFields(
        track="accelerated", heavy_study_minutes=10 * 60, scarce_free_minutes=60
    ),
    "personal_path": TrackFields(
        track="personal_path", heavy_study_minutes=6 * 60, scarce_free_minutes=3 * 60
    ),
}


async def set_track(student_id: int, track: TrackName) -> Record:
    """Publish the student's track, with its limits, as the ``track`` record of their space."""
    fields = msgspec.to_builtins(DEFAULTS[track])
    engine = User._meta.db
    async with write_transaction(engine):
        store = SqlSyncStore(engine)
        await store.lock_spaces([student_id])
        return await write_server_record(
            store,
            kind=TRACK,
            record_id=track_id(student_id),
            space=student_id,
            fields=fields,
            created_by=student_id,
            now_ms=int(utcnow().timestamp() * 1000),
        )
