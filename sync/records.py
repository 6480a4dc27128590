"""The generic record every synced thing is stored and shipped as.

A record lives in one *space*: the user id of the student who owns it. Versions are per space,
so a pull asks "what changed in space 7 after version 120", never scans the whole database.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

import msgspec

JSON = Any
"""A JSON-compatible value (None, bool, int, float, str, list, dict)."""

GOAL: Final = "goal"
PROGRESS: Final = "progress"
TIME_ENTRY: Final = "time_entry"
NUDGE: Final = "nudge"
CONFLICT_NOTICE: Final = "conflict_notice"
CHANGE_REQUEST: Final = "change_request"
REST: Final = "rest"
PREFERENCES: Final = "preferences"
# Server-written: the student's classes and the approval policy each applies to its goals.
POLICY: Final = "policy"
# The student's weekly well-being check-in: one per local week.
CHECK_IN: Final = "check_in"
# The student's learner profile (one per student), and their mentor's observations on it.
PROFILE: Final = "profile"
OBSERVATION: Final = "observation"
# Server-written: the student's track (the school's programme for them) and its load limits.
TRACK: Final = "track"
# Server-written: a class's learning objective as the student's teacher marked it (mastered or
# not), one per student and objective.
MASTERY: Final = "mastery"

KINDS: Final = frozenset(
    {
        GOAL,
        PROGRESS,
        TIME_ENTRY,
        NUDGE,
        CONFLICT_NOTICE,
        CHANGE_REQUEST,
        REST,
        PREFERENCES,
        POLICY,
        CHECK_IN,
        PROFILE,
        OBSERVATION,
        TRACK,
        MASTERY,
    }
)

# `returned` is set only by a teacher's decision: the goal goes back to the student to rework.
GOAL_STATUSES: Final = ("proposed", "active", "returned", "completed", "abandoned")
_PREFERENCES_NAMESPACE: Final = uuid.UUID("0b6f3c1e-5a2d-4e8f-9b7c-3d1e2f4a5b6c")


def preferences_id(space: int) -> str:
    """The one preferences record of a space: the same id on every device, so edits merge."""
    return str(uuid.uuid5(_PREFERENCES_NAMESPACE, f"preferences:{space}"))


_CHECK_IN_NAMESPACE: Final = uuid.UUID("7a1d9e3c-2b4f-4c6a-8e0d-5f3b1a2c9d7e")


def check_in_id(space: int, week: str) -> str:
    """The one check-in of a space for an ISO week ("2026-W49"): the same id on every device,
    so two devices answering the same week merge field by field."""
    return str(uuid.uuid5(_CHECK_IN_NAMESPACE, f"check_in:{space}:{week}"))


_PROFILE_NAMESPACE: Final = uuid.UUID("2c8e4a6b-1d3f-4b5a-9e7c-0a1b2c3d4e5f")


def profile_id(space: int) -> str:
    """The one learner profile of a space: the same id on every device, so edits merge."""
    return str(uuid.uuid5(_PROFILE_NAMESPACE, f"profile:{space}"))


_TRACK_NAMESPACE: Final = uuid.UUID("4e6a8c0b-3d5f-4a7b-8c9d-1e2f3a4b5c6d")


def track_id(space: int) -> str:
    """The one track record of a space."""
    return str(uuid.uuid5(_TRACK_NAMESPACE, f"track:{space}"))


_MASTERY_NAMESPACE: Final = uuid.UUID("9d2f4b6a-8c1e-4f3a-a5b7-6e8d0c2a4f1b")


def mastery_id(space: int, objective_id: int) -> str:
    """The one mastery record of a student and an objective: marking it again rewrites it."""
    return str(uuid.uuid5(_MASTERY_NAMESPACE, f"mastery:{space}:{objective_id}"))


GOVERNED_GOAL_FIELDS: Final = frozenset({"target", "deadline", "status"})


class Record(msgspec.Struct, kw_only=True, frozen=True):
    """One synced record.

    ``clocks`` holds the HLC of the last accepted write of each field. A deleted record is a
    tombstone: ``deleted`` is true and ``fields``/``clocks`` are emptied, so erasure really erases.
    ``updated_ms`` is the server time of the last write; compaction uses it to age tombstones.
    """

    kind: str
    id: str
    space: int
    fields: dict[str, JSON]
    clocks: dict[str, str]
    deleted: bool = False
    version: int = 0
    created_by: int
    origin_client: str | None = None
    updated_ms: int = 0
