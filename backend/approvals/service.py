"""The teacher's approval queue against the database."""

from __future__ import annotations

from collections.abc import Mapping

from backend.access import teaching
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


async def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(sorted(ids)))
    return {r["id"]: r["display_name"] for r in rows}


async def queue_for(teacher: Principal) -> list[ApprovalItem]:
    """Everything waiting for this teacher, across their classes, oldest first: new goals
    and changes of goals in their classes, each under its own class's policy."""
    taught = await teaching(teacher)
    spaces = set(taught)
    store = SqlSyncStore(User._meta.db)
    goals = [g for g in await store.live_records(GOAL, spaces) if in_classes(taught, g)]
    requests = await store.live_records(CHANGE_REQUEST, spaces)
    classes = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
        SchoolClass.teacher == teacher.id
    )
    names = {r["id"]: r["name"] for r in classes}
    return build_queue(goals, requests, await _names(spaces), utcnow(), names)
