"""The teacher's approval queue against the database."""

from __future__ import annotations

from collections.abc import Mapping

from backend.access import mentees, teaching
from backend.accounts.principal import Principal
from backend.accounts.tables import User
from backend.approvals.queue import build_queue
from backend.approvals.schemas import ApprovalItem
from backend.classes.tables import SchoolClass
from backend.clock import utcnow
from backend.syncing.store import SqlSyncStore
from sync.policy import class_of
from sync.records import CHANGE_REQUEST, GOAL, Record


def in_classes(taught: Mapping[int, frozenset[int]], goal: Record) -> bool:
    """Whether a goal is in one of the classes through which the teacher sees its student."""
    return class_of(goal.fields) in taught.get(goal.space, frozenset())


def for_mentor(request: Record | None) -> bool:
    """Whether a change request is one the student sent their mentor for advice."""
    return request is not None and request.fields.get("reviewer") == "mentor"


class Decider:
    """Whose decision an item is: a goal of one of my classes, or, for a student I mentor, a
    change of a personal goal they sent me for advice."""

    def __init__(self, taught: Mapping[int, frozenset[int]], mentored: set[int]) -> None:
        self.taught = taught
        self.mentored = mentored
        self.spaces = frozenset(set(taught) | mentored)

    def may_decide(self, goal: Record, request: Record | None) -> bool:
        if for_mentor(request):
            return goal.space in self.mentored
        return in_classes(self.taught, goal)


async def decider_of(user: Principal) -> Decider:
    return Decider(await teaching(user), await mentees(user))


async def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(sorted(ids)))
    return {r["id"]: r["display_name"] for r in rows}


async def queue_for(teacher: Principal) -> list[ApprovalItem]:
    """Everything waiting for this teacher, across their classes, oldest first: new goals
    and changes of goals in their classes, each under its own class's policy."""
    decider = await decider_of(teacher)
    store = SqlSyncStore(User._meta.db)
    goals = await store.live_records(GOAL, decider.spaces)
    requests = await store.live_records(CHANGE_REQUEST, decider.spaces)
    classes = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
        SchoolClass.teacher == teacher.id
    )
    names = {r["id"]: r["name"] for r in classes}
    by_id = {g.id: g for g in goals}
    mine = [
        r
        for r in requests
        if (goal := by_id.get(str(r.fields.get("goal_id")))) is not None
        and decider.may_decide(goal, r)
    ]
    ours = [g for g in goals if decider.may_decide(g, None)]
    # New goals of my classes, and the changes that are mine to decide (their goals come along
    # for the current values, never as new-goal items of their own).
    items = build_queue(goals, mine, await _names(set(decider.spaces)), utcnow(), names)
    return [i for i in items if i.type == "change_request" or i.id in {g.id for g in ours}]
