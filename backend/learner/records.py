"""A student's synced records, decoded once into their typed kinds (``sync.kinds``).

Every reader of a student's records (the student's screens on the server, the teacher's
overview, mentors, digests, nudges) goes through ``decode``: a record that does not decode is
skipped and counted, so one unusable record costs that record, never the student's whole state.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import msgspec

from sync import hlc, kinds
from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    GOAL,
    MASTERY,
    NUDGE,
    OBSERVATION,
    POLICY,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
    TRACK,
    Record,
)

log = logging.getLogger("waypoint.learner")

F = TypeVar("F", bound=kinds.Bounded)


class Typed(msgspec.Struct, Generic[F], frozen=True, kw_only=True):
    """One live record: its identity, when it was created, and its decoded fields."""

    id: str
    space: int
    version: int
    created_at: dt.datetime | None
    fields: F


class Earlier(msgspec.Struct, frozen=True, kw_only=True):
    """Work on one goal written before the window the records were read in, as totals."""

    amount: float = 0.0
    """Sum of its progress amounts, in the goal's unit."""
    study_minutes: float = 0.0
    """Sum of the minutes of study time linked to it."""


class LearnerRecords(msgspec.Struct, frozen=True, kw_only=True):
    """One student's live records, by kind, each decoded into its typed fields."""

    goals: tuple[Typed[kinds.GoalFields], ...] = ()
    progress: tuple[Typed[kinds.ProgressFields], ...] = ()
    time_entries: tuple[Typed[kinds.TimeEntryFields], ...] = ()
    rest: tuple[Typed[kinds.RestFields], ...] = ()
    nudges: tuple[Typed[kinds.NudgeFields], ...] = ()
    change_requests: tuple[Typed[kinds.ChangeRequestFields], ...] = ()
    check_ins: tuple[Typed[kinds.CheckInFields], ...] = ()
    observations: tuple[Typed[kinds.ObservationFields], ...] = ()
    mastery: tuple[Typed[kinds.MasteryFields], ...] = ()
    classes: kinds.StudentClasses | None = None
    """The student's classes, with their objectives, as the ``policy`` record lists them."""
    profile: kinds.ProfileFields | None = None
    track: kinds.TrackFields | None = None
    preferences: kinds.PreferencesFields | None = None
    skipped: int = 0
    """Records that did not decode (out of bounds, corrupted) and were left out."""
    earlier: dict[str, Earlier] = msgspec.field(default_factory=dict)
    """Per goal id: work written before ``window_start``, when only a window was read."""
    window_start: dt.datetime | None = None
    """Where the window of progress, time and nudges begins; None when all were read."""


def created_at(record: Record) -> dt.datetime | None:
    """When the record was first written: the earliest wall time among its field clocks.

    Without one, when the server last wrote it; None for a record never stored.
    """
    walls = [hlc.wall_of(c) for c in record.clocks.values() if hlc.is_valid(c)]
    ms = min(walls) if walls else record.updated_ms
    if not ms:
        return None
    try:
        return dt.datetime.fromtimestamp(ms / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def typed(record: Record, fields_type: type[F]) -> Typed[F] | None:
    """``record`` with its fields decoded as ``fields_type``; None if it is deleted or invalid."""
    fields = kinds.decode_fields(record, fields_type)
    if fields is None:
        return None
    return Typed(
        id=record.id,
        space=record.space,
        version=record.version,
        created_at=created_at(record),
        fields=fields,
    )


def decode(
    records: Iterable[Record],
    *,
    earlier: Mapping[str, Earlier] | None = None,
    window_start: dt.datetime | None = None,
) -> LearnerRecords:
    """Sort a student's records by kind and decode each once; tombstones are left out.

    ``earlier`` and ``window_start`` describe work before a window, when only one was read.
    """
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        if not record.deleted:
            by_kind.setdefault(record.kind, []).append(record)
    skipped = 0

    def each(kind: str, fields_type: type[F]) -> tuple[Typed[F], ...]:
        nonlocal skipped
        found: list[Typed[F]] = []
        for record in by_kind.get(kind, ()):
            decoded = typed(record, fields_type)
            if decoded is None:
                skipped += 1
                log.warning("skipped %s %s: its fields are out of bounds", kind, record.id)
            else:
                found.append(decoded)
        return tuple(found)

    preferences = next(iter(each(PREFERENCES, kinds.PreferencesFields)), None)
    profile = next(iter(each(PROFILE, kinds.ProfileFields)), None)
    track = next(iter(each(TRACK, kinds.TrackFields)), None)
    classes = next(iter(each(POLICY, kinds.StudentClasses)), None)
    return LearnerRecords(
        goals=each(GOAL, kinds.GoalFields),
        progress=each(PROGRESS, kinds.ProgressFields),
        time_entries=each(TIME_ENTRY, kinds.TimeEntryFields),
        rest=each(REST, kinds.RestFields),
        nudges=each(NUDGE, kinds.NudgeFields),
        change_requests=each(CHANGE_REQUEST, kinds.ChangeRequestFields),
        check_ins=each(CHECK_IN, kinds.CheckInFields),
        observations=each(OBSERVATION, kinds.ObservationFields),
        mastery=each(MASTERY, kinds.MasteryFields),
        classes=classes.fields if classes is not None else None,
        profile=profile.fields if profile is not None else None,
        track=track.fields if track is not None else None,
        preferences=preferences.fields if preferences is not None else None,
        skipped=skipped,
        earlier=dict(earlier or {}),
        window_start=window_start,
    )
