"""A track sets when a week of heavy study with little free time counts as overloaded."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from backend.learner.records import decode
from backend.learner.state import learner_state
from backend.schools.tracks import DEFAULTS
from sync import hlc
from sync.records import TIME_ENTRY, TRACK, Record, track_id

ZONE = "Asia/Almaty"
# A Friday evening: the week so far holds the study below.
NOW = dt.datetime(2026, 11, 27, 14, 0, tzinfo=dt.UTC)


def _record(kind: str, fields: dict[str, Any], record_id: str | None = None) -> Record:
    clock = hlc.tick(None, int(NOW.timestamp() * 1000) - 1000, "device")
    return Record(
        kind=kind,
        id=record_id or str(uuid.uuid4()),
        space=7,
        fields=fields,
        clocks=dict.fromkeys(fields, clock),
        created_by=7,
    )


def _week(study_hours: float, free_minutes: int) -> list[Record]:
    monday = dt.datetime(2026, 11, 23, 4, 0, tzinfo=dt.UTC)
    records = [
        _record(
            TIME_ENTRY,
            {
                "kind": "study",
                "started_at": (monday + dt.timedelta(days=day)).isoformat(),
                "minutes": round(study_hours * 60 / 4),
            },
        )
        for day in range(4)
    ]
    if free_minutes:
        records.append(
            _record(
                TIME_ENTRY,
                {
                    "kind": "free",
                    "category": "sport",
                    "started_at": (monday + dt.timedelta(days=1, hours=8)).isoformat(),
                    "minutes": free_minutes,
                },
            )
        )
    return records


def _overloaded(records: list[Record]) -> bool:
    return learner_state(decode(records), now=NOW, time_zone=ZONE).load.overloaded


def _on(track: str) -> Record:
    return _record(TRACK, msgspec.to_builtins(DEFAULTS[track]), track_id(7))


def test_nine_hours_of_study_without_free_time_is_too_much_unless_accelerated() -> None:
    week = _week(9, 0)
    assert _overloaded(week)  # no track record: the standard limits
    assert _overloaded([*week, _on("standard")])
    assert not _overloaded([*week, _on("accelerated")])


def test_a_personal_path_flags_a_week_with_little_free_time_sooner() -> None:
    week = _week(6.5, 120)
    assert not _overloaded([*week, _on("standard")])
    assert _overloaded([*week, _on("personal_path")])
