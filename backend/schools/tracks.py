"""Tracks: the school's programme for a student, published to the student's space.

A track sets when a week counts as overloaded (``sync.kinds.TrackFields``). The limits below are
each track's defaults: an accelerated student (three grades in two) is expected to study more
before a week counts as heavy; a student on a personal path gains time they learn to manage, so
too little free time is flagged sooner. A school may adjust a track's limits (``TrackLimit``);
each student's ``track`` record carries the limits it had when last published, and a school's
change republishes the records of its students on that track, so every view and device follows.

A student without a ``track`` record is on ``standard`` with its default limits.
"""

from __future__ import annotations

from typing import Any, Final, get_args

import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from backend.clock import utcnow
from backend.db import run_sql, write_transaction
from backend.schools.tables import TrackLimit
from backend.syncing.server_records import write_server_record
from backend.syncing.store import SqlSyncStore
from sync import Record
from sync.kinds import TrackFields, TrackName
from sync.records import TRACK, track_id

TRACKS: Final[tuple[TrackName, ...]] = get_args(TrackName)

DEFAULTS: Final[dict[str, TrackFields]] = {
    "standard": TrackFields(track="standard", heavy_study_minutes=8 * 60, scarce_free_minutes=60),
    "accelerated": TrackFields(
        track="accelerated", heavy_study_minutes=10 * 60, scarce_free_minutes=60
    ),
    "personal_path": TrackFields(
        track="personal_path", heavy_study_minutes=6 * 60, scarce_free_minutes=3 * 60
    ),
}


class SchoolTrackLimits(msgspec.Struct, frozen=True, kw_only=True):
    """A track's limits in one school, and whether the school adjusted them."""

    limits: TrackFields
    adjusted: bool


class _Held(msgspec.Struct):
    """What a published ``track`` record says, read leniently."""

    track: str = "standard"
    heavy_study_minutes: int | None = None
    scarce_free_minutes: int | None = None


def _engine() -> Engine[Any]:
    return TrackLimit._meta.db


async def _lock_school(engine: Engine[Any], school_id: int, *, share: bool = False) -> None:
    """Serialise a school's track writes: a student's new track and a track's new limits take
    the school's row in turn, so neither publishes limits the other just replaced. (SQLite's
    write transactions are serial already.) ``NO KEY UPDATE`` leaves rows that only point at
    the school free to be written meanwhile; new students take it ``share``d, so they wait
    only for a change of limits, not for each other."""
    if isinstance(engine, PostgresEngine):
        if share:
            await run_sql(engine, "SELECT id FROM school WHERE id = {} FOR SHARE", school_id)
        else:
            await run_sql(
                engine, "SELECT id FROM school WHERE id = {} FOR NO KEY UPDATE", school_id
            )


async def school_tracks(school_id: int) -> dict[str, SchoolTrackLimits]:
    """Every track's limits in the school: its own where it set them, else the defaults."""
    rows = await TrackLimit.select(
        TrackLimit.track, TrackLimit.heavy_study_minutes, TrackLimit.scarce_free_minutes
    ).where(TrackLimit.school == school_id)
    found: dict[str, SchoolTrackLimits] = {
        track: SchoolTrackLimits(limits=DEFAULTS[track], adjusted=False) for track in TRACKS
    }
    for row in rows:
        if row["track"] in found:
            limits = TrackFields(
                track=row["track"],
                heavy_study_minutes=row["heavy_study_minutes"],
                scarce_free_minutes=row["scarce_free_minutes"],
            )
            found[row["track"]] = SchoolTrackLimits(limits=limits, adjusted=True)
    return found


async def _publish(store: SqlSyncStore, student_id: int, limits: TrackFields) -> Record:
    return await write_server_record(
        store,
        kind=TRACK,
        record_id=track_id(student_id),
        space=student_id,
        fields=msgspec.to_builtins(limits),
        created_by=student_id,
        now_ms=int(utcnow().timestamp() * 1000),
    )


async def set_track(student_id: int, school_id: int, track: TrackName) -> Record:
    """Publish the student's track, with the school's limits for it, as the ``track`` record
    of their space."""
    engine = _engine()
    async with write_transaction(engine):
        await _lock_school(engine, school_id)
        limits = (await school_tracks(school_id))[track].limits
        store = SqlSyncStore(engine)
        await store.lock_spaces([student_id])
        return await _publish(store, student_id, limits)


async def give_new_student_school_limits(student_id: int, school_id: int) -> None:
    """Inside the caller's write transaction: a new student of a school whose ``standard``
    limits differ from the defaults gets them as their ``track`` record (without one, a
    student is on ``standard`` with the defaults)."""
    engine = _engine()
    await _lock_school(engine, school_id, share=True)
    standard = (await school_tracks(school_id))["standard"].limits
    if standard == DEFAULTS["standard"]:
        return
    store = SqlSyncStore(engine)
    await store.lock_spaces([student_id])
    await _publish(store, student_id, standard)


async def _students_to_republish(
    engine: Engine[Any], school_id: int, limits: TrackFields
) -> list[int]:
    """The school's students on ``limits.track`` whose record says other limits (or, for
    ``standard``, who have no record yet)."""
    rows = await run_sql(
        engine,
        "SELECT u.id, r.fields FROM app_user u LEFT JOIN sync_record r "
        "ON r.space = u.id AND r.kind = {} AND r.deleted = {} "
        "WHERE u.school = {} AND u.role = {} ORDER BY u.id",
        TRACK,
        False,
        school_id,
        "student",
    )
    found: list[int] = []
    for row in rows:
        held = msgspec.json.decode(row["fields"] or "{}", type=_Held)
        if held.track != limits.track:
            continue
        if row["fields"] is None or (held.heavy_study_minutes, held.scarce_free_minutes) != (
            limits.heavy_study_minutes,
            limits.scarce_free_minutes,
        ):
            found.append(int(row["id"]))
    return found


async def set_track_limits(
    school_id: int, track: TrackName, *, heavy_study_minutes: int, scarce_free_minutes: int
) -> tuple[TrackFields, list[int]]:
    """Store the school's limits for ``track`` and republish the ``track`` record of each of
    its students on it, in one transaction. Returns the limits and the students republished
    (for the caller to poke their devices after the commit)."""
    limits = TrackFields(
        track=track,
        heavy_study_minutes=heavy_study_minutes,
        scarce_free_minutes=scarce_free_minutes,
    )
    engine = _engine()
    async with write_transaction(engine):
        await _lock_school(engine, school_id)
        await TrackLimit.insert(
            TrackLimit(
                school=school_id,
                track=track,
                heavy_study_minutes=heavy_study_minutes,
                scarce_free_minutes=scarce_free_minutes,
                updated_at=utcnow(),
            )
        ).on_conflict(
            target=(TrackLimit.school, TrackLimit.track),
            action="DO UPDATE",
            values=[
                TrackLimit.heavy_study_minutes,
                TrackLimit.scarce_free_minutes,
                TrackLimit.updated_at,
            ],
        )
        students = await _students_to_republish(engine, school_id, limits)
        store = SqlSyncStore(engine)
        await store.lock_spaces(students)
        for student_id in students:
            await _publish(store, student_id, limits)
    return limits, students
