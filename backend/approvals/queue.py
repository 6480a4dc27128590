"""Building the teacher's approval queue from synced records. Pure logic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from backend.approvals.schemas import ApprovalItem
from sync import hlc
from sync.kinds import ChangeRequestFields, GoalFields, decode_fields
from sync.records import Record

_GOAL_VIEW = ("title", "subject", "unit", "target", "start_date", "deadline", "description")


def _at_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def build_queue(
    goals: Iterable[Record],
    requests: Iterable[Record],
    names: Mapping[int, str],
    now: datetime,
    class_names: Mapping[int, str] | None = None,
) -> list[ApprovalItem]:
    """Pending new goals and change requests, oldest first, each with its age.

    Records are read through their typed kinds (``sync.kinds``); one that does not decode is
    left out of the queue rather than shown half-read.
    """
    by_id = {g.id: (g, fields) for g in goals if (fields := decode_fields(g, GoalFields))}
    items: list[ApprovalItem] = []
    for goal, fields in by_id.values():
        if fields.status != "proposed":
            continue
        status_clock = goal.clocks.get("status")
        asked = _at_ms(hlc.decode(status_clock).wall_ms) if status_clock else now
        items.append(
            ApprovalItem(
                type="new_goal",
                id=goal.id,
                student_id=goal.space,
                student_name=names.get(goal.space, ""),
                goal_id=goal.id,
                goal_title=fields.title,
                goal_version=goal.version,
                requested_at=asked,
                age_hours=0.0,
                current=_view(goal),
                proposed={"status": "active"},
                reason="",
                changed_since_request=False,
                class_id=fields.class_id,
                class_name=(class_names or {}).get(fields.class_id or 0, ""),
            )
        )
    for request in requests:
        change = decode_fields(request, ChangeRequestFields)
        if change is None or change.status != "pending" or change.goal_id not in by_id:
            continue
        goal, fields = by_id[change.goal_id]
        current = {k: goal.fields.get(k) for k in change.proposed}
        items.append(
            ApprovalItem(
                type="change_request",
                id=request.id,
                student_id=request.space,
                student_name=names.get(request.space, ""),
                goal_id=goal.id,
                goal_title=fields.title,
                goal_version=goal.version,
                requested_at=_at_ms(change.requested_ms or request.updated_ms),
                age_hours=0.0,
                current=current,
                proposed=dict(change.proposed),
                reason=change.reason,
                changed_since_request=current != change.current,
                reviewer=change.reviewer,
                class_id=fields.class_id,
                class_name=(class_names or {}).get(fields.class_id or 0, ""),
            )
        )
    items.sort(key=lambda item: (item.requested_at, item.id))
    for item in items:
        item.age_hours = round(max((now - item.requested_at).total_seconds(), 0) / 3600, 1)
    return items


def _view(goal: Record) -> dict[str, Any]:
    """The goal's plan as the teacher reviews it, in its stored JSON form."""
    return {k: goal.fields.get(k) for k in _GOAL_VIEW}
