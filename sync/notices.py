"""Conflict notices: which lost values deserve one, and how a notice names what was lost.

A notice tells a student that something they entered did not survive a concurrent edit. Only
values a person typed qualify. What the server made (a nudge, a notice, a change request) and
what a device's state machine sets (a timer's ``running``) can be overwritten without loss:
telling the student "two devices changed 'acted'" after one tap on one device is noise that
teaches them to ignore the notices that matter.
"""

from __future__ import annotations

import uuid
from typing import Final

from sync import hlc
from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    CONFLICT_NOTICE,
    GOAL,
    JSON,
    NUDGE,
    OBSERVATION,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
    TRACK,
    Record,
)
from sync.wire import LostValue

SERVER_MADE_KINDS: Final = frozenset({NUDGE, CONFLICT_NOTICE, CHANGE_REQUEST, OBSERVATION, TRACK})
"""Records the server creates; a student only marks what they did with them."""

STATE_FIELDS: Final[dict[str, frozenset[str]]] = {
    TIME_ENTRY: frozenset({"running"}),
}
"""Fields a mutation sets as a state change (``time.start``/``time.stop``), never typed in."""

FIELD_LABELS: Final[dict[str, dict[str, str]]] = {
    GOAL: {
        "title": "name",
        "target": "target",
        "unit": "unit",
        "unit_label": "unit name",
        "deadline": "deadline",
        "start_date": "start date",
        "subject": "subject",
        "class_id": "class",
        "milestones": "milestones",
        "objectives": "objectives",
        "description": "notes",
        "status": "status",
    },
    PROGRESS: {
        "goal_id": "goal",
        "amount": "amount done",
        "occurred_at": "when it was done",
        "note": "note",
    },
    TIME_ENTRY: {
        "kind": "study or free time",
        "category": "kind of free time",
        "goal_id": "goal",
        "started_at": "start time",
        "minutes": "minutes",
        "private": "private",
        "note": "note",
    },
    REST: {
        "start_date": "first day",
        "end_date": "last day",
        "reason": "reason",
        "note": "note",
    },
    PREFERENCES: {
        "weekly_study_hours": "study hours a week",
        "nudge_window_start": "earliest time for nudges",
        "nudge_window_end": "latest time for nudges",
        "quiet_start": "start of quiet hours",
        "quiet_end": "end of quiet hours",
    },
    CHECK_IN: {
        "week": "week",
        "energy": "energy",
        "stress": "stress",
        "sleep": "sleep",
        "note": "note",
        "shared_with_parents": "shared with parents",
    },
    PROFILE: {
        "strengths": "what you are good at",
        "challenges": "what you find hard",
        "interests": "interests",
        "aims": "what you are aiming for",
        "tags": "tags",
    },
}
"""What a notice calls each field a student can enter, in words a student uses."""

# The namespace of the ids a push derives (``sync.rules`` uses it for change requests): kept,
# so a notice made before this module existed has the id it would get now.
_NAMESPACE: Final = uuid.UUID("6f1c2a4e-8d3b-5f7a-9c0e-1b2d3e4f5a6b")


def quiet_fields(kind: str, fields: frozenset[str]) -> frozenset[str]:
    """Among ``fields`` of a record of ``kind``, those whose loss never makes a notice."""
    if kind in SERVER_MADE_KINDS:
        return fields
    return fields & STATE_FIELDS.get(kind, frozenset())


def field_label(kind: str, field: str) -> str:
    """The words a notice uses for ``field`` of a record of ``kind``."""
    return FIELD_LABELS.get(kind, {}).get(field, field.replace("_", " "))


def notice_id(client_id: str, mutation_id: int, record_id: str, field: str) -> str:
    """One notice per lost value, the same id however often the mutation is applied."""
    key = f"notice/{client_id}/{mutation_id}/{record_id}/{field}"
    return str(uuid.uuid5(_NAMESPACE, key))


def notice_fields(record: Record, item: LostValue) -> dict[str, JSON]:
    """The synced fields of the notice about one value of ``record`` that was lost."""
    return {
        "record_kind": record.kind,
        "record_id": record.id,
        "field": item.field,
        "field_label": field_label(record.kind, item.field),
        "lost_value": item.lost_value,
        "lost_hlc": item.lost_hlc,
        "lost_client": hlc.client_of(item.lost_hlc) if item.lost_hlc else None,
        "winning_value": item.winning_value,
        "winning_hlc": item.winning_hlc,
        "winning_client": item.winning_client,
        "reason": item.reason,
        "dismissed": False,
    }
