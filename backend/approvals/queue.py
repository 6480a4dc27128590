"""Building the teacher's approval queue from synced records. Pure logic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from backend.approvals.schemas import ApprovalItem
from sync import hlc
from sync.records import Record

_GOAL_VIEW = ("title", "subject", "unit", "target", "start_date", "deadline", "description")


def _at_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def build_queue(
    goals: Iterable[Record],
    requests: Iterable[Record],
    names: Mapping[int, str],
    now: datetime,
) -> list[ApprovalItem]:
    """Pending new goals and change requests, oldest first, each with its age."""
    by_id = {g.id: g for g in goals}
    items: list[ApprovalItem] = []
    for goal in by_id.values():
        if goal.fields.get("status") != "proposed":
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
                goal_title=str(goal.fields.get("title", "")),
                goal_version=goal.version,
                requested_at=asked,
                age_hours=0.0,
                current={k: goal.fields.get(k) for k in _GOAL_VIEW},
                proposed={"status": "active"},
                reason="",
                changed_since_request=False,
            )
        )
    for request in requests:
        fields = request.fields
        target = by_id.get(str(fields.get("goal_id")))
        if fields.get("status") != "pending" or target is None:
            continue
        goal = target
        proposed = fields.get("proposed")
        proposed = proposed if isinstance(proposed, dict) else {}
        then = fields.get("current")
        then = then if isinstance(then, dict) else {}
        current = {k: goal.fields.get(k) for k in proposed}
        items.append(
            ApprovalItem(
                type="change_request",
                id=request.id,
                student_id=request.space,
                student_name=names.get(request.space, ""),
                goal_id=goal.id,
                goal_title=str(goal.fields.get("title", "")),
                goal_version=goal.version,
                requested_at=_at_ms(int(fields.get("requested_ms") or request.updated_ms)),
                age_hours=0.0,
                current=current,
                proposed=dict(proposed),
                reason=str(fields.get("reason") or ""),
                changed_since_request=current != then,
            )
        )
    items.sort(key=lambda item: (item.requested_at, item.id))
    for item in items:
        item.age_hours = round(max((now - item.requested_at).total_seconds(), 0) / 3600, 1)
    return items
