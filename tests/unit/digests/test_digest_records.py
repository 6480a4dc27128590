"""Synced records become digest inputs through the same privacy filter a parent's pull uses."""

from __future__ import annotations

from backend.digests.records import child_input
from sync.records import Record


def record(kind: str, fields: dict[str, object], **extra: object) -> Record:
    values: dict[str, object] = {
        "kind": kind,
        "id": f"{kind}-{len(fields)}",
        "space": 7,
        "fields": fields,
        "clocks": {},
        "created_by": 7,
        **extra,
    }
    return Record(**values)  # type: ignore[arg-type]


def test_a_private_time_entry_keeps_only_when_and_how_long() -> None:
    inputs = child_input(
        7,
        "Amir",
        "UTC",
        [
            record(
                "time_entry",
                {
                    "kind": "free",
                    "category": "friends",
                    "goal_id": "g1",
                    "note": "party",
                    "started_at": "2026-11-25T10:00:00Z",
                    "minutes": 45,
                    "private": True,
                },
            )
        ],
    )
    [entry] = inputs.time
    assert entry.private
    assert entry.minutes == 45
    assert entry.category is None
    assert entry.goal_id is None


def test_tombstones_running_timers_and_malformed_records_are_skipped() -> None:
    inputs = child_input(
        7,
        "Amir",
        "UTC",
        [
            record("goal", {}, deleted=True),
            record("goal", {"title": "No target", "deadline": "2027-01-01"}),
            record(
                "time_entry",
                {"kind": "study", "started_at": "2026-11-25T10:00:00Z", "running": True},
            ),
            record("time_entry", {"kind": "study", "started_at": "not a date", "minutes": 5}),
            record(
                "progress", {"goal_id": "g1", "amount": True, "occurred_at": "2026-11-25T10:00:00Z"}
            ),
            record("nudge", {"title": 3}),
            record("change_request", {"goal_id": "g1", "proposed": "x"}),
            record("conflict_notice", {"field": "title"}),
        ],
    )
    found = (inputs.goals, inputs.time, inputs.progress, inputs.nudges, inputs.changes)
    assert all(len(items) == 0 for items in found)


def test_a_goal_without_a_start_date_starts_when_it_was_first_written() -> None:
    clock = "1764064800000-000000-device1"  # 2025-11-25T10:00:00Z
    inputs = child_input(
        7,
        "Amir",
        "Asia/Tokyo",
        [
            record(
                "goal",
                {"title": "Read", "target": 10, "unit": "pages", "deadline": "2026-01-31"},
                clocks={"title": clock, "target": clock},
            )
        ],
    )
    [goal] = inputs.goals
    assert str(goal.start) == "2025-11-25"
    assert goal.status == "active"
