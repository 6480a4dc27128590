"""Synced records of one student turned into digest inputs, through the parents' privacy filter.

Records come as the sync engine stores them; anything malformed is skipped rather than failing a
whole digest, because one odd record must not cost a parent their summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from backend.creation import created_at, created_on
from backend.digests.inputs import (
    ChangeInput,
    ChildInput,
    GoalInput,
    NudgeInput,
    ProgressInput,
    TimeInput,
)
from sync.fields import date_of, instant_of, number_of
from sync.privacy import hide_private_time_details
from sync.records import CHANGE_REQUEST, GOAL, NUDGE, PROGRESS, TIME_ENTRY, Record


def _from_ms(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def _goal(record: Record, time_zone: str) -> GoalInput | None:
    f = record.fields
    target, deadline = number_of(f.get("target")), date_of(f.get("deadline"))
    if target is None or deadline is None or not isinstance(f.get("title"), str):
        return None
    start = date_of(f.get("start_date")) or created_on(record, time_zone)
    return GoalInput(
        id=record.id,
        title=f["title"],
        unit=str(f.get("unit") or ""),
        target=target,
        deadline=deadline,
        status=str(f.get("status") or "active"),
        start=start,
    )


def _progress(record: Record) -> ProgressInput | None:
    f = record.fields
    amount, occurred = number_of(f.get("amount")), instant_of(f.get("occurred_at"))
    if amount is None or occurred is None or not isinstance(f.get("goal_id"), str):
        return None
    return ProgressInput(goal_id=f["goal_id"], amount=amount, occurred_at=occurred)


def _time(record: Record) -> TimeInput | None:
    # The same filter a parent's pull goes through: private entries keep only when and how long.
    visible = hide_private_time_details(record)
    if visible is None:
        return None
    f = visible.fields
    started, minutes = instant_of(f.get("started_at")), f.get("minutes")
    if started is None or not isinstance(minutes, int) or minutes <= 0 or f.get("running"):
        return None
    category, goal_id = f.get("category"), f.get("goal_id")
    return TimeInput(
        kind=str(f.get("kind") or "study"),
        started_at=started,
        minutes=minutes,
        private=bool(f.get("private")),
        category=category if isinstance(category, str) else None,
        goal_id=goal_id if isinstance(goal_id, str) else None,
    )


def _nudge(record: Record) -> NudgeInput | None:
    f = record.fields
    title = f.get("title")
    fired = instant_of(f.get("fired_at")) or instant_of(f.get("created_at")) or created_at(record)
    if not isinstance(title, str) or fired is None:
        return None
    kind = f.get("kind")
    return NudgeInput(title=title, fired_at=fired, kind=kind if isinstance(kind, str) else "")


def _change(record: Record) -> ChangeInput | None:
    f = record.fields
    proposed, current = f.get("proposed"), f.get("current")
    if not isinstance(f.get("goal_id"), str) or not isinstance(proposed, dict):
        return None
    changed = (
        instant_of(f.get("decided_at"))
        or (_from_ms(record.updated_ms) if record.updated_ms else None)
        or created_at(record)
    )
    if changed is None:
        return None
    return ChangeInput(
        goal_id=f["goal_id"],
        status=str(f.get("status") or "pending"),
        proposed=proposed,
        current=current if isinstance(current, dict) else {},
        changed_at=changed,
    )


def child_input(
    student_id: int, name: str, time_zone: str, records: Iterable[Record]
) -> ChildInput:
    """One child's digest inputs from their synced records (tombstones are ignored)."""
    goals: list[GoalInput] = []
    progress: list[ProgressInput] = []
    time: list[TimeInput] = []
    nudges: list[NudgeInput] = []
    changes: list[ChangeInput] = []
    for record in records:
        if record.deleted:
            continue
        if record.kind == GOAL:
            goal = _goal(record, time_zone)
            if goal:
                goals.append(goal)
        elif record.kind == PROGRESS:
            event = _progress(record)
            if event:
                progress.append(event)
        elif record.kind == TIME_ENTRY:
            entry = _time(record)
            if entry:
                time.append(entry)
        elif record.kind == NUDGE:
            nudge = _nudge(record)
            if nudge:
                nudges.append(nudge)
        elif record.kind == CHANGE_REQUEST:
            change = _change(record)
            if change:
                changes.append(change)
    return ChildInput(
        student_id=student_id,
        name=name,
        time_zone=time_zone,
        goals=tuple(goals),
        progress=tuple(progress),
        time=tuple(time),
        nudges=tuple(nudges),
        changes=tuple(changes),
    )
