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
from backend.syncing.store import SqlSyncStore
from sync import Record, hlc
from sync.kinds import TrackFields, TrackName
from sync.push import write_record
from sync.records import TRACK, track_id

SERVER_CLIENT_ID = "server"

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
    now_ms = int(utcnow().timestamp() * 1000)
    engine = User._meta.db
    async with write_transaction(engine):
        store = SqlSyncStore(engine)
        await store.lock_spaces([student_id])
        stored = await store.get_record(TRACK, track_id(student_id))
        newest = max(stored.clocks.values(), default=None) if stored is not None else None
        clock = (
            hlc.receive(None, newest, now_ms, SERVER_CLIENT_ID)
            if newest is not None
            else hlc.tick(None, now_ms, SERVER_CLIENT_ID)
        )
        record = Record(
            kind=TRACK,
            id=track_id(student_id),
            space=student_id,
            fields=fields,
            clocks=dict.fromkeys(fields, clock),
            created_by=student_id,
            origin_client=SERVER_CLIENT_ID,
        )
        return await write_record(store, record, now_ms)
